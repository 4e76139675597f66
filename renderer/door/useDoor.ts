import { useCallback, useEffect, useRef, useState } from 'react';
import type { DoorEvent, DoorStatus, MethodInput } from '../../src/contract';
import { invoke, on, type ApiError } from '../api/client';
import { useQuery } from '../api/useQuery';
import { sentenceText, useTranslation } from '../i18n';
import { describeDoorEvent } from './describeDoorEvent';

/** The door's audited actions: each dialog shows its own refusal on its form. */
export const doorCalls = {
  open: (input: MethodInput<'door.open'>) => invoke('door.open', input),
  resetLockout: (reason: string) => invoke('door.resetLockout', { reason }),
};

/** The relay, the door devices and the keypad lockout: read once, then each door.status event replaces it. */
export function useDoorStatus(): { status: DoorStatus | undefined; error: ApiError | null } {
  const loaded = useQuery(() => invoke('door.status', {}), []);
  const [pushed, setPushed] = useState<DoorStatus | null>(null);
  useEffect(() => on('door.status', setPushed), []);
  return { status: pushed ?? loaded.data, error: loaded.error };
}

/** Open alerts, read again whenever the count changes (raised, acknowledged, resolved by their cause going away). */
export function useAlerts() {
  const alerts = useQuery(() => invoke('alerts.list', {}), []);
  const { reload } = alerts;
  useEffect(() => on('alerts.changed', reload), [reload]);
  const [ackError, setAckError] = useState<ApiError | null>(null);
  const acknowledge = useCallback(
    async (id: number) => {
      try {
        await invoke('alerts.acknowledge', { id });
        setAckError(null);
        reload();
      } catch (e) {
        setAckError(e as ApiError);
      }
    },
    [reload],
  );
  return { alerts: alerts.data, error: ackError ?? alerts.error, acknowledge };
}

/** The latest door event, until `showForMs` has passed or staff dismiss it (the toast in the corner). */
export function useLatestDoorEvent(showForMs: number): { event: DoorEvent | null; dismiss: () => void } {
  const [event, setEvent] = useState<DoorEvent | null>(null);
  useEffect(() => on('door.event', setEvent), []);
  useEffect(() => {
    if (!event) return;
    const timer = window.setTimeout(() => setEvent(null), showForMs);
    return () => window.clearTimeout(timer);
  }, [event, showForMs]);
  const dismiss = useCallback(() => setEvent(null), []);
  return { event, dismiss };
}

export interface Announcement {
  id: string;
  text: string;
}

/**
 * The last `kept` door events and new alerts, as sentences for screen readers. Alerts open before the screen
 * loaded are on the bell already; only those that come after are added.
 */
export function useDoorAnnouncements(kept: number): Announcement[] {
  const { t } = useTranslation();
  const [lines, setLines] = useState<Announcement[]>([]);
  const seenAlerts = useRef<Set<number> | null>(null);

  useEffect(() => {
    const say = (id: string, text: string) => setLines((current) => [...current, { id, text }].slice(-kept));
    const offDoor = on('door.event', (e) => {
      const { title, text } = describeDoorEvent(e);
      say(`door:${e.at}:${e.device}`, `${title}. ${text}`);
    });
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
  }, [t, kept]);

  return lines;
}
