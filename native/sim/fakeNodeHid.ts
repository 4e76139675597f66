/**
 * A stand-in for the parts of the node-hid module the app uses (devices, devicesAsync,
 * HIDAsync.open and the HIDAsync handle), hosting emulated devices instead of hardware.
 *
 * Behaviour copied from node-hid 3 (nodehid.js, src/HIDAsync.cc, src/read.cc):
 * - Input reports are only read while the handle has a 'data' listener; reports sent with no
 *   listener are lost, there is no buffer. Delivery here is synchronous, for deterministic tests.
 * - When the device goes away, a reading handle emits 'error' once with a string (not an Error)
 *   and stops reading; feature/output requests on it reject. A handle that is not reading emits
 *   nothing. A closed handle rejects every request with TypeError 'device has been closed'.
 * - Opening a path that is not present rejects with 'cannot open device with path ...'; opening one
 *   the user may not read (no udev rule) rejects with the same prefix and hidapi's "Permission denied".
 * - `fail` makes a device's open handles emit 'error' whether or not anyone listens, as an
 *   EventEmitter does: a handle without an 'error' listener throws, which in the app ends the process.
 * The error texts are hidapi's on Linux (hidraw backend).
 */
import { EventEmitter } from 'node:events';
import type { Device } from 'node-hid';
import { encodeBootKeyboard } from '../hid/bootKeyboard';
import type { DoorKey } from '../hid/keys';

export type DeviceInfo = Omit<Device, 'path'>;

/** A device the fake can host. Input-only devices implement connectInput, others the report methods they support. */
export interface EmulatedHidDevice {
  readonly info: DeviceInfo;
  /** Called when the device is attached: input reports go to `send`. */
  connectInput?(send: (report: Uint8Array) => void): void;
  write?(data: number[] | Buffer): Promise<number>;
  sendFeatureReport?(data: number[] | Buffer): Promise<number>;
  getFeatureReport?(reportId: number, length: number): Promise<Buffer>;
}

const READ_ERROR_ON_REMOVAL = 'could not read from HID device: hid_read_timeout: unexpected poll error (device disconnected)';

interface HandleSink {
  input(report: Uint8Array): void;
  removed(): void;
  failed(error: unknown): void;
}

interface Slot {
  readonly path: string;
  readonly device: EmulatedHidDevice;
  plugged: boolean;
  denied: boolean;
  readonly sinks: Set<HandleSink>;
}

export class FakeHIDAsync extends EventEmitter {
  readonly #slot: Slot;
  readonly #sink: HandleSink;
  #closed = false;
  #removed = false;

  /** Handles come from FakeNodeHid.HIDAsync.open, as node-hid's come from HIDAsync.open. */
  constructor(slot: Slot) {
    super();
    this.#slot = slot;
    this.#sink = {
      input: (report) => {
        if (this.listenerCount('data') > 0) this.emit('data', Buffer.from(report));
      },
      removed: () => {
        this.#removed = true;
        if (this.listenerCount('data') > 0) this.emit('error', READ_ERROR_ON_REMOVAL);
      },
      failed: (error) => {
        this.#removed = true;
        this.emit('error', error);
      },
    };
    slot.sinks.add(this.#sink);
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#slot.sinks.delete(this.#sink);
    this.removeAllListeners();
  }

  async write(values: number[] | Buffer): Promise<number> {
    const device = this.#usable('Cannot write to hid device');
    if (!device.write) throw new Error('Cannot write to hid device: Broken pipe');
    return device.write(values);
  }

  async sendFeatureReport(data: number[] | Buffer): Promise<number> {
    const device = this.#usable('could not send feature report to device: ioctl (SFEATURE)');
    if (!device.sendFeatureReport) throw new Error('could not send feature report to device: ioctl (SFEATURE): Broken pipe');
    return device.sendFeatureReport(data);
  }

  async getFeatureReport(reportId: number, reportLength: number): Promise<Buffer> {
    const device = this.#usable('could not get feature report from device: ioctl (GFEATURE)');
    if (!device.getFeatureReport) throw new Error('could not get feature report from device: ioctl (GFEATURE): Broken pipe');
    return device.getFeatureReport(reportId, reportLength);
  }

  async getDeviceInfo(): Promise<Device> {
    if (this.#closed) throw new TypeError('device has been closed');
    return { ...this.#slot.device.info, path: this.#slot.path };
  }

  #usable(failure: string): EmulatedHidDevice {
    if (this.#closed) throw new TypeError('device has been closed');
    if (this.#removed) throw new Error(`${failure}: No such device`);
    return this.#slot.device;
  }
}

interface OpenOptions {
  readonly nonExclusive?: boolean;
}

export interface FakeHIDAsyncStatic {
  open(path: string, options?: OpenOptions): Promise<FakeHIDAsync>;
  open(vendorId: number, productId: number, options?: OpenOptions): Promise<FakeHIDAsync>;
}

export class FakeNodeHid {
  readonly #slots = new Map<string, Slot>();
  #nextHidraw = 0;

  readonly HIDAsync: FakeHIDAsyncStatic = {
    open: async (target: string | number, productId?: number | OpenOptions): Promise<FakeHIDAsync> => {
      const slot =
        typeof target === 'string'
          ? this.#present().find((s) => s.path === target)
          : this.#present().find((s) => s.device.info.vendorId === target && s.device.info.productId === productId);
      if (!slot) {
        throw new Error(
          typeof target === 'string'
            ? `cannot open device with path ${target}`
            : `cannot open device with vendor id 0x${target.toString(16)} and product id 0x${Number(productId).toString(16)}`,
        );
      }
      if (slot.denied) {
        throw new Error(`cannot open device with path ${slot.path}: Failed to open a device with path '${slot.path}': Permission denied`);
      }
      return new FakeHIDAsync(slot);
    },
  };

  /** Plugs `device` in; returns its path. */
  attach(device: EmulatedHidDevice, path = `/dev/hidraw${this.#nextHidraw++}`): string {
    if (this.#slots.has(path)) throw new Error(`${path} is already attached`);
    const slot: Slot = { path, device, plugged: true, denied: false, sinks: new Set() };
    this.#slots.set(path, slot);
    device.connectInput?.((report) => {
      if (slot.plugged) for (const sink of slot.sinks) sink.input(report);
    });
    return path;
  }

  devices(vendorId?: number, productId?: number): Device[] {
    return this.#present()
      .filter((s) => (!vendorId || s.device.info.vendorId === vendorId) && (!productId || s.device.info.productId === productId))
      .map((s) => ({ ...s.device.info, path: s.path }));
  }

  async devicesAsync(vendorId?: number, productId?: number): Promise<Device[]> {
    return this.devices(vendorId, productId);
  }

  /** The device disappears from the bus: it is no longer listed, and its open handles die. */
  unplug(path: string): void {
    const slot = this.#slot(path);
    slot.plugged = false;
    const sinks = [...slot.sinks];
    slot.sinks.clear();
    for (const sink of sinks) sink.removed();
  }

  /** The device comes back at the same path; handles opened before the unplug stay dead. */
  replug(path: string): void {
    this.#slot(path).plugged = true;
  }

  /** The device stays listed but the user may not open it, as on Linux without the udev rule. */
  denyAccess(path: string, denied = true): void {
    this.#slot(path).denied = denied;
  }

  /**
   * Every open handle of the device emits 'error' (a USB transfer error, a reset) and is dead
   * afterwards; the device stays plugged in, so reopening it works.
   */
  fail(path: string, error: unknown = READ_ERROR_ON_REMOVAL): void {
    const slot = this.#slot(path);
    const sinks = [...slot.sinks];
    slot.sinks.clear();
    for (const sink of sinks) sink.failed(error);
  }

  #present(): Slot[] {
    return [...this.#slots.values()].filter((s) => s.plugged);
  }

  #slot(path: string): Slot {
    const slot = this.#slots.get(path);
    if (!slot) throw new Error(`no device was attached at ${path}`);
    return slot;
  }
}

export interface EmulatedKeypadOptions {
  readonly info?: Partial<DeviceInfo>;
  /** Report ID the keypad prefixes to its 8-byte boot reports. */
  readonly reportId?: number;
  /** Type digits and Enter with keypad usages, as a numeric door keypad does (default true). */
  readonly keypad?: boolean;
}

/** A USB keypad sending HID boot keyboard reports. */
export class EmulatedKeypad implements EmulatedHidDevice {
  readonly info: DeviceInfo;
  readonly #reportId: number | undefined;
  readonly #keypad: boolean;
  #send: ((report: Uint8Array) => void) | undefined;

  constructor(options: EmulatedKeypadOptions = {}) {
    // 0x1209/0x0001 is pid.codes' VID/PID reserved for test devices.
    this.info = {
      vendorId: 0x1209,
      productId: 0x0001,
      manufacturer: 'Packroom',
      product: 'Simulated door keypad',
      serialNumber: 'SIM-KEYPAD',
      release: 0x0100,
      interface: 0,
      usagePage: 0x01,
      usage: 0x06,
      ...options.info,
    };
    this.#reportId = options.reportId;
    this.#keypad = options.keypad ?? true;
  }

  connectInput(send: (report: Uint8Array) => void): void {
    this.#send = send;
  }

  /** Sends one raw input report; lost if the keypad is not attached or unplugged. */
  sendReport(report: Uint8Array): void {
    this.#send?.(report);
  }

  /** Presses and releases each key in turn. */
  type(keys: string | readonly DoorKey[]): void {
    for (const report of encodeBootKeyboard(keys, { keypad: this.#keypad, reportId: this.#reportId })) this.sendReport(report);
  }

  /** Boot keyboards take a 1-byte LED output report (Num/Caps/Scroll Lock). */
  async write(data: number[] | Buffer): Promise<number> {
    return data.length;
  }
}
