import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useState, type FormEvent, type ReactNode } from 'react';
import type { MethodInput, Settings } from '../../src/contract';
import { invoke } from '../api/client';
import { ErrorAlert } from '../components/ErrorText';
import { splitError } from '../components/formErrors';
import { useTranslation } from '../i18n';

type Patch = MethodInput<'settings.update'>;

export interface SettingsForm<V> {
  values: V;
  /** The settings as last saved, for what the form does not edit (e.g. whether a token is stored). */
  saved: Settings;
  set: <K extends keyof V>(key: K, value: V[K]) => void;
  /** Error, read-only state and description of one field; a field fixed by an environment variable says so. */
  field: (key: keyof Patch, description?: string) => { error?: string; disabled: boolean; description?: string };
}

interface Props<V> {
  title: string;
  saveLabel: string;
  initial: Settings;
  fromSettings: (settings: Settings) => V;
  toPatch: (values: V) => Patch;
  onSaved: () => void;
  children: (form: SettingsForm<V>) => ReactNode;
}

/** One section of the Settings tab, saved on its own. */
export function SettingsCard<V>({ title, saveLabel, initial, fromSettings, toPatch, onSaved, children }: Props<V>) {
  const { t } = useTranslation();
  const [saved, setSaved] = useState(initial);
  const [values, setValues] = useState(() => fromSettings(initial));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<Error | null>(null);
  const [notice, setNotice] = useState(false);
  const [busy, setBusy] = useState(false);
  const locked = new Set(saved.lockedByEnvironment);
  const headingId = `settings-${title.toLowerCase().replace(/\W+/g, '-')}`;

  const form: SettingsForm<V> = {
    values,
    saved,
    set: (key, value) => setValues((v) => ({ ...v, [key]: value })),
    field: (key, description) => ({
      error: errors[key],
      disabled: locked.has(key),
      description: locked.has(key) ? t('settings.pinnedByEnvironment') : description,
    }),
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    const patch = Object.fromEntries(Object.entries(toPatch(values)).filter(([key]) => !locked.has(key))) as Patch;
    setBusy(true);
    setNotice(false);
    try {
      const next = await invoke('settings.update', patch);
      setSaved(next);
      setValues(fromSettings(next));
      setErrors({});
      setFormError(null);
      setNotice(true);
      onSaved();
    } catch (error) {
      const split = splitError(error, Object.keys(patch));
      setErrors(split.field);
      setFormError(split.form);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card withBorder component="section" aria-labelledby={headingId}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Title order={3} id={headingId}>
            {title}
          </Title>
          <ErrorAlert error={formError} />
          {children(form)}
          <Group>
            <Button type="submit" loading={busy}>
              {saveLabel}
            </Button>
            {notice && (
              <Text c="green.9" role="status">
                {t('settings.saved')}
              </Text>
            )}
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
