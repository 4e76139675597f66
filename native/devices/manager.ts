/**
 * Opens the devices assigned to the door, feeds their reports through the decoders, and keeps
 * trying to reopen a device that went away (at most `retryMs` apart, sooner on a USB attach
 * event), so unplugging and replugging needs no restart.
 *
 * Its timers come from a port, as node-serialport's MockBinding implements its bindings interface:
 * in Packroom the core's Clock (real time, moved forward by the simulator), in tests a hand-advanced one.
 */
import type { Device } from 'node-hid';
import type { DeviceProblem } from '../../src/contract/devices';
import { BootKeyboardDecoder } from '../hid/bootKeyboard';
import { HidPosDecoder, isHidPosScanner } from '../hid/hidPos';
import type { DoorKey } from '../hid/keys';
import type { RelayDriver } from '../relay/types';
import { channelCount, UsbHidRelayDriver } from '../relay/usbHidRelay';
import { DeviceNotConnectedError, toDeviceError } from './errors';

/** The subset of a node-hid HIDAsync handle the manager uses (the fake implements the same). */
export type { Device as HidDevice } from 'node-hid';

export interface HidHandle {
  on(event: 'data', listener: (data: Buffer) => void): unknown;
  on(event: 'error', listener: (error: unknown) => void): unknown;
  close(): Promise<void>;
  sendFeatureReport(data: number[] | Buffer): Promise<number>;
  getFeatureReport(reportId: number, length: number): Promise<Buffer>;
  getDeviceInfo(): Promise<Device>;
}

export interface HidModule {
  devicesAsync(): Promise<Device[]>;
  HIDAsync: { open(path: string, options?: { nonExclusive?: boolean }): Promise<HidHandle> };
}

export type DeviceRole = 'keypad' | 'reader' | 'relay';

export interface Assignment {
  role: DeviceRole;
  /** Picks the device among those present, on every (re)open: paths change on replug. */
  matches(device: Device): boolean;
  /** How staff named it, e.g. 16c0:05df or /dev/hidraw3. */
  label: string;
  /** Relay channel the door strike is wired to. */
  channel?: number;
  /** A serial relay board's port, instead of a HID device. */
  serialPort?: string;
}

export interface DeviceSink {
  key(role: 'keypad' | 'reader', key: DoorKey): void;
  /** A whole scan from a HID POS scanner (keyboard-mode readers type theirs as keys instead). */
  scan(role: 'keypad' | 'reader', text: string): void;
  /** Resolves once the door has finished with the previous relay (switched it off). */
  relay(driver: RelayDriver | null, channel: number): Promise<void> | void;
  /** The relay board's read-back, so the door can notice a relay that does not follow commands. */
  relayState(states: boolean[], channel: number): void;
  changed(): void;
  /** Dropped reports and device errors, for the debug log. */
  debug(message: string): void;
}

/** The timer port: the core's Clock satisfies it. */
export interface Timers {
  /** Runs `fn` once, `ms` from now. */
  setTimeout(fn: () => void, ms: number): Timer;
}

export interface Timer {
  /** Before it fires: it never will. */
  cancel(): void;
}

export interface DeviceManagerDeps {
  hid: HidModule;
  assignments: Assignment[];
  sink: DeviceSink;
  openSerialRelay: (port: string) => Promise<RelayDriver>;
  timers: Timers;
  /** How long a missing device waits before the next try, and how often relay boards are asked for their state. */
  retryMs?: number;
}

export interface DeviceStatus {
  role: DeviceRole;
  label: string;
  name: string;
  connected: boolean;
  /** Why it is not connected; null while it is. */
  problem: DeviceProblem | null;
}

interface Slot {
  assignment: Assignment;
  name: string;
  handle: HidHandle | null;
  relay: RelayDriver | null;
  problem: DeviceProblem | null;
  retry: Timer | null;
  /** The open in progress, so `stop` and `settled` can wait for it. */
  opening: Promise<void> | null;
}

export class DeviceManager {
  private readonly slots: Slot[];
  private stopped = false;
  private health: Timer | null = null;
  private readonly hid: HidModule;
  private readonly sink: DeviceSink;
  private readonly retryMs: number;

  constructor(private readonly deps: DeviceManagerDeps) {
    this.hid = deps.hid;
    this.sink = deps.sink;
    this.retryMs = deps.retryMs ?? 1000;
    this.slots = deps.assignments.map((assignment) => ({
      assignment,
      name: assignment.label,
      handle: null,
      relay: null,
      problem: null,
      retry: null,
      opening: null,
    }));
  }

  async start(): Promise<void> {
    await Promise.all(this.slots.map((slot) => this.open(slot)));
    // A relay board has no input reports, so an unplug shows only when it stops answering.
    if (this.slots.some((s) => s.assignment.role === 'relay')) this.scheduleHealthCheck();
  }

  /** Resolves once every open started so far has finished, succeeded or not. */
  async settled(): Promise<void> {
    for (;;) {
      const opening = this.slots.flatMap((slot) => (slot.opening ? [slot.opening] : []));
      if (opening.length === 0) return;
      await Promise.all(opening);
    }
  }

  /** A USB device arrived: try the missing ones now rather than at the next retry. */
  retryNow(): void {
    for (const slot of this.slots) {
      if (slot.handle || slot.opening) continue;
      slot.retry?.cancel();
      void this.open(slot);
    }
  }

  status(): DeviceStatus[] {
    return this.slots.map((s) => ({
      role: s.assignment.role,
      label: s.assignment.label,
      name: s.name,
      connected: s.handle !== null,
      problem: s.problem,
    }));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.health?.cancel();
    // An open still in flight would otherwise hand over a handle (or a relay) after the stop.
    await this.settled();
    await Promise.all(
      this.slots.map(async (slot) => {
        slot.retry?.cancel();
        const handle = slot.handle;
        slot.handle = null;
        if (handle && slot.relay) await this.sink.relay(null, slot.assignment.channel ?? 1);
        slot.relay = null;
        await handle?.close().catch(() => undefined);
      }),
    );
  }

  private open(slot: Slot): Promise<void> {
    slot.retry = null;
    if (this.stopped || slot.handle || slot.opening) return slot.opening ?? Promise.resolve();
    slot.opening = this.tryOpen(slot).finally(() => {
      slot.opening = null;
    });
    return slot.opening;
  }

  private async tryOpen(slot: Slot): Promise<void> {
    const { role, label } = slot.assignment;
    let handle: HidHandle | null = null;
    try {
      if (slot.assignment.serialPort) {
        slot.relay = await this.deps.openSerialRelay(slot.assignment.serialPort);
        slot.handle = serialHandle(slot.relay);
        slot.name = `Serial relay on ${slot.assignment.serialPort}`;
        slot.problem = null;
        await this.sink.relay(slot.relay, slot.assignment.channel ?? 1);
        this.sink.changed();
        return;
      }
      const device = (await this.hid.devicesAsync()).find((d) => slot.assignment.matches(d));
      if (!device?.path) throw new DeviceNotConnectedError(`no USB device matching ${label} is plugged in`);
      // Keyboard-mode readers are shared with the OS input stack; opening them exclusively would fail on macOS.
      const opened = await this.hid.HIDAsync.open(device.path, { nonExclusive: role !== 'relay' });
      handle = opened;
      // Every handle gets an 'error' listener at once: an EventEmitter 'error' with none would end the process.
      opened.on('error', (error) => this.lost(slot, opened, error));
      slot.name = [device.manufacturer, device.product].filter(Boolean).join(' ') || label;
      if (role === 'relay') {
        slot.relay = await UsbHidRelayDriver.open(opened, channelCount(device.product) ?? 1);
        slot.handle = opened;
        // The door shows its status while it takes the relay: the device is connected, its old problem gone.
        slot.problem = null;
        await this.sink.relay(slot.relay, slot.assignment.channel ?? 1);
      } else {
        const onDrop = (reason: string) => this.sink.debug(`${role} ${label}: dropped report: ${reason}`);
        if (isHidPosScanner(device)) {
          const decoder = new HidPosDecoder({ onDrop });
          opened.on('data', (report) => {
            const scan = decoder.decode(report);
            if (scan) this.sink.scan(role, scan.text);
          });
        } else {
          const decoder = new BootKeyboardDecoder({ onDrop });
          opened.on('data', (report) => {
            for (const key of decoder.decode(report)) this.sink.key(role, key);
          });
        }
        slot.handle = opened;
        slot.problem = null;
      }
      this.sink.changed();
    } catch (error) {
      await handle?.close().catch(() => undefined);
      const problem = toDeviceError(error).problem;
      // A device that went away and is still not back stays "disconnected", not "never connected".
      if (problem.kind === 'not-connected' && slot.problem?.kind === 'disconnected') problem.kind = 'disconnected';
      if (problem.kind !== slot.problem?.kind || problem.detail !== slot.problem.detail) {
        slot.problem = problem;
        this.sink.debug(`${role} ${label}: cannot open (${problem.kind}: ${problem.detail}); retrying every ${this.retryMs} ms`);
        this.sink.changed();
      }
      this.scheduleRetry(slot);
    }
  }

  /** The next check starts a whole interval after this one ends, so a slow board never has two checks in flight. */
  private scheduleHealthCheck(): void {
    if (this.stopped) return;
    this.health = this.deps.timers.setTimeout(() => {
      void this.checkRelays().finally(() => this.scheduleHealthCheck());
    }, this.retryMs);
  }

  private async checkRelays(): Promise<void> {
    for (const slot of this.slots) {
      const { relay, handle } = slot;
      if (!relay || !handle) continue;
      try {
        this.sink.relayState(await relay.state(), slot.assignment.channel ?? 1);
      } catch (error) {
        this.lost(slot, handle, error);
      }
    }
  }

  private lost(slot: Slot, handle: HidHandle, error: unknown): void {
    if (slot.handle !== handle) return;
    // Not every failure is an unplug: a relay answering garbage is a protocol error, and says so.
    slot.problem = toDeviceError(error, 'disconnected').problem;
    this.sink.debug(`${slot.assignment.role} ${slot.assignment.label}: ${slot.problem.kind}: ${slot.problem.detail}`);
    slot.handle = null;
    void handle.close().catch(() => undefined);
    if (slot.relay) {
      slot.relay = null;
      void this.sink.relay(null, slot.assignment.channel ?? 1);
    }
    this.sink.changed();
    this.scheduleRetry(slot);
  }

  private scheduleRetry(slot: Slot): void {
    if (this.stopped || slot.retry) return;
    slot.retry = this.deps.timers.setTimeout(() => void this.open(slot), this.retryMs);
  }
}

/** A serial relay has no HID handle; this stands in for one so the slot logic stays the same. */
function serialHandle(relay: RelayDriver): HidHandle {
  const unsupported = () => Promise.reject(new Error('not a HID device'));
  return {
    on: () => undefined,
    close: () => relay.close(),
    sendFeatureReport: unsupported,
    getFeatureReport: unsupported,
    getDeviceInfo: unsupported,
  };
}
