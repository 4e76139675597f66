import { Stack, Text, TextInput } from '@mantine/core';
import type { ReactNode } from 'react';
import { api } from '../../src/contract';
import { DialogActions } from '../components/DialogActions';
import { ErrorAlert } from '../components/ErrorText';
import { usePackroomForm } from '../components/form/usePackroomForm';

interface Props {
  intro: ReactNode;
  failedTitle: string;
  label: string;
  placeholder: string;
  submitLabel: string;
  submitColor?: string;
  /** The audited door action, given the reason staff typed; closes the dialog when it succeeds. */
  send: (reason: string) => Promise<unknown>;
  onClose: () => void;
}

/** A door action that needs a reason for the activity log (Open Door, Reset keypad lockout). */
export function ReasonForm({ intro, failedTitle, label, placeholder, submitLabel, submitColor, send, onClose }: Props) {
  // Both door actions take the same reason, checked by the same rule.
  const { form, submit, busy, formError } = usePackroomForm({
    schema: api['door.resetLockout'].input,
    initialValues: { reason: '' },
    toInput: (values: { reason: string }) => values,
    onSubmit: async ({ reason }) => {
      await send(reason);
      onClose();
    },
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text>{intro}</Text>
        <ErrorAlert error={formError} title={failedTitle} />
        <TextInput label={label} placeholder={placeholder} required {...form.getInputProps('reason')} data-autofocus />
        <DialogActions label={submitLabel} busy={busy} color={submitColor} onCancel={onClose} />
      </Stack>
    </form>
  );
}
