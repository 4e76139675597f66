import { Accordion, Alert, Card, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { RosterDiffSummary } from '../../src/contract';
import { ChangeTable, ErrorTable, NewTable } from './DiffTables';
import { percent } from './labels';

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

/** Step 3: what the import would do, before anything changes. */
export function DiffView({ diff }: { diff: RosterDiffSummary }) {
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
        </SimpleGrid>
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
        </Accordion>
      </Stack>
    </Card>
  );
}
