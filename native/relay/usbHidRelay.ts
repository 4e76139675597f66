/**
 * "USB Relay" HID boards sold as USBRelay1/2/4/8 (dcttech firmware on V-USB).
 *
 * Protocol facts from pavel-a/usb-relay-hid (lib/usb_relay_lib.c, lib/usb_relay_hw.h, doc/hidrelay.md)
 * and darrylb123/usbrelay (libusbrelay.c):
 * - VID 0x16C0 / PID 0x05DF are V-USB's shared IDs for HID devices; the product string "USBRelayN"
 *   (N = 1..8 channels) is what identifies the board. Both tools ignore the manufacturer string
 *   ("www.dcttech.com"), which clone boards do not all carry.
 * - The board has no numbered reports. A command is a feature report with report ID 0:
 *   [0x00, command, channel, 0, 0, 0, 0, 0, 0]; command 0xFF = on, 0xFD = off (0xFE / 0xFC = all).
 * - Getting feature report 0 returns 8 bytes: the 5-character ASCII board ID, a NUL, one unused byte
 *   and the relay bitmask (bit n-1 = channel n). Whether the report ID byte 0x00 precedes them depends
 *   on the hidapi backend and the report ID asked for: pavel-a reads the mask at byte 8 of a 9-byte
 *   buffer, darrylb at byte 7 of the unprefixed data. The ID's first character is printable, never
 *   0x00, so a leading 0x00 tells the two layouts apart.
 * - Unpowered, the board forgets its state: every relay comes back off.
 */
import type { Device } from 'node-hid';
import { hex, isDropped, type Dropped } from '../dropped';
import { RelayError, type RelayDriver } from './types';

export const USB_RELAY_VENDOR_ID = 0x16c0;
export const USB_RELAY_PRODUCT_ID = 0x05df;
export const USB_RELAY_MAX_CHANNELS = 8;

const REPORT_ID = 0x00;
const COMMAND_LENGTH = 9;
const CMD_ON = 0xff;
const CMD_OFF = 0xfd;
const STATUS_LENGTH = 8;
const BOARD_ID_LENGTH = 5;
const STATE_BYTE = 7;

/** Subset of node-hid's HIDAsync the driver needs. */
export interface HidFeatureDevice {
  sendFeatureReport(data: number[] | Buffer): Promise<number>;
  getFeatureReport(reportId: number, length: number): Promise<Buffer>;
  close(): Promise<void>;
}

export interface RelayStatus {
  readonly boardId: string;
  /** Index 0 = channel 1. */
  readonly states: boolean[];
}

export function relayOnCommand(channel: number): number[] {
  return command(CMD_ON, channel);
}

export function relayOffCommand(channel: number): number[] {
  return command(CMD_OFF, channel);
}

function command(code: number, channel: number): number[] {
  if (!Number.isInteger(channel) || channel < 1 || channel > USB_RELAY_MAX_CHANNELS) {
    throw new RangeError(`relay channel must be 1..${USB_RELAY_MAX_CHANNELS}, got ${channel}`);
  }
  const report = new Array<number>(COMMAND_LENGTH).fill(0);
  report[0] = REPORT_ID;
  report[1] = code;
  report[2] = channel;
  return report;
}

/** Decodes a status feature report with or without its leading report ID byte. */
export function parseRelayStatus(buf: Uint8Array | readonly number[], channels: number = USB_RELAY_MAX_CHANNELS): RelayStatus | Dropped {
  const bytes = Uint8Array.from(buf);
  const status =
    bytes.length > STATUS_LENGTH && bytes[0] === REPORT_ID ? bytes.subarray(1, 1 + STATUS_LENGTH) : bytes.subarray(0, STATUS_LENGTH);
  if (status.length < STATUS_LENGTH) return { dropped: `status report too short (${bytes.length} bytes): ${hex(bytes)}` };
  const id = status.subarray(0, BOARD_ID_LENGTH);
  if (!id.every((b) => b > 0x20 && b < 0x7f)) return { dropped: `board ID is not printable ASCII: ${hex(bytes)}` };
  const mask = status[STATE_BYTE] ?? 0;
  return {
    boardId: String.fromCharCode(...id),
    states: Array.from({ length: channels }, (_, i) => (mask & (1 << i)) !== 0),
  };
}

/** Channel count from the product string ("USBRelay4" → 4), or null when it is not a relay board's. */
export function channelCount(product: string | undefined): number | null {
  const match = /^USBRelay([1-8])$/.exec(product ?? '');
  return match ? Number(match[1]) : null;
}

export function isUsbHidRelay(device: Pick<Device, 'vendorId' | 'productId' | 'product'>): boolean {
  return device.vendorId === USB_RELAY_VENDOR_ID && device.productId === USB_RELAY_PRODUCT_ID && channelCount(device.product) !== null;
}

export class UsbHidRelayDriver implements RelayDriver {
  readonly id: string;
  readonly #device: HidFeatureDevice;
  readonly #channels: number;
  #queue: Promise<unknown> = Promise.resolve();
  #closed = false;

  private constructor(device: HidFeatureDevice, boardId: string, channels: number) {
    this.#device = device;
    this.#channels = channels;
    this.id = `usb-hid-relay:${boardId}`;
  }

  /** Reads the status once, so a device that does not answer like a relay board is refused up front. */
  static async open(device: HidFeatureDevice, channels: number): Promise<UsbHidRelayDriver> {
    if (!Number.isInteger(channels) || channels < 1 || channels > USB_RELAY_MAX_CHANNELS) {
      throw new RelayError(`a USB HID relay board has 1..${USB_RELAY_MAX_CHANNELS} channels, not ${channels}`);
    }
    const status = await readStatus(device, channels, 'usb-hid-relay');
    return new UsbHidRelayDriver(device, status.boardId, channels);
  }

  set(channel: number, on: boolean): Promise<void> {
    return this.#serialized(async () => {
      this.#assertUsable(channel);
      const wanted = on ? 'ON' : 'OFF';
      try {
        await this.#device.sendFeatureReport(on ? relayOnCommand(channel) : relayOffCommand(channel));
      } catch (cause) {
        throw new RelayError(`${this.id}: switching channel ${channel} ${wanted} failed: ${String(cause)}`, { cause });
      }
      const { states } = await readStatus(this.#device, this.#channels, this.id);
      if (states[channel - 1] !== on) {
        throw new RelayError(`${this.id}: channel ${channel} did not switch ${wanted}; the board reports it ${on ? 'OFF' : 'ON'}`);
      }
    });
  }

  state(): Promise<boolean[]> {
    return this.#serialized(async () => {
      this.#assertUsable();
      return (await readStatus(this.#device, this.#channels, this.id)).states;
    });
  }

  close(): Promise<void> {
    return this.#serialized(async () => {
      if (this.#closed) return;
      this.#closed = true;
      try {
        await this.#device.close();
      } catch (cause) {
        throw new RelayError(`${this.id}: closing the device failed: ${String(cause)}`, { cause });
      }
    });
  }

  /** One command at a time: a read-back must not interleave with another channel's write. */
  #serialized<T>(operation: () => Promise<T>): Promise<T> {
    const result = this.#queue.then(operation);
    this.#queue = result.catch(() => undefined);
    return result;
  }

  #assertUsable(channel?: number): void {
    if (this.#closed) throw new RelayError(`${this.id}: driver is closed`);
    if (channel !== undefined && (!Number.isInteger(channel) || channel < 1 || channel > this.#channels)) {
      throw new RelayError(`${this.id}: channel ${channel} is not 1..${this.#channels}`);
    }
  }
}

async function readStatus(device: HidFeatureDevice, channels: number, who: string): Promise<RelayStatus> {
  let report: Buffer;
  try {
    report = await device.getFeatureReport(REPORT_ID, STATUS_LENGTH + 1);
  } catch (cause) {
    throw new RelayError(`${who}: reading relay status failed: ${String(cause)}`, { cause });
  }
  const status = parseRelayStatus(report, channels);
  if (isDropped(status)) throw new RelayError(`${who}: unreadable relay status: ${status.dropped}`);
  return status;
}
