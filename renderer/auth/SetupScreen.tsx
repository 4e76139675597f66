import { Button, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { SessionInfo } from '../../src/contract';
import { invoke } from '../api/client';
import { ErrorAlert } from '../components/ErrorText';
import { NewPasswordInput } from '../components/form/NewPasswordInput';
import { splitError } from '../components/formErrors';
import { useTranslation } from '../i18n';
import { AuthCard } from './AuthCard';

const fields = ['displayName', 'username', 'password'] as const;

export function SetupScreen({ onDone }: { onDone: (session: SessionInfo) => void }) {
  const { t } = useTranslation();
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
      setErrors({ confirm: t('auth.setup.mismatch') });
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
    <AuthCard title={t('auth.setup.title')} subtitle={t('auth.setup.subtitle')}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <ErrorAlert error={formError} />
          <TextInput
            label={t('auth.setup.yourName')}
            required
            value={values.displayName}
            onChange={set('displayName')}
            error={errors.displayName}
            autoFocus
          />
          <TextInput
            label={t('auth.userName')}
            description={t('auth.setup.userNameHint')}
            required
            autoComplete="username"
            value={values.username}
            onChange={set('username')}
            error={errors.username}
          />
          <NewPasswordInput
            label={t('auth.password')}
            description={t('auth.setup.passwordHint')}
            required
            value={values.password}
            onChange={set('password')}
            error={errors.password}
          />
          <NewPasswordInput
            label={t('auth.setup.confirm')}
            required
            value={values.confirm}
            onChange={set('confirm')}
            error={errors.confirm}
          />
          <Button type="submit" loading={busy}>
            {t('auth.setup.submit')}
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
