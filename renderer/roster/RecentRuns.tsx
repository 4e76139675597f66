import { Badge, Card, Stack, Table, Text, Title } from '@mantine/core';
import type { RosterRun } from '../../src/contract';
import { formatDateTime, sentenceText, useTranslation } from '../i18n';
import { countPart, outcomeLabel, triggerLabel } from './labels';

function summary(run: RosterRun): string {
  if (run.message) return sentenceText(run.message);
  const c = run.counts ?? {};
  const parts = [
    countPart('new', c.added ?? 0),
    countPart('changed', c.changed ?? 0),
    countPart('movedOut', c.movedOut ?? 0),
    ...(c.reactivated ? [countPart('reactivated', c.reactivated)] : []),
    ...(c.errors ? [countPart('errors', c.errors)] : []),
  ];
  return parts.join(', ');
}

const outcomeColor: Record<RosterRun['outcome'], string> = { applied: 'green', blocked: 'orange', failed: 'red' };

export function RecentRuns({ runs }: { runs: RosterRun[] }) {
  const { t } = useTranslation();
  return (
    <Card withBorder component="section" aria-labelledby="import-runs-heading">
      <Stack>
        <Title order={3} id="import-runs-heading">
          {t('roster.runs.title')}
        </Title>
        {runs.length === 0 ? (
          <Text c="dimmed">{t('roster.runs.none')}</Text>
        ) : (
          <Table striped aria-label={t('roster.runs.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('roster.runs.when')}</Table.Th>
                <Table.Th>{t('roster.runs.how')}</Table.Th>
                <Table.Th>{t('roster.runs.file')}</Table.Th>
                <Table.Th>{t('roster.runs.result')}</Table.Th>
                <Table.Th>{t('roster.runs.details')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {runs.map((run) => (
                <Table.Tr key={run.id}>
                  <Table.Td>{formatDateTime(run.at)}</Table.Td>
                  <Table.Td>
                    {run.trigger === 'staff'
                      ? t('roster.runs.byStaff', { how: triggerLabel(run.trigger), actor: run.actor })
                      : triggerLabel(run.trigger)}
                  </Table.Td>
                  <Table.Td>{run.fileName ?? t('common.none')}</Table.Td>
                  <Table.Td>
                    <Badge color={outcomeColor[run.outcome]} variant="light">
                      {outcomeLabel(run.outcome)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{summary(run)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Card>
  );
}
