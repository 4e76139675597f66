import { Alert } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { DoorEvent } from '../../src/contract';
import { on } from '../api/client';

const showForMs = 8000;
const viaLabel = { pin: 'PIN', qr: 'QR code', staff: 'staff' } as const;

function describe(e: DoorEvent): { color: string; title: string; text: string } {
  const where = `${viaLabel[e.via]} at ${e.device}`;
  if (e.result === 'granted')
    return { color: 'green', title: 'Door opened', text: `${e.recipientName ?? 'Someone'} by ${where}. ${e.reason}` };
  if (e.result === 'locked-out') return { color: 'red', title: 'Keypad locked', text: `${e.reason} (${where})` };
  return { color: 'orange', title: 'Door stayed closed', text: `${e.reason} (${where})` };
}

/** A short notice in the corner for each door event, so staff at the desk see who came in. */
export function DoorEventToast() {
  const [event, setEvent] = useState<DoorEvent | null>(null);
  useEffect(() => on('door.event', setEvent), []);
  useEffect(() => {
    if (!event) return;
    const timer = window.setTimeout(() => setEvent(null), showForMs);
    return () => window.clearTimeout(timer);
  }, [event]);

  if (!event) return null;
  const { color, title, text } = describe(event);
  return (
    <Alert
      color={color}
      variant="outline"
      bg="var(--mantine-color-body)"
      title={title}
      role="status"
      withCloseButton
      closeButtonLabel="Dismiss"
      onClose={() => setEvent(null)}
      pos="fixed"
      bottom={24}
      right={24}
      w={380}
      style={{ zIndex: 400, boxShadow: 'var(--mantine-shadow-md)' }}
    >
      {text}
    </Alert>
  );
}
