import { Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { SessionInfo } from '../../src/contract';
import { invoke } from '../api/client';
import { ErrorAlert } from '../components/ErrorText';
import { splitError } from '../components/formErrors';
import { AuthCard } from './AuthCard';

const fields = ['displayName', 'username', 'password'] as const;

export function SetupScreen({ onDone }: { onDone: (session: SessionInfo) => void }) {
  const [values, setValues] = useState({ displayName: '', username: '', password: '', confirm: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (key: keyof typeof values) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    setValues((v) => ({ ...v, [key]: value }));
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (values.password !== values.confirm) {
      setErrors({ confirm: 'The two passwords are not the same.' });
      return;
    }
    setBusy(true);
    try {
      onDone(await invoke('auth.setup', { displayName: values.displayName, username: values.username, password: values.password }));
    } catch (error) {
      const split = splitError(error, fields);
      setErrors(split.field);
      setFormError(split.form);
    } finally {
      setBusy(false);
    }
  }

  return (
    <AuthCard
      title="Create the first staff account"
      subtitle="This account is an admin: it can add other staff, change settings and manage the door."
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <ErrorAlert error={formError} />
          <TextInput
            label="Your name"
            required
            value={values.displayName}
            onChange={set('displayName')}
            error={errors.displayName}
            autoFocus
          />
          <TextInput
            label="User name"
            description="3 to 32 letters, digits, dots, dashes or underscores"
            required
            autoComplete="username"
            value={values.username}
            onChange={set('username')}
            error={errors.username}
          />
          <PasswordInput
            label="Password"
            description="At least 10 characters"
            required
            autoComplete="new-password"
            value={values.password}
            onChange={set('password')}
            error={errors.password}
          />
          <PasswordInput
            label="Confirm password"
            required
            autoComplete="new-password"
            value={values.confirm}
            onChange={set('confirm')}
            error={errors.confirm}
          />
          <Button type="submit" loading={busy}>
            Create account
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
