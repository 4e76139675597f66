import { DeviceManager, type Assignment, type HidDevice, type HidModule } from '../../../native/devices/manager';
import { loadNodeHid, watchUsbAttach } from '../../../native/devices/usbHost';
import { HID_POS_USAGE_PAGE } from '../../../native/hid/hidPos';
import { LCUS_MAX_CHANNELS } from '../../../native/relay/serialRelay';
import type { RelayDriver } from '../../../native/relay/types';
import { isUsbHidRelay } from '../../../native/relay/usbHidRelay';
import type { Simulator } from '../../../native/sim/simulator';
import {
  ApiError,
  message,
  messageText,
  type DeviceAssignmentInfo,
  type DeviceOverview,
  type DeviceRole,
  type HidDeviceInfo,
  type Message,
} from '../../contract';
import type { DeviceErrorKind, DeviceProblem } from '../../contract/devices';
import type { Repositories } from '../../db/repositories';
import type { Clock, ClockTimer } from '../../clock';
import { type StoredAssignment } from '../../db/repositories/deviceAssignments';
import { deviceProblemText } from '../../domain/deviceProblem';
import { formatSelector, formatVidPid, matchesSelector, parseSelector } from '../../domain/deviceSelector';
import { log } from '../../log';
import type { AlertKind, AlertService } from '../alerts/service';
import type { Actor, AuditService } from '../audit/service';
import type { DoorController } from '../door/service';
import type { EventBus } from '../events';
import type { Transactor } from '../tx';

export type DeviceMode = 'auto' | 'sim' | 'none';

/** How long a door keypad or relay may be missing before staff are alerted (a replug takes about a second). */
const missingGraceMs = 5_000;
const alertKinds: Record<DeviceErrorKind, AlertKind> = {
  'not-connected': 'device.missing',
  disconnected: 'device.missing',
  'permission-denied': 'device.permission',
  'protocol-error': 'device.protocol',
};

/** What the door status shows of each device. */
const doorDevices = (manager: DeviceManager) =>
  manager.status().map((s) => ({ role: s.role, name: s.name, connected: s.connected, problem: s.problem?.kind ?? null }));

function kindOf(device: HidDevice): HidDeviceInfo['kind'] {
  if (isUsbHidRelay(device)) return 'relay';
  if (device.usagePage === HID_POS_USAGE_PAGE) return 'barcode-scanner';
  if (device.usagePage === 1 && device.usage === 6) return 'keyboard';
  return 'other';
}

/** serialport is loaded only when a serial relay is assigned. */
async function openSerialRelay(port: string): Promise<RelayDriver> {
  const { openLcusRelay } = await import('../../../native/relay/serialPortAdapter');
  return openLcusRelay(port, LCUS_MAX_CHANNELS);
}

export interface DeviceDeps {
  repos: Pick<Repositories, 'deviceAssignments'>;
  clock: Clock;
  tx: Transactor;
  audit: AuditService;
  alerts: AlertService;
  events: EventBus;
  door: DoorController;
}

/** Which USB devices play which role at the door, opening them, and the Settings → Devices tools. */
export class DeviceService {
  private hid: HidModule | null = null;
  private hidProblem: Message | null = null;
  private manager: DeviceManager | null = null;
  private stopWatching: () => void = () => undefined;
  private readonly missing = new Map<DeviceRole, ClockTimer>();
  private mode: DeviceMode = 'none';
  private running = false;
  /** The sessions identifying a device right now: the only screens a key echo goes to. */
  private readonly echoTo: string[] = [];

  constructor(private readonly deps: DeviceDeps) {}

  /** Lists devices without opening any (the CLI); `start` also opens the assigned ones. */
  async attach(mode: DeviceMode, simulator?: Simulator): Promise<void> {
    this.mode = mode;
    if (mode === 'sim') {
      if (!simulator) throw new Error('Simulated devices need a simulator.');
      this.hid = simulator.hid;
      // The simulator's devices are the door's unless an admin assigned others.
      if (this.deps.repos.deviceAssignments.all().length === 0) {
        this.deps.repos.deviceAssignments.save(
          simulator.assignments.map((a) => ({ role: a.role, selector: a.label, channel: a.channel ?? null })),
        );
      }
    } else if (mode === 'auto') {
      try {
        this.hid = await loadNodeHid();
      } catch (error) {
        this.hidProblem = message('device.hidUnavailable', { error: error instanceof Error ? error.message : String(error) });
        log.error(messageText(this.hidProblem));
      }
    }
  }

  async start(mode: DeviceMode, simulator?: Simulator): Promise<void> {
    await this.attach(mode, simulator);
    if (mode === 'auto' && this.hid)
      this.stopWatching = await watchUsbAttach(
        () => this.manager?.retryNow(),
        (error) => log.warn(`USB attach events are unavailable (${String(error)}); devices are retried every second instead.`),
      );
    this.running = true;
    await this.restart();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.stopWatching();
    for (const timer of this.missing.values()) timer.cancel();
    this.missing.clear();
    await this.manager?.stop();
    this.manager = null;
  }

  async overview(): Promise<DeviceOverview> {
    const stored = this.deps.repos.deviceAssignments.all();
    const status = this.manager?.status() ?? [];
    let devices: HidDeviceInfo[] = [];
    let problem = this.hidProblem;
    if (this.hid) {
      try {
        devices = (await this.hid.devicesAsync()).filter((d) => d.path).map((d) => this.describe(d, stored));
      } catch (error) {
        problem = message('device.listFailed', { error: String(error) });
      }
    } else if (!problem) {
      problem = this.mode === 'none' ? message('device.startedWithoutFlag') : null;
    }
    const assignments: DeviceAssignmentInfo[] = stored.map((a) => {
      const live = status.find((s) => s.role === a.role);
      return {
        role: a.role,
        selector: a.selector,
        channel: a.channel,
        name: live?.name ?? a.selector,
        connected: live?.connected ?? false,
        problemKind: live?.problem?.kind ?? null,
        problem: live ? live.problem && this.problemText(a.role, a.selector, live.problem) : message('device.notOpened'),
      };
    });
    return { mode: this.mode, devices, assignments, problem };
  }

  async assign(actor: Actor, role: DeviceRole, selectorText: string, channel?: number): Promise<DeviceOverview> {
    const parsed = parseSelector(selectorText);
    if (!parsed.ok) throw new ApiError('VALIDATION', parsed.reason, 'selector');
    const selector = formatSelector(parsed.selector);
    const entry: StoredAssignment = { role, selector, channel: role === 'relay' ? (channel ?? 1) : null };
    this.deps.tx.run(() => {
      this.deps.repos.deviceAssignments.save([...this.deps.repos.deviceAssignments.all().filter((a) => a.role !== role), entry]);
      this.deps.audit.record(actor, 'devices.assign', `device:${role}`, { selector, ...(entry.channel ? { channel: entry.channel } : {}) });
    });
    if (this.running) await this.restart();
    return this.overview();
  }

  async unassign(actor: Actor, role: DeviceRole): Promise<DeviceOverview> {
    const before = this.deps.repos.deviceAssignments.all();
    if (!before.some((a) => a.role === role)) throw new ApiError('NOT_FOUND', message('device.notAssigned', { role }));
    this.deps.tx.run(() => {
      this.deps.repos.deviceAssignments.save(before.filter((a) => a.role !== role));
      this.deps.audit.record(actor, 'devices.unassign', `device:${role}`);
    });
    if (this.running) await this.restart();
    return this.overview();
  }

  /**
   * "Press a key on the door keypad now": listens to every keyboard-like device for `seconds`;
   * the first one that sends a report is the one the person touched.
   */
  async identify(seconds: number, echoTo: string | null): Promise<HidDeviceInfo | null> {
    const hid = this.hid;
    if (!hid) throw new ApiError('CONFLICT', this.hidProblem ?? message('device.startedWithout'));
    if (echoTo !== null) this.echoTo.push(echoTo);
    try {
      return await this.listenForReport(hid, seconds);
    } finally {
      if (echoTo !== null) this.echoTo.splice(this.echoTo.indexOf(echoTo), 1);
    }
  }

  private async listenForReport(hid: HidModule, seconds: number): Promise<HidDeviceInfo | null> {
    const stored = this.deps.repos.deviceAssignments.all();
    const candidates = (await hid.devicesAsync()).filter((d) => d.path && kindOf(d) !== 'relay');
    const handles = await Promise.all(
      candidates.map((d) =>
        hid.HIDAsync.open(d.path!, { nonExclusive: true }).then(
          (h) => ({ d, h }),
          () => null,
        ),
      ),
    );
    const open = handles.filter((x) => x !== null);
    try {
      return await new Promise<HidDeviceInfo | null>((resolve) => {
        const timer = setTimeout(() => resolve(null), seconds * 1000);
        for (const { d, h } of open) {
          h.on('data', (report: Buffer) => {
            if (report.some((b) => b !== 0)) {
              clearTimeout(timer);
              resolve(this.describe(d, stored));
            }
          });
          h.on('error', () => undefined);
        }
      });
    } finally {
      await Promise.all(open.map(({ h }) => h.close().catch(() => undefined)));
    }
  }

  testRelay(actor: Actor): void {
    this.deps.door.openByStaff(actor, message('door.reason.relayTest'), null);
  }

  private describe(device: HidDevice, stored: StoredAssignment[]): HidDeviceInfo {
    const kind = kindOf(device);
    const assigned = stored.find((a) => {
      const parsed = parseSelector(a.selector);
      return parsed.ok && matchesSelector(parsed.selector, device);
    });
    return {
      vidPid: formatVidPid(device),
      manufacturer: device.manufacturer ?? null,
      product: device.product ?? null,
      serialNumber: device.serialNumber || null,
      path: device.path ?? '',
      kind,
      assignedRole: assigned?.role ?? null,
      blocked: process.platform === 'win32' && kind === 'keyboard' ? message('device.windowsKeyboard') : null,
    };
  }

  private async restart(): Promise<void> {
    await this.manager?.stop();
    this.manager = null;
    if (!this.hid) {
      this.deps.door.setDeviceSource(() => []);
      return;
    }
    const assignments: Assignment[] = this.deps.repos.deviceAssignments.all().flatMap((a) => {
      const parsed = parseSelector(a.selector);
      if (!parsed.ok) return [];
      const selector = parsed.selector;
      return [
        {
          role: a.role,
          label: a.selector,
          matches: (d: HidDevice) => matchesSelector(selector, d),
          ...(a.channel ? { channel: a.channel } : {}),
          ...('serialPort' in selector ? { serialPort: selector.serialPort } : {}),
        },
      ];
    });
    const manager = new DeviceManager({
      hid: this.hid,
      assignments,
      sink: {
        key: (role, key) => {
          if (role === 'keypad') this.deps.door.keypadKey(role, key);
          else this.deps.door.readerKey(role, key);
          this.echo(role);
        },
        scan: (_role, text) => {
          this.deps.door.scan('reader', text);
          this.echo('reader');
        },
        relay: (driver, channel) => this.deps.door.setRelay(driver, channel),
        relayState: (states, channel) => this.deps.door.relayState(states, channel),
        changed: () => this.watchMissing(manager),
        debug: (message) => {
          if (process.env.PACKROOM_DEBUG) log.info(message);
        },
      },
      openSerialRelay,
      // Retries and relay checks run on the core's clock, like every other timer: the simulator moves them too.
      timers: this.deps.clock,
    });
    this.manager = manager;
    this.deps.door.setDeviceSource(() => doorDevices(manager));
    await manager.start();
    this.watchMissing(manager);
  }

  private echo(role: DeviceRole): void {
    for (const to of new Set(this.echoTo)) this.deps.events.emit('devices.key', { role }, to);
  }

  /** The door keypad or relay gone for more than a few seconds is a staff alert; a quick replug is not. */
  private watchMissing(manager: DeviceManager): void {
    this.deps.door.setDeviceSource(() => doorDevices(manager));
    for (const device of manager.status()) {
      if (device.role === 'reader') continue;
      if (device.connected) {
        this.missing.get(device.role)?.cancel();
        this.missing.delete(device.role);
      } else if (!this.missing.has(device.role)) {
        this.missing.set(
          device.role,
          this.deps.clock.setTimeout(() => {
            // Gone from the map once fired, so the next time the device goes missing it gets a timer of its own.
            this.missing.delete(device.role);
            const now = manager.status().find((s) => s.role === device.role);
            if (this.manager !== manager || !now || now.connected) return;
            const problem = now.problem ?? { kind: 'not-connected', detail: '' };
            this.deps.alerts.raise(alertKinds[problem.kind], this.problemText(now.role, now.label, problem));
          }, missingGraceMs),
        );
      }
    }
  }

  private problemText(role: DeviceRole, label: string, problem: DeviceProblem): Message {
    const parsed = parseSelector(label);
    const serial = parsed.ok && 'serialPort' in parsed.selector;
    return deviceProblemText({ role, label, serial }, problem, process.platform);
  }
}
