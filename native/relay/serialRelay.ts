/**
 * LC Technology "LCUS-1/2/4/8" relay boards: a CH340 USB-serial chip (VID 0x1A86, PID 0x7523) in
 * front of a microcontroller, 9600 baud 8N1.
 *
 * Protocol, from LC Technology's product notes as reproduced in jarwyg/USB_RELAY (README) and
 * exmakhina/xm_tesmes (relay_lcus.py): a 4-byte frame [0xA0, channel, operation, checksum] with
 * operation 0x01 = on, 0x00 = off and checksum = (0xA0 + channel + operation) & 0xFF.
 * The boards never acknowledge a frame. Some firmware answers a single 0xFF byte with a status text,
 * but its format differs between revisions and many boards send nothing, so it is not used: the
 * driver reports the states it last commanded, assuming all off at open (the relays release when the
 * board loses power).
 */
import { RelayError, type RelayDriver } from './types';

export const LCUS_BAUD_RATE = 9600;
export const LCUS_MAX_CHANNELS = 8;

const FRAME_START = 0xa0;
const OP_ON = 0x01;
const OP_OFF = 0x00;

/** The byte stream the driver writes to; serialPortAdapter provides it over the serialport package. */
export interface SerialLink {
  write(data: Buffer): Promise<void>;
  close(): Promise<void>;
  /** The error that ended the port (an unplug), if one did: the board cannot be asked, so this is how a loss shows. */
  failure?(): Error | undefined;
}

export function lcusFrame(channel: number, on: boolean): Buffer {
  if (!Number.isInteger(channel) || channel < 1 || channel > LCUS_MAX_CHANNELS) {
    throw new RangeError(`LCUS channel must be 1..${LCUS_MAX_CHANNELS}, got ${channel}`);
  }
  const operation = on ? OP_ON : OP_OFF;
  return Buffer.from([FRAME_START, channel, operation, (FRAME_START + channel + operation) & 0xff]);
}

export interface SerialRelayOptions {
  readonly id: string;
  readonly channels: number;
}

export class SerialRelayDriver implements RelayDriver {
  readonly id: string;
  readonly #link: SerialLink;
  readonly #commanded: boolean[];
  #queue: Promise<unknown> = Promise.resolve();
  #closed = false;

  constructor(link: SerialLink, options: SerialRelayOptions) {
    if (!Number.isInteger(options.channels) || options.channels < 1 || options.channels > LCUS_MAX_CHANNELS) {
      throw new RelayError(`an LCUS board has 1..${LCUS_MAX_CHANNELS} channels, not ${options.channels}`);
    }
    this.#link = link;
    this.id = options.id;
    this.#commanded = new Array<boolean>(options.channels).fill(false);
  }

  /** Resolves once the frame is written; the board cannot confirm it switched. */
  set(channel: number, on: boolean): Promise<void> {
    return this.#serialized(async () => {
      if (this.#closed) throw new RelayError(`${this.id}: driver is closed`);
      if (!Number.isInteger(channel) || channel < 1 || channel > this.#commanded.length) {
        throw new RelayError(`${this.id}: channel ${channel} is not 1..${this.#commanded.length}`);
      }
      try {
        await this.#link.write(lcusFrame(channel, on));
      } catch (cause) {
        throw new RelayError(`${this.id}: switching channel ${channel} ${on ? 'ON' : 'OFF'} failed: ${String(cause)}`, { cause });
      }
      this.#commanded[channel - 1] = on;
    });
  }

  /** The last commanded states: LCUS boards have no reliable readback. Rejects once the port has failed. */
  state(): Promise<boolean[]> {
    return this.#serialized(async () => {
      if (this.#closed) throw new RelayError(`${this.id}: driver is closed`);
      const failure = this.#link.failure?.();
      if (failure) throw new RelayError(`${this.id}: the serial port failed: ${String(failure)}`, { cause: failure });
      return [...this.#commanded];
    });
  }

  close(): Promise<void> {
    return this.#serialized(async () => {
      if (this.#closed) return;
      this.#closed = true;
      try {
        await this.#link.close();
      } catch (cause) {
        throw new RelayError(`${this.id}: closing the serial port failed: ${String(cause)}`, { cause });
      }
    });
  }

  #serialized<T>(operation: () => Promise<T>): Promise<T> {
    const result = this.#queue.then(operation);
    this.#queue = result.catch(() => undefined);
    return result;
  }
}
