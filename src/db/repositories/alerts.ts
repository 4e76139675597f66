import type { MessageParams } from '../../contract';
import type { Db } from '../open';

export interface AlertRow {
  id: number;
  at: number;
  kind: string;
  /** In English, for the command line and the log. */
  message: string;
  /** The sentence's catalog key and parameters; null on alerts saved before alerts had sentences. */
  key: string | null;
  params: MessageParams | null;
}

const columns = 'id, at, kind, message, message_key AS key, message_params AS params';

const fromDb = (row: Omit<AlertRow, 'params'> & { params: string | null }): AlertRow => ({
  ...row,
  params: row.params === null ? null : (JSON.parse(row.params) as MessageParams),
});

export class AlertRepository {
  constructor(private readonly db: Db) {}

  insert(alert: Omit<AlertRow, 'id'>): number {
    return Number(
      this.db
        .prepare('INSERT INTO alerts (at, kind, message, message_key, message_params) VALUES (?, ?, ?, ?, ?)')
        .run(alert.at, alert.kind, alert.message, alert.key, alert.params === null ? null : JSON.stringify(alert.params)).lastInsertRowid,
    );
  }

  open(limit = 100): AlertRow[] {
    const rows = this.db
      .prepare(`SELECT ${columns} FROM alerts WHERE acknowledged_at IS NULL ORDER BY id DESC LIMIT ?`)
      .all(limit) as Parameters<typeof fromDb>[0][];
    return rows.map(fromDb);
  }

  countOpen(): number {
    return this.db.prepare('SELECT count(*) FROM alerts WHERE acknowledged_at IS NULL').pluck().get() as number;
  }

  /** An open alert of this kind with this message (its English), so a repeating problem shows once. */
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
