import { Button, PasswordInput, Stack } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { SessionInfo } from '../../src/contract';
import { invoke } from '../api/client';
import { useAction } from '../api/useAction';
import { ErrorAlert } from '../components/ErrorText';
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
  const [password, setPassword] = useState('');
  const { run, busy, error } = useAction(() => invoke('auth.unlock', { password }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const session = await run();
    if (session) onUnlocked(session);
    else setPassword('');
  }

  return (
    <AuthCard title="Screen locked" subtitle={`Locked for ${session.displayName} (${session.username}). Enter your password to continue.`}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <ErrorAlert error={error} title="Could not unlock" />
          <PasswordInput
            label="Password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            autoFocus
          />
          <Button type="submit" loading={busy}>
            Unlock
          </Button>
          <Button variant="subtle" onClick={onSignOut}>
            Sign in as someone else
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
