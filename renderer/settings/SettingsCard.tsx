import { Card, Stack, Title } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { api, type MethodInput, type Settings } from '../../src/contract';
import { ErrorAlert } from '../components/ErrorText';
import { SaveRow } from '../components/form/SaveRow';
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

/** What the Settings tab hands each card: the settings as loaded, and whom to tell once the card saved. */
export interface CardProps {
  initial: Settings;
  onSaved: () => void;
}

/** A card's values where it edits settings as they are: those settings, as saved. */
export const pickSettings =
  <K extends keyof Patch & keyof Settings>(...keys: K[]) =>
  (settings: Settings) =>
    Object.fromEntries(keys.map((key) => [key, settings[key]])) as Pick<Settings, K>;

interface Props<V> extends CardProps {
  title: string;
  saveLabel: string;
  /** The card's values, each named after the setting it saves. */
  fromSettings: (settings: Settings) => V;
  /** The change to save, where the card's values are not the settings as they are (a share shown as a percentage). */
  toPatch?: (values: V) => Patch;
  children: (form: SettingsForm<V>) => ReactNode;
}

/** One section of the Settings tab, saved on its own. */
export function SettingsCard<V extends Record<string, unknown>>({
  title,
  saveLabel,
  initial,
  fromSettings,
  toPatch = (values) => values as Patch,
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

  // The settings read again (another computer of the site changed them, or this card saved): shown at once, unless
  // staff changed something in this card that is not saved, which must not be taken from under them (saving it then
  // writes it over the other computer's change, field by field). Adjusted while rendering, as React advises for
  // state that follows a prop.
  const [shown, setShown] = useState(initial);
  if (initial !== shown) {
    setShown(initial);
    if (JSON.stringify(form.getValues()) === JSON.stringify(fromSettings(saved))) {
      setSaved(initial);
      reset(fromSettings(initial));
    }
  }

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
          <SaveRow busy={busy} label={saveLabel} saved={notice} savedLabel={t('settings.saved')} />
        </Stack>
      </form>
    </Card>
  );
}
