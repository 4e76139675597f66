import { auditHash, type ChainedContent } from '../auditChain';
import type { Db } from '../open';
import { statements, type Statements } from '../prepared';
import { columns, type Row } from '../rows';

export interface AuditInsert {
  at: number;
  actorStaffId: number | null;
  actor: string;
  action: string;
  subject: string | null;
  details: Record<string, unknown> | null;
}

export interface AuditRow extends AuditInsert {
  id: number;
}

/** A row with the names of whom it is about and who did it, as they are now (null when gone or not a reference). */
export interface AuditListRow extends AuditRow {
  /** The name of the node whose chain the row is in; null for this node's own. */
  node: string | null;
  /** The acting staff member's display name. */
  actorName: string | null;
  recipient: { id: number; firstName: string; lastName: string; unit: string } | null;
  /** The display name of the staff member (`staff:N`) or the name of the carrier code (`carrier:N`) it is about. */
  subjectName: string | null;
}

/** Which rows the Activity screen shows; every field narrows the list. */
export interface AuditListFilter {
  beforeId?: number | undefined;
  /** Only ids above this one: a bounded span of the log. */
  afterId?: number | undefined;
  /** A stored subject, e.g. `recipient:3`. */
  subject?: string | undefined;
  staffId?: number | undefined;
  /** Action prefixes (`door`, `package`…): a row matches one of them. */
  actionPrefixes?: readonly string[] | undefined;
  from?: number | undefined;
  to?: number | undefined;
  /** Words anywhere in the actor, the names resolved or the details. */
  query?: string | undefined;
}

/** A row as the chain sees it: stored text and hash, nothing parsed. */
export interface ChainedRow extends ChainedContent {
  hash: Buffer | null;
}

/** Which rows an export wants: a time range, optionally only the door's own events. */
export interface AuditExportFilter {
  from: number;
  to: number;
  doorOnly: boolean;
}

type RawAudit = Row<'audit_log'>;

const selectAudit = `SELECT ${columns('audit_log')} FROM audit_log`;

/**
 * Where this node's chain goes on (every door decision reads it): its own last row, found through `audit_own`
 * however many rows of other nodes came after it (test/integration/queryPlans.test.ts).
 */
export const ownChainLastSql = 'SELECT hash FROM audit_log WHERE origin IS NULL ORDER BY id DESC LIMIT 1';

const toRow = (r: RawAudit): AuditRow => ({
  id: r.id,
  at: r.at,
  actorStaffId: r.actor_staff_id,
  actor: r.actor,
  action: r.action,
  subject: r.subject,
  details: r.details === null ? null : (JSON.parse(r.details) as Record<string, unknown>),
});

/** As its chain hashed it: another node's row with its id, actor and subject there (migration 0020). */
const toChained = (r: RawAudit): ChainedRow => ({
  id: r.origin === null ? r.id : r.chain_id!,
  at: r.at,
  actorStaffId: r.origin === null ? r.actor_staff_id : r.chain_actor_staff_id,
  actor: r.actor,
  action: r.action,
  subject: r.origin === null ? r.subject : r.chain_subject,
  details: r.details,
  hash: r.hash,
});

/** Another node's row as it arrives: its chain's content and hash, and the staff member and subject it names here. */
export interface ForeignAuditRow {
  origin: string;
  chain: ChainedContent & { hash: Buffer };
  actorStaffId: number | null;
  subject: string | null;
}

// The door's own events: its decisions and requests (door.*), and the alerts it raises about wrong
// codes, lockouts, the relay and missing door devices.
const doorEvents = `(action LIKE 'door.%' OR (action = 'alert.raised' AND (json_extract(details, '$.kind') LIKE 'door.%' OR json_extract(details, '$.kind') = 'device.missing')))`;

// The names an entry refers to, joined by primary key: a subject reads `recipient:3`, `staff:2` or `carrier:5`.
const selectListed = `SELECT ${columns('audit_log', 'a')}, s.display_name AS actor_name, n.node_name,
    r.id AS recipient_id, r.first_name, r.last_name, r.unit,
    coalesce(ss.display_name, c.name) AS subject_name
  FROM audit_log a
  LEFT JOIN staff s ON s.id = a.actor_staff_id
  LEFT JOIN recipients r ON substr(a.subject, 1, 10) = 'recipient:' AND r.id = CAST(substr(a.subject, 11) AS INTEGER)
  LEFT JOIN staff ss ON substr(a.subject, 1, 6) = 'staff:' AND ss.id = CAST(substr(a.subject, 7) AS INTEGER)
  LEFT JOIN carrier_codes c ON substr(a.subject, 1, 8) = 'carrier:' AND c.id = CAST(substr(a.subject, 9) AS INTEGER)
  LEFT JOIN sync_applied n ON n.origin = a.origin`;

type RawListed = RawAudit &
  Pick<Row<'recipients'>, 'first_name' | 'last_name' | 'unit'> & {
    actor_name: string | null;
    node_name: string | null;
    recipient_id: number | null;
    subject_name: string | null;
  };

const toListed = (r: RawListed): AuditListRow => ({
  ...toRow(r),
  actorName: r.actor_name,
  node: r.node_name,
  recipient: r.recipient_id === null ? null : { id: r.recipient_id, firstName: r.first_name, lastName: r.last_name, unit: r.unit },
  subjectName: r.subject_name,
});

/** `%`, `_` and the escape itself stand for themselves in a search. */
const likePattern = (words: string) => `%${words.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export class AuditRepository {
  private readonly sql: Statements;
  // Prepared up front: every door decision writes an audit row.
  private readonly lastStmt;
  private readonly maxIdStmt;
  private readonly insertStmt;
  private readonly insertChained;

  constructor(db: Db) {
    this.sql = statements(db);
    // This node's chain goes on from its own last row; its id is the table's next, after any other node's rows.
    this.lastStmt = this.sql<[], Pick<RawAudit, 'hash'>>(ownChainLastSql);
    this.maxIdStmt = this.sql.pluck<[], number>('SELECT coalesce(max(id), 0) FROM audit_log');
    this.insertStmt = this.sql<[number, number, number | null, string, string, string | null, string | null, Buffer]>(
      'INSERT INTO audit_log (id, at, actor_staff_id, actor, action, subject, details, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    // The previous hash is read and the row written under one write lock, so two writers (the app and
    // a `packroom` command) can never chain two rows to the same predecessor.
    const insert = (entry: AuditInsert): number => {
      const last = this.lastStmt.get();
      const content: ChainedContent = {
        id: this.maxIdStmt.get()! + 1,
        at: entry.at,
        actorStaffId: entry.actorStaffId,
        actor: entry.actor,
        action: entry.action,
        subject: entry.subject,
        details: entry.details && JSON.stringify(entry.details),
      };
      const hash = auditHash(last ? last.hash : null, content);
      const c = content;
      this.insertStmt.run(c.id, c.at, c.actorStaffId, c.actor, c.action, c.subject, c.details, hash);
      return c.id;
    };
    const immediate = db.transaction(insert).immediate;
    this.insertChained = (entry: AuditInsert) => (db.inTransaction ? insert(entry) : immediate(entry));
  }

  /** Call inside the transaction that makes the change; on its own it takes a write lock for the row. */
  insert(entry: AuditInsert): AuditRow {
    return { ...entry, id: this.insertChained(entry) };
  }

  /** Newest first, with the names they refer to; `limit + 1` rows so the caller can tell whether there are more. */
  list(filter: AuditListFilter & { limit: number }): AuditListRow[] {
    const where: string[] = [];
    const params: Record<string, unknown> = { limit: filter.limit + 1 };
    const when = (value: unknown, name: string, condition: string) => {
      if (value === undefined) return;
      where.push(condition);
      params[name] = value;
    };
    when(filter.beforeId, 'beforeId', 'a.id < @beforeId');
    when(filter.afterId, 'afterId', 'a.id > @afterId');
    when(filter.subject, 'subject', 'a.subject = @subject');
    when(filter.staffId, 'staffId', 'a.actor_staff_id = @staffId');
    when(filter.from, 'from', 'a.at >= @from');
    when(filter.to, 'to', 'a.at < @to');
    if (filter.actionPrefixes) {
      // A range per prefix ('door.' up to 'door/', the next character) rather than LIKE, which ignores case and
      // reads '_' as any character.
      const ranges = filter.actionPrefixes.map((prefix, i) => {
        params[`prefix${i}`] = `${prefix}.`;
        params[`prefixEnd${i}`] = `${prefix}/`;
        return `(a.action >= @prefix${i} AND a.action < @prefixEnd${i})`;
      });
      where.push(`(${ranges.join(' OR ')})`);
    }
    if (filter.query) {
      where.push(`(a.actor LIKE @query ESCAPE '\\' OR s.display_name LIKE @query ESCAPE '\\'
        OR (r.first_name || ' ' || r.last_name || ' ' || r.unit) LIKE @query ESCAPE '\\'
        OR ss.display_name LIKE @query ESCAPE '\\' OR c.name LIKE @query ESCAPE '\\' OR a.details LIKE @query ESCAPE '\\')`);
      params.query = likePattern(filter.query);
    }
    const sql = `${selectListed} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY a.id DESC LIMIT @limit`;
    return this.sql<[Record<string, unknown>], RawListed>(sql).all(params).map(toListed);
  }

  /** The newest row's id (0 for an empty log). */
  lastId(): number {
    return this.sql.pluck<[], number>('SELECT coalesce(max(id), 0) FROM audit_log').get()!;
  }

  /** One row with the names it refers to, as `list` reads it. */
  listed(id: number): AuditListRow | undefined {
    const row = this.sql<[number], RawListed>(`${selectListed} WHERE a.id = ?`).get(id);
    return row && toListed(row);
  }

  /**
   * Every row of one chain in its order, one at a time (a million rows are never held at once), as the chain hashed
   * them: this node's own (`origin` null), or the copy of another node's.
   */
  *chain(origin: string | null = null): Generator<ChainedRow> {
    const rows =
      origin === null
        ? this.sql.forIteration<[], RawAudit>(`${selectAudit} WHERE origin IS NULL ORDER BY id`).iterate()
        : this.sql.forIteration<[string], RawAudit>(`${selectAudit} WHERE origin = ? ORDER BY chain_id`).iterate(origin);
    for (const raw of rows) yield toChained(raw);
  }

  /** The nodes (node_uid) whose chains this node holds a copy of. */
  origins(): string[] {
    return this.sql.pluck<[], string>('SELECT DISTINCT origin FROM audit_log WHERE origin IS NOT NULL ORDER BY origin').all();
  }

  /** How many rows of any chain have ids in [from, to]: none means rows of this node's chain there were removed. */
  countBetween(from: number, to: number): number {
    return this.sql.pluck<[number, number], number>('SELECT count(*) FROM audit_log WHERE id BETWEEN ? AND ?').get(from, to)!;
  }

  /**
   * Another node's row, copied as it is (its chain's id, actor, subject, details and hash), under the next id here.
   * A copy already here (a change delivered again) is left as it is. Returns the local id, or null for a copy.
   */
  insertForeign(row: ForeignAuditRow): number | null {
    const c = row.chain;
    const info = this.sql(
      `INSERT INTO audit_log (at, actor_staff_id, actor, action, subject, details, hash, origin, chain_id, chain_actor_staff_id, chain_subject)
       VALUES (@at, @actorStaffId, @actor, @action, @subject, @details, @hash, @origin, @chainId, @chainActor, @chainSubject)
       ON CONFLICT (origin, chain_id) WHERE origin IS NOT NULL DO NOTHING`,
    ).run({
      at: c.at,
      actorStaffId: row.actorStaffId,
      actor: c.actor,
      action: c.action,
      subject: row.subject,
      details: c.details,
      hash: c.hash,
      origin: row.origin,
      chainId: c.id,
      chainActor: c.actorStaffId,
      chainSubject: c.subject,
    });
    return info.changes === 1 ? Number(info.lastInsertRowid) : null;
  }

  /**
   * The matching rows with ids in (afterId, afterId + span], oldest first, each with the hash of the
   * row before it. Scanning a fixed id window bounds the work of one call however sparse the matches.
   */
  exportWindow(
    filter: AuditExportFilter,
    afterId: number,
    span: number,
  ): { rows: (ChainedRow & { previousHash: Buffer | null })[]; maxId: number } {
    // This node's own chain: its rows with the hash each is chained to (other nodes' copies are exported where they were written).
    const sql = `SELECT ${columns('audit_log', 'a')},
        (SELECT p.hash FROM audit_log p WHERE p.id < a.id AND p.origin IS NULL ORDER BY p.id DESC LIMIT 1) AS previous_hash
      FROM audit_log a
      WHERE a.origin IS NULL AND a.id > @afterId AND a.id <= @until AND a.at >= @from AND a.at < @to ${filter.doorOnly ? `AND ${doorEvents}` : ''}
      ORDER BY a.id`;
    const raw = this.sql<[Record<string, number>], RawAudit & { previous_hash: RawAudit['hash'] }>(sql).all({
      afterId,
      until: afterId + span,
      from: filter.from,
      to: filter.to,
    });
    const maxId = this.lastId();
    return { rows: raw.map((r) => ({ ...toChained(r), previousHash: r.previous_hash })), maxId };
  }
}
