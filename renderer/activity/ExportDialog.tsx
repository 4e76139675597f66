import { Checkbox, Group, Modal, Progress, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { DialogActions } from '../components/DialogActions';
import { ErrorAlert } from '../components/ErrorText';
import { DayInput } from '../components/form/DayInput';
import { useTranslation } from '../i18n';
import { activityCalls } from './useActivity';

const day = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
/** Local midnight at the start of a YYYY-MM-DD day, as an ISO time with offset. */
const startOf = (value: string) => new Date(`${value}T00:00:00`).toISOString();

/**
 * Export a date range of the activity log as CSV with the chain hashes, for handing over after an
 * incident. The core answers in pieces; each piece becomes part of a Blob at once, so even a very
 * large log is never one string in memory.
 */
export function ExportDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
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
      setError(new Error(t('activity.exportDialog.badRange')));
      return;
    }
    const range = { from: startOf(from), to: new Date(new Date(`${to}T00:00:00`).getTime() + 86_400_000).toISOString(), doorOnly };
    const parts: Blob[] = [];
    let rows = 0;
    let afterId: number | undefined;
    setProgress({ rows: 0, share: 0 });
    try {
      do {
        const chunk = await activityCalls.export(afterId === undefined ? range : { ...range, afterId });
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
    <Modal opened={opened} onClose={onClose} title={t('activity.exportDialog.title')}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">{t('activity.exportDialog.intro')}</Text>
          <Group grow>
            <DayInput label={t('activity.exportDialog.from')} value={from} onChange={setFrom} />
            <DayInput label={t('activity.exportDialog.to')} value={to} onChange={setTo} />
          </Group>
          <Checkbox
            label={t('activity.exportDialog.doorOnly')}
            description={t('activity.exportDialog.doorOnlyHint')}
            checked={doorOnly}
            onChange={(e) => setDoorOnly(e.currentTarget.checked)}
          />
          <ErrorAlert error={error} title={t('activity.exportDialog.failed')} />
          {progress && <Progress value={progress.share * 100} aria-label={t('activity.exportDialog.progress', { count: progress.rows })} />}
          {done !== null && (
            <Text c="green" role="status">
              {t('activity.exportDialog.done', { count: done })}
            </Text>
          )}
          <DialogActions
            label={t('activity.exportDialog.submit')}
            busy={progress !== null}
            onCancel={onClose}
            cancelLabel={t('common.close')}
          />
        </Stack>
      </form>
    </Modal>
  );
}
