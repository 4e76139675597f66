import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { invoke } from '../api/client';
import { ErrorAlert } from '../components/ErrorText';
import { splitError } from '../components/formErrors';
import { useTranslation } from '../i18n';

interface Props {
  opened: boolean;
  onClose: () => void;
}

/** Clears a keypad lockout someone caused on purpose, so residents are not kept out until it expires. */
export function ResetLockoutDialog({ opened, onClose }: Props) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('door.reset.title')}>
      {opened && <ResetLockoutForm onClose={onClose} />}
    </Modal>
  );
}

function ResetLockoutForm({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const [formError, setFormError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    try {
      await invoke('door.resetLockout', { reason });
      onClose();
    } catch (error) {
      const split = splitError(error, ['reason']);
      setReasonError(split.field.reason);
      setFormError(split.form);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text>{t('door.reset.intro')}</Text>
        <ErrorAlert error={formError} title={t('door.reset.failed')} />
        <TextInput
          label={t('door.reset.reason')}
          placeholder={t('door.reset.placeholder')}
          required
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={reasonError}
          data-autofocus
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" color="orange.9" loading={busy}>
            {t('door.reset.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
