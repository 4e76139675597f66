import { Button, PasswordInput, Stack } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { SessionInfo } from '../../src/contract';
import { invoke } from '../api/client';
import { ErrorAlert } from '../components/ErrorText';
import { AuthCard } from './AuthCard';

export function LockScreen({ session, onUnlocked, onSignOut }: { session: SessionInfo; onUnlocked: (s: SessionInfo) => void; onSignOut: () => void }) {
  const [password, setPassword] = useState('');
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    try {
      onUnlocked(await invoke('auth.unlock', { password }));
    } catch (e) {
      setError(e as Error);
      setPassword('');
    } finally {
      setBusy(false);
    }
  }

  return (
    <AuthCard title="Screen locked" subtitle={`Locked for ${session.displayName} (${session.username}). Enter your password to continue.`}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <ErrorAlert error={error} title="Could not unlock" />
          <PasswordInput label="Password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.currentTarget.value)} autoFocus />
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
