import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { invoke } from '../api/client';
import { ErrorAlert } from '../components/ErrorText';
import { splitError } from '../components/formErrors';

interface Props {
  opened: boolean;
  /** Whom the door is opened for, when staff open it from a recipient's page. */
  recipient?: { id: number; name: string };
  onClose: () => void;
}

export function OpenDoorDialog({ opened, recipient, onClose }: Props) {
  return (
    <Modal opened={opened} onClose={onClose} title="Open Door">
      {opened && <OpenDoorForm recipient={recipient} onClose={onClose} />}
    </Modal>
  );
}

function OpenDoorForm({ recipient, onClose }: Omit<Props, 'opened'>) {
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
          {recipient ? `Opens the package room door for ${recipient.name}.` : 'Opens the package room door now.'} The reason and your name
          are recorded in the Activity log.
        </Text>
        <ErrorAlert error={formError} title="The door did not open" />
        <TextInput
          label="Reason"
          placeholder="e.g. Courier delivering a large parcel"
          required
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={reasonError}
          data-autofocus
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={busy}>
            Open door
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
