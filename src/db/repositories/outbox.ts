import { isLanguage, type Channel, type Language, type Message } from '../../contract';
import { readSentence, sentenceColumns } from '../sentences';
import type { Db } from '../open';
import { statements, type Statements } from '../prepared';
import type { Row } from '../rows';

export type OutboxStatus = Row<'outbox'>['status'];

export interface OutboxInsert {
  channel: Channel;
  recipientId: number;
  accessKeyId: number | null;
  template: string;
  destination: string;
  now: number;
  /** When it may go out; now when left out. Package notices wait so a batch goes as one. */
  dueAt?: number;
  /** A message to one of the recipient's proxies (a notice for them, or the proxy's PIN). */
  proxyId?: number | null;
}

/** A pending notification with everything needed to render it; the PIN and QR token are still sealed. */
export interface DueNotification {
  id: number;
  channel: Channel;
  recipientId: number;
  template: string;
  destination: string;
  attempts: number;
  firstName: string;
  lastName: string;
  /** The recipient's language; null follows the site language. */
  language: Language | null;
  unit: string;
  /** Set when the message goes to a proxy of the recipient: it greets the proxy and says for whom. */
  proxyName: string | null;
  key: {
    kind: 'permanent' | 'single';
    status: 'active' | 'used' | 'revoked' | 'expired';
    pinEnc: Buffer;
    qrEnc: Buffer;
    expiresAt: number | null;
  } | null;
}

export interface OutboxRow {
  id: number;
  channel: Channel;
  destination: string;
  template: string;
  status: OutboxStatus;
  attempts: number;
  lastError: Message | null;
  createdAt: number;
  sentAt: number | null;
}

type Key = Row<'access_keys'>;

/** A due row with its recipient and key; the key's columns are null when it has none. */
type RawDue = Pick<Row<'outbox'>, 'id' | 'channel' | 'recipient_id' | 'template' | 'destination' | 'attempts'> &
  Pick<Row<'recipients'>, 'first_name' | 'last_name' | 'language' | 'unit'> & {
    proxy_name: Row<'proxies'>['name'] | null;
    kind: Key['kind'] | null;
    key_status: Key['status'] | null;
    pin_enc: Key['pin_enc'] | null;
    qr_enc: Key['qr_enc'] | null;
    expires_at: Key['expires_at'];
  };

type RawOutbox = Pick<
  Row<'outbox'>,
  | 'id'
  | 'channel'
  | 'destination'
  | 'template'
  | 'status'
  | 'attempts'
  | 'last_error'
  | 'last_error_key'
  | 'last_error_params'
  | 'created_at'
  | 'sent_at'
>;

const toDue = (r: RawDue): DueNotification => ({
  id: r.id,
  channel: r.channel,
  recipientId: r.recipient_id,
  template: r.template,
  destination: r.destination,
  attempts: r.attempts,
  firstName: r.first_name,
  lastName: r.last_name,
  language: isLanguage(r.language) ? r.language : null,
  unit: r.unit,
  proxyName: r.proxy_name,
  key:
    r.kind && r.key_status && r.pin_enc && r.qr_enc
      ? { kind: r.kind, status: r.key_status, pinEnc: r.pin_enc, qrEnc: r.qr_enc, expiresAt: r.expires_at }
      : null,
});

const toRow = (r: RawOutbox): OutboxRow => ({
  id: r.id,
  channel: r.channel,
  destination: r.destination,
  template: r.template,
  status: r.status,
  attempts: r.attempts,
  lastError: readSentence(r.last_error, r.last_error_key, r.last_error_params),
  createdAt: r.created_at,
  sentAt: r.sent_at,
});

export class OutboxRepository {
  // Prepared up front: the outbox worker runs these on every pass.
  private readonly insertStmt;
  private readonly dueStmt;
  private readonly nextDueStmt;
  private readonly sentStmt;
  private readonly retryStmt;
  private readonly failedStmt;
  private readonly forRecipientStmt;
  private readonly pendingUntriedStmt;
  private readonly sql: Statements;

  constructor(db: Db) {
    const sql = (this.sql = statements(db));
    this.insertStmt = sql<[Channel, number, number | null, string, string, number, number, number | null]>(
      `INSERT INTO outbox (channel, recipient_id, access_key_id, template, destination, next_attempt_at, created_at, proxy_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.dueStmt = sql<[Channel, number, number], RawDue>(
      `SELECT o.id, o.channel, o.recipient_id, o.template, o.destination, o.attempts,
              r.first_name, r.last_name, r.language, r.unit, p.name AS proxy_name,
              k.kind, k.status AS key_status, k.pin_enc, k.qr_enc, k.expires_at
       FROM outbox o
       JOIN recipients r ON r.id = o.recipient_id
       LEFT JOIN proxies p ON p.id = o.proxy_id
       LEFT JOIN access_keys k ON k.id = o.access_key_id
       WHERE o.status = 'pending' AND o.channel = ? AND o.next_attempt_at <= ?
       ORDER BY o.next_attempt_at, o.id
       LIMIT ?`,
    );
    this.nextDueStmt = sql.pluck<[Channel], number | null>(
      "SELECT min(next_attempt_at) FROM outbox WHERE status = 'pending' AND channel = ?",
    );
    this.sentStmt = sql<[string, number, number]>(
      "UPDATE outbox SET status = 'sent', attempts = attempts + 1, provider_id = ?, sent_at = ?, last_error = NULL, last_error_key = NULL, last_error_params = NULL WHERE id = ?",
    );
    this.retryStmt = sql<[number, number, string | null, string | null, string | null, number]>(
      'UPDATE outbox SET attempts = ?, next_attempt_at = ?, last_error = ?, last_error_key = ?, last_error_params = ? WHERE id = ?',
    );
    this.failedStmt = sql<[number, string | null, string | null, string | null, number]>(
      "UPDATE outbox SET status = 'failed', attempts = ?, last_error = ?, last_error_key = ?, last_error_params = ? WHERE id = ?",
    );
    this.forRecipientStmt = sql<[number, number], RawOutbox>(
      `SELECT id, channel, destination, template, status, attempts, last_error, last_error_key, last_error_params, created_at, sent_at
       FROM outbox WHERE recipient_id = ? ORDER BY id DESC LIMIT ?`,
    );
    this.pendingUntriedStmt = sql<[number, Channel, string, number | null], Pick<Row<'outbox'>, 'id' | 'next_attempt_at'>>(
      `SELECT id, next_attempt_at FROM outbox
       WHERE recipient_id = ? AND channel = ? AND template = ? AND proxy_id IS ? AND status = 'pending' AND attempts = 0
       ORDER BY id DESC LIMIT 1`,
    );
  }

  /** The row is due at `dueAt`, or at once (`next_attempt_at = now`). */
  insert(item: OutboxInsert): number {
    const info = this.insertStmt.run(
      item.channel,
      item.recipientId,
      item.accessKeyId,
      item.template,
      item.destination,
      item.dueAt ?? item.now,
      item.now,
      item.proxyId ?? null,
    );
    return Number(info.lastInsertRowid);
  }

  /** The recipient's newest pending, never-tried row of this template on this channel, with when it is due. */
  pendingUntried(
    recipientId: number,
    channel: Channel,
    template: string,
    proxyId: number | null = null,
  ): { id: number; dueAt: number } | undefined {
    const row = this.pendingUntriedStmt.get(recipientId, channel, template, proxyId);
    return row && { id: row.id, dueAt: row.next_attempt_at };
  }

  /** Pending rows of one channel whose time has come, oldest due first. */
  due(channel: Channel, now: number, limit: number): DueNotification[] {
    return this.dueStmt.all(channel, now, limit).map(toDue);
  }

  /** When the earliest pending row of the channel falls due, or null when none is pending. */
  nextDueAt(channel: Channel): number | null {
    return this.nextDueStmt.get(channel) ?? null;
  }

  /** Whether any notice was ever queued on this channel (read at start and on a settings change, not per send). */
  usesChannel(channel: Channel): boolean {
    return this.sql.pluck<[Channel], 1>('SELECT 1 FROM outbox WHERE channel = ? LIMIT 1').get(channel) !== undefined;
  }

  markSent(id: number, providerId: string, now: number): void {
    this.sentStmt.run(providerId, now, id);
  }

  markRetry(id: number, attempts: number, nextAttemptAt: number, error: Message): void {
    const { english, key, params } = sentenceColumns(error);
    this.retryStmt.run(attempts, nextAttemptAt, english, key, params, id);
  }

  markFailed(id: number, attempts: number, error: Message): void {
    const { english, key, params } = sentenceColumns(error);
    this.failedStmt.run(attempts, english, key, params, id);
  }

  /** Newest first. */
  forRecipient(recipientId: number, limit: number): OutboxRow[] {
    return this.forRecipientStmt.all(recipientId, limit).map(toRow);
  }
}
