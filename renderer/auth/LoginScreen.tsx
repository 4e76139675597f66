import { Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { SessionInfo } from '../../src/contract';
import { invoke } from '../api/client';
import { useAction } from '../api/useAction';
import { ErrorAlert } from '../components/ErrorText';
import { AuthCard } from './AuthCard';

export function LoginScreen({ siteName, notice, onDone }: { siteName: string; notice?: string; onDone: (s: SessionInfo) => void }) {
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
    <AuthCard title="Sign in to Packroom" subtitle={notice ?? siteName}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <ErrorAlert error={error} title="Could not sign in" />
          <TextInput
            label="User name"
            autoComplete="username"
            value={username}
            onChange={(e) => setUsername(e.currentTarget.value)}
            autoFocus
          />
          <PasswordInput
            label="Password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
          />
          <Button type="submit" loading={busy}>
            Sign in
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
