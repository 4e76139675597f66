import { describe, expect, it } from 'vitest';
import {
  classifyDeviceError,
  DeviceDisconnectedError,
  DeviceNotConnectedError,
  DevicePermissionError,
  DeviceProtocolError,
  toDeviceError,
} from '../../../native/devices/errors';
import { RelayError } from '../../../native/relay/types';

/** serialport's DisconnectedError (stream) and a read error flagged by bindings-cpp's unixRead. */
const flagged = (message: string, flags: Record<string, unknown>) => Object.assign(new Error(message), flags);

describe('classifyDeviceError', () => {
  it.each([
    // node-hid 3 + hidapi on Linux (hidraw)
    ["cannot open device with path /dev/hidraw3: Failed to open a device with path '/dev/hidraw3': Permission denied", 'permission-denied'],
    [
      "cannot open device with path /dev/hidraw3: Failed to open a device with path '/dev/hidraw3': No such file or directory",
      'not-connected',
    ],
    ['cannot open device with path sim:keypad', 'not-connected'],
    ['could not read from HID device: hid_read_timeout: unexpected poll error (device disconnected)', 'disconnected'],
    ['could not read from HID device: Input/output error', 'disconnected'],
    ['could not get feature report from device: ioctl (GFEATURE): No such device', 'disconnected'],
    ['could not send feature report to device: ioctl (SFEATURE): Broken pipe', 'protocol-error'],
    ['could not get feature report from device: ioctl (GFEATURE): Connection timed out', 'protocol-error'],
    // hidapi on Windows and macOS
    ['cannot open device with path \\\\?\\hid#vid_16c0&pid_05df: open_device: (0x00000005) Access is denied.', 'permission-denied'],
    ['could not send feature report to device: HidD_SetFeature: (0x0000048F) The device is not connected.', 'disconnected'],
    [
      'cannot open device with path DevSrvsID:4294971234: hid_open_path: failed to open IOHIDDevice from mach entry: (0xE00002E2) (iokit/common) not permitted',
      'permission-denied',
    ],
    ['could not get feature report from device: Device is disconnected', 'disconnected'],
    // serialport (bindings-cpp)
    ['Error: Permission denied, cannot open /dev/ttyUSB0', 'permission-denied'],
    ['Error: No such file or directory, cannot open /dev/ttyUSB0', 'not-connected'],
    ['Opening COM3: Access denied', 'permission-denied'],
    ['Opening COM3: File not found', 'not-connected'],
    ['Port is not open', 'disconnected'],
  ])('%s → %s', (message, kind) => {
    expect(classifyDeviceError(new Error(message))).toBe(kind);
  });

  it('reads node-hid handle errors, which are strings rather than Errors', () => {
    expect(classifyDeviceError('could not read from HID device: hid_read_timeout: unexpected poll error (device disconnected)')).toBe(
      'disconnected',
    );
  });

  it('reads error codes and serialport disconnect flags before the text', () => {
    expect(classifyDeviceError(flagged('open failed', { code: 'EACCES' }))).toBe('permission-denied');
    expect(classifyDeviceError(flagged('read failed', { code: 'ENXIO' }))).toBe('disconnected');
    expect(classifyDeviceError(flagged('Bad file descriptor', { disconnected: true }))).toBe('disconnected');
    expect(classifyDeviceError(flagged('UNKNOWN', { disconnect: true }))).toBe('disconnected');
  });

  it('looks through a relay driver error to what the device said', () => {
    const cause = new TypeError('device has been closed');
    expect(classifyDeviceError(new RelayError('usb-hid-relay:SIM01: reading relay status failed', { cause }))).toBe('disconnected');
    expect(classifyDeviceError(new RelayError('usb-hid-relay: unreadable relay status: board ID is not printable ASCII: 00 00'))).toBe(
      'protocol-error',
    );
  });

  it('keeps the kind of an error that is already typed, and uses the fallback for unknown errors', () => {
    expect(classifyDeviceError(new DevicePermissionError('no'))).toBe('permission-denied');
    expect(classifyDeviceError(new Error('something odd'))).toBe('protocol-error');
    expect(classifyDeviceError(new Error('something odd'), 'disconnected')).toBe('disconnected');
  });
});

describe('toDeviceError', () => {
  it('gives one class per kind, with the original message and cause', () => {
    const original = new Error('Error: Permission denied, cannot open /dev/ttyUSB0');
    const typed = toDeviceError(original);
    expect(typed).toBeInstanceOf(DevicePermissionError);
    expect(typed).toMatchObject({ kind: 'permission-denied', message: original.message, cause: original });
    expect(typed.problem).toEqual({ kind: 'permission-denied', detail: original.message });
    expect(toDeviceError('could not read from HID device')).toBeInstanceOf(DeviceDisconnectedError);
    expect(toDeviceError(new Error('cannot open device with path x'))).toBeInstanceOf(DeviceNotConnectedError);
    expect(toDeviceError(new Error('?'))).toBeInstanceOf(DeviceProtocolError);
  });
});
