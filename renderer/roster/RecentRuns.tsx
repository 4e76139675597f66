import { Badge, Card, Stack, Table, Text, Title } from '@mantine/core';
import type { RosterRun } from '../../src/contract';
import { outcomeLabels, triggerLabels } from './labels';

function summary(run: RosterRun): string {
  if (run.message) return run.message;
  const c = run.counts ?? {};
  const parts = [
    `${c.added ?? 0} new`,
    `${c.changed ?? 0} changed`,
    `${c.movedOut ?? 0} moved out`,
    ...(c.reactivated ? [`${c.reactivated} back again`] : []),
    ...(c.errors ? [`${c.errors} rows with errors`] : []),
  ];
  return parts.join(', ');
}

const outcomeColor: Record<RosterRun['outcome'], string> = { applied: 'green', blocked: 'orange', failed: 'red' };

export function RecentRuns({ runs }: { runs: RosterRun[] }) {
  return (
    <Card withBorder component="section" aria-labelledby="import-runs-heading">
      <Stack>
        <Title order={3} id="import-runs-heading">
          Last imports
        </Title>
        {runs.length === 0 ? (
          <Text c="dimmed">No imports yet.</Text>
        ) : (
          <Table striped aria-label="Last imports">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>When</Table.Th>
                <Table.Th>How</Table.Th>
                <Table.Th>File</Table.Th>
                <Table.Th>Result</Table.Th>
                <Table.Th>Details</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {runs.map((run) => (
                <Table.Tr key={run.id}>
                  <Table.Td>{new Date(run.at).toLocaleString()}</Table.Td>
                  <Table.Td>
                    {triggerLabels[run.trigger]}
                    {run.trigger === 'staff' ? ` (${run.actor})` : ''}
                  </Table.Td>
                  <Table.Td>{run.fileName ?? '—'}</Table.Td>
                  <Table.Td>
                    <Badge color={outcomeColor[run.outcome]} variant="light">
                      {outcomeLabels[run.outcome]}
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
