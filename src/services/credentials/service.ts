import type { Repositories } from '../../db/repositories';
import { performance } from 'node:perf_hooks';
import {
  ApiError,
  message,
  type AccessOverview,
  type Channel,
  type NotificationSummary,
  type NotifyVia,
  type PermanentIssued,
  type PinLookup,
  type QueuedNotification,
  type SingleAccessIssued,
} from '../../contract';
import { type AccessKeyKind, type AccessKeyRow } from '../../db/repositories/accessKeys';
import type { RecipientRow } from '../../db/repositories/recipients';
import type { Clock } from '../../clock';
import { defaultPinLength, generatePin } from '../../domain/pinPolicy';
import { random } from '../../random';
import type { DataKeys } from '../../secrets';
import type { Actor, AuditService } from '../audit/service';
import type { EventBus } from '../events';
import type { NotificationTemplate } from '../notifications/messages';
import { sealCredential, type SealedCredential } from '../sealing/seal';
import type { BulkSealing } from '../sealing/thread';
import type { SettingsService } from '../settings/service';
import type { Transactor } from '../tx';
import { yieldToDoor } from '../turns';

/** What credentials need from the outbox: queue inside the caller's transaction, list for the detail view. */
export interface Notifier {
  enqueue(item: {
    channel: Channel;
    recipientId: number;
    accessKeyId: number | null;
    template: NotificationTemplate;
    destination: string;
    proxyId?: number | null;
  }): number;
  forRecipient(recipientId: number): NotificationSummary[];
  isReady(channel: Channel): boolean;
}

export type { SealedCredential } from '../sealing/seal';

type Reachable = Pick<RecipientRow, 'id' | 'email' | 'phone'>;

// Sealing on this thread (no sealing thread running) breaks for the event loop after this much crypto.
const sealSliceMs = 3;

const maxSingleAccessDays = 30;
/** A Single Access PIN lasts this long unless staff choose otherwise (the seed: "default is 24 hours"). */
export const defaultSingleAccessMs = 24 * 3_600_000;

const channelsFor = (via: NotifyVia): Channel[] => (via === 'both' ? ['email', 'sms'] : [via]);
const fullName = (r: Pick<RecipientRow, 'firstName' | 'lastName'>) => `${r.firstName} ${r.lastName}`;

export interface CredentialDeps {
  repos: Pick<Repositories, 'accessKeys' | 'recipients' | 'proxies'>;
  clock: Clock;
  tx: Transactor;
  audit: AuditService;
  keys: DataKeys;
  settings: SettingsService;
  events: EventBus;
  notifier: Notifier;
  /** Seals credentials in bulk off the door's thread while a roster import applies (see SealingThread). */
  sealing: BulkSealing;
}

/** Permanent PINs and QR codes, Single Access PINs, and PIN look-ups. */
export class CredentialService {
  constructor(private readonly deps: CredentialDeps) {}

  /** New permanent PIN and QR code, replacing the old ones; sent to the recipient where they can be reached. */
  issuePermanent(actor: Actor, recipientId: number): PermanentIssued {
    return this.deps.tx.run(() => {
      const recipient = this.requireActive(recipientId);
      const now = this.deps.clock.now();
      const replaced = this.deps.repos.accessKeys.revokeActive(recipientId, now, 'permanent');
      const { id, pin } = this.insertKey(recipient.id, 'permanent', null, actor.staffId, now);
      const notifications = this.notify(recipient, id, 'new_pin', this.reachableChannels(recipient));
      this.deps.audit.record(actor, replaced ? 'access.permanent_regenerated' : 'access.permanent_issued', `recipient:${recipientId}`, {
        notified: notifications.map((n) => n.channel),
      });
      this.changed(recipientId);
      return { pin, createdAt: new Date(now).toISOString(), notifications };
    });
  }

  /**
   * A proxy PIN (and QR code), replacing the proxy's earlier one, sent to the proxy's email and phone on file. It is
   * a permanent credential of the recipient tied to the proxy (`proxy_id`): drawn, sealed, looked up and kept unique
   * exactly as a recipient's PIN, and the door adds the proxy's rule (src/domain/proxies.ts). Inside the caller's
   * transaction; the caller audits.
   */
  issueProxyPin(
    actor: Actor,
    proxy: { id: number; recipientId: number; email: string | null; phone: string | null },
  ): { pin: string; createdAt: number; notifications: QueuedNotification[] } {
    this.requireActive(proxy.recipientId);
    const now = this.deps.clock.now();
    this.deps.repos.proxies.revokeKeys(proxy.id, now);
    const { id, pin } = this.insertKey(proxy.recipientId, 'permanent', null, actor.staffId, now, proxy.id);
    const notifications = (
      [
        ['email', proxy.email],
        ['sms', proxy.phone],
      ] as const
    ).flatMap(([channel, destination]) => {
      if (!destination) return [];
      this.deps.notifier.enqueue({
        channel,
        recipientId: proxy.recipientId,
        accessKeyId: id,
        template: 'proxy_pin',
        destination,
        proxyId: proxy.id,
      });
      return [{ channel, destination, ready: this.deps.notifier.isReady(channel) }];
    });
    this.changed(proxy.recipientId);
    return { pin, createdAt: now, notifications };
  }

  sendSingleAccessPin(actor: Actor, input: { recipientId: number; notifyVia: NotifyVia; expiresAt: string }): SingleAccessIssued {
    const now = this.deps.clock.now();
    const expiresAt = Date.parse(input.expiresAt);
    if (expiresAt <= now) throw new ApiError('VALIDATION', message('credentials.expiryPast'), 'expiresAt');
    if (expiresAt > now + maxSingleAccessDays * 86_400_000) {
      throw new ApiError('VALIDATION', message('credentials.expiryTooFar', { count: maxSingleAccessDays }), 'expiresAt');
    }
    return this.deps.tx.run(() => {
      const recipient = this.requireActive(input.recipientId);
      const channels = channelsFor(input.notifyVia);
      const missing = channels.find((c) => (c === 'email' ? !recipient.email : !recipient.phone));
      if (missing) {
        const sentence = message(missing === 'email' ? 'credentials.noEmail' : 'credentials.noPhone', { name: fullName(recipient) });
        throw new ApiError('VALIDATION', sentence, 'notifyVia');
      }
      return this.issueSingle(actor, recipient, expiresAt, channels, 'single_access', now);
    });
  }

  /** "Single Access PIN Request" at the keypad: a new one-time PIN by text to the number on file only. */
  requestAtDoor(recipientId: number, device: string): void {
    this.deps.tx.run(() => {
      const recipient = this.deps.repos.recipients.byId(recipientId);
      if (!recipient || recipient.status !== 'active' || !recipient.phone) return;
      const now = this.deps.clock.now();
      this.issueSingle({ staffId: null, label: 'door' }, recipient, now + defaultSingleAccessMs, ['sms'], 'pin_request', now, { device });
    });
  }

  lookupPin(actor: Actor, recipientId: number): PinLookup {
    if (!this.deps.settings.get().lookupPinEnabled) {
      throw new ApiError('FORBIDDEN', message('credentials.lookupOff'));
    }
    return this.deps.tx.run(() => {
      const recipient = this.requireActive(recipientId);
      const key = this.deps.repos.accessKeys.activePermanent(recipient.id);
      if (!key) throw new ApiError('NOT_FOUND', message('credentials.noActivePin', { name: fullName(recipient) }));
      this.deps.audit.record(actor, 'access.pin_lookup', `recipient:${recipientId}`, { identityVerified: true });
      return { pin: this.deps.keys.open(key.pinEnc), createdAt: new Date(key.createdAt).toISOString() };
    });
  }

  /**
   * PINs and QR codes for many recipients, hashed and sealed ahead of the transaction that stores them
   * (issueSealed): the crypto is most of the cost of issuing thousands at once. Inside bulkSealing it is
   * done in the sealing thread; otherwise here, in slices of a few milliseconds. Either way it never
   * holds up the door. No PIN is kept in plain text.
   */
  async sealMany(count: number): Promise<SealedCredential[]> {
    if (count === 0) return [];
    const fromThread = await this.deps.sealing.seal(count);
    if (fromThread) return fromThread;
    const drawn = new Set<string>();
    const sealed: SealedCredential[] = [];
    while (sealed.length < count) {
      const began = performance.now();
      while (sealed.length < count && performance.now() - began < sealSliceMs) sealed.push(this.sealNew((pin) => drawn.has(pin), drawn));
      await yieldToDoor();
    }
    return sealed;
  }

  /** Runs a bulk import's work with sealMany off the door's thread. */
  bulkSealing<T>(work: () => Promise<T>): Promise<T> {
    return this.deps.sealing.during(work);
  }

  /**
   * Stores sealed credentials as the permanent PIN and QR code of recipients who have none active (new
   * or returning residents), inside the caller's transaction; a PIN that became active since it was
   * drawn, or that an earlier item of this call has, is drawn again. Returns the notifications queued,
   * per recipient, in order.
   */
  issueSealed(actor: Actor, items: readonly { recipient: Reachable; credential: SealedCredential }[], options: { notify: boolean }) {
    const now = this.deps.clock.now();
    const hashes = new Set(items.map((i) => i.credential.pinHash.toString('hex')));
    const taken = (pin: string) => {
      const hash = this.deps.keys.lookupHash('pin', pin);
      return hashes.has(hash.toString('hex')) || this.deps.repos.accessKeys.isPinActive(hash);
    };
    const stored = new Set<string>();
    const credentials = items.map(({ credential }) => {
      const hash = credential.pinHash.toString('hex');
      if (!stored.has(hash) && !this.deps.repos.accessKeys.isPinActive(credential.pinHash)) {
        stored.add(hash);
        return credential;
      }
      const fresh = this.sealNew(taken);
      hashes.add(fresh.pinHash.toString('hex'));
      stored.add(fresh.pinHash.toString('hex'));
      return fresh;
    });
    const ids = this.deps.repos.accessKeys.insertMany(
      items.map((item, n) => ({
        recipientId: item.recipient.id,
        kind: 'permanent',
        ...credentials[n]!,
        expiresAt: null,
        createdAt: now,
        createdBy: actor.staffId,
      })),
    );
    return items.map((item, n) =>
      options.notify ? this.notify(item.recipient, ids[n]!, 'new_pin', this.reachableChannels(item.recipient)) : [],
    );
  }

  /**
   * Deactivation: every PIN and QR code of the recipient stops working at once. Returns how many.
   * `batched`: the caller audits and announces a whole batch itself (a roster import), so a large
   * import writes one row and sends one event per recipient, not three.
   */
  revokeAll(actor: Actor, recipientId: number, options: { batched?: boolean } = {}): number {
    const revoked = this.deps.repos.accessKeys.revokeActive(recipientId, this.deps.clock.now());
    if (revoked && !options.batched) {
      this.deps.audit.record(actor, 'access.revoked', `recipient:${recipientId}`, { credentials: revoked });
      this.changed(recipientId);
    }
    return revoked;
  }

  overview(recipientId: number): AccessOverview {
    this.requireRecipient(recipientId);
    const permanent = this.deps.repos.accessKeys.activePermanent(recipientId);
    const now = this.deps.clock.now();
    return {
      recipientId,
      permanent: permanent
        ? { pinLength: this.deps.keys.open(permanent.pinEnc).length, createdAt: new Date(permanent.createdAt).toISOString() }
        : null,
      singleAccess: this.deps.repos.accessKeys.singlesFor(recipientId, 50).map((k) => this.toSingleSummary(k, now)),
      notifications: this.deps.notifier.forRecipient(recipientId),
      lookupPinEnabled: this.deps.settings.get().lookupPinEnabled,
    };
  }

  private issueSingle(
    actor: Actor,
    recipient: RecipientRow,
    expiresAt: number,
    channels: Channel[],
    template: NotificationTemplate,
    now: number,
    extra: Record<string, unknown> = {},
  ): SingleAccessIssued {
    this.deps.repos.accessKeys.expireDue(now);
    const { id, pin } = this.insertKey(recipient.id, 'single', expiresAt, actor.staffId, now);
    const notifications = this.notify(recipient, id, template, channels);
    this.deps.audit.record(
      actor,
      template === 'pin_request' ? 'access.single_requested' : 'access.single_issued',
      `recipient:${recipient.id}`,
      {
        expiresAt: new Date(expiresAt).toISOString(),
        notifyVia: channels,
        ...extra,
      },
    );
    this.changed(recipient.id);
    return { id, pin, expiresAt: new Date(expiresAt).toISOString(), recipientName: fullName(recipient), notifications };
  }

  private insertKey(
    recipientId: number,
    kind: AccessKeyKind,
    expiresAt: number | null,
    staffId: number | null,
    now: number,
    proxyId: number | null = null,
  ) {
    const pin = generatePin(defaultPinLength, random.digits, (p) =>
      this.deps.repos.accessKeys.isPinActive(this.deps.keys.lookupHash('pin', p)),
    );
    const qr = random.token(16);
    const id = this.deps.repos.accessKeys.insert({
      recipientId,
      kind,
      pinHash: this.deps.keys.lookupHash('pin', pin),
      pinEnc: this.deps.keys.seal(pin),
      qrHash: this.deps.keys.lookupHash('qr', qr),
      qrEnc: this.deps.keys.seal(qr),
      expiresAt,
      createdAt: now,
      createdBy: staffId,
      proxyId,
    });
    return { id, pin };
  }

  private sealNew(isTaken: (pin: string) => boolean, remember?: Set<string>): SealedCredential {
    const { pin, sealed } = sealCredential(this.deps.keys, isTaken);
    remember?.add(pin);
    return sealed;
  }

  private notify(recipient: Reachable, accessKeyId: number, template: NotificationTemplate, channels: Channel[]) {
    return channels.flatMap((channel) => {
      const destination = channel === 'email' ? recipient.email : recipient.phone;
      if (!destination) return [];
      this.deps.notifier.enqueue({ channel, recipientId: recipient.id, accessKeyId, template, destination });
      return [{ channel, destination, ready: this.deps.notifier.isReady(channel) }];
    });
  }

  private reachableChannels(recipient: Reachable): Channel[] {
    return [...(recipient.email ? (['email'] as const) : []), ...(recipient.phone ? (['sms'] as const) : [])];
  }

  private toSingleSummary(k: AccessKeyRow, now: number) {
    const status = k.status === 'active' && k.expiresAt !== null && k.expiresAt <= now ? 'expired' : k.status;
    return {
      id: k.id,
      status,
      createdAt: new Date(k.createdAt).toISOString(),
      createdBy: k.createdBy,
      expiresAt: new Date(k.expiresAt ?? 0).toISOString(),
      usedAt: k.usedAt === null ? null : new Date(k.usedAt).toISOString(),
      usedVia: k.usedVia,
    };
  }

  /** Tells open detail views after the current transaction commits. */
  changed(recipientId: number): void {
    this.deps.tx.onCommit(() => this.deps.events.emit('access.changed', { recipientId }));
  }

  private requireRecipient(recipientId: number): RecipientRow {
    const recipient = this.deps.repos.recipients.byId(recipientId);
    if (!recipient) throw new ApiError('NOT_FOUND', message('recipients.notFound'), 'recipientId');
    return recipient;
  }

  private requireActive(recipientId: number): RecipientRow {
    const recipient = this.requireRecipient(recipientId);
    if (recipient.status !== 'active') {
      throw new ApiError('CONFLICT', message('credentials.recipientInactive', { name: fullName(recipient) }), 'recipientId');
    }
    return recipient;
  }
}
