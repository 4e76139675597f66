/**
 * The four ways a door device fails, as error classes, and the mapping from what node-hid (hidapi),
 * serialport and the relay drivers throw to one of them. The texts matched are the libraries' own:
 * - node-hid 3 (src/HIDAsync.cc, src/read.cc) prefixes hidapi's detail: "cannot open device with path
 *   P: …", "could not read from HID device: …", "could not get/send feature report …: …",
 *   "device has been closed" (a TypeError).
 * - hidapi on Linux appends strerror(): "Failed to open a device with path 'P': Permission denied"
 *   (EACCES: no udev rule), "… No such file or directory", "ioctl (GFEATURE): No such device",
 *   "hid_read_timeout: unexpected poll error (device disconnected)"; on Windows
 *   "op: (0x00000005) Access is denied." or "(0x0000048F) The device is not connected."; on macOS
 *   "(iokit/common) not permitted" / "not privileged", "Device is disconnected".
 * - serialport (bindings-cpp): "Error: Permission denied, cannot open /dev/ttyUSB0",
 *   "Opening COM3: Access denied", "Port is not open", and errors with `disconnected`/`disconnect`
 *   set when the USB-serial adapter goes away (EBADF, ENXIO, EIO on read).
 * A USB stall (EPIPE, "Broken pipe") means the device refused the request: a protocol problem.
 */
import type { DeviceErrorKind, DeviceProblem } from '../../src/contract/devices';

export abstract class DeviceError extends Error {
  abstract readonly kind: DeviceErrorKind;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }

  get problem(): DeviceProblem {
    return { kind: this.kind, detail: this.message };
  }
}

/** The assigned device is not on the USB bus (never plugged in, or not found at open). */
export class DeviceNotConnectedError extends DeviceError {
  readonly kind = 'not-connected';
  override readonly name = 'DeviceNotConnectedError';
}

/** The device was open and went away: unplugged, lost power, or the USB link reset. */
export class DeviceDisconnectedError extends DeviceError {
  readonly kind = 'disconnected';
  override readonly name = 'DeviceDisconnectedError';
}

/** The OS refused to open it: on Linux the udev rule is missing, on Windows another program holds it. */
export class DevicePermissionError extends DeviceError {
  readonly kind = 'permission-denied';
  override readonly name = 'DevicePermissionError';
}

/** It is there and open, but does not answer as the driver expects. */
export class DeviceProtocolError extends DeviceError {
  readonly kind = 'protocol-error';
  override readonly name = 'DeviceProtocolError';
}

const classes = {
  'not-connected': DeviceNotConnectedError,
  disconnected: DeviceDisconnectedError,
  'permission-denied': DevicePermissionError,
  'protocol-error': DeviceProtocolError,
} as const;

const byCode: Record<string, DeviceErrorKind> = {
  EACCES: 'permission-denied',
  EPERM: 'permission-denied',
  ENOENT: 'not-connected',
  ENODEV: 'disconnected',
  ENXIO: 'disconnected',
  EIO: 'disconnected',
  EBADF: 'disconnected',
  EPIPE: 'protocol-error',
  ETIMEDOUT: 'protocol-error',
};

// Checked in this order: an open failure names its reason after the generic prefix.
const byText: [RegExp, DeviceErrorKind][] = [
  [/permission denied|access (is )?denied|not permitted|not privileged|\b(EACCES|EPERM)\b/i, 'permission-denied'],
  [/no such file or directory|file not found|cannot find the (file|path)|not found|\bENOENT\b/i, 'not-connected'],
  [/broken pipe|\bEPIPE\b|timed out|\bETIMEDOUT\b/i, 'protocol-error'],
  [
    /disconnected|not connected|no such device|input\/output error|could not read (data )?from (hid )?device|device has been closed|port is not open|\b(ENODEV|ENXIO|EIO|EBADF)\b/i,
    'disconnected',
  ],
  [/^cannot open device/i, 'not-connected'],
];

function causes(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let e = error; e !== undefined && e !== null && chain.length < 8; e = (e as { cause?: unknown }).cause) chain.push(e);
  return chain;
}

const textOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Which of the four kinds `error` is. `otherwise` is for errors no rule recognises: an error on a
 * device that was working is most likely it going away, one while opening most likely a protocol issue.
 */
export function classifyDeviceError(error: unknown, otherwise: DeviceErrorKind = 'protocol-error'): DeviceErrorKind {
  const chain = causes(error);
  for (const e of chain) {
    if (e instanceof DeviceError) return e.kind;
    const flags = e as { code?: unknown; disconnected?: unknown; disconnect?: unknown };
    if (flags.disconnected === true || flags.disconnect === true) return 'disconnected';
    if (typeof flags.code === 'string' && byCode[flags.code]) return byCode[flags.code]!;
  }
  for (const e of chain) {
    const text = textOf(e);
    for (const [pattern, kind] of byText) if (pattern.test(text)) return kind;
  }
  return otherwise;
}

/** `error` as a typed device error, keeping the original as its cause. */
export function toDeviceError(error: unknown, otherwise?: DeviceErrorKind): DeviceError {
  if (error instanceof DeviceError) return error;
  const Class = classes[classifyDeviceError(error, otherwise)];
  return new Class(textOf(error), { cause: error });
}
