import type { Repositories } from '../db/repositories';
import type { DoorEvent } from '../contract';
import type { Clock } from '../clock';
import { normalizePhone } from '../domain/phone';
import { Throttle } from '../domain/throttle';
import type { DataKeys } from '../secrets';
import type { AlertService } from './alerts';
import type { AuditService, Actor } from './audit';
import type { CredentialService } from './credentials';
import type { SettingsService } from './settings';
import type { Transactor } from './tx';

export interface Credential {
  via: 'pin' | 'qr';
  secret: string;
  /** Which reader it came from, e.g. 'keypad' or 'reader'. */
  device: string;
}

const doorActor: Actor = { staffId: null, label: 'door' };

/** Requests per phone number per day, and per device per hour, for "Single Access PIN Request". */
const requestLimits = { perNumber: 3, perNumberWindowMs: 86_400_000, perDevice: 10, perDeviceWindowMs: 3_600_000 };

export interface AccessDeps {
  repos: Pick<Repositories, 'accessKeys' | 'recipients'>;
  credentials: CredentialService;
  keys: DataKeys;
  clock: Clock;
  tx: Transactor;
  audit: AuditService;
  alerts: AlertService;
  settings: SettingsService;
}

/**
 * The door decision: match, recipient active, not expired, not used; on a grant a single-use key
 * is marked used and the audit row written in the same SQLite transaction, so one PIN can never
 * open the door twice, whichever devices it is typed on.
 */
export class AccessService {
  readonly throttle = new Throttle();
  private readonly requests = new Map<string, number[]>();

  constructor(private readonly deps: AccessDeps) {}

  decide(credential: Credential): DoorEvent {
    const now = this.deps.clock.now();
    const countsGlobally = credential.via === 'pin';
    const check = this.throttle.check(credential.device, now, countsGlobally);
    if (!check.allowed) {
      return this.record(
        {
          result: 'locked-out',
          via: credential.via,
          device: credential.device,
          reason: `Too many wrong tries: locked until ${new Date(check.until).toISOString()}`,
        },
        null,
        now,
      );
    }
    const event = this.deps.tx.run(() => {
      const hash = this.deps.keys.lookupHash(credential.via, credential.secret);
      const match = this.deps.repos.accessKeys.findActive(credential.via, hash);
      const base = { via: credential.via, device: credential.device } as const;
      if (!match) return this.record({ ...base, result: 'denied', reason: this.whyUnmatched(credential.via, hash) }, null, now);
      const name = `${match.firstName} ${match.lastName}`;
      if (!match.recipientActive)
        return this.record({ ...base, result: 'denied', reason: 'Recipient is inactive' }, match.recipientId, now, name);
      if (match.expiresAt !== null && match.expiresAt <= now) {
        this.deps.repos.accessKeys.markExpired(match.id, now);
        this.deps.credentials.changed(match.recipientId);
        return this.record({ ...base, result: 'denied', reason: 'Single Access PIN expired' }, match.recipientId, now, name);
      }
      if (match.kind === 'single') {
        if (!this.deps.repos.accessKeys.markUsed(match.id, credential.via, now)) {
          return this.record({ ...base, result: 'denied', reason: 'Single Access PIN already used' }, match.recipientId, now, name);
        }
        this.deps.credentials.changed(match.recipientId);
      }
      const reason = match.kind === 'single' ? 'Single Access PIN (now used)' : credential.via === 'pin' ? 'PIN' : 'QR code';
      const granted = this.record({ ...base, result: 'granted', reason }, match.recipientId, now, name, match.id);
      return { ...granted, recipientId: match.recipientId, keyKind: match.kind };
    });
    if (event.result === 'granted') this.throttle.recordSuccess(credential.device);
    else this.failed(credential.device, now, countsGlobally);
    return event;
  }

  /**
   * "Single Access PIN Request" from the keypad. The keypad's answer is the same whatever happens
   * here, so it never tells a stranger whether a phone number belongs to a resident.
   */
  requestPin(phoneDigits: string, device: string): void {
    if (!this.deps.settings.get().singleAccessPinRequest) return;
    const now = this.deps.clock.now();
    const phone = normalizePhone(phoneDigits, this.deps.settings.get().defaultCountry);
    const numberKey = `number:${phone.ok ? phone.e164 : phoneDigits}`;
    const deviceKey = `device:${device}`;
    const limited =
      !this.allowRequest(deviceKey, now, requestLimits.perDevice, requestLimits.perDeviceWindowMs) ||
      !this.allowRequest(numberKey, now, requestLimits.perNumber, requestLimits.perNumberWindowMs);
    const recipient = !limited && phone.ok ? this.deps.repos.recipients.activeByPhone(phone.e164) : undefined;
    this.deps.tx.run(() =>
      this.deps.audit.record(doorActor, 'door.pin_request', recipient ? `recipient:${recipient.id}` : null, {
        device,
        outcome: limited ? 'rate-limited' : recipient ? 'sent' : 'no match',
      }),
    );
    if (recipient) this.deps.credentials.requestAtDoor(recipient.id, device);
  }

  /** Staff opened the door from the UI, e.g. for a locked-out resident. */
  recordStaffOpen(actor: Actor, reason: string, recipientId: number | null): DoorEvent {
    const now = this.deps.clock.now();
    const recipient = recipientId === null ? undefined : this.deps.repos.recipients.byId(recipientId);
    return this.deps.tx.run(() => {
      const event: DoorEvent = {
        at: new Date(now).toISOString(),
        result: 'granted',
        recipientName: recipient ? `${recipient.firstName} ${recipient.lastName}` : null,
        via: 'staff',
        device: 'staff UI',
        reason,
      };
      this.deps.audit.record(actor, 'door.opened_by_staff', recipient ? `recipient:${recipient.id}` : null, { reason });
      return event;
    });
  }

  keypadLockedUntil(): number | null {
    return this.throttle.lockedUntil(this.deps.clock.now());
  }

  /** For the audit only: the keypad answers every miss the same way. */
  private whyUnmatched(via: 'pin' | 'qr', hash: Buffer): string {
    const ended = via === 'pin' ? this.deps.repos.accessKeys.findEndedPin(hash) : undefined;
    if (ended?.status === 'used') return 'Single Access PIN already used';
    if (ended?.status === 'expired') return 'Single Access PIN expired';
    if (ended?.status === 'revoked') return 'PIN no longer valid (replaced or revoked)';
    return `Unknown ${via === 'pin' ? 'PIN' : 'QR code'}`;
  }

  private failed(device: string, now: number, countsGlobally: boolean): void {
    const outcome = this.throttle.recordFailure(device, now, countsGlobally);
    if (!outcome.alert) return;
    const until = outcome.lockedUntil ? ` Codes are refused until ${new Date(outcome.lockedUntil).toLocaleTimeString()}.` : '';
    this.deps.alerts.raise(
      'door.failures',
      `Repeated wrong codes at the ${device}: someone may be guessing.${until} A resident who is locked out can be let in with Open Door.`,
    );
  }

  private allowRequest(key: string, now: number, limit: number, windowMs: number): boolean {
    const recent = (this.requests.get(key) ?? []).filter((t) => now - t < windowMs);
    const allowed = recent.length < limit;
    if (allowed) recent.push(now);
    if (recent.length > 0) this.requests.set(key, recent);
    else this.requests.delete(key);
    // Numbers typed once and never again would otherwise pile up for the life of the process.
    if (this.requests.size > 1000) {
      for (const [k, times] of this.requests) if (times.every((t) => now - t >= requestLimits.perNumberWindowMs)) this.requests.delete(k);
    }
    return allowed;
  }

  private record(
    event: Omit<DoorEvent, 'at' | 'recipientName'>,
    recipientId: number | null,
    now: number,
    recipientName: string | null = null,
    accessKeyId?: number,
  ): DoorEvent {
    const action = event.result === 'granted' ? 'door.granted' : event.result === 'locked-out' ? 'door.locked_out' : 'door.denied';
    this.deps.audit.record(doorActor, action, recipientId === null ? null : `recipient:${recipientId}`, {
      device: event.device,
      via: event.via,
      reason: event.reason,
      ...(accessKeyId === undefined ? {} : { accessKeyId }),
    });
    return { ...event, at: new Date(now).toISOString(), recipientName };
  }
}
