import { Button, Group, Text } from '@mantine/core';
import { formatTime } from '../../i18n';

interface Props {
  busy: boolean;
  label: string;
  saved: boolean;
  savedLabel: string;
  /** A nightly job's next run, said beside: `nextLabel` words it. */
  nextRunAt?: string | null;
  nextLabel?: (at: string) => string;
}

/** A form's Save: "Saved" once it is, and when a nightly job runs next. */
export function SaveRow({ busy, label, saved, savedLabel, nextRunAt, nextLabel }: Props) {
  return (
    <Group>
      <Button type="submit" loading={busy}>
        {label}
      </Button>
      {saved && (
        <Text c="green.9" role="status">
          {savedLabel}
        </Text>
      )}
      {nextRunAt && nextLabel && (
        <Text size="sm" c="dimmed">
          {nextLabel(formatTime(nextRunAt))}
        </Text>
      )}
    </Group>
  );
}
