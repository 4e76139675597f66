import type { DeviceErrorKind } from '../../src/contract';

/** A door device's problem in two words, for badges; the Devices panel shows the full sentence beside it. */
export const problemLabels: Record<DeviceErrorKind, string> = {
  'not-connected': 'Not connected',
  disconnected: 'Disconnected',
  'permission-denied': 'No permission',
  'protocol-error': 'Not answering',
};
