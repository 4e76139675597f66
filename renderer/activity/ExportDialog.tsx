import { Button, Checkbox, Group, Modal, Progress, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { invoke } from '../api/client';
import { ErrorAlert } from '../components/ErrorText';

const day = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
/** Local midnight at the start of a YYYY-MM-DD day, as an ISO time with offset. */
const startOf = (value: string) => new Date(`${value}T00:00:00`).toISOString();

/**
 * Export a date range of the activity log as CSV with the chain hashes, for handing over after an
 * incident. The core answers in pieces; each piece becomes part of a Blob at once, so even a very
 * large log is never one string in memory.
 */
export function ExportDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const today = new Date();
  const [from, setFrom] = useState(day(new Date(today.getTime() - 6 * 86_400_000)));
  const [to, setTo] = useState(day(today));
  const [doorOnly, setDoorOnly] = useState(false);
  const [progress, setProgress] = useState<{ rows: number; share: number } | null>(null);
  const [done, setDone] = useState<number | null>(null);
  const [error, setError] = useState<Error | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setDone(null);
    if (!from || !to || to < from) {
      setError(new Error('Choose a first and a last day, the last on or after the first.'));
      return;
    }
    const range = { from: startOf(from), to: new Date(new Date(`${to}T00:00:00`).getTime() + 86_400_000).toISOString(), doorOnly };
    const parts: Blob[] = [];
    let rows = 0;
    let afterId: number | undefined;
    setProgress({ rows: 0, share: 0 });
    try {
      do {
        const chunk = await invoke('activity.export', afterId === undefined ? range : { ...range, afterId });
        parts.push(new Blob([chunk.csv], { type: 'text/csv' }));
        rows += chunk.rows;
        afterId = chunk.nextAfterId ?? undefined;
        setProgress({ rows, share: chunk.lastId === 0 || afterId === undefined ? 1 : afterId / chunk.lastId });
      } while (afterId !== undefined);
      const url = URL.createObjectURL(new Blob(parts, { type: 'text/csv' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = `packroom-${doorOnly ? 'door-events' : 'activity'}-${from}-to-${to}.csv`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      setDone(rows);
    } catch (e) {
      setError(e as Error);
    } finally {
      setProgress(null);
    }
  }

  return (
    <Modal opened={opened} onClose={onClose} title="Export activity">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">A CSV file with every entry in the range and its chain hash, so anyone can check that no entry was changed.</Text>
          <Group grow>
            <TextInput type="date" label="First day" value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
            <TextInput type="date" label="Last day" value={to} onChange={(e) => setTo(e.currentTarget.value)} />
          </Group>
          <Checkbox
            label="Only the door's events"
            description="Door opened or stayed closed, keypad lockouts, openings from the staff screen, PIN requests, door and relay alerts."
            checked={doorOnly}
            onChange={(e) => setDoorOnly(e.currentTarget.checked)}
          />
          <ErrorAlert error={error} title="The export did not finish" />
          {progress && <Progress value={progress.share * 100} aria-label={`Exported ${progress.rows} entries`} />}
          {done !== null && (
            <Text c="green" role="status">
              Exported {done} {done === 1 ? 'entry' : 'entries'}.
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Close
            </Button>
            <Button type="submit" loading={progress !== null}>
              Export CSV
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
