import { Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { AuditEntry } from '../../src/contract';
import { invoke, on } from '../api/client';
import { ErrorAlert } from '../components/ErrorText';
import { describeDetails, describeEntry, formatTime } from './describe';
import { ExportDialog } from './ExportDialog';

const pageSize = 100;

/** Every staff action and door event, newest first, updating live. */
export function ActivityTab() {
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [more, setMore] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [loading, setLoading] = useState(true);
  const [exporting, setExporting] = useState(false);

  useEffect(() => {
    let live = true;
    invoke('activity.list', { limit: pageSize }).then(
      (page) => {
        if (!live) return;
        setEntries((current) =>
          [...current.filter((e) => !page.items.some((p) => p.id === e.id)), ...page.items].sort((a, b) => b.id - a.id),
        );
        setMore(page.more);
        setLoading(false);
      },
      (e: Error) => live && (setError(e), setLoading(false)),
    );
    const off = on('activity.appended', (entry) =>
      setEntries((current) => (current.some((e) => e.id === entry.id) ? current : [entry, ...current])),
    );
    return () => {
      live = false;
      off();
    };
  }, []);

  async function loadMore() {
    const last = entries[entries.length - 1];
    if (!last) return;
    try {
      const page = await invoke('activity.list', { limit: pageSize, beforeId: last.id });
      setEntries((current) => [...current, ...page.items]);
      setMore(page.more);
    } catch (e) {
      setError(e as Error);
    }
  }

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Activity</Title>
        <Button variant="default" onClick={() => setExporting(true)}>
          Export
        </Button>
      </Group>
      <ExportDialog opened={exporting} onClose={() => setExporting(false)} />
      <ErrorAlert error={error} title="Could not load activity" />
      <Table striped aria-label="Activity" aria-busy={loading}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>When</Table.Th>
            <Table.Th>Who</Table.Th>
            <Table.Th>What</Table.Th>
            <Table.Th>Subject</Table.Th>
            <Table.Th>Details</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((e) => (
            <Table.Tr key={e.id}>
              <Table.Td>{formatTime(e.at)}</Table.Td>
              <Table.Td>{e.actor}</Table.Td>
              <Table.Td>{describeEntry(e)}</Table.Td>
              <Table.Td>{e.subject ?? ''}</Table.Td>
              <Table.Td>{describeDetails(e)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {!loading && entries.length === 0 && <Text c="dimmed">Nothing has happened yet.</Text>}
      {more && (
        <Button variant="default" onClick={() => void loadMore()}>
          Show older activity
        </Button>
      )}
    </Stack>
  );
}
