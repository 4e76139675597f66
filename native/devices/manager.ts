/**
 * Opens the devices assigned to the door, feeds their reports through the decoders, and keeps
 * trying to reopen a device that went away, so unplugging and replugging needs no restart.
 */
import type { Device } from 'node-hid';
import { BootKeyboardDecoder } from '../hid/bootKeyboard';
import type { DoorKey } from '../hid/keys';
import type { RelayDriver } from '../relay/types';
import { channelCount, UsbHidRelayDriver } from '../relay/usbHidRelay';

/** The subset of a node-hid HIDAsync handle the manager uses (the fake implements the same). */
export interface HidHandle {
  on(event: 'data', listener: (data: Buffer) => void): unknown;
  on(event: 'error', listener: (error: unknown) => void): unknown;
  close(): Promise<void>;
  sendFeatureReport(data: number[] | Buffer): Promise<number>;
  getFeatureReport(reportId: number, length: number): Promise<Buffer>;
  getDeviceInfo(): Promise<Device>;
}

export interface HidModule {
  HIDAsync: { open(path: string): Promise<HidHandle> };
}

export type DeviceRole = 'keypad' | 'reader' | 'relay';

export interface Assignment {
  role: DeviceRole;
  path: string;
  /** Relay channel the door strike is wired to. */
  channel?: number;
}

export interface DeviceSink {
  key(role: 'keypad' | 'reader', key: DoorKey): void;
  /** Resolves once the door has finished with the previous relay (switched it off). */
  relay(driver: RelayDriver | null, channel: number): Promise<void> | void;
  changed(): void;
  /** Dropped reports and device errors, for the debug log. */
  debug(message: string): void;
}

export interface DeviceStatus {
  role: DeviceRole;
  name: string;
  connected: boolean;
}

interface Slot {
  assignment: Assignment;
  name: string;
  handle: HidHandle | null;
  retry: NodeJS.Timeout | null;
}

export class DeviceManager {
  private readonly slots: Slot[];
  private stopped = false;

  constructor(
    private readonly hid: HidModule,
    assignments: Assignment[],
    private readonly sink: DeviceSink,
    private readonly retryMs = 1000,
  ) {
    this.slots = assignments.map((assignment) => ({ assignment, name: assignment.path, handle: null, retry: null }));
  }

  async start(): Promise<void> {
    await Promise.all(this.slots.map((slot) => this.open(slot)));
  }

  status(): DeviceStatus[] {
    return this.slots.map((s) => ({ role: s.assignment.role, name: s.name, connected: s.handle !== null }));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(
      this.slots.map(async (slot) => {
        if (slot.retry) clearTimeout(slot.retry);
        const handle = slot.handle;
        slot.handle = null;
        if (handle && slot.assignment.role === 'relay') await this.sink.relay(null, slot.assignment.channel ?? 1);
        await handle?.close().catch(() => undefined);
      }),
    );
  }

  private async open(slot: Slot): Promise<void> {
    slot.retry = null;
    if (this.stopped) return;
    const { role, path } = slot.assignment;
    let handle: HidHandle | null = null;
    try {
      handle = await this.hid.HIDAsync.open(path);
      const info = await handle.getDeviceInfo();
      slot.name = [info.manufacturer, info.product].filter(Boolean).join(' ') || path;
      if (role === 'relay') {
        const channels = channelCount(info.product) ?? 1;
        this.sink.relay(await UsbHidRelayDriver.open(handle, channels), slot.assignment.channel ?? 1);
      } else {
        const decoder = new BootKeyboardDecoder({ onDrop: (reason) => this.sink.debug(`${role} ${path}: dropped report: ${reason}`) });
        handle.on('data', (report) => {
          for (const key of decoder.decode(report)) this.sink.key(role, key);
        });
        handle.on('error', (error) => this.lost(slot, error));
      }
      slot.handle = handle;
      this.sink.changed();
    } catch (error) {
      await handle?.close().catch(() => undefined);
      this.sink.debug(`${role} ${path}: cannot open (${String(error)}); retrying`);
      this.scheduleRetry(slot);
    }
  }

  private lost(slot: Slot, error: unknown): void {
    this.sink.debug(`${slot.assignment.role} ${slot.assignment.path}: ${String(error)}`);
    const handle = slot.handle;
    slot.handle = null;
    void handle?.close().catch(() => undefined);
    if (slot.assignment.role === 'relay') this.sink.relay(null, slot.assignment.channel ?? 1);
    this.sink.changed();
    this.scheduleRetry(slot);
  }

  private scheduleRetry(slot: Slot): void {
    if (this.stopped || slot.retry) return;
    slot.retry = setTimeout(() => void this.open(slot), this.retryMs);
    slot.retry.unref?.();
  }
}
