import type { CarrierId, PackageSize, PackageStatus, RecipientStatus } from '../../contract';
import type { Db } from '../open';
import { statements, type Statements } from '../prepared';
import type { Row } from '../rows';

export type PickupCredential = NonNullable<Row<'packages'>['picked_up_credential']>;

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
  putAsideAt: number | null;
  putAsideByName: string | null;
  /** JSON as stored (src/domain/packages/unmatched.ts reads it); null when it was never put aside. */
  reading: string | null;
  assignedAt: number | null;
  assignedByName: string | null;
}

/** A package put aside and not assigned yet: no recipient (the Unmatched queue). */
export type UnmatchedRow = Omit<PackageRow, 'recipientId' | 'firstName' | 'lastName' | 'unit' | 'recipientStatus'> & {
  recipientId: null;
  firstName: null;
  lastName: null;
  unit: null;
  recipientStatus: null;
};

/** Any package: assigned (every query but the Unmatched ones returns only these) or unmatched. */
export type AnyPackageRow = PackageRow | UnmatchedRow;

export interface PutAsideInsert extends Omit<PackageInsert, 'recipientId'> {
  /** JSON (src/domain/packages/unmatched.ts `storeReading`). */
  reading: string;
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

/** A package with its recipient's name, unit and status (see `select`). */
type RawPackage = Omit<Row<'packages'>, 'logged_by' | 'missing_at' | 'updated_at' | 'uid' | 'recipient_id'> & {
  recipient_id: number;
} & Pick<Row<'recipients'>, 'first_name' | 'last_name' | 'unit'> & { recipient_status: Row<'recipients'>['status'] };

/** The same with no recipient joined (see `selectAny`). */
type RawAnyPackage =
  | RawPackage
  | (Omit<RawPackage, 'recipient_id' | 'first_name' | 'last_name' | 'unit' | 'recipient_status'> & {
      recipient_id: null;
      first_name: null;
      last_name: null;
      unit: null;
      recipient_status: null;
    });

type RecipientKeys = 'recipientId' | 'firstName' | 'lastName' | 'unit' | 'recipientStatus';

/** Everything but the recipient, the same for assigned and unmatched packages. */
const details = (r: RawAnyPackage): Omit<PackageRow, RecipientKeys> => ({
  id: r.id,
  tracking: r.tracking,
  carrier: r.carrier,
  carrierName: r.carrier_name,
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
  putAsideAt: r.put_aside_at,
  putAsideByName: r.put_aside_by_name,
  reading: r.reading,
  assignedAt: r.assigned_at,
  assignedByName: r.assigned_by_name,
});

const toRow = (r: RawPackage): PackageRow => ({
  ...details(r),
  recipientId: r.recipient_id,
  firstName: r.first_name,
  lastName: r.last_name,
  unit: r.unit,
  recipientStatus: r.recipient_status,
});

const toAnyRow = (r: RawAnyPackage): AnyPackageRow =>
  r.recipient_id === null
    ? { ...details(r), recipientId: null, firstName: null, lastName: null, unit: null, recipientStatus: null }
    : toRow(r);

const columns = `p.id, p.tracking, p.carrier, p.carrier_name, p.recipient_id, r.first_name, r.last_name, r.unit,
    r.status AS recipient_status, p.shelf, p.size, p.perishable, p.note, p.status, p.logged_at, p.logged_by_name,
    p.picked_up_at, p.picked_up_via, p.picked_up_credential, p.collected_by, p.handed_over_by_name, p.returned_at,
    p.return_reason, p.reminders_sent, p.last_reminded_at, p.escalated_at, p.inactive_alerted_at, p.put_aside_at,
    p.put_aside_by_name, p.reading, p.assigned_at, p.assigned_by_name`;
// Assigned packages only: an unmatched one belongs to no one yet, so reminders, escalations, door pickups, the
// shelf check and the recipient-based lists pass it by without a word.
const select = `SELECT ${columns} FROM packages p JOIN recipients r ON r.id = p.recipient_id`;
// Every package, the unmatched ones with no recipient (one package, the Unmatched queue, the export).
const selectAny = `SELECT ${columns} FROM packages p LEFT JOIN recipients r ON r.id = p.recipient_id`;

const byIdSql = `${select} WHERE p.id = ?`;
const waitingByTrackingSql = `${select} WHERE p.tracking = ? AND p.status = 'waiting'`;
const latestByTrackingSql = `${select} WHERE p.tracking = ? ORDER BY p.logged_at DESC, p.id DESC LIMIT 1`;
const waitingForRecipientSql = `${select} WHERE p.recipient_id = ? AND p.status = 'waiting' ORDER BY p.logged_at, p.id`;
const waitingSql = `${select} WHERE p.status = 'waiting' ORDER BY p.logged_at, p.id`;
const loggedBetweenSql = `${selectAny} WHERE p.logged_at >= ? AND p.logged_at < ? ORDER BY p.logged_at, p.id`;

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
  private readonly sql: Statements;
  // Prepared up front: a door entry picks up the recipient's packages.
  private readonly pickupStmt;

  constructor(db: Db) {
    this.sql = statements(db);
    this.pickupStmt = this.sql<
      [{ at: number; credential: PickupCredential; recipientId: number; upTo: number }],
      Pick<Row<'packages'>, 'id' | 'tracking'>
    >(
      `UPDATE packages SET status = 'picked_up', picked_up_at = @at, picked_up_via = 'door', picked_up_credential = @credential,
         updated_at = @at
       WHERE recipient_id = @recipientId AND status = 'waiting' AND logged_at <= @upTo RETURNING id, tracking`,
    );
  }

  insert(p: PackageInsert): number {
    const info = this.sql<[Omit<PackageInsert, 'perishable'> & { perishable: 0 | 1 }]>(
      `INSERT INTO packages (tracking, carrier, carrier_name, recipient_id, shelf, size, perishable, note, logged_at, logged_by,
         logged_by_name, updated_at)
       VALUES (@tracking, @carrier, @carrierName, @recipientId, @shelf, @size, @perishable, @note, @now, @loggedBy, @loggedByName, @now)`,
    ).run({ ...p, perishable: p.perishable ? 1 : 0 });
    return Number(info.lastInsertRowid);
  }

  byId(id: number): PackageRow | undefined {
    const raw = this.sql<[number], RawPackage>(byIdSql).get(id);
    return raw && toRow(raw);
  }

  /** A package whether assigned or unmatched. */
  anyById(id: number): AnyPackageRow | undefined {
    const raw = this.sql<[number], RawAnyPackage>(`${selectAny} WHERE p.id = ?`).get(id);
    return raw && toAnyRow(raw);
  }

  /** Logged with no recipient, into the Unmatched queue. */
  putAside(p: PutAsideInsert): number {
    const info = this.sql<[Omit<PutAsideInsert, 'perishable'> & { perishable: 0 | 1 }]>(
      `INSERT INTO packages (tracking, carrier, carrier_name, recipient_id, shelf, size, perishable, note, logged_at, logged_by,
         logged_by_name, updated_at, put_aside_at, put_aside_by_name, reading)
       VALUES (@tracking, @carrier, @carrierName, NULL, @shelf, @size, @perishable, @note, @now, @loggedBy, @loggedByName, @now,
         @now, @loggedByName, @reading)`,
    ).run({ ...p, perishable: p.perishable ? 1 : 0 });
    return Number(info.lastInsertRowid);
  }

  /** An unmatched package given its recipient; false when it was not unmatched (any more). */
  assign(id: number, recipientId: number, at: number, staffName: string): boolean {
    return (
      this.sql<[number, number, string, number, number]>(
        'UPDATE packages SET recipient_id = ?, assigned_at = ?, assigned_by_name = ?, updated_at = ? WHERE id = ? AND recipient_id IS NULL',
      ).run(recipientId, at, staffName, at, id).changes === 1
    );
  }

  /** The Unmatched queue: one page, plus one row to tell whether there are more; `prefix` narrows by tracking number. */
  unmatched(q: ListQuery, prefix?: string): UnmatchedRow[] {
    const where = prefix === undefined ? '' : `AND p.tracking >= @prefix AND p.tracking < @prefix || '~'`;
    const { after, ...params } = q;
    const cursor = after === undefined ? {} : { afterAt: after.loggedAt, afterId: after.id };
    return this.sql<[Record<string, unknown>], RawAnyPackage>(
      `${selectAny} WHERE p.recipient_id IS NULL ${where} ${afterClause(q)} ${order(q.sort)} LIMIT @limit`,
    )
      .all({ ...params, ...cursor, ...(prefix !== undefined && { prefix }), limit: q.limit + 1 })
      .map(toAnyRow) as UnmatchedRow[];
  }

  unmatchedCount(): number {
    return this.sql.pluck<[], number>('SELECT count(*) FROM packages WHERE recipient_id IS NULL').get()!;
  }

  /** An unmatched package with this number (logging it again is refused, as for a waiting one). */
  unmatchedByTracking(tracking: string): UnmatchedRow | undefined {
    const raw = this.sql<[string], RawAnyPackage>(`${selectAny} WHERE p.tracking = ? AND p.recipient_id IS NULL`).get(tracking);
    return raw && (toAnyRow(raw) as UnmatchedRow);
  }

  waitingByTracking(tracking: string): PackageRow | undefined {
    const raw = this.sql<[string], RawPackage>(waitingByTrackingSql).get(tracking);
    return raw && toRow(raw);
  }

  /** The newest package with this number, whatever its status. */
  latestByTracking(tracking: string): PackageRow | undefined {
    const raw = this.sql<[string], RawPackage>(latestByTrackingSql).get(tracking);
    return raw && toRow(raw);
  }

  /** Packages logged for `carrier` at or after `since` (the carrier-entry reminder asks this). */
  countLoggedSince(carrier: CarrierId, since: number): number {
    return this.sql
      .pluck<[CarrierId, number], number>('SELECT count(*) FROM packages WHERE carrier = ? AND logged_at >= ?')
      .get(carrier, since)!;
  }

  /** One page, plus one row to tell whether there are more. */
  list(q: ListQuery & { recipientId?: number }): PackageRow[] {
    const where = q.recipientId === undefined ? '' : 'AND p.recipient_id = @recipientId';
    return this.page(`${select} WHERE 1 ${statusClause(q.status)} ${where}`, { ...q });
  }

  /** Tracking numbers starting with `prefix` (a whole scanned number is its own prefix). */
  searchTracking(prefix: string, q: ListQuery): PackageRow[] {
    // Upper bound of the prefix range: tracking numbers are A–Z and 0–9 only, so '~' sorts after all of them.
    return this.page(`${select} WHERE p.tracking >= @prefix AND p.tracking < @prefix || '~' ${statusClause(q.status)}`, {
      ...q,
      prefix,
    });
  }

  /** Packages of recipients whose name or unit matches the FTS5 expression. */
  searchRecipients(match: string, q: ListQuery): PackageRow[] {
    return this.page(
      `${select} WHERE p.recipient_id IN (SELECT rowid FROM recipients_fts WHERE recipients_fts MATCH @match) ${statusClause(q.status)}`,
      { ...q, match },
    );
  }

  waitingForRecipient(recipientId: number): PackageRow[] {
    return this.sql<[number], RawPackage>(waitingForRecipientSql).all(recipientId).map(toRow);
  }

  /** Every waiting package with its recipient (a desk has hundreds, not millions). */
  waiting(): PackageRow[] {
    return this.sql<[], RawPackage>(waitingSql).all().map(toRow);
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
      this.sql<[number, string | null, string, number, number]>(
        `UPDATE packages SET status = 'picked_up', picked_up_at = ?, picked_up_via = 'desk', picked_up_credential = NULL,
           collected_by = ?, handed_over_by_name = ?, updated_at = ? WHERE id = ? AND status IN ('waiting', 'missing')`,
      ).run(at, collectedBy, staffName, at, id).changes === 1
    );
  }

  returnToSender(id: number, at: number, reason: string): boolean {
    return (
      this.sql<[number, string, number, number]>(
        "UPDATE packages SET status = 'returned', returned_at = ?, return_reason = ?, updated_at = ? WHERE id = ? AND status IN ('waiting', 'missing')",
      ).run(at, reason, at, id).changes === 1
    );
  }

  update(id: number, fields: { recipientId: number; shelf: string | null; size: PackageSize; note: string | null }, at: number): void {
    this.sql<[number, string | null, PackageSize, string | null, number, number]>(
      'UPDATE packages SET recipient_id = ?, shelf = ?, size = ?, note = ?, updated_at = ? WHERE id = ?',
    ).run(fields.recipientId, fields.shelf, fields.size, fields.note, at, id);
  }

  /** Back to Waiting (found on the shelf after all): the pickup or return is undone, reminders start over. */
  restore(id: number, at: number): void {
    this.sql<[number, number]>(
      `UPDATE packages SET status = 'waiting', picked_up_at = NULL, picked_up_via = NULL, picked_up_credential = NULL,
         collected_by = NULL, handed_over_by_name = NULL, returned_at = NULL, return_reason = NULL, missing_at = NULL,
         updated_at = ? WHERE id = ?`,
    ).run(at, id);
  }

  markMissing(id: number, at: number): void {
    this.sql<[number, number, number]>(
      "UPDATE packages SET status = 'missing', missing_at = ?, updated_at = ? WHERE id = ? AND status = 'waiting'",
    ).run(at, at, id);
  }

  setReminded(id: number, remindersSent: number, at: number): void {
    this.sql<[number, number, number]>('UPDATE packages SET reminders_sent = ?, last_reminded_at = ? WHERE id = ?').run(
      remindersSent,
      at,
      id,
    );
  }

  setEscalated(id: number, at: number): void {
    this.sql<[number, number]>('UPDATE packages SET escalated_at = ? WHERE id = ?').run(at, id);
  }

  setInactiveAlerted(id: number, at: number): void {
    this.sql<[number, number]>('UPDATE packages SET inactive_alerted_at = ? WHERE id = ?').run(at, id);
  }

  // ---- The Overview ----

  waitingLoggedTimes(): number[] {
    return this.sql.pluck<[], number>("SELECT logged_at FROM packages WHERE status = 'waiting'").all();
  }

  loggedTimesSince(since: number): number[] {
    return this.sql.pluck<[number], number>('SELECT logged_at FROM packages WHERE logged_at >= ?').all(since);
  }

  pickedUpTimesSince(since: number): number[] {
    return this.sql.pluck<[number], number>('SELECT picked_up_at FROM packages WHERE picked_up_at >= ?').all(since);
  }

  /** Mean of (picked up − logged) for packages picked up since `since`, in ms; null when none. */
  averagePickupMs(since: number): number | null {
    return (
      this.sql.pluck<[number], number | null>('SELECT avg(picked_up_at - logged_at) FROM packages WHERE picked_up_at >= ?').get(since) ??
      null
    );
  }

  // ---- Export ----

  countLoggedBetween(from: number, to: number): number {
    return this.sql.pluck<[number, number], number>('SELECT count(*) FROM packages WHERE logged_at >= ? AND logged_at < ?').get(from, to)!;
  }

  /** Oldest first, one row at a time, so an export of a year never sits in memory whole. */
  *loggedBetween(from: number, to: number): Generator<AnyPackageRow> {
    for (const raw of this.sql.forIteration<[number, number], RawAnyPackage>(loggedBetweenSql).iterate(from, to)) yield toAnyRow(raw);
  }

  // ---- Shelf checks ----

  openCheck(): ShelfCheckRow | undefined {
    const row = this.sql<[], Pick<Row<'shelf_checks'>, 'id' | 'started_at' | 'started_by_name'>>(
      "SELECT id, started_at, started_by_name FROM shelf_checks WHERE status = 'open'",
    ).get();
    return row && { id: row.id, startedAt: row.started_at, startedByName: row.started_by_name };
  }

  startCheck(at: number, staffId: number | null, staffName: string): number {
    const info = this.sql<[number, number | null, string]>(
      'INSERT INTO shelf_checks (started_at, started_by, started_by_name) VALUES (?, ?, ?)',
    ).run(at, staffId, staffName);
    return Number(info.lastInsertRowid);
  }

  addScan(checkId: number, tracking: string, at: number): void {
    this.sql<[number, string, number]>('INSERT OR IGNORE INTO shelf_check_scans (check_id, tracking, scanned_at) VALUES (?, ?, ?)').run(
      checkId,
      tracking,
      at,
    );
  }

  scans(checkId: number): string[] {
    return this.sql
      .pluck<[number], Row<'shelf_check_scans'>['tracking']>(
        'SELECT tracking FROM shelf_check_scans WHERE check_id = ? ORDER BY scanned_at, tracking',
      )
      .all(checkId);
  }

  endCheck(id: number, status: 'finished' | 'cancelled', at: number, result: unknown): void {
    this.sql<[string, number, string | null, number]>(
      "UPDATE shelf_checks SET status = ?, finished_at = ?, result = ? WHERE id = ? AND status = 'open'",
    ).run(status, at, result === null ? null : JSON.stringify(result), id);
  }

  /** One page of `sql` (its WHERE clause open for more) after q.after, plus one row to tell whether there are more. */
  private page(sql: string, q: ListQuery & Record<string, unknown>): PackageRow[] {
    const { after, ...params } = q;
    const cursor = after === undefined ? {} : { afterAt: after.loggedAt, afterId: after.id };
    return this.sql<[Record<string, unknown>], RawPackage>(`${sql} ${afterClause(q)} ${order(q.sort)} LIMIT @limit`)
      .all({ ...params, ...cursor, limit: q.limit + 1 })
      .map(toRow);
  }
}

/** The shelf check under way. */
export interface ShelfCheckRow {
  id: number;
  startedAt: number;
  startedByName: string;
}
