import { VisuallyHidden } from '@mantine/core';
import { useTranslation } from '../i18n';
import { useDoorAnnouncements, type Announcement } from './useDoor';

const kept = 5;

/** Says door events and new alerts to screen readers; the toast and the alert bell only show them. */
export function DoorAnnouncer() {
  return <Announcements lines={useDoorAnnouncements(kept)} />;
}

/** The live region is always in the page, empty at first, so every line added to it is announced. */
export function Announcements({ lines }: { lines: Announcement[] }) {
  const { t } = useTranslation();
  return (
    <VisuallyHidden role="log" aria-live="polite" aria-label={t('door.announcements')}>
      {lines.map((line) => (
        <p key={line.id}>{line.text}</p>
      ))}
    </VisuallyHidden>
  );
}
