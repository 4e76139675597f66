import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { invoke } from '../api/client';
import { ErrorAlert } from '../components/ErrorText';
import { splitError } from '../components/formErrors';
import { useTranslation } from '../i18n';

interface Props {
  opened: boolean;
  /** Whom the door is opened for, when staff open it from a recipient's page. */
  recipient?: { id: number; name: string };
  onClose: () => void;
}

export function OpenDoorDialog({ opened, recipient, onClose }: Props) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('door.openTitle')}>
      {opened && <OpenDoorForm recipient={recipient} onClose={onClose} />}
    </Modal>
  );
}

function OpenDoorForm({ recipient, onClose }: Omit<Props, 'opened'>) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const [formError, setFormError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    try {
      await invoke('door.open', { reason, recipientId: recipient?.id });
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
        <Text>
          {recipient ? t('door.opensFor', { name: recipient.name }) : t('door.opensNow')} {t('door.recorded')}
        </Text>
        <ErrorAlert error={formError} title={t('door.didNotOpen')} />
        <TextInput
          label={t('door.reason')}
          placeholder={t('door.reasonPlaceholder')}
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
          <Button type="submit" loading={busy}>
            {t('door.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
