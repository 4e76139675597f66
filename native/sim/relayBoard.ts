/**
 * A USBRelayN board in software. It takes the very feature-report bytes a real board gets (protocol
 * in relay/usbHidRelay.ts) and answers status reads in either byte layout hidapi backends return,
 * so the driver is tested against the wire format rather than against itself.
 */
import type { Device } from 'node-hid';
import { hex } from '../dropped';
import { USB_RELAY_MAX_CHANNELS, USB_RELAY_PRODUCT_ID, USB_RELAY_VENDOR_ID, type HidFeatureDevice } from '../relay/usbHidRelay';

export interface RelaySwitchEvent {
  readonly channel: number;
  readonly on: boolean;
  /** Milliseconds since the epoch, from the board's clock. */
  readonly at: number;
}

/** Whether getFeatureReport puts the report ID byte 0x00 before the 8 status bytes. */
export type StatusLayout = 'with-report-id' | 'without-report-id';

export interface SimulatedRelayBoardOptions {
  /** Five printable ASCII characters, as burnt into real boards. */
  readonly boardId?: string;
  readonly channels?: number;
  readonly statusLayout?: StatusLayout;
  readonly now?: () => number;
}

const COMMAND_LENGTH = 9;
const CMD_ON = 0xff;
const CMD_ALL_ON = 0xfe;
const CMD_OFF = 0xfd;
const CMD_ALL_OFF = 0xfc;

export class SimulatedRelayBoard implements HidFeatureDevice {
  readonly boardId: string;
  readonly channels: number;
  readonly statusLayout: StatusLayout;
  /** Every switch the relays made, oldest first. */
  readonly history: RelaySwitchEvent[] = [];
  /** While true, feature report writes fail the way hidapi reports a failed USB transfer. */
  failWrites = false;
  readonly #now: () => number;
  readonly #jammed = new Set<number>();
  #mask = 0;
  #closed = false;

  constructor(options: SimulatedRelayBoardOptions = {}) {
    this.boardId = options.boardId ?? 'SIM01';
    this.channels = options.channels ?? 2;
    this.statusLayout = options.statusLayout ?? 'with-report-id';
    this.#now = options.now ?? Date.now;
    if (!/^[\x21-\x7e]{5}$/.test(this.boardId)) throw new RangeError(`board ID must be 5 printable ASCII characters: ${this.boardId}`);
    if (!Number.isInteger(this.channels) || this.channels < 1 || this.channels > USB_RELAY_MAX_CHANNELS) {
      throw new RangeError(`a relay board has 1..${USB_RELAY_MAX_CHANNELS} channels, not ${this.channels}`);
    }
  }

  /** USB descriptors as node-hid lists them (without the OS-assigned path). */
  get info(): Omit<Device, 'path'> {
    return {
      vendorId: USB_RELAY_VENDOR_ID,
      productId: USB_RELAY_PRODUCT_ID,
      manufacturer: 'www.dcttech.com',
      product: `USBRelay${this.channels}`,
      serialNumber: '',
      release: 0x0100,
      interface: 0,
      usagePage: 0xff00,
      usage: 0x01,
    };
  }

  /** Physical relay states, index 0 = channel 1. */
  get states(): boolean[] {
    return Array.from({ length: this.channels }, (_, i) => (this.#mask & (1 << i)) !== 0);
  }

  /** The channel's relay stops following commands (welded contacts, dead coil): only a read-back notices. */
  jam(channel: number): void {
    this.#jammed.add(channel);
  }

  async sendFeatureReport(data: number[] | Buffer): Promise<number> {
    this.#assertOpen();
    if (this.failWrites) throw new Error('could not send feature report to device: ioctl (SFEATURE): Broken pipe');
    const bytes = [...data];
    if (bytes.length !== COMMAND_LENGTH || bytes[0] !== 0x00) {
      throw new Error(`relay board expects a ${COMMAND_LENGTH}-byte feature report with report ID 0, got ${hex(bytes)}`);
    }
    const [, command = 0, channel = 0] = bytes;
    const all = Array.from({ length: this.channels }, (_, i) => i + 1);
    // The firmware ignores commands it does not know and channels it does not have.
    if (command === CMD_ON) this.#switch([channel], true);
    else if (command === CMD_OFF) this.#switch([channel], false);
    else if (command === CMD_ALL_ON) this.#switch(all, true);
    else if (command === CMD_ALL_OFF) this.#switch(all, false);
    return bytes.length;
  }

  async getFeatureReport(reportId: number, length: number): Promise<Buffer> {
    this.#assertOpen();
    const status = [...Buffer.from(this.boardId, 'latin1'), 0x00, 0x00, this.#mask];
    const report = this.statusLayout === 'with-report-id' ? [reportId, ...status] : status;
    return Buffer.from(report.slice(0, length));
  }

  async close(): Promise<void> {
    this.#closed = true;
  }

  #switch(channels: readonly number[], on: boolean): void {
    for (const channel of channels) {
      if (channel < 1 || channel > this.channels || this.#jammed.has(channel)) continue;
      this.#mask = on ? this.#mask | (1 << (channel - 1)) : this.#mask & ~(1 << (channel - 1));
      this.history.push({ channel, on, at: this.#now() });
    }
  }

  #assertOpen(): void {
    if (this.#closed) throw new TypeError('device has been closed');
  }
}
