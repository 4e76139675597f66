import { Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { SessionInfo } from '../../src/contract';
import { invoke } from '../api/client';
import { useAction } from '../api/useAction';
import { ErrorAlert } from '../components/ErrorText';
import { useTranslation } from '../i18n';
import { AuthCard } from './AuthCard';

export function LoginScreen({ siteName, notice, onDone }: { siteName: string; notice?: string; onDone: (s: SessionInfo) => void }) {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const { run, busy, error } = useAction(() => invoke('auth.login', { username, password }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const session = await run();
    if (session) onDone(session);
    else setPassword('');
  }

  return (
    <AuthCard title={t('auth.login.title')} subtitle={notice ?? siteName}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <ErrorAlert error={error} title={t('auth.login.failed')} />
          <TextInput
            label={t('auth.userName')}
            autoComplete="username"
            value={username}
            onChange={(e) => setUsername(e.currentTarget.value)}
            autoFocus
          />
          <PasswordInput
            label={t('auth.password')}
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
          />
          <Button type="submit" loading={busy}>
            {t('auth.login.submit')}
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
