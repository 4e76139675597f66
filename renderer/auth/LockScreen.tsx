import { Button, PasswordInput, Stack } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { SessionInfo } from '../../src/contract';
import { invoke } from '../api/client';
import { useAction } from '../api/useAction';
import { ErrorAlert } from '../components/ErrorText';
import { useTranslation } from '../i18n';
import { AuthCard } from './AuthCard';

export function LockScreen({
  session,
  onUnlocked,
  onSignOut,
}: {
  session: SessionInfo;
  onUnlocked: (s: SessionInfo) => void;
  onSignOut: () => void;
}) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const { run, busy, error } = useAction(() => invoke('auth.unlock', { password }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const session = await run();
    if (session) onUnlocked(session);
    else setPassword('');
  }

  return (
    <AuthCard title={t('auth.lock.title')} subtitle={t('auth.lock.subtitle', { name: session.displayName, username: session.username })}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <ErrorAlert error={error} title={t('auth.lock.failed')} />
          <PasswordInput
            label={t('auth.password')}
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            autoFocus
          />
          <Button type="submit" loading={busy}>
            {t('auth.lock.submit')}
          </Button>
          <Button variant="subtle" onClick={onSignOut}>
            {t('auth.lock.switchUser')}
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
