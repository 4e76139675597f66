import type { Db } from '../open';

export interface AlertRow {
  id: number;
  at: number;
  kind: string;
  message: string;
}

export class AlertRepository {
  constructor(private readonly db: Db) {}

  insert(alert: Omit<AlertRow, 'id'>): number {
    return Number(
      this.db.prepare('INSERT INTO alerts (at, kind, message) VALUES (?, ?, ?)').run(alert.at, alert.kind, alert.message).lastInsertRowid,
    );
  }

  open(limit = 100): AlertRow[] {
    return this.db
      .prepare('SELECT id, at, kind, message FROM alerts WHERE acknowledged_at IS NULL ORDER BY id DESC LIMIT ?')
      .all(limit) as AlertRow[];
  }

  countOpen(): number {
    return this.db.prepare('SELECT count(*) FROM alerts WHERE acknowledged_at IS NULL').pluck().get() as number;
  }

  /** An open alert of this kind with this message, so a repeating problem shows once. */
  hasOpen(kind: string, message: string): boolean {
    return (
      this.db.prepare('SELECT 1 FROM alerts WHERE acknowledged_at IS NULL AND kind = ? AND message = ?').pluck().get(kind, message) !==
      undefined
    );
  }

  acknowledge(id: number, staffId: number | null, now: number): boolean {
    return (
      this.db
        .prepare('UPDATE alerts SET acknowledged_at = ?, acknowledged_by = ? WHERE id = ? AND acknowledged_at IS NULL')
        .run(now, staffId, id).changes === 1
    );
  }
}
