/**
 * Which USB device plays a role at the door. Paths change when a device is replugged, so the
 * usual selector is vendor:product[:serial] in hex; a path is accepted for boards without a
 * serial number when two identical ones are plugged in. A serial relay board (CH340 "LCUS") is
 * named by its port: serial:/dev/ttyUSB0 or serial:COM3.
 */
import { message, type Message } from '../contract';

export type DeviceSelector = { vendorId: number; productId: number; serialNumber?: string } | { path: string } | { serialPort: string };

export interface SelectableDevice {
  vendorId: number;
  productId: number;
  serialNumber?: string | undefined;
  path?: string | undefined;
}

export type SelectorResult = { ok: true; selector: DeviceSelector } | { ok: false; reason: Message };

export function parseSelector(text: string): SelectorResult {
  const trimmed = text.trim();
  const serial = /^serial:(.+)$/i.exec(trimmed);
  if (serial) return { ok: true, selector: { serialPort: serial[1]!.trim() } };
  const match = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})(?::(.+))?$/i.exec(trimmed);
  if (match) {
    const selector: DeviceSelector = { vendorId: parseInt(match[1]!, 16), productId: parseInt(match[2]!, 16) };
    return { ok: true, selector: match[3] ? { ...selector, serialNumber: match[3] } : selector };
  }
  if (trimmed.startsWith('/') || /^\\\\\?\\/.test(trimmed) || /^IOService:/.test(trimmed) || /^sim:/.test(trimmed)) {
    return { ok: true, selector: { path: trimmed } };
  }
  return { ok: false, reason: message('device.badSelector', { text }) };
}

export function matchesSelector(selector: DeviceSelector, device: SelectableDevice): boolean {
  if ('serialPort' in selector) return false;
  if ('path' in selector) return device.path === selector.path;
  return (
    device.vendorId === selector.vendorId &&
    device.productId === selector.productId &&
    (selector.serialNumber === undefined || device.serialNumber === selector.serialNumber)
  );
}

const hex4 = (n: number) => n.toString(16).padStart(4, '0');

export function formatSelector(selector: DeviceSelector): string {
  if ('serialPort' in selector) return `serial:${selector.serialPort}`;
  if ('path' in selector) return selector.path;
  return `${hex4(selector.vendorId)}:${hex4(selector.productId)}${selector.serialNumber ? `:${selector.serialNumber}` : ''}`;
}

export const formatVidPid = (d: { vendorId: number; productId: number }) => `${hex4(d.vendorId)}:${hex4(d.productId)}`;
