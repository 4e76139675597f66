import type { Db } from '../open';

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

interface RawAudit {
  id: number;
  at: number;
  actor_staff_id: number | null;
  actor: string;
  action: string;
  subject: string | null;
  details: string | null;
}

const toRow = (r: RawAudit): AuditRow => ({
  id: r.id,
  at: r.at,
  actorStaffId: r.actor_staff_id,
  actor: r.actor,
  action: r.action,
  subject: r.subject,
  details: r.details === null ? null : (JSON.parse(r.details) as Record<string, unknown>),
});

export class AuditRepository {
  // Prepared once: every door decision writes an audit row.
  private readonly insertStmt;

  constructor(private readonly db: Db) {
    this.insertStmt = db.prepare('INSERT INTO audit_log (at, actor_staff_id, actor, action, subject, details) VALUES (?, ?, ?, ?, ?, ?)');
  }

  insert(entry: AuditInsert): AuditRow {
    const info = this.insertStmt.run(
      entry.at,
      entry.actorStaffId,
      entry.actor,
      entry.action,
      entry.subject,
      entry.details && JSON.stringify(entry.details),
    );
    return { ...entry, id: Number(info.lastInsertRowid) };
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
    const sql = `SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT @limit`;
    return (this.db.prepare(sql).all(params) as RawAudit[]).map(toRow);
  }
}
