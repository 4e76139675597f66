import { Button, Group, Text } from '@mantine/core';
import { formatTime } from '../../i18n';

/** A nightly job's Save: "Saved" once it is, and when the job runs next. */
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
          {nextLabel(formatTime(nextRunAt))}
        </Text>
      )}
    </Group>
  );
}
