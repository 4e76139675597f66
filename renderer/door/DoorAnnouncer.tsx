import { VisuallyHidden } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { invoke, on } from '../api/client';
import { sentenceText, useTranslation } from '../i18n';
import { describeDoorEvent } from './describeDoorEvent';

const kept = 5;

/**
 * Says door events and new alerts to screen readers. The live region is always in the page, empty at
 * first, so every line added to it is announced; the toast and the alert bell only show them.
 */
export function DoorAnnouncer() {
  const { t } = useTranslation();
  const [lines, setLines] = useState<{ id: string; text: string }[]>([]);
  const seenAlerts = useRef<Set<number> | null>(null);

  useEffect(() => {
    const say = (id: string, text: string) => setLines((current) => [...current, { id, text }].slice(-kept));
    const offDoor = on('door.event', (e) => {
      const { title, text } = describeDoorEvent(e);
      say(`door:${e.at}:${e.device}`, `${title}. ${text}`);
    });
    // Alerts open before this screen loaded are on the bell already; only new ones are read out.
    const readAlerts = (announce: boolean) =>
      invoke('alerts.list', {}).then(
        (alerts) => {
          const seen = seenAlerts.current ?? new Set<number>();
          for (const a of alerts) {
            if (announce && !seen.has(a.id)) say(`alert:${a.id}`, t('alerts.announce', { message: sentenceText(a.message) }));
            seen.add(a.id);
          }
          seenAlerts.current = seen;
        },
        () => undefined,
      );
    void readAlerts(false);
    const offAlerts = on('alerts.changed', () => void readAlerts(seenAlerts.current !== null));
    return () => {
      offDoor();
      offAlerts();
    };
  }, [t]);

  return (
    <VisuallyHidden role="log" aria-live="polite" aria-label={t('door.announcements')}>
      {lines.map((line) => (
        <p key={line.id}>{line.text}</p>
      ))}
    </VisuallyHidden>
  );
}
