import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { Recipient } from '../../src/contract';
import { invoke } from '../api/client';
import { ErrorAlert } from '../components/ErrorText';
import { splitError } from '../components/formErrors';

const fields = ['firstName', 'lastName', 'unit', 'email', 'phone'] as const;
type Values = Record<(typeof fields)[number], string>;

const fromRecipient = (r: Recipient | null): Values => ({
  firstName: r?.firstName ?? '',
  lastName: r?.lastName ?? '',
  unit: r?.unit ?? '',
  email: r?.email ?? '',
  phone: r?.phone ?? '',
});

interface Props {
  opened: boolean;
  /** null adds a new recipient. */
  recipient: Recipient | null;
  onClose: () => void;
  onSaved: (r: Recipient) => void;
}

export function RecipientForm({ opened, recipient, onClose, onSaved }: Props) {
  return (
    <Modal opened={opened} onClose={onClose} title={recipient ? 'Edit Recipient' : 'Add Recipient'} size="lg">
      {/* Mounted only while open, so every opening starts from the recipient as it is now. */}
      {opened && <RecipientFields recipient={recipient} onClose={onClose} onSaved={onSaved} />}
    </Modal>
  );
}

function RecipientFields({ recipient, onClose, onSaved }: Omit<Props, 'opened'>) {
  const [values, setValues] = useState<Values>(fromRecipient(recipient));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);

  const set = (key: keyof Values) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    setValues((v) => ({ ...v, [key]: value }));
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    try {
      onSaved(recipient ? await invoke('recipients.update', { id: recipient.id, ...values }) : await invoke('recipients.create', values));
    } catch (error) {
      const split = splitError(error, fields);
      setErrors(split.field);
      setFormError(split.form);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <ErrorAlert error={formError} />
        <Group grow>
          <TextInput
            label="First name"
            required
            value={values.firstName}
            onChange={set('firstName')}
            error={errors.firstName}
            data-autofocus
          />
          <TextInput label="Last name" required value={values.lastName} onChange={set('lastName')} error={errors.lastName} />
        </Group>
        <TextInput label="Unit" required value={values.unit} onChange={set('unit')} error={errors.unit} w={160} />
        <TextInput label="Email" type="email" value={values.email} onChange={set('email')} error={errors.email} />
        <TextInput
          label="Phone"
          description="Mobile number for text messages, e.g. (415) 555-0123"
          type="tel"
          value={values.phone}
          onChange={set('phone')}
          error={errors.phone}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={busy}>
            {recipient ? 'Save changes' : 'Add Recipient'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
