import type { Repositories } from '../db/repositories';
import type { CarrierKeyMatch } from '../db/repositories/accessKeys';
import { ApiError, message, messageText, type DoorEvent, type Message } from '../contract';
import type { Clock } from '../clock';
import { localMoment, windowVerdict } from '../domain/carrierWindow';
import { proxyVerdict } from '../domain/proxies';
import { normalizePhone } from '../domain/phone';
import {
  checkThrottle,
  initialThrottle,
  lockedUntil,
  recordFailure,
  recordSuccess,
  resetThrottle,
  withoutDowntimeRefill,
  type FailureOutcome,
  type ThrottleState,
} from '../domain/throttle';
import type { DataKeys } from '../secrets';
import type { AlertService } from './alerts/service';
import { auditSentence, type AuditService, type Actor } from './audit/service';
import type { CredentialService } from './credentials/service';
import type { PendingWrites } from './pendingWrites';
import type { SettingsService } from './settings/service';
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

/**
 * The audit's English for a door reason. Rendering a sentence takes tens of microseconds, and the audit row
 * is written before the relay command goes out, so the door's fixed reasons are rendered once and kept.
 */
const englishReasons = new Map<string, string>();
function auditReason(reason: Message): string {
  if (reason.params) return messageText(reason);
  const kept = englishReasons.get(reason.key);
  if (kept !== undefined) return kept;
  const text = messageText(reason);
  englishReasons.set(reason.key, text);
  return text;
}

export interface AccessDeps {
  repos: Pick<Repositories, 'accessKeys' | 'recipients' | 'doorState' | 'carrierCodes'>;
  credentials: CredentialService;
  keys: DataKeys;
  clock: Clock;
  tx: Transactor;
  writes: PendingWrites;
  audit: AuditService;
  alerts: AlertService;
  settings: SettingsService;
  /** IANA zone carrier-code windows are read in: this computer's, or a test's. */
  timeZone: string;
  /**
   * True while this node, new in its site, is still receiving the site's roster (`packroom site join`): every
   * code is refused, since a code refused for want of data would otherwise read as "Unknown PIN".
   */
  startingUp: () => boolean;
}

/** What a decision found, before anything is written. */
interface Verdict {
  event: Omit<DoorEvent, 'at'>;
  recipientId: number | null;
  accessKeyId?: number;
  /** A Single Access PIN that this grant uses up. */
  uses?: number;
  /** A Single Access PIN found past its expiry. */
  expires?: number;
  /** A carrier code: the audit names it, and an entry inside its window is recorded as a visit. */
  carrier?: { match: CarrierKeyMatch; entered: boolean };
}

/**
 * The door decision: match, recipient active, not expired, not used; on a grant a single-use key
 * is marked used and the audit row written in the same SQLite transaction, so one PIN can never
 * open the door twice, whichever devices it is typed on. The brute-force limits are saved in that
 * transaction too, so a restart finds them where they were.
 */
export class AccessService {
  private throttle: ThrottleState;
  /** Allowed PIN requests per key (hex of its HMAC), newest last. */
  private readonly requests = new Map<string, number[]>();
  /** Single Access PINs granted while the database could not save their use: they never open twice. */
  private readonly unsavedUses = new Set<number>();

  constructor(private readonly deps: AccessDeps) {
    const saved = deps.repos.doorState.loadThrottle();
    this.throttle = { devices: saved.devices, bucket: saved.bucket ?? initialThrottle().bucket };
    for (const { key, at } of deps.repos.doorState.loadPinRequests(deps.clock.now() - requestLimits.perNumberWindowMs)) {
      const hex = key.toString('hex');
      this.requests.set(hex, [...(this.requests.get(hex) ?? []), at]);
    }
  }

  /**
   * `onGrant` sends the relay command. It runs inside the decision's transaction, after its writes and
   * before the commit, whose wait for the disk (synchronous = FULL) would otherwise hold the door.
   */
  decide(credential: Credential, onGrant: () => void = () => undefined): DoorEvent {
    const now = this.deps.clock.now();
    const countsGlobally = credential.via === 'pin';
    const before = this.throttle;
    const check = checkThrottle(before, credential.device, now, countsGlobally);
    const startingUp = this.deps.startingUp();
    const { decision, saved } = this.deps.writes.decideAndSave(
      () => {
        // Not a wrong guess: the throttle does not count it.
        if (startingUp) {
          const verdict: Verdict = {
            event: {
              result: 'denied',
              via: credential.via,
              device: credential.device,
              recipientName: null,
              reason: message('door.reason.startingUp'),
            },
            recipientId: null,
          };
          return { verdict, state: before, outcome: null };
        }
        const verdict: Verdict = check.allowed
          ? this.evaluate(credential, now)
          : {
              event: {
                result: 'locked-out',
                via: credential.via,
                device: credential.device,
                recipientName: null,
                reason: message('door.reason.lockedOut', { until: check.until }),
              },
              recipientId: null,
            };
        if (verdict.event.result === 'granted') return { verdict, state: recordSuccess(before, credential.device), outcome: null };
        if (verdict.event.result === 'denied') return { verdict, ...recordFailure(before, credential.device, now, countsGlobally) };
        return { verdict, state: before, outcome: null };
      },
      ({ verdict, state }) => this.save(verdict, before, state, credential, now),
      ({ verdict }) => {
        if (verdict.event.result === 'granted') onGrant();
      },
    );
    this.throttle = decision.state;
    if (!saved) {
      if (decision.verdict.uses !== undefined) this.unsavedUses.add(decision.verdict.uses);
      this.deps.alerts.raise('storage', message('alert.storage', { since: this.deps.writes.status().since ?? now }));
    }
    if (decision.outcome) this.alertFailures(credential.device, decision.outcome);
    return { ...decision.verdict.event, at: new Date(now).toISOString() };
  }

  /**
   * "Single Access PIN Request" from the keypad. The keypad's answer is the same whatever happens
   * here, so it never tells a stranger whether a phone number belongs to a resident.
   */
  requestPin(phoneDigits: string, device: string): void {
    if (!this.deps.settings.get().singleAccessPinRequest) return;
    const now = this.deps.clock.now();
    const phone = normalizePhone(phoneDigits, this.deps.settings.get().defaultCountry);
    const numberKey = this.deps.keys.lookupHash('request', `number:${phone.ok ? phone.e164 : phoneDigits}`);
    const deviceKey = this.deps.keys.lookupHash('request', `device:${device}`);
    const counted: Buffer[] = [];
    const limited =
      !this.allowRequest(deviceKey, now, requestLimits.perDevice, requestLimits.perDeviceWindowMs, counted) ||
      !this.allowRequest(numberKey, now, requestLimits.perNumber, requestLimits.perNumberWindowMs, counted);
    const recipient = !limited && phone.ok ? this.deps.repos.recipients.activeByPhone(phone.e164) : undefined;
    const outcome = limited ? 'rate-limited' : recipient ? 'sent' : 'no match';
    this.deps.writes.save(() => {
      this.deps.audit.record(doorActor, 'door.pin_request', recipient ? `recipient:${recipient.id}` : null, { device, outcome }, now);
      this.deps.repos.doorState.addPinRequests(counted, now, now - requestLimits.perNumberWindowMs);
    });
    if (recipient) this.deps.credentials.requestAtDoor(recipient.id, device);
  }

  /** Staff opened the door from the UI, e.g. for a locked-out resident; the audit keeps the reason in English. */
  recordStaffOpen(actor: Actor, reason: Message, recipientId: number | null): DoorEvent {
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
      this.deps.audit.record(actor, 'door.opened_by_staff', recipient ? `recipient:${recipient.id}` : null, {
        reason: messageText(reason),
      });
      return event;
    });
  }

  /**
   * Staff clear a keypad lockout (say a prankster typed wrong codes): every keypad forgets its
   * failures and the shared limit is full again. Refused when nothing is locked, so a reset never
   * hands a guesser fresh tries for no reason.
   */
  resetLockout(actor: Actor, reason: string): void {
    const now = this.deps.clock.now();
    const until = lockedUntil(this.throttle, now);
    if (until === null) throw new ApiError('CONFLICT', message('door.notLockedOut'));
    const state = resetThrottle(now);
    this.deps.tx.run(() => {
      this.deps.repos.doorState.replaceThrottle(state);
      this.deps.audit.record(actor, 'door.lockout_reset', null, { reason, lockedUntil: new Date(until).toISOString() });
    });
    this.throttle = state;
  }

  /** After a start that followed no clean shutdown: the time Packroom was down refills nothing. */
  distrustDowntime(): void {
    const state = withoutDowntimeRefill(this.throttle, this.deps.clock.now());
    this.deps.writes.save(() => this.deps.repos.doorState.saveBucket(state.bucket));
    this.throttle = state;
  }

  keypadLockedUntil(): number | null {
    return lockedUntil(this.throttle, this.deps.clock.now());
  }

  /** Reads only: the decision may be taken again outside a transaction when the database is full. */
  private evaluate(credential: Credential, now: number): Verdict {
    const hash = this.deps.keys.lookupHash(credential.via, credential.secret);
    const match = this.deps.repos.accessKeys.findActive(credential.via, hash);
    const base = { via: credential.via, device: credential.device, recipientName: null } as const;
    if (!match) return { event: { ...base, result: 'denied', reason: this.whyUnmatched(credential.via, hash) }, recipientId: null };
    if (match.kind === 'carrier') return this.carrierVerdict(match, base, now);
    const denied = (reason: Message, expires?: number): Verdict => ({
      event: { ...base, recipientName: `${match.firstName} ${match.lastName}`, result: 'denied', reason },
      recipientId: match.recipientId,
      ...(expires === undefined ? {} : { expires }),
    });
    if (!match.recipientActive) return denied(message('door.reason.inactive'));
    if (match.expiresAt !== null && match.expiresAt <= now) return denied(message('door.reason.singleExpired'), match.id);
    if (match.kind === 'single' && this.unsavedUses.has(match.id)) return denied(message('door.reason.singleUsed'));
    const recipient = `${match.firstName} ${match.lastName}`;
    const { proxy } = match;
    if (proxy) {
      // The local date is worked out only for a proxy with a last day: a resident's PIN costs what it did.
      const today = proxy.untilDate === null ? '' : localMoment(now, this.deps.timeZone).date;
      const verdict = proxyVerdict(proxy, today);
      if (verdict !== 'opens') return denied(message(`door.reason.proxy.${verdict}`, { proxy: proxy.name, recipient }));
    }
    const reason = proxy
      ? message('door.reason.proxy.opens', { proxy: proxy.name, recipient })
      : message(match.kind === 'single' ? 'door.reason.singleAccess' : credential.via === 'pin' ? 'door.reason.pin' : 'door.reason.qr');
    return {
      event: {
        ...base,
        recipientName: `${match.firstName} ${match.lastName}`,
        result: 'granted',
        reason,
        recipientId: match.recipientId,
        keyKind: match.kind,
        ...(proxy && { proxyName: proxy.name }),
      },
      recipientId: match.recipientId,
      accessKeyId: match.id,
      ...(match.kind === 'single' ? { uses: match.id } : {}),
    };
  }

  /**
   * A carrier code opens only inside its window. Outside it the keypad sees the same 'denied' as for a
   * wrong PIN (and the throttle counts it); only the audit and staff see why. An entry is recorded as a
   * visit, so staff are reminded to log what the carrier left.
   */
  private carrierVerdict(match: CarrierKeyMatch, base: Pick<DoorEvent, 'via' | 'device' | 'recipientName'>, now: number): Verdict {
    const verdict = windowVerdict(match.window, now, this.deps.timeZone);
    if (verdict !== 'inside') {
      const reason = message(verdict === 'ended' ? 'door.reason.carrierEnded' : 'door.reason.carrierOutside');
      return { event: { ...base, result: 'denied', reason }, recipientId: null, carrier: { match, entered: false } };
    }
    return {
      event: {
        ...base,
        recipientName: match.carrierName,
        result: 'granted',
        reason: message('door.reason.carrier', { carrier: match.carrierName }),
      },
      recipientId: null,
      carrier: { match, entered: true },
    };
  }

  /** Every write of one decision: the key's new status, the throttle as decided, the audit row. */
  private save(verdict: Verdict, before: ThrottleState, after: ThrottleState, credential: Credential, now: number): void {
    const { accessKeys, doorState } = this.deps.repos;
    if (verdict.expires !== undefined) {
      accessKeys.markExpired(verdict.expires, now);
      this.deps.credentials.changed(verdict.recipientId!);
    }
    if (verdict.uses !== undefined) {
      const id = verdict.uses;
      accessKeys.markUsed(id, credential.via, now);
      this.deps.credentials.changed(verdict.recipientId!);
      this.deps.tx.onCommit(() => this.unsavedUses.delete(id));
    }
    const device = after.devices.get(credential.device);
    if (device !== before.devices.get(credential.device)) doorState.saveDevice(credential.device, device ?? null);
    if (after.bucket !== before.bucket) doorState.saveBucket(after.bucket);
    const { event, carrier } = verdict;
    if (carrier?.entered) {
      const { id, carrier: carrierId, carrierName } = carrier.match;
      this.deps.repos.carrierCodes.recordVisit({ carrierCodeId: id, carrier: carrierId, name: carrierName, enteredAt: now });
    }
    const action = event.result === 'granted' ? 'door.granted' : event.result === 'locked-out' ? 'door.locked_out' : 'door.denied';
    this.deps.audit.record(
      doorActor,
      action,
      carrier ? `carrier:${carrier.match.id}` : verdict.recipientId === null ? null : `recipient:${verdict.recipientId}`,
      {
        device: event.device,
        via: event.via,
        reason: auditReason(event.reason),
        ...auditSentence('reason', event.reason),
        ...(verdict.accessKeyId === undefined ? {} : { accessKeyId: verdict.accessKeyId }),
        ...(event.proxyName === undefined ? {} : { collectedBy: event.proxyName }),
        ...(carrier && { carrierCodeId: carrier.match.id, carrier: carrier.match.carrier, carrierName: carrier.match.carrierName }),
      },
      now,
    );
  }

  /** For the audit only: the keypad answers every miss the same way. */
  private whyUnmatched(via: 'pin' | 'qr', hash: Buffer): Message {
    const ended = via === 'pin' ? this.deps.repos.accessKeys.findEndedPin(hash) : undefined;
    if (ended?.status === 'used') return message('door.reason.singleUsed');
    if (ended?.status === 'expired') return message('door.reason.singleExpired');
    if (ended?.status === 'revoked') return message('door.reason.replaced');
    return message(via === 'pin' ? 'door.reason.unknownPin' : 'door.reason.unknownQr');
  }

  private alertFailures(device: string, outcome: FailureOutcome): void {
    if (!outcome.alert) return;
    this.deps.alerts.raise(
      'door.failures',
      outcome.lockedUntil
        ? message('alert.doorFailuresLocked', { device, until: outcome.lockedUntil })
        : message('alert.doorFailures', { device }),
    );
  }

  /** Counts an allowed request in memory and adds its key to `counted`, for the caller to save. */
  private allowRequest(key: Buffer, now: number, limit: number, windowMs: number, counted: Buffer[]): boolean {
    const hex = key.toString('hex');
    const recent = (this.requests.get(hex) ?? []).filter((t) => now - t < windowMs);
    const allowed = recent.length < limit;
    if (allowed) {
      recent.push(now);
      counted.push(key);
    }
    if (recent.length > 0) this.requests.set(hex, recent);
    else this.requests.delete(hex);
    // Numbers typed once and never again would otherwise pile up for the life of the process.
    if (this.requests.size > 1000) {
      for (const [k, times] of this.requests) if (times.every((t) => now - t >= requestLimits.perNumberWindowMs)) this.requests.delete(k);
    }
    return allowed;
  }
}
