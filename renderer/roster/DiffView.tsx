import { Accordion, Alert, Card, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { RosterDiffSummary, RosterDryRun, RosterSkipKind } from '../../src/contract';
import { ChangeTable, ErrorTable, LinkedTable, NewTable } from './DiffTables';
import { percent, skipLabels } from './labels';

function Count({ label, value, color }: { label: string; value: number; color?: string }) {
  return (
    <Paper withBorder p="sm" role="group" aria-label={`${label}: ${value}`}>
      <Text size="xl" fw={700} c={value > 0 ? color : 'dimmed'}>
        {value.toLocaleString()}
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

/** "Header on line 4 (2 title rows above it skipped). Skipped: 3 section headings, 12 charge lines under a resident." */
function LayoutNote({ diff, layout }: Pick<Props, 'diff' | 'layout'>) {
  const skipped = (Object.entries(diff.skipped) as [RosterSkipKind, number][])
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => `${n} ${skipLabels[kind]}`);
  if (layout.spacerRows > 0) skipped.push(`${layout.spacerRows} blank rows`);
  const header =
    layout.headerLines.length > 0
      ? `Header found on line${layout.headerLines.length > 1 ? `s ${layout.headerLines.join(' and ')} (two rows joined)` : ` ${layout.headerLines[0]}`}` +
        (layout.titleRows > 0 ? `; ${layout.titleRows} title row${layout.titleRows === 1 ? '' : 's'} above it skipped.` : '.')
      : null;
  if (!header && skipped.length === 0) return null;
  return (
    <Text size="sm" c="dimmed">
      {header} {skipped.length > 0 && `Report rows that are not residents, skipped: ${skipped.join(', ')}.`}
    </Text>
  );
}

/** Step 3: what the import would do, before anything changes. */
export function DiffView({ diff, layout, busy, onUnlink }: Props) {
  const { counts, safety } = diff;
  const section = (value: string, title: string, count: number, listed: number, table: ReactNode) =>
    count > 0 && (
      <Accordion.Item value={value}>
        <Accordion.Control>
          {title} ({count.toLocaleString()})
        </Accordion.Control>
        <Accordion.Panel>
          {count > listed && (
            <Text size="sm" c="dimmed" mb="xs">
              Showing the first {listed.toLocaleString()}.
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
          What this import will change
        </Title>
        <SimpleGrid cols={{ base: 3, md: 6 }} spacing="sm">
          <Count label="New" value={counts.added} color="green" />
          <Count label="Changed" value={counts.changed} color="blue" />
          <Count label="Moved out" value={counts.movedOut} color="red" />
          <Count label="Back again" value={counts.reactivated} color="green" />
          <Count label="Unchanged" value={counts.unchanged} />
          <Count label="Rows with errors" value={counts.errors} color="orange" />
          <Count label="Imported without a field" value={diff.warnings.length} color="yellow" />
          <Count label="Linked" value={diff.linked.length} color="blue" />
        </SimpleGrid>
        <LayoutNote diff={diff} layout={layout} />
        {counts.conflicts > 0 && (
          <Text size="sm">
            {counts.conflicts} of these recipients were edited by hand in Packroom; their rows are marked “Edited in Packroom”.
          </Text>
        )}
        {counts.skippedInactive > 0 && (
          <Text size="sm" c="dimmed">
            {counts.skippedInactive} former residents in the file were never in Packroom and are not added.
          </Text>
        )}
        {safety.exceeded && (
          <Alert color="red" icon={<IconAlertTriangle aria-hidden />} title="Many residents would lose access" role="alert">
            This import would deactivate {safety.wouldDeactivate} of {safety.activeBefore} active residents ({percent(safety.share)}), more
            than the limit of {percent(safety.limit)}. A cut-off or wrong export looks like this: check the file before you apply it.
          </Alert>
        )}
        <Accordion multiple variant="separated">
          {section('added', 'New', counts.added, diff.added.length, <NewTable rows={diff.added} />)}
          {section(
            'changed',
            'Changed',
            counts.changed,
            diff.changed.length,
            <ChangeTable rows={diff.changed} label="Changed recipients" />,
          )}
          {section(
            'movedOut',
            'Moved out',
            counts.movedOut,
            diff.movedOut.length,
            <ChangeTable rows={diff.movedOut} label="Recipients who moved out" reason />,
          )}
          {section(
            'reactivated',
            'Back again',
            counts.reactivated,
            diff.reactivated.length,
            <ChangeTable rows={diff.reactivated} label="Recipients back again" />,
          )}
          {section('errors', 'Rows with errors', counts.errors, diff.errors.length, <ErrorTable rows={diff.errors} />)}
          {section(
            'warnings',
            'Imported without a field',
            counts.warnings ?? diff.warnings.length,
            diff.warnings.length,
            <ErrorTable rows={diff.warnings} label="Residents imported without a field" />,
          )}
          {section(
            'linked',
            'Added by hand, linked to the file',
            diff.linked.length,
            diff.linked.length,
            <LinkedTable rows={diff.linked} busy={busy} onUnlink={onUnlink} />,
          )}
        </Accordion>
      </Stack>
    </Card>
  );
}
