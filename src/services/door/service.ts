import { ApiError, message, type DoorEvent, type DoorStatus, type Message } from '../../contract';
import type { Clock, ClockTimer } from '../../clock';
import { KeypadEntry } from '../../domain/keypadEntry';
import { log } from '../../log';
import type { AccessService, Credential } from '../access';
import type { AlertService } from '../alerts/service';
import type { Actor } from '../audit/service';
import type { EventBus } from '../events';
import type { SettingsService } from '../settings/service';

/** The part of a relay board the door needs (native/relay's RelayDriver fits). */
export interface DoorRelayDriver {
  readonly id: string;
  set(channel: number, on: boolean): Promise<void>;
}

export type DeviceState = DoorStatus['devices'][number];

const keypadTimeoutMs = 15_000;
const maxEntryLength = 16;
const maxScanLength = 512;
const closeRetryMs = 500;
const closeAttempts = 20;

export interface DoorDeps {
  access: AccessService;
  clock: Clock;
  settings: SettingsService;
  events: EventBus;
  alerts: AlertService;
}

/**
 * The door path: keys and scans in, decision, relay pulse out. Keypad entry and decisions run
 * synchronously on arrival; only relay I/O is awaited, so nothing else queues in front of a key.
 */
export class DoorController {
  private readonly entries = new Map<string, KeypadEntry>();
  private readonly scans = new Map<string, string>();
  private readonly inFlight = new Set<Promise<void>>();
  private relay: { driver: DoorRelayDriver; channel: number } | null = null;
  private isOpen = false;
  private closeTimer: ClockTimer | null = null;
  private lastEvent: DoorEvent | null = null;
  private shownLockedUntil: number | null = null;
  private devices: () => DeviceState[] = () => [];

  constructor(private readonly deps: DoorDeps) {}

  /**
   * Called by the device layer when the relay board appears or goes. Either way the strike is
   * switched off first: a new board at start-up or replug, the old one on its way out.
   */
  setRelay(driver: DoorRelayDriver | null, channel = 1): Promise<void> {
    const previous = this.relay;
    this.relay = driver && { driver, channel };
    let work: Promise<void>;
    if (driver) {
      work = this.switchOff('start-up');
    } else {
      this.isOpen = false;
      work = previous ? previous.driver.set(previous.channel, false).catch(() => undefined) : Promise.resolve();
    }
    this.track(work);
    this.emitStatus();
    return work;
  }

  /**
   * The board's read-back. A relay that is on while the door should be closed (or off while it
   * should be open) is not following commands: alert, and try to switch it off again.
   */
  relayState(states: boolean[], channel: number): void {
    if (!this.relay || this.relay.channel !== channel || this.inFlight.size > 0) return;
    const actual = states[channel - 1];
    if (actual === undefined || actual === this.isOpen) return;
    this.deps.alerts.raise(
      'door.relay',
      message('alert.relayMismatch', { relay: this.relay.driver.id, actual: actual ? 'on' : 'off', expected: this.isOpen ? 'on' : 'off' }),
    );
    if (actual) this.track(this.switchOff('read-back mismatch'));
  }

  setDeviceSource(devices: () => DeviceState[]): void {
    this.devices = devices;
    this.emitStatus();
  }

  keypadKey(device: string, key: string): void {
    let entry = this.entries.get(device);
    if (!entry) {
      entry = new KeypadEntry({
        timeoutMs: keypadTimeoutMs,
        maxLength: maxEntryLength,
        pinRequestEnabled: () => this.deps.settings.get().singleAccessPinRequest,
      });
      this.entries.set(device, entry);
    }
    const outcome = entry.press(key, this.deps.clock.now());
    if (outcome.kind === 'pin') this.submit({ via: 'pin', secret: outcome.pin, device });
    else if (outcome.kind === 'pin-request') this.deps.access.requestPin(outcome.phoneDigits, device);
  }

  /** A keyboard-mode reader types the token then Enter. */
  readerKey(device: string, key: string): void {
    const buffer = this.scans.get(device) ?? '';
    if (key === 'Enter') {
      this.scans.delete(device);
      if (buffer) this.scan(device, buffer);
    } else if (key.length === 1 && buffer.length < maxScanLength) {
      this.scans.set(device, buffer + key);
    } else if (key === 'Escape') {
      this.scans.delete(device);
    }
  }

  scan(device: string, text: string): void {
    this.submit({ via: 'qr', secret: text.trim(), device });
  }

  /** `reason` is what staff typed (the `text` sentence) or the core's own, e.g. a relay test. */
  openByStaff(actor: Actor, reason: Message, recipientId: number | null): void {
    if (!this.relay) throw new ApiError('CONFLICT', message('door.noRelay'));
    const event = this.deps.access.recordStaffOpen(actor, reason, recipientId);
    this.pulse();
    this.announce(event);
  }

  /** Staff clear a keypad lockout (audited with the reason); the header follows at once. */
  resetLockout(actor: Actor, reason: string): void {
    this.deps.access.resetLockout(actor, reason);
    this.emitStatus();
  }

  status(): DoorStatus {
    const lockedUntil = this.deps.access.keypadLockedUntil();
    const devices = this.devices();
    const assigned = devices.some((d) => d.role === 'relay');
    return {
      relay: this.relay ? (this.isOpen ? 'open' : 'closed') : assigned ? 'missing' : 'none',
      devices,
      keypadLockedUntil: lockedUntil === null ? null : new Date(lockedUntil).toISOString(),
      lastEvent: this.lastEvent,
    };
  }

  /** Resolves once every relay command started so far has finished (the simulator answers after this). */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /** The strike must never stay energised: switch off now, whatever is pending. */
  async shutdown(): Promise<void> {
    this.closeTimer?.cancel();
    this.closeTimer = null;
    if (this.relay) await this.switchOff('shutdown');
    await this.settled();
  }

  private submit(credential: Credential): void {
    // The relay command goes out before the decision's commit reaches the disk and before anyone is
    // told: the door never waits for the disk or for the UIs.
    const event = this.deps.access.decide(credential, () => this.pulse());
    this.announce(event);
    // A wrong code can start a lockout: the header shows it (and the way to reset it) at once.
    const locked = this.deps.access.keypadLockedUntil();
    if (locked !== this.shownLockedUntil) this.emitStatus();
  }

  private announce(event: DoorEvent): void {
    this.lastEvent = event;
    this.deps.events.emit('door.event', event);
  }

  private pulse(): void {
    const relay = this.relay;
    if (!relay) {
      this.deps.alerts.raise('door.relay', message('alert.noRelay'));
      return;
    }
    const pulseMs = this.deps.settings.get().doorPulseSeconds * 1000;
    this.closeTimer?.cancel();
    // The close timer is armed before the relay answers, so a pulse ends even if "on" hangs.
    this.closeTimer = this.deps.clock.setTimeout(() => {
      this.closeTimer = null;
      this.track(this.switchOff('pulse end'));
    }, pulseMs);
    this.track(
      relay.driver.set(relay.channel, true).then(
        () => {
          this.isOpen = true;
          this.emitStatus();
        },
        (error: unknown) => {
          log.error('Opening the door relay failed', error);
          this.deps.alerts.raise('door.relay', message('alert.relayOnFailed', { relay: relay.driver.id }));
        },
      ),
    );
  }

  private async switchOff(why: string): Promise<void> {
    const relay = this.relay;
    if (!relay) return;
    for (let attempt = 1; attempt <= closeAttempts; attempt++) {
      try {
        await relay.driver.set(relay.channel, false);
        this.isOpen = false;
        this.emitStatus();
        return;
      } catch (error) {
        log.warn(`Switching the door relay off (${why}) failed, attempt ${attempt}: ${String(error)}`);
        if (this.relay !== relay) return;
        await new Promise<void>((resolve) => this.deps.clock.setTimeout(resolve, closeRetryMs));
      }
    }
    this.deps.alerts.raise('door.relay', message('alert.relayOffFailed', { relay: relay.driver.id }));
  }

  private track(work: Promise<void>): void {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  private emitStatus(): void {
    const status = this.status();
    this.shownLockedUntil = this.deps.access.keypadLockedUntil();
    this.deps.events.emit('door.status', status);
  }
}
