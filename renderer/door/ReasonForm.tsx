import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent, type ReactNode } from 'react';
import { ErrorAlert } from '../components/ErrorText';
import { splitError } from '../components/formErrors';
import { useTranslation } from '../i18n';

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
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const [formError, setFormError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    try {
      await send(reason);
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
        <Text>{intro}</Text>
        <ErrorAlert error={formError} title={failedTitle} />
        <TextInput
          label={label}
          placeholder={placeholder}
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
          <Button type="submit" loading={busy} {...(submitColor && { color: submitColor })}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
