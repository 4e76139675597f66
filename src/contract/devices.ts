import { z } from 'zod';
import { empty, tooLong } from './common';
import { method, type MethodDef } from './define';
import { says, type Message } from './messages';

/**
 * Why a door device is not working, in words both sides share: the device layer (native/) reports
 * it and the staff UI shows it. This is the one file native/ may import from src/, and it imports only
 * these two types (`import type`), so nothing of zod or the rest of the contract reaches the device layer.
 */
export type DeviceErrorKind = 'not-connected' | 'disconnected' | 'permission-denied' | 'protocol-error';

export interface DeviceProblem {
  kind: DeviceErrorKind;
  /** The driver's own words (hidapi, serialport), for the log and for support. */
  detail: string;
}

// ---- Assigning door devices (Settings → Devices) ----

export const deviceRole = z.enum(['keypad', 'reader', 'relay'], { error: says('validation.deviceRole') });

export const deviceAssignInput = z.object({
  role: deviceRole,
  selector: z
    .string({ error: says('validation.chooseDevice') })
    .trim()
    .min(1, says('validation.chooseDevice'))
    .max(300, tooLong('selector', 300)),
  channel: z
    .number()
    .int(says('validation.relayChannelWhole'))
    .min(1, says('validation.relayChannelMin'))
    .max(8, says('validation.relayChannelMax'))
    .optional(),
});

export const deviceUnassignInput = z.object({ role: deviceRole });

export const deviceIdentifyInput = z.object({ seconds: z.number().int().min(3).max(60).default(15) });

export type DeviceRole = 'keypad' | 'reader' | 'relay';

export interface HidDeviceInfo {
  vidPid: string;
  manufacturer: string | null;
  product: string | null;
  serialNumber: string | null;
  path: string;
  kind: 'keyboard' | 'relay' | 'barcode-scanner' | 'other';
  assignedRole: DeviceRole | null;
  /** Why Packroom cannot read this device here, and what to do instead. */
  blocked: Message | null;
}

export interface DeviceAssignmentInfo {
  role: DeviceRole;
  selector: string;
  channel: number | null;
  name: string;
  connected: boolean;
  /** Why it is not connected, as a kind for the UI's label and in words with the fix. */
  problemKind: DeviceErrorKind | null;
  problem: Message | null;
}

export interface DeviceOverview {
  mode: 'auto' | 'sim' | 'none';
  devices: HidDeviceInfo[];
  assignments: DeviceAssignmentInfo[];
  /** Set when the device list itself cannot be read (e.g. node-hid could not load). */
  problem: Message | null;
}

export const deviceMethods = {
  'devices.list': method<DeviceOverview>()({ input: empty, access: 'admin' }),
  'devices.assign': method<DeviceOverview>()({ input: deviceAssignInput, access: 'admin' }),
  'devices.unassign': method<DeviceOverview>()({ input: deviceUnassignInput, access: 'admin' }),
  'devices.identify': method<HidDeviceInfo | null>()({ input: deviceIdentifyInput, access: 'admin' }),
  'devices.testRelay': method<null>()({ input: empty, access: 'admin' }),
} satisfies Record<string, MethodDef>;
