import type { Repositories } from '../../db/repositories';
import { message, type Channel, type Message, type NotificationSummary } from '../../contract';
import type { Clock } from '../../clock';
import { type DueNotification, type OutboxRow } from '../../db/repositories/outbox';
import { log } from '../../log';
import type { DataKeys } from '../../secrets';
import type { Transactor } from '../tx';
import type { NotificationConfig } from './config';
import { DeliveryError } from './delivery';
import { EmailSender } from './email';
import { Lane } from './lane';
import {
  isPackageTemplate,
  isTemplate,
  renderEmail,
  renderPackageEmail,
  renderPackageSms,
  renderSms,
  type MessageData,
  type NotificationTemplate,
  type PackageLine,
  type PackageMessageData,
  type PackageTemplate,
} from './messages';
import { MAX_ATTEMPTS, retryDelayMs } from './retry';
import { SmsSender, type ReceivedText } from './sms';

export interface NotificationRequest {
  channel: Channel;
  recipientId: number;
  accessKeyId: number | null;
  template: NotificationTemplate | PackageTemplate;
  /** The email address or E.164 phone number, as it was when the message was queued. */
  destination: string;
  /** Not before this time (package notices wait for a batch); at once when left out. */
  dueAt?: number;
  /** To one of the recipient's proxies, at `destination`. */
  proxyId?: number | null;
}

export interface FailedNotification {
  id: number;
  channel: Channel;
  destination: string;
  recipientId: number;
  /** Why, in plain words (the same text as the summary's lastError). */
  error: Message;
}

export interface NotificationDeps {
  repos: Pick<Repositories, 'outbox'>;
  clock: Clock;
  tx: Transactor;
  keys: DataKeys;
  /** Read for every send, so a settings change applies to the next one. */
  config: () => NotificationConfig;
  /** A recipient's notification list changed (queued, sent, retried or failed). */
  onChanged?: (recipientId: number) => void;
  /** A message was given up on and staff should know (not called when the PIN it carried stopped working). */
  onFailed?: (info: FailedNotification) => void;
  /** What is waiting for a recipient, read when a package notice or reminder goes out. */
  packageLines?: (recipientId: number) => PackageLine[];
  /**
   * Whether a channel that notices need is set up: told at start, after a settings change, and when a notice could
   * not go out for want of it (staff get one standing alert per channel, not one per notice).
   */
  channelReady?: (channel: Channel, ready: boolean) => void;
}

type SealedKey = NonNullable<DueNotification['key']>;

type Outcome =
  { status: 'sent'; providerId: string } | { status: 'retry'; reason: Message } | { status: 'failed'; reason: Message; tellStaff: boolean };

const channels: readonly Channel[] = ['email', 'sms'];
const notSetUp: Record<Channel, Message> = { email: message('notification.emailNotSetUp'), sms: message('notification.smsNotSetUp') };
const keyNoLongerWorks = message('notification.keyNoLongerWorks');
const nothingWaiting = message('notification.nothingWaiting');
const keyUnreadable = message('notification.keyUnreadable');

/** A bug rather than the network: log it loudly, and retry it like a passing failure so it still ends. */
function unexpected(error: unknown): DeliveryError {
  log.error('Sending a notification failed unexpectedly.', error);
  return new DeliveryError(message('notification.unexpected'), false, { cause: error });
}

/** Who the message is to: the recipient, or the proxy it was queued for. */
const addressee = (row: DueNotification) => row.proxyName ?? `${row.firstName} ${row.lastName}`;

const forWhom = (row: DueNotification) =>
  row.proxyName === null ? {} : { forWhom: { recipient: `${row.firstName} ${row.lastName}`, unit: row.unit } };

const toSummary = (row: OutboxRow): NotificationSummary => ({
  id: row.id,
  channel: row.channel,
  destination: row.destination,
  template: row.template,
  status: row.status,
  attempts: row.attempts,
  lastError: row.lastError,
  createdAt: new Date(row.createdAt).toISOString(),
  sentAt: row.sentAt === null ? null : new Date(row.sentAt).toISOString(),
});

/**
 * PIN notices by email and SMS through the durable outbox: staff actions only queue a row inside
 * their own transaction; a background lane per channel sends it, retries passing failures with
 * backoff, and records the outcome for the Recipient Detail View.
 */
export class NotificationService {
  private readonly email = new EmailSender();
  private readonly sms = new SmsSender();
  private readonly lanes: Record<Channel, Lane>;

  constructor(private readonly deps: NotificationDeps) {
    this.lanes = { email: this.lane('email'), sms: this.lane('sms') };
  }

  /** Call inside the transaction that issues the PIN: the row commits or rolls back with it, and sending starts after commit. */
  enqueue(item: NotificationRequest): number {
    const id = this.deps.repos.outbox.insert({ ...item, now: this.deps.clock.now() });
    this.deps.tx.onCommit(() => {
      this.changed(item.recipientId);
      this.lanes[item.channel].kick();
    });
    return id;
  }

  /** The recipient's package notice on this channel that has not been tried yet (a new package may join it). */
  pendingUntried(
    recipientId: number,
    channel: Channel,
    template: PackageTemplate,
    proxyId: number | null = null,
  ): { id: number; dueAt: number } | null {
    return this.deps.repos.outbox.pendingUntried(recipientId, channel, template, proxyId) ?? null;
  }

  /** Whether messages on this channel can go out at all with the current settings. */
  isReady(channel: Channel): boolean {
    return this.deps.config()[channel] !== null;
  }

  forRecipient(recipientId: number, limit = 20): NotificationSummary[] {
    return this.deps.repos.outbox.forRecipient(recipientId, limit).map(toSummary);
  }

  /**
   * Says, for each channel, whether it is set up: a channel that is goes quiet; one that is not is reported only
   * when notices have ever been queued on it, so a fresh install or a site that never texts is not told about it.
   */
  reviewChannels(): void {
    for (const channel of channels) {
      const ready = this.isReady(channel);
      if (ready || this.deps.repos.outbox.usesChannel(channel)) this.channelReady(channel, ready);
    }
  }

  start(): void {
    this.reviewChannels();
    this.lanes.email.start();
    this.lanes.sms.start();
  }

  /** Stops both lanes; an email stuck on a stalled server is abandoned and retried after the next start. */
  async stop(): Promise<void> {
    const stopped = Promise.all([this.lanes.email.stop(), this.lanes.sms.stop()]);
    this.email.close();
    await stopped;
  }

  /** Resolves when nothing due now is waiting or being sent (tests and the simulator). */
  async drain(): Promise<void> {
    await Promise.all([this.lanes.email.drain(), this.lanes.sms.drain()]);
  }

  private lane(channel: Channel): Lane {
    return new Lane(channel, this.deps.clock, {
      sendNextDue: () => this.sendNextDue(channel),
      nextDueAt: () => this.deps.repos.outbox.nextDueAt(channel),
    });
  }

  /** Texts received at the site's Twilio number since `since`; none when SMS is not set up. Rejects with a DeliveryError. */
  async receivedTexts(since: number): Promise<ReceivedText[]> {
    const sms = this.deps.config().sms;
    return sms ? this.sms.received(sms, since) : [];
  }

  /**
   * A reply to a text (a hold asked for by message), sent now and not kept in the outbox: it answers a message the
   * recipient just sent, and a failure is logged. Returns false when SMS is not set up or Twilio refused it.
   */
  async replyText(to: string, body: string): Promise<boolean> {
    const sms = this.deps.config().sms;
    if (!sms) return false;
    try {
      await this.sms.send(sms, body, to);
      return true;
    } catch (error) {
      log.warn(`A reply to a text from ${to} was not sent: ${error instanceof Error ? error.message : String(error)}`);
      return false;
    }
  }

  private async sendNextDue(channel: Channel): Promise<boolean> {
    const row = this.deps.repos.outbox.due(channel, this.deps.clock.now(), 1)[0];
    if (!row) return false;
    this.record(row, await this.attempt(row));
    return true;
  }

  private async attempt(row: DueNotification): Promise<Outcome> {
    if (isPackageTemplate(row.template)) return this.attemptPackages(row, row.template);
    const key = row.key;
    if (!key || key.status !== 'active' || (key.expiresAt !== null && key.expiresAt <= this.deps.clock.now())) {
      return { status: 'failed', reason: keyNoLongerWorks, tellStaff: false };
    }
    return this.send(row, (config) => this.deliver(row, key, config));
  }

  /** The content is read now, so a notice lists what is waiting when it goes out, not when it was queued. */
  private async attemptPackages(row: DueNotification, template: PackageTemplate): Promise<Outcome> {
    const packages = this.deps.packageLines?.(row.recipientId) ?? [];
    if (packages.length === 0) return { status: 'failed', reason: nothingWaiting, tellStaff: false };
    return this.send(row, async (config) => {
      const data = this.packageData(row, template, packages, config);
      if (row.channel === 'email') {
        if (!config.email) throw new DeliveryError(notSetUp.email, true);
        const message = await renderPackageEmail(data);
        return this.email.send(config.email, message, { name: addressee(row), address: row.destination });
      }
      if (!config.sms) throw new DeliveryError(notSetUp.sms, true);
      return this.sms.send(config.sms, renderPackageSms(data), row.destination);
    });
  }

  /** A PIN replaced since the notice was queued is left out rather than sent: the new one went out on its own. */
  private packageData(
    row: DueNotification,
    template: PackageTemplate,
    packages: PackageLine[],
    config: NotificationConfig,
  ): PackageMessageData {
    const key = row.key;
    let secrets: { pin: string | null; qrToken: string | null } = { pin: null, qrToken: null };
    // A proxy's notice never carries a PIN (it is queued without one; this keeps it so).
    if (key && key.status === 'active' && row.proxyName === null) {
      try {
        secrets = { pin: this.deps.keys.open(key.pinEnc), qrToken: this.deps.keys.open(key.qrEnc) };
      } catch (error) {
        log.warn(`Notification ${row.id}: the PIN could not be read back; the package notice goes without it. ${String(error)}`);
      }
    }
    const { siteName } = config;
    return {
      siteName,
      template,
      language: row.language ?? config.siteLanguage,
      firstName: row.proxyName ?? row.firstName,
      packages,
      ...secrets,
      ...forWhom(row),
    };
  }

  private async send(row: DueNotification, deliver: (config: NotificationConfig) => Promise<string>): Promise<Outcome> {
    try {
      return { status: 'sent', providerId: await deliver(this.deps.config()) };
    } catch (error) {
      const failure = error instanceof DeliveryError ? error : unexpected(error);
      log.warn(
        `Notification ${row.id} (${row.channel}) not sent: ${failure.message}${failure.cause instanceof Error ? ` [${failure.cause.message}]` : ''}`,
      );
      const lastTry = row.attempts + 1 >= MAX_ATTEMPTS;
      return failure.permanent || lastTry
        ? { status: 'failed', reason: failure.reason, tellStaff: true }
        : { status: 'retry', reason: failure.reason };
    }
  }

  /** Resolves with the provider's message id; rejects with a DeliveryError. */
  private async deliver(row: DueNotification, key: SealedKey, config: NotificationConfig): Promise<string> {
    if (row.channel === 'email') {
      if (!config.email) throw new DeliveryError(notSetUp.email, true);
      const message = await renderEmail(this.messageData(row, key, config));
      return this.email.send(config.email, message, { name: addressee(row), address: row.destination });
    }
    if (!config.sms) throw new DeliveryError(notSetUp.sms, true);
    return this.sms.send(config.sms, renderSms(this.messageData(row, key, config)), row.destination);
  }

  /** The PIN and QR token are decrypted only here, at send time, and never stored. */
  private messageData(row: DueNotification, key: SealedKey, config: NotificationConfig): MessageData {
    if (!isTemplate(row.template)) throw new DeliveryError(message('notification.unknownTemplate', { template: row.template }), true);
    let secrets: { pin: string; qrToken: string };
    try {
      secrets = { pin: this.deps.keys.open(key.pinEnc), qrToken: this.deps.keys.open(key.qrEnc) };
    } catch (error) {
      throw new DeliveryError(keyUnreadable, true, { cause: error });
    }
    return {
      siteName: config.siteName,
      template: row.template,
      language: row.language ?? config.siteLanguage,
      firstName: row.proxyName ?? row.firstName,
      kind: key.kind,
      expiresAt: key.expiresAt,
      ...secrets,
      ...forWhom(row),
    };
  }

  private record(row: DueNotification, outcome: Outcome): void {
    const attempts = row.attempts + 1;
    const now = this.deps.clock.now();
    if (outcome.status === 'sent') this.deps.repos.outbox.markSent(row.id, outcome.providerId, now);
    else if (outcome.status === 'retry')
      this.deps.repos.outbox.markRetry(row.id, attempts, now + retryDelayMs(attempts, row.id), outcome.reason);
    else this.deps.repos.outbox.markFailed(row.id, attempts, outcome.reason);
    this.changed(row.recipientId);
    // Every notice on a channel that is not set up fails the same way: one standing alert says it, not one per notice.
    if (outcome.status === 'failed' && outcome.reason === notSetUp[row.channel]) this.channelReady(row.channel, false);
    else if (outcome.status === 'failed' && outcome.tellStaff) {
      this.notifyFailed({
        id: row.id,
        channel: row.channel,
        destination: row.destination,
        recipientId: row.recipientId,
        error: outcome.reason,
      });
    }
  }

  private changed(recipientId: number): void {
    try {
      this.deps.onChanged?.(recipientId);
    } catch (error) {
      log.error('A notifications.changed listener failed.', error);
    }
  }

  private channelReady(channel: Channel, ready: boolean): void {
    try {
      this.deps.channelReady?.(channel, ready);
    } catch (error) {
      log.error(`Updating the alert about ${channel} being set up failed.`, error);
    }
  }

  private notifyFailed(info: FailedNotification): void {
    try {
      this.deps.onFailed?.(info);
    } catch (error) {
      log.error('Raising the alert for a failed notification failed.', error);
    }
  }
}
