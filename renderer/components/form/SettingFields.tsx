import { NumberInput, Switch, TextInput } from '@mantine/core';
import { TimeInput } from '@mantine/dates';
import type { UseFormReturnType } from '@mantine/form';
import type { ReactNode } from 'react';
import { i18n } from '../../i18n';

/** How a setting's field shows besides its value: its error, its description, read-only when the environment fixes it. */
export interface FieldState {
  error?: ReactNode;
  description?: string;
  disabled?: boolean;
}

/**
 * Every setting field takes the same props: its label, its value and change, its state (`FieldState`, usually
 * spread from a form's `bind`) and, for a number, its range. `w` overrides the field's width.
 */
type SettingProps<T> = FieldState & { label: string; value: T; onChange: (value: T) => void; w?: number | string };

/** A field's state: its error, and read-only with a note when an environment variable fixes its setting. */
export function lockableField(locked: readonly string[], setting: string, error: ReactNode, description?: string): FieldState {
  return locked.includes(setting) ? { disabled: true, description: i18n.t('settings.pinnedByEnvironment'), error } : { description, error };
}

/**
 * Binds a form's fields to setting fields: `bind('keep', hint)` is the value, change and state to spread on one.
 * `settingOf` names the setting a field stores where the two names differ (`folder` stores `backupFolder`).
 */
export function settingBinder<V extends Record<string, unknown>>(
  form: UseFormReturnType<V>,
  locked: readonly string[],
  settingOf: Partial<Record<keyof V, string>> = {},
  onChange?: () => void,
) {
  return <K extends keyof V & string>(key: K, description?: string) => ({
    value: form.getValues()[key],
    onChange: (value: V[K]) => {
      onChange?.();
      form.setFieldValue(key, value as never);
    },
    ...lockableField(locked, settingOf[key] ?? key, form.errors[key], description),
  });
}

/** A whole number setting; a value out of range is refused by the schema, which names the range. */
export function NumberSetting({ onChange, min, max, w = 320, ...props }: SettingProps<number> & { min: number; max: number }) {
  return (
    <NumberInput
      min={min}
      max={max}
      allowDecimal={false}
      // Typed as is: Mantine would otherwise move a number out of range to the limit when the field loses focus.
      clampBehavior="none"
      onChange={(v) => onChange(Number(v))}
      w={w}
      {...props}
    />
  );
}

/** A setting written as text, as wide as the card (a short one, a country code say, says `w`). */
export function TextSetting({ onChange, ...props }: SettingProps<string> & { placeholder?: string }) {
  return <TextInput onChange={(e) => onChange(e.currentTarget.value)} {...props} />;
}

/** The time of day a nightly job runs. */
export function TimeSetting({ onChange, w = 160, ...props }: SettingProps<string>) {
  return <TimeInput onChange={(e) => onChange(e.currentTarget.value)} w={w} {...props} />;
}

/** An on/off setting. */
export function SwitchSetting({ value, onChange, ...props }: SettingProps<boolean>) {
  return <Switch checked={value} onChange={(e) => onChange(e.currentTarget.checked)} {...props} />;
}
