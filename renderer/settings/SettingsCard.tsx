import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { api, type MethodInput, type Settings } from '../../src/contract';
import { ErrorAlert } from '../components/ErrorText';
import { lockableField, settingBinder, type FieldState } from '../components/form/SettingFields';
import { usePackroomForm } from '../components/form/usePackroomForm';
import { useTranslation } from '../i18n';
import { updateSettings } from './useSettings';

type Patch = MethodInput<'settings.update'>;

export interface SettingsForm<V> {
  values: V;
  /** The settings as last saved, for what the form does not edit (e.g. whether a token is stored). */
  saved: Settings;
  set: <K extends keyof V & string>(key: K, value: V[K]) => void;
  /** Error, read-only state and description of one field; a field fixed by an environment variable says so. */
  field: (key: keyof Patch, description?: string) => FieldState;
  /** The value, change and state of one field, to spread on a setting field (`NumberSetting`, `TextSetting`, …). */
  bind: <K extends keyof V & string>(key: K, description?: string) => FieldState & { value: V[K]; onChange: (value: V[K]) => void };
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
  const locked = saved.lockedByEnvironment;
  const headingId = `settings-${title.toLowerCase().replace(/\W+/g, '-')}`;
  const { form, submit, busy, formError, reset } = usePackroomForm({
    schema: api['settings.update'].input,
    initialValues: fromSettings(initial),
    // What an environment variable fixes is not sent (nor checked): staff cannot change it here.
    toInput: (values: V) => Object.fromEntries(Object.entries(toPatch(values)).filter(([key]) => !locked.includes(key))) as Patch,
    onSubmit: async (patch) => {
      setNotice(false);
      const next = await updateSettings(patch);
      setSaved(next);
      reset(fromSettings(next));
      setNotice(true);
      onSaved();
    },
  });

  // A change takes the "Saved" notice away: what is shown is no longer what was saved.
  const bind = settingBinder(form, locked, {}, () => setNotice(false));
  const settingsForm: SettingsForm<V> = {
    values: form.getValues(),
    saved,
    set: (key, value) => bind(key).onChange(value),
    field: (key, description) => lockableField(locked, key, form.errors[key], description),
    bind,
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
