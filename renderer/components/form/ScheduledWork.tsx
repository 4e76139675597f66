import { Button, Group, Text, TextInput } from '@mantine/core';
import { TimeInput } from '@mantine/dates';
import type { ReactNode } from 'react';
import { formatDateTime, i18n } from '../../i18n';

/** How a field of a nightly job's form shows: its error, and read-only with a note when an environment variable fixes it. */
export function lockableField(locked: readonly string[], setting: string, error: ReactNode, description?: string) {
  return locked.includes(setting) ? { disabled: true, description: i18n.t('settings.pinnedByEnvironment'), error } : { description, error };
}

interface FieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  field: { disabled?: boolean; description?: string; error?: ReactNode };
}

/** The folder a nightly job reads or writes. */
export function FolderField({ label, placeholder, value, onChange, field }: FieldProps & { placeholder: string }) {
  return <TextInput label={label} placeholder={placeholder} value={value} onChange={(e) => onChange(e.currentTarget.value)} {...field} />;
}

/** The time of day a nightly job runs. */
export function TimeOfDayField({ label, value, onChange, field }: FieldProps) {
  return <TimeInput label={label} value={value} onChange={(e) => onChange(e.currentTarget.value)} {...field} w={160} />;
}

/** Save, "Saved" once it is, and when the job runs next. */
export function SaveRow({
  busy,
  label,
  saved,
  savedLabel,
  nextRunAt,
  nextLabel,
}: {
  busy: boolean;
  label: string;
  saved: boolean;
  savedLabel: string;
  nextRunAt: string | null;
  nextLabel: (at: string) => string;
}) {
  return (
    <Group>
      <Button type="submit" loading={busy}>
        {label}
      </Button>
      {saved && (
        <Text c="green" role="status">
          {savedLabel}
        </Text>
      )}
      {nextRunAt && (
        <Text size="sm" c="dimmed">
          {nextLabel(formatDateTime(nextRunAt))}
        </Text>
      )}
    </Group>
  );
}
