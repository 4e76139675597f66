import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { invoke } from '../api/client';
import { ErrorAlert } from '../components/ErrorText';
import { splitError } from '../components/formErrors';

interface Props {
  opened: boolean;
  onClose: () => void;
}

/** Clears a keypad lockout someone caused on purpose, so residents are not kept out until it expires. */
export function ResetLockoutDialog({ opened, onClose }: Props) {
  return (
    <Modal opened={opened} onClose={onClose} title="Reset keypad lockout">
      {opened && <ResetLockoutForm onClose={onClose} />}
    </Modal>
  );
}

function ResetLockoutForm({ onClose }: { onClose: () => void }) {
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
        <Text>
          Every keypad accepts PINs again at once. Reset only when you know who typed the wrong codes (for example you saw it on the
          camera): someone guessing PINs gets new tries. The reason and your name are recorded in the Activity log.
        </Text>
        <ErrorAlert error={formError} title="The lockout was not reset" />
        <TextInput
          label="Reason"
          placeholder="e.g. Children pressing keys, seen on camera"
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
          <Button type="submit" color="orange" loading={busy}>
            Reset lockout
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
