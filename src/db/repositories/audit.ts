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

const toRow = (r: RawAudit): AuditRow => ({
  id: r.id,
  at: r.at,
  actorStaffId: r.actor_staff_id,
  actor: r.actor,
  action: r.action,
  subject: r.subject,
  details: r.details === null ? null : (JSON.parse(r.details) as Record<string, unknown>),
});

const toChained = (r: RawAudit): ChainedRow => ({
  id: r.id,
  at: r.at,
  actorStaffId: r.actor_staff_id,
  actor: r.actor,
  action: r.action,
  subject: r.subject,
  details: r.details,
  hash: r.hash,
});

// The door's own events: its decisions and requests (door.*), and the alerts it raises about wrong
// codes, lockouts, the relay and missing door devices.
const doorEvents = `(action LIKE 'door.%' OR (action = 'alert.raised' AND (json_extract(details, '$.kind') LIKE 'door.%' OR json_extract(details, '$.kind') = 'device.missing')))`;

export class AuditRepository {
  private readonly sql: Statements;
  // Prepared up front: every door decision writes an audit row.
  private readonly lastStmt;
  private readonly insertStmt;
  private readonly insertChained;

  constructor(db: Db) {
    this.sql = statements(db);
    this.lastStmt = this.sql<[], Pick<RawAudit, 'id' | 'hash'>>('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1');
    this.insertStmt = this.sql<[number, number, number | null, string, string, string | null, string | null, Buffer]>(
      'INSERT INTO audit_log (id, at, actor_staff_id, actor, action, subject, details, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    // The previous hash is read and the row written under one write lock, so two writers (the app and
    // a `packroom` command) can never chain two rows to the same predecessor.
    const insert = (entry: AuditInsert): number => {
      const last = this.lastStmt.get();
      const content: ChainedContent = {
        id: (last?.id ?? 0) + 1,
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

  /** Newest first; `limit + 1` rows so the caller can tell whether there are more. */
  list(opts: { limit: number; beforeId?: number; subject?: string }): AuditRow[] {
    const where: string[] = [];
    const params: Record<string, unknown> = { limit: opts.limit + 1 };
    if (opts.beforeId !== undefined) {
      where.push('id < @beforeId');
      params.beforeId = opts.beforeId;
    }
    if (opts.subject !== undefined) {
      where.push('subject = @subject');
      params.subject = opts.subject;
    }
    const sql = `${selectAudit} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT @limit`;
    return this.sql<[Record<string, unknown>], RawAudit>(sql).all(params).map(toRow);
  }

  /** Every row in chain order, one at a time: a million rows are never held at once. */
  *chain(): Generator<ChainedRow> {
    for (const raw of this.sql.forIteration<[], RawAudit>(`${selectAudit} ORDER BY id`).iterate()) yield toChained(raw);
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
    const sql = `SELECT ${columns('audit_log', 'a')}, (SELECT p.hash FROM audit_log p WHERE p.id < a.id ORDER BY p.id DESC LIMIT 1) AS previous_hash
      FROM audit_log a
      WHERE a.id > @afterId AND a.id <= @until AND a.at >= @from AND a.at < @to ${filter.doorOnly ? `AND ${doorEvents}` : ''}
      ORDER BY a.id`;
    const raw = this.sql<[Record<string, number>], RawAudit & { previous_hash: RawAudit['hash'] }>(sql).all({
      afterId,
      until: afterId + span,
      from: filter.from,
      to: filter.to,
    });
    const maxId = this.sql.pluck<[], number>('SELECT coalesce(max(id), 0) FROM audit_log').get()!;
    return { rows: raw.map((r) => ({ ...toChained(r), previousHash: r.previous_hash })), maxId };
  }
}
