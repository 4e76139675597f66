import { Accordion, Alert, Card, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import type { RosterDiffSummary, RosterDryRun, RosterSkipKind } from '../../src/contract';
import { formatList, formatNumber, formatPercent, useTranslation } from '../i18n';
import { ChangeTable, ErrorTable, LinkedTable, NewTable } from './DiffTables';
import { counted, skipLabel } from './labels';

function Count({ label, value, color }: { label: string; value: number; color?: string }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="sm" role="group" aria-label={t('roster.diff.count', { label, value: formatNumber(value) })}>
      <Text size="xl" fw={700} c={value > 0 ? color : 'dimmed'}>
        {formatNumber(value)}
      </Text>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
    </Paper>
  );
}

interface Props {
  diff: RosterDiffSummary;
  layout: RosterDryRun['layout'];
  busy: boolean;
  onUnlink: (recipientId: number) => void;
}

/** The header's line (or the two joined lines) and the title rows above it that were skipped. */
function headerNote(layout: RosterDryRun['layout'], t: TFunction): string | null {
  const lines = layout.headerLines;
  if (lines.length === 0) return null;
  const where = lines.length > 1 ? { lines: formatList(lines.map(String)) } : { line: lines[0] };
  const key = lines.length > 1 ? 'roster.layout.headerJoined' : 'roster.layout.headerOn';
  return layout.titleRows > 0 ? t(`${key}Titles`, { ...where, ...counted(layout.titleRows) }) : t(key, where);
}

/** "Header found on line 4; 2 title rows above it skipped. Report rows that are not residents, skipped: 3 section headings, …" */
function LayoutNote({ diff, layout }: Pick<Props, 'diff' | 'layout'>) {
  const { t } = useTranslation();
  const skipped = (Object.entries(diff.skipped) as [RosterSkipKind, number][])
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => skipLabel(kind, n));
  if (layout.spacerRows > 0) skipped.push(t('roster.layout.blankRows', counted(layout.spacerRows)));
  const header = headerNote(layout, t);
  if (!header && skipped.length === 0) return null;
  return (
    <Text size="sm" c="dimmed">
      {header} {skipped.length > 0 && t('roster.layout.skipped', { list: skipped.join(', ') })}
    </Text>
  );
}

/** Step 3: what the import would do, before anything changes. */
export function DiffView({ diff, layout, busy, onUnlink }: Props) {
  const { t } = useTranslation();
  const { counts, safety } = diff;
  const section = (value: string, title: string, count: number, listed: number, table: ReactNode) =>
    count > 0 && (
      <Accordion.Item value={value}>
        <Accordion.Control>{t('roster.diff.section', { title, n: formatNumber(count) })}</Accordion.Control>
        <Accordion.Panel>
          {count > listed && (
            <Text size="sm" c="dimmed" mb="xs">
              {t('roster.diff.showingFirst', { n: formatNumber(listed) })}
            </Text>
          )}
          {table}
        </Accordion.Panel>
      </Accordion.Item>
    );

  return (
    <Card withBorder component="section" aria-labelledby="import-diff-heading">
      <Stack>
        <Title order={3} id="import-diff-heading">
          {t('roster.diff.title')}
        </Title>
        <SimpleGrid cols={{ base: 3, md: 6 }} spacing="sm">
          <Count label={t('roster.diff.new')} value={counts.added} color="green" />
          <Count label={t('roster.diff.changed')} value={counts.changed} color="blue" />
          <Count label={t('roster.diff.movedOut')} value={counts.movedOut} color="red" />
          <Count label={t('roster.diff.reactivated')} value={counts.reactivated} color="green" />
          <Count label={t('roster.diff.unchanged')} value={counts.unchanged} />
          <Count label={t('roster.diff.errors')} value={counts.errors} color="orange" />
          <Count label={t('roster.diff.warnings')} value={diff.warnings.length} color="yellow" />
          <Count label={t('roster.diff.linked')} value={diff.linked.length} color="blue" />
        </SimpleGrid>
        <LayoutNote diff={diff} layout={layout} />
        {counts.conflicts > 0 && <Text size="sm">{t('roster.diff.conflicts', counted(counts.conflicts))}</Text>}
        {counts.skippedInactive > 0 && (
          <Text size="sm" c="dimmed">
            {t('roster.diff.skippedInactive', counted(counts.skippedInactive))}
          </Text>
        )}
        {safety.exceeded && (
          <Alert color="red" icon={<IconAlertTriangle aria-hidden />} title={t('roster.diff.tooMany')} role="alert">
            {t('roster.diff.tooManyText', {
              n: formatNumber(safety.wouldDeactivate),
              active: formatNumber(safety.activeBefore),
              share: formatPercent(safety.share),
              limit: formatPercent(safety.limit),
            })}
          </Alert>
        )}
        <Accordion multiple variant="separated">
          {section('added', t('roster.diff.new'), counts.added, diff.added.length, <NewTable rows={diff.added} />)}
          {section(
            'changed',
            t('roster.diff.changed'),
            counts.changed,
            diff.changed.length,
            <ChangeTable rows={diff.changed} label={t('roster.tables.changed')} />,
          )}
          {section(
            'movedOut',
            t('roster.diff.movedOut'),
            counts.movedOut,
            diff.movedOut.length,
            <ChangeTable rows={diff.movedOut} label={t('roster.tables.movedOut')} reason />,
          )}
          {section(
            'reactivated',
            t('roster.diff.reactivated'),
            counts.reactivated,
            diff.reactivated.length,
            <ChangeTable rows={diff.reactivated} label={t('roster.tables.reactivated')} />,
          )}
          {section('errors', t('roster.diff.errors'), counts.errors, diff.errors.length, <ErrorTable rows={diff.errors} />)}
          {section(
            'warnings',
            t('roster.diff.warnings'),
            counts.warnings ?? diff.warnings.length,
            diff.warnings.length,
            <ErrorTable rows={diff.warnings} label={t('roster.tables.warnings')} />,
          )}
          {section(
            'linked',
            t('roster.diff.linkedSection'),
            diff.linked.length,
            diff.linked.length,
            <LinkedTable rows={diff.linked} busy={busy} onUnlink={onUnlink} />,
          )}
        </Accordion>
      </Stack>
    </Card>
  );
}
