import { Button, Card, Group, NumberInput, Stack, TextInput, Title, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { SessionInfo, Settings } from '../../src/contract';
import { invoke } from '../api/client';
import { useQuery } from '../api/useQuery';
import { ErrorAlert } from '../components/ErrorText';
import { splitError } from '../components/formErrors';
import { StaffAccounts } from './StaffAccounts';

const fields = ['siteName', 'idleLockMinutes', 'defaultCountry'] as const;

export function SettingsTab({ session, onChanged }: { session: SessionInfo; onChanged: () => void }) {
  return (
    <Stack maw={760}>
      <Title order={2}>Settings</Title>
      <SiteSettings onChanged={onChanged} />
      <StaffAccounts session={session} />
    </Stack>
  );
}

function SiteSettings({ onChanged }: { onChanged: () => void }) {
  const settings = useQuery(() => invoke('settings.get', {}), []);
  if (!settings.data) return <ErrorAlert error={settings.error} title="Could not load settings" />;
  return <SiteSettingsForm initial={settings.data} onChanged={onChanged} />;
}

function SiteSettingsForm({ initial, onChanged }: { initial: Settings; onChanged: () => void }) {
  const [values, setValues] = useState<Settings>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<Error | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  const pinned = new Set(values.lockedByEnvironment);
  const pinnedNote = (key: string) => (pinned.has(key) ? 'Set by an environment variable on this computer' : undefined);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setSaved(false);
    try {
      const patch = Object.fromEntries(fields.filter((k) => !pinned.has(k)).map((k) => [k, values[k]]));
      setValues(await invoke('settings.update', patch));
      setErrors({});
      setFormError(null);
      setSaved(true);
      onChanged();
    } catch (error) {
      const split = splitError(error, fields);
      setErrors(split.field);
      setFormError(split.form);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card withBorder component="section" aria-labelledby="site-settings">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Title order={3} id="site-settings">
            Site
          </Title>
          <ErrorAlert error={formError} />
          <TextInput
            label="Site name"
            value={values.siteName}
            disabled={pinned.has('siteName')}
            description={pinnedNote('siteName')}
            onChange={(e) => setValues({ ...values, siteName: e.currentTarget.value })}
            error={errors.siteName}
          />
          <NumberInput
            label="Lock the screen after this many idle minutes"
            min={1}
            max={240}
            allowDecimal={false}
            value={values.idleLockMinutes}
            disabled={pinned.has('idleLockMinutes')}
            description={pinnedNote('idleLockMinutes')}
            onChange={(v) => setValues({ ...values, idleLockMinutes: typeof v === 'number' ? v : Number(v) })}
            error={errors.idleLockMinutes}
            w={320}
          />
          <TextInput
            label="Country for phone numbers"
            description={pinnedNote('defaultCountry') ?? 'Two-letter code used to read phone numbers typed without +country, e.g. US'}
            value={values.defaultCountry}
            disabled={pinned.has('defaultCountry')}
            onChange={(e) => setValues({ ...values, defaultCountry: e.currentTarget.value })}
            error={errors.defaultCountry}
            w={320}
          />
          <Group>
            <Button type="submit" loading={busy}>
              Save settings
            </Button>
            {saved && (
              <Text c="green" role="status">
                Settings saved.
              </Text>
            )}
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
