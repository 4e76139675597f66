import { NumberInput, Switch, TextInput } from '@mantine/core';
import type { MethodInput } from '../../src/contract';
import type { SettingsForm } from './SettingsCard';

type Key = keyof MethodInput<'settings.update'>;

interface FieldProps<V, K extends Key & keyof V> {
  form: SettingsForm<V>;
  name: K;
  label: string;
  hint?: string;
}

/** A whole number setting; a value out of range is refused by the schema, which names the range. */
export function NumberSetting<V extends Record<K, number>, K extends Key & keyof V>({
  form,
  name,
  label,
  hint,
  min,
  max,
}: FieldProps<V, K> & { min: number; max: number }) {
  return (
    <NumberInput
      label={label}
      min={min}
      max={max}
      allowDecimal={false}
      // Typed as is: Mantine would otherwise move a number out of range to the limit when the field loses focus.
      clampBehavior="none"
      value={form.values[name]}
      onChange={(v) => form.set(name, Number(v) as V[K])}
      {...form.field(name, hint)}
      w={320}
    />
  );
}

/** An on/off setting. */
export function SwitchSetting<V extends Record<K, boolean>, K extends Key & keyof V>({ form, name, label, hint }: FieldProps<V, K>) {
  return (
    <Switch
      label={label}
      checked={form.values[name]}
      onChange={(e) => form.set(name, e.currentTarget.checked as V[K])}
      {...form.field(name, hint)}
    />
  );
}

/** A setting written as text. */
export function TextSetting<V extends Record<K, string>, K extends Key & keyof V>({ form, name, label, hint }: FieldProps<V, K>) {
  return (
    <TextInput
      label={label}
      value={form.values[name]}
      onChange={(e) => form.set(name, e.currentTarget.value as V[K])}
      {...form.field(name, hint)}
      w={320}
    />
  );
}
