import type { Message } from '../../contract';
import type { Db } from '../open';
import { readSentence, sentenceColumns } from '../sentences';

export interface AlertRow {
  id: number;
  at: number;
  kind: string;
  message: Message;
}

interface RawAlert {
  id: number;
  at: number;
  kind: string;
  message: string;
  message_key: string | null;
  message_params: string | null;
}

const fromDb = (r: RawAlert): AlertRow => ({
  id: r.id,
  at: r.at,
  kind: r.kind,
  message: readSentence(r.message, r.message_key, r.message_params)!,
});

export class AlertRepository {
  constructor(private readonly db: Db) {}

  insert(alert: Omit<AlertRow, 'id'>): number {
    const said = sentenceColumns(alert.message);
    return Number(
      this.db
        .prepare('INSERT INTO alerts (at, kind, message, message_key, message_params) VALUES (?, ?, ?, ?, ?)')
        .run(alert.at, alert.kind, said.english, said.key, said.params).lastInsertRowid,
    );
  }

  open(limit = 100): AlertRow[] {
    const rows = this.db
      .prepare(
        'SELECT id, at, kind, message, message_key, message_params FROM alerts WHERE acknowledged_at IS NULL ORDER BY id DESC LIMIT ?',
      )
      .all(limit) as RawAlert[];
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
