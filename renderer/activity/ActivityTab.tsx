import { Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { AuditEntry } from '../../src/contract';
import { invoke, on } from '../api/client';
import { ErrorAlert } from '../components/ErrorText';
import { formatDateTime, useTranslation } from '../i18n';
import { describeDetails, describeEntry } from './describe';
import { ExportDialog } from './ExportDialog';

const pageSize = 100;

/** Every staff action and door event, newest first, updating live. */
export function ActivityTab() {
  const { t } = useTranslation();
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
        <Title order={2}>{t('activity.title')}</Title>
        <Button variant="default" onClick={() => setExporting(true)}>
          {t('activity.export')}
        </Button>
      </Group>
      <ExportDialog opened={exporting} onClose={() => setExporting(false)} />
      <ErrorAlert error={error} title={t('activity.loadFailed')} />
      <Table striped aria-label={t('activity.title')} aria-busy={loading}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('recipients.when')}</Table.Th>
            <Table.Th>{t('recipients.who')}</Table.Th>
            <Table.Th>{t('recipients.what')}</Table.Th>
            <Table.Th>{t('activity.subject')}</Table.Th>
            <Table.Th>{t('recipients.details')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((e) => (
            <Table.Tr key={e.id}>
              <Table.Td>{formatDateTime(e.at)}</Table.Td>
              <Table.Td>{e.actor}</Table.Td>
              <Table.Td>{describeEntry(e)}</Table.Td>
              <Table.Td>{e.subject ?? ''}</Table.Td>
              <Table.Td>{describeDetails(e)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {!loading && entries.length === 0 && <Text c="dimmed">{t('activity.nothing')}</Text>}
      {more && (
        <Button variant="default" onClick={() => void loadMore()}>
          {t('activity.older')}
        </Button>
      )}
    </Stack>
  );
}
