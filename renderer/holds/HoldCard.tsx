import { Button, Card, Group, Modal, NumberInput, Radio, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { api, type HoldItem, type HoldMode } from '../../src/contract';
import { DialogActions } from '../components/DialogActions';
import { ErrorAlert } from '../components/ErrorText';
import { DayInput } from '../components/form/DayInput';
import { usePackroomForm } from '../components/form/usePackroomForm';
import { formatDate, formatDateTime, useTranslation } from '../i18n';
import { holdCalls, useHolds } from './useHolds';

/** "From 10 Dec 2026 to 14 Dec 2026 · keep at the desk" / "· send back 3 days after arriving". */
function HoldSummary({ hold }: { hold: HoldItem }) {
  const { t } = useTranslation();
  const mode = hold.mode === 'keep' ? t('holds.mode.keep') : t('holds.mode.returnAfter', { count: hold.returnDays ?? 1 });
  return (
    <Stack gap={2}>
      <Text fw={500}>{t(`holds.state.${hold.state}`, { from: formatDate(hold.from), until: formatDate(hold.until) })}</Text>
      <Text size="sm">{mode}</Text>
      <Text size="sm" c="dimmed">
        {t('holds.setBy', { name: hold.createdBy, at: formatDateTime(hold.createdAt) })}
      </Text>
    </Stack>
  );
}

/**
 * The Hold card of the Recipient Detail View: the hold in force or the next one, with Cancel, and Set a hold (from–until,
 * what happens to packages meanwhile). Every change is audited by the core.
 */
export function HoldCard({ recipientId, active }: { recipientId: number; active: boolean }) {
  const { t } = useTranslation();
  const holds = useHolds(recipientId);
  const [setting, setSetting] = useState(false);
  const [cancelling, setCancelling] = useState<HoldItem | null>(null);
  const [cancelError, setCancelError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const current = holds.data?.current ?? null;

  async function cancel(hold: HoldItem) {
    setBusy(true);
    try {
      await holdCalls.cancel(hold.id);
      setCancelling(null);
      setCancelError(null);
      holds.reload();
    } catch (error) {
      setCancelError(error as Error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card withBorder component="section" aria-labelledby="hold-heading">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3} id="hold-heading">
            {t('holds.title')}
          </Title>
          {active && (
            <Button variant="default" onClick={() => setSetting(true)}>
              {t('holds.set')}
            </Button>
          )}
        </Group>
        <ErrorAlert error={holds.error} title={t('holds.loadFailed')} />
        {holds.data && !current && <Text c="dimmed">{t('holds.none')}</Text>}
        {current && (
          <Group justify="space-between" align="flex-start">
            <HoldSummary hold={current} />
            <Button color="red" variant="light" onClick={() => setCancelling(current)}>
              {t('holds.cancel')}
            </Button>
          </Group>
        )}
      </Stack>
      {setting && (
        <SetHoldDialog
          recipientId={recipientId}
          onClose={() => setSetting(false)}
          onDone={() => {
            setSetting(false);
            holds.reload();
          }}
        />
      )}
      <Modal opened={cancelling !== null} onClose={() => setCancelling(null)} title={t('holds.cancelTitle')}>
        {cancelling && (
          <Stack>
            <Text>{t('holds.cancelText', { from: formatDate(cancelling.from), until: formatDate(cancelling.until) })}</Text>
            <ErrorAlert error={cancelError} />
            <DialogActions
              label={t('holds.cancel')}
              color="red"
              busy={busy}
              cancelLabel={t('holds.keep')}
              onConfirm={() => void cancel(cancelling)}
              onCancel={() => setCancelling(null)}
              focus="cancel"
            />
          </Stack>
        )}
      </Modal>
    </Card>
  );
}

interface Values extends Record<string, unknown> {
  from: string;
  until: string;
  mode: HoldMode;
  returnDays: number | string;
}

function SetHoldDialog({ recipientId, onClose, onDone }: { recipientId: number; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const { form, submit, busy, formError } = usePackroomForm({
    schema: api['holds.set'].input,
    initialValues: { from: '', until: '', mode: 'keep', returnDays: 7 } as Values,
    toInput: (v: Values) => ({
      recipientId,
      from: v.from,
      until: v.until,
      mode: v.mode,
      returnDays: v.mode === 'return' ? (v.returnDays === '' ? null : Number(v.returnDays)) : null,
    }),
    onSubmit: async (input) => {
      await holdCalls.set(input);
      onDone();
    },
  });
  const mode = form.getValues().mode;
  return (
    <Modal opened onClose={onClose} title={t('holds.setTitle')}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Group grow align="flex-start">
            <DayInput label={t('holds.from')} {...form.getInputProps('from')} data-autofocus />
            <DayInput label={t('holds.until')} {...form.getInputProps('until')} />
          </Group>
          <Radio.Group label={t('holds.during')} {...form.getInputProps('mode')}>
            <Stack gap="xs" mt="xs">
              <Radio value="keep" label={t('holds.mode.keepChoice')} />
              <Radio value="return" label={t('holds.mode.returnChoice')} />
            </Stack>
          </Radio.Group>
          {mode === 'return' && (
            <NumberInput label={t('holds.returnDays')} min={1} max={60} allowDecimal={false} {...form.getInputProps('returnDays')} />
          )}
          <ErrorAlert error={formError} />
          <DialogActions label={t('holds.save')} busy={busy} onCancel={onClose} />
        </Stack>
      </form>
    </Modal>
  );
}
