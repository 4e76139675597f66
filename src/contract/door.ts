import { z } from 'zod';
import { empty, id, text } from './common';
import { method, type MethodDef } from './define';
import type { DeviceErrorKind } from './devices';
import type { Message } from './messages';

/** The door: its state, staff openings and the keypad lockout. */
export const openDoorInput = z.object({
  reason: text('reason', 200),
  recipientId: id.optional(),
});

export const resetLockoutInput = z.object({ reason: text('reason', 200) });

export interface DoorEvent {
  at: string;
  result: 'granted' | 'denied' | 'locked-out';
  /** Who, for a grant: staff see names; the keypad never does. */
  recipientName: string | null;
  via: 'pin' | 'qr' | 'staff';
  device: string;
  /** Why the door opened or stayed closed; for a staff opening, what staff typed (the `text` sentence). */
  reason: Message;
  /** For a grant to a recipient's own credential: whose, and which kind (package pickup follows it). */
  recipientId?: number;
  keyKind?: 'permanent' | 'single';
  /** A grant to a proxy PIN: the proxy's name, who collects the recipient's packages. */
  proxyName?: string;
}

export interface DoorStatus {
  /** `none`: no relay is assigned (a fresh install); `missing`: one is, but it is not connected (unplugged, no permission…). */
  relay: 'open' | 'closed' | 'missing' | 'none';
  /** `problem` says why a device is not connected (null while it is). */
  devices: { role: 'keypad' | 'reader' | 'relay'; name: string; connected: boolean; problem: DeviceErrorKind | null }[];
  /** Set while too many wrong PINs keep the keypad from accepting PINs. */
  keypadLockedUntil: string | null;
  lastEvent: DoorEvent | null;
}

export const doorMethods = {
  'door.status': method<DoorStatus>()({ input: empty, access: 'staff' }),
  'door.open': method<null>()({ input: openDoorInput, access: 'staff' }),
  'door.resetLockout': method<null>()({ input: resetLockoutInput, access: 'staff' }),
} satisfies Record<string, MethodDef>;
