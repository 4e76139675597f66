import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { api, type MethodInput, type Settings } from '../../src/contract';
import { ErrorAlert } from '../components/ErrorText';
import { usePackroomForm } from '../components/form/usePackroomForm';
import { useTranslation } from '../i18n';
import { updateSettings } from './useSettings';

type Patch = MethodInput<'settings.update'>;

export interface SettingsForm<V> {
  values: V;
  /** The settings as last saved, for what the form does not edit (e.g. whether a token is stored). */
  saved: Settings;
  set: <K extends keyof V>(key: K, value: V[K]) => void;
  /** Error, read-only state and description of one field; a field fixed by an environment variable says so. */
  field: (key: keyof Patch, description?: string) => { error?: ReactNode; disabled: boolean; description?: string };
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
export function SettingsCard<V extends Record<string, unknown>>({
  title,
  saveLabel,
  initial,
  fromSettings,
  toPatch,
  onSaved,
  children,
}: Props<V>) {
  const { t } = useTranslation();
  const [saved, setSaved] = useState(initial);
  const [notice, setNotice] = useState(false);
  const locked = new Set(saved.lockedByEnvironment);
  const headingId = `settings-${title.toLowerCase().replace(/\W+/g, '-')}`;
  const { form, submit, busy, formError, reset } = usePackroomForm({
    schema: api['settings.update'].input,
    initialValues: fromSettings(initial),
    // What an environment variable fixes is not sent (nor checked): staff cannot change it here.
    toInput: (values: V) => Object.fromEntries(Object.entries(toPatch(values)).filter(([key]) => !locked.has(key))) as Patch,
    onSubmit: async (patch) => {
      setNotice(false);
      const next = await updateSettings(patch);
      setSaved(next);
      reset(fromSettings(next));
      setNotice(true);
      onSaved();
    },
  });

  const settingsForm: SettingsForm<V> = {
    values: form.getValues(),
    saved,
    set: (key, value) => {
      setNotice(false);
      form.setFieldValue(key as string, value as never);
    },
    field: (key, description) => ({
      error: form.errors[key],
      disabled: locked.has(key),
      description: locked.has(key) ? t('settings.pinnedByEnvironment') : description,
    }),
  };

  return (
    <Card withBorder component="section" aria-labelledby={headingId}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Title order={3} id={headingId}>
            {title}
          </Title>
          <ErrorAlert error={formError} />
          {children(settingsForm)}
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
