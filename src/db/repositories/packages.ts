import type { Statement } from 'better-sqlite3';
import type { CarrierId, PackageSize, PackageStatus, RecipientStatus } from '../../contract';
import type { Db } from '../open';

export type PickupCredential = 'pin' | 'qr' | 'single-access-pin';

export interface PackageRow {
  id: number;
  tracking: string;
  carrier: CarrierId;
  carrierName: string | null;
  recipientId: number;
  firstName: string;
  lastName: string;
  unit: string;
  recipientStatus: RecipientStatus;
  shelf: string | null;
  size: PackageSize;
  perishable: boolean;
  note: string | null;
  status: PackageStatus;
  loggedAt: number;
  loggedByName: string;
  pickedUpAt: number | null;
  pickedUpVia: 'door' | 'desk' | null;
  pickedUpCredential: PickupCredential | null;
  collectedBy: string | null;
  handedOverByName: string | null;
  returnedAt: number | null;
  returnReason: string | null;
  remindersSent: number;
  lastRemindedAt: number | null;
  escalatedAt: number | null;
  inactiveAlertedAt: number | null;
}

export interface PackageInsert {
  tracking: string;
  carrier: CarrierId;
  carrierName: string | null;
  recipientId: number;
  shelf: string | null;
  size: PackageSize;
  perishable: boolean;
  note: string | null;
  loggedBy: number | null;
  loggedByName: string;
  now: number;
}

export type ListStatus = PackageStatus | 'all';
export type ListSort = 'newest' | 'oldest';

/** Where a page ends: the next page starts after this package, in the list's order. */
export interface PageCursor {
  loggedAt: number;
  id: number;
}

export interface ListQuery {
  status: ListStatus;
  sort: ListSort;
  limit: number;
  /** Absent for the first page. */
  after?: PageCursor;
}

interface RawPackage {
  id: number;
  tracking: string;
  carrier: CarrierId;
  carrier_name: string | null;
  recipient_id: number;
  first_name: string;
  last_name: string;
  unit: string;
  recipient_status: RecipientStatus;
  shelf: string | null;
  size: PackageSize;
  perishable: number;
  note: string | null;
  status: PackageStatus;
  logged_at: number;
  logged_by_name: string;
  picked_up_at: number | null;
  picked_up_via: 'door' | 'desk' | null;
  picked_up_credential: PickupCredential | null;
  collected_by: string | null;
  handed_over_by_name: string | null;
  returned_at: number | null;
  return_reason: string | null;
  reminders_sent: number;
  last_reminded_at: number | null;
  escalated_at: number | null;
  inactive_alerted_at: number | null;
}

const toRow = (r: RawPackage): PackageRow => ({
  id: r.id,
  tracking: r.tracking,
  carrier: r.carrier,
  carrierName: r.carrier_name,
  recipientId: r.recipient_id,
  firstName: r.first_name,
  lastName: r.last_name,
  unit: r.unit,
  recipientStatus: r.recipient_status,
  shelf: r.shelf,
  size: r.size,
  perishable: r.perishable === 1,
  note: r.note,
  status: r.status,
  loggedAt: r.logged_at,
  loggedByName: r.logged_by_name,
  pickedUpAt: r.picked_up_at,
  pickedUpVia: r.picked_up_via,
  pickedUpCredential: r.picked_up_credential,
  collectedBy: r.collected_by,
  handedOverByName: r.handed_over_by_name,
  returnedAt: r.returned_at,
  returnReason: r.return_reason,
  remindersSent: r.reminders_sent,
  lastRemindedAt: r.last_reminded_at,
  escalatedAt: r.escalated_at,
  inactiveAlertedAt: r.inactive_alerted_at,
});

const select = `SELECT p.id, p.tracking, p.carrier, p.carrier_name, p.recipient_id, r.first_name, r.last_name, r.unit,
    r.status AS recipient_status, p.shelf, p.size, p.perishable, p.note, p.status, p.logged_at, p.logged_by_name,
    p.picked_up_at, p.picked_up_via, p.picked_up_credential, p.collected_by, p.handed_over_by_name, p.returned_at,
    p.return_reason, p.reminders_sent, p.last_reminded_at, p.escalated_at, p.inactive_alerted_at
  FROM packages p JOIN recipients r ON r.id = p.recipient_id`;

const order = (sort: ListSort) => (sort === 'newest' ? 'ORDER BY p.logged_at DESC, p.id DESC' : 'ORDER BY p.logged_at, p.id');
const statusClause = (status: ListStatus) => (status === 'all' ? '' : 'AND p.status = @status');
// A cursor rather than an offset: a page costs the same however far down it is, and a package logged
// meanwhile does not shift the next page by one.
const afterClause = (q: ListQuery) =>
  q.after === undefined ? '' : `AND (p.logged_at, p.id) ${q.sort === 'newest' ? '<' : '>'} (@afterAt, @afterId)`;

/** The list's order as a comparison, for pages merged from two queries (a search). */
export const listOrder =
  (sort: ListSort) =>
  (a: PageCursor, b: PageCursor): number =>
    (sort === 'newest' ? -1 : 1) * (a.loggedAt - b.loggedAt || a.id - b.id);

/** The package log: intake, pickup, returns, the Overview's counts, the export and shelf checks. */
export class PackageRepository {
  private readonly insertStmt: Statement;
  private readonly byIdStmt: Statement<[number], RawPackage>;
  private readonly waitingByTrackingStmt: Statement<[string], RawPackage>;
  private readonly latestByTrackingStmt: Statement<[string], RawPackage>;
  private readonly pickupStmt: Statement<
    [{ at: number; credential: PickupCredential; recipientId: number; upTo: number }],
    { id: number; tracking: string }
  >;
  private readonly countLoggedSinceStmt: Statement<[CarrierId, number], { n: number }>;
  private readonly waitingForRecipientStmt: Statement<[number], RawPackage>;
  private readonly lists = new Map<string, Statement<Record<string, unknown>, RawPackage>>();

  constructor(private readonly db: Db) {
    this.insertStmt = db.prepare(
      `INSERT INTO packages (tracking, carrier, carrier_name, recipient_id, shelf, size, perishable, note, logged_at, logged_by,
         logged_by_name, updated_at)
       VALUES (@tracking, @carrier, @carrierName, @recipientId, @shelf, @size, @perishable, @note, @now, @loggedBy, @loggedByName, @now)`,
    );
    this.byIdStmt = db.prepare(`${select} WHERE p.id = ?`);
    this.waitingByTrackingStmt = db.prepare(`${select} WHERE p.tracking = ? AND p.status = 'waiting'`);
    this.latestByTrackingStmt = db.prepare(`${select} WHERE p.tracking = ? ORDER BY p.logged_at DESC, p.id DESC LIMIT 1`);
    this.pickupStmt = db.prepare(
      `UPDATE packages SET status = 'picked_up', picked_up_at = @at, picked_up_via = 'door', picked_up_credential = @credential,
         updated_at = @at
       WHERE recipient_id = @recipientId AND status = 'waiting' AND logged_at <= @upTo RETURNING id, tracking`,
    );
    this.countLoggedSinceStmt = db.prepare('SELECT count(*) AS n FROM packages WHERE carrier = ? AND logged_at >= ?');
    this.waitingForRecipientStmt = db.prepare(`${select} WHERE p.recipient_id = ? AND p.status = 'waiting' ORDER BY p.logged_at, p.id`);
  }

  insert(p: PackageInsert): number {
    const info = this.insertStmt.run({ ...p, perishable: p.perishable ? 1 : 0 });
    return Number(info.lastInsertRowid);
  }

  byId(id: number): PackageRow | undefined {
    const raw = this.byIdStmt.get(id);
    return raw && toRow(raw);
  }

  waitingByTracking(tracking: string): PackageRow | undefined {
    const raw = this.waitingByTrackingStmt.get(tracking);
    return raw && toRow(raw);
  }

  /** The newest package with this number, whatever its status. */
  latestByTracking(tracking: string): PackageRow | undefined {
    const raw = this.latestByTrackingStmt.get(tracking);
    return raw && toRow(raw);
  }

  /** Packages logged for `carrier` at or after `since` (the carrier-entry reminder asks this). */
  countLoggedSince(carrier: CarrierId, since: number): number {
    return this.countLoggedSinceStmt.get(carrier, since)?.n ?? 0;
  }

  /** One page, plus one row to tell whether there are more. */
  list(q: ListQuery & { recipientId?: number }): PackageRow[] {
    const where = q.recipientId === undefined ? '' : 'AND p.recipient_id = @recipientId';
    return this.page(`list:${where}`, `${select} WHERE 1 ${statusClause(q.status)} ${where}`, { ...q });
  }

  /** Tracking numbers starting with `prefix` (a whole scanned number is its own prefix). */
  searchTracking(prefix: string, q: ListQuery): PackageRow[] {
    // Upper bound of the prefix range: tracking numbers are A–Z and 0–9 only, so '~' sorts after all of them.
    return this.page('tracking', `${select} WHERE p.tracking >= @prefix AND p.tracking < @prefix || '~' ${statusClause(q.status)}`, {
      ...q,
      prefix,
    });
  }

  /** Packages of recipients whose name or unit matches the FTS5 expression. */
  searchRecipients(match: string, q: ListQuery): PackageRow[] {
    return this.page(
      'recipients',
      `${select} WHERE p.recipient_id IN (SELECT rowid FROM recipients_fts WHERE recipients_fts MATCH @match) ${statusClause(q.status)}`,
      { ...q, match },
    );
  }

  waitingForRecipient(recipientId: number): PackageRow[] {
    return this.waitingForRecipientStmt.all(recipientId).map(toRow);
  }

  /** Every waiting package with its recipient (a desk has hundreds, not millions). */
  waiting(): PackageRow[] {
    return this.statement('waiting', `${select} WHERE p.status = 'waiting' ORDER BY p.logged_at, p.id`).all({}).map(toRow);
  }

  /**
   * Marks the recipient's waiting packages picked up at the door and returns them. Only packages
   * logged up to `loggedUpTo` (the door entry): one logged after it was not in the room yet.
   */
  pickUpAtDoor(recipientId: number, credential: PickupCredential, at: number, loggedUpTo: number): { id: number; tracking: string }[] {
    return this.pickupStmt.all({ at, credential, recipientId, upTo: loggedUpTo });
  }

  handOver(id: number, at: number, collectedBy: string | null, staffName: string): boolean {
    return (
      this.db
        .prepare(
          `UPDATE packages SET status = 'picked_up', picked_up_at = ?, picked_up_via = 'desk', picked_up_credential = NULL,
             collected_by = ?, handed_over_by_name = ?, updated_at = ? WHERE id = ? AND status IN ('waiting', 'missing')`,
        )
        .run(at, collectedBy, staffName, at, id).changes === 1
    );
  }

  returnToSender(id: number, at: number, reason: string): boolean {
    return (
      this.db
        .prepare(
          "UPDATE packages SET status = 'returned', returned_at = ?, return_reason = ?, updated_at = ? WHERE id = ? AND status IN ('waiting', 'missing')",
        )
        .run(at, reason, at, id).changes === 1
    );
  }

  update(id: number, fields: { recipientId: number; shelf: string | null; size: PackageSize; note: string | null }, at: number): void {
    this.db
      .prepare('UPDATE packages SET recipient_id = ?, shelf = ?, size = ?, note = ?, updated_at = ? WHERE id = ?')
      .run(fields.recipientId, fields.shelf, fields.size, fields.note, at, id);
  }

  /** Back to Waiting (found on the shelf after all): the pickup or return is undone, reminders start over. */
  restore(id: number, at: number): void {
    this.db
      .prepare(
        `UPDATE packages SET status = 'waiting', picked_up_at = NULL, picked_up_via = NULL, picked_up_credential = NULL,
           collected_by = NULL, handed_over_by_name = NULL, returned_at = NULL, return_reason = NULL, missing_at = NULL,
           updated_at = ? WHERE id = ?`,
      )
      .run(at, id);
  }

  markMissing(id: number, at: number): void {
    this.db
      .prepare("UPDATE packages SET status = 'missing', missing_at = ?, updated_at = ? WHERE id = ? AND status = 'waiting'")
      .run(at, at, id);
  }

  setReminded(id: number, remindersSent: number, at: number): void {
    this.db.prepare('UPDATE packages SET reminders_sent = ?, last_reminded_at = ? WHERE id = ?').run(remindersSent, at, id);
  }

  setEscalated(id: number, at: number): void {
    this.db.prepare('UPDATE packages SET escalated_at = ? WHERE id = ?').run(at, id);
  }

  setInactiveAlerted(id: number, at: number): void {
    this.db.prepare('UPDATE packages SET inactive_alerted_at = ? WHERE id = ?').run(at, id);
  }

  // ---- The Overview ----

  waitingLoggedTimes(): number[] {
    return this.db.prepare("SELECT logged_at FROM packages WHERE status = 'waiting'").pluck().all() as number[];
  }

  loggedTimesSince(since: number): number[] {
    return this.db.prepare('SELECT logged_at FROM packages WHERE logged_at >= ?').pluck().all(since) as number[];
  }

  pickedUpTimesSince(since: number): number[] {
    return this.db.prepare('SELECT picked_up_at FROM packages WHERE picked_up_at >= ?').pluck().all(since) as number[];
  }

  /** Mean of (picked up − logged) for packages picked up since `since`, in ms; null when none. */
  averagePickupMs(since: number): number | null {
    return this.db.prepare('SELECT avg(picked_up_at - logged_at) FROM packages WHERE picked_up_at >= ?').pluck().get(since) as
      number | null;
  }

  // ---- Export ----

  countLoggedBetween(from: number, to: number): number {
    return this.db.prepare('SELECT count(*) FROM packages WHERE logged_at >= ? AND logged_at < ?').pluck().get(from, to) as number;
  }

  /** Oldest first, one row at a time, so an export of a year never sits in memory whole. */
  *loggedBetween(from: number, to: number): Generator<PackageRow> {
    const stmt = this.db.prepare(`${select} WHERE p.logged_at >= ? AND p.logged_at < ? ORDER BY p.logged_at, p.id`);
    for (const raw of stmt.iterate(from, to) as IterableIterator<RawPackage>) yield toRow(raw);
  }

  // ---- Shelf checks ----

  openCheck(): ShelfCheckRow | undefined {
    return this.db.prepare("SELECT * FROM shelf_checks WHERE status = 'open'").get() as ShelfCheckRow | undefined;
  }

  checkById(id: number): ShelfCheckRow | undefined {
    return this.db.prepare('SELECT * FROM shelf_checks WHERE id = ?').get(id) as ShelfCheckRow | undefined;
  }

  startCheck(at: number, staffId: number | null, staffName: string): number {
    const info = this.db
      .prepare('INSERT INTO shelf_checks (started_at, started_by, started_by_name) VALUES (?, ?, ?)')
      .run(at, staffId, staffName);
    return Number(info.lastInsertRowid);
  }

  addScan(checkId: number, tracking: string, at: number): void {
    this.db.prepare('INSERT OR IGNORE INTO shelf_check_scans (check_id, tracking, scanned_at) VALUES (?, ?, ?)').run(checkId, tracking, at);
  }

  scans(checkId: number): string[] {
    return this.db
      .prepare('SELECT tracking FROM shelf_check_scans WHERE check_id = ? ORDER BY scanned_at, tracking')
      .pluck()
      .all(checkId) as string[];
  }

  endCheck(id: number, status: 'finished' | 'cancelled', at: number, result: unknown): void {
    this.db
      .prepare("UPDATE shelf_checks SET status = ?, finished_at = ?, result = ? WHERE id = ? AND status = 'open'")
      .run(status, at, result === null ? null : JSON.stringify(result), id);
  }

  /** One page of `sql` (its WHERE clause open for more) after q.after, plus one row to tell whether there are more. */
  private page(key: string, sql: string, q: ListQuery & Record<string, unknown>): PackageRow[] {
    const { after, ...params } = q;
    const cursor = after === undefined ? {} : { afterAt: after.loggedAt, afterId: after.id };
    return this.statement(`${key}:${q.status}:${q.sort}:${after !== undefined}`, `${sql} ${afterClause(q)} ${order(q.sort)} LIMIT @limit`)
      .all({ ...params, ...cursor, limit: q.limit + 1 })
      .map(toRow);
  }

  private statement(key: string, sql: string): Statement<Record<string, unknown>, RawPackage> {
    let stmt = this.lists.get(key);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      this.lists.set(key, stmt);
    }
    return stmt;
  }
}

export interface ShelfCheckRow {
  id: number;
  started_at: number;
  started_by: number | null;
  started_by_name: string;
  status: 'open' | 'finished' | 'cancelled';
  finished_at: number | null;
  result: string | null;
}
