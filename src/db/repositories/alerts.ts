import type { Message } from '../../contract';
import type { Db } from '../open';
import { statements, type Statements } from '../prepared';
import type { Row } from '../rows';
import { readSentence, sentenceColumns } from '../sentences';

export interface AlertRow {
  id: number;
  at: number;
  kind: string;
  message: Message;
}

/** An open alert as listed: with the name of the node that raised it, when another one did. */
export interface OpenAlertRow extends AlertRow {
  node: string | null;
}

type Listed = Pick<Row<'alerts'>, 'id' | 'at' | 'kind' | 'message' | 'message_key' | 'message_params'> & { node_name: string | null };

const fromDb = (r: Listed): OpenAlertRow => ({
  id: r.id,
  at: r.at,
  kind: r.kind,
  message: readSentence(r.message, r.message_key, r.message_params)!,
  node: r.node_name,
});

export class AlertRepository {
  private readonly sql: Statements;

  constructor(db: Db) {
    this.sql = statements(db);
  }

  insert(alert: Omit<AlertRow, 'id'>): number {
    const said = sentenceColumns(alert.message);
    return Number(
      this.sql<[number, string, string | null, string | null, string | null]>(
        'INSERT INTO alerts (at, kind, message, message_key, message_params) VALUES (?, ?, ?, ?, ?)',
      ).run(alert.at, alert.kind, said.english, said.key, said.params).lastInsertRowid,
    );
  }

  open(limit = 100): OpenAlertRow[] {
    return this.sql<[number], Listed>(
      `SELECT a.id, a.at, a.kind, a.message, a.message_key, a.message_params, n.node_name FROM alerts a
       LEFT JOIN sync_applied n ON n.origin = a.origin
       WHERE a.acknowledged_at IS NULL ORDER BY a.id DESC LIMIT ?`,
    )
      .all(limit)
      .map(fromDb);
  }

  countOpen(): number {
    return this.sql.pluck<[], number>('SELECT count(*) FROM alerts WHERE acknowledged_at IS NULL').get()!;
  }

  /** An open alert of this kind with this message (its English), so a repeating problem shows once. */
  hasOpen(kind: string, message: string): boolean {
    return (
      this.sql
        .pluck<[string, string], 1>('SELECT 1 FROM alerts WHERE acknowledged_at IS NULL AND kind = ? AND message = ?')
        .get(kind, message) !== undefined
    );
  }

  /** The open alert of this kind, if any: a standing alert has at most one (the alerts service sees to it). */
  openOfKind(kind: string): { id: number; message: string } | undefined {
    return this.sql<[string], Pick<Row<'alerts'>, 'id' | 'message'>>(
      'SELECT id, message FROM alerts WHERE acknowledged_at IS NULL AND kind = ? ORDER BY id DESC LIMIT 1',
    ).get(kind);
  }

  kindOf(id: number): string | undefined {
    return this.sql.pluck<[number], string>('SELECT kind FROM alerts WHERE id = ?').get(id);
  }

  /** A standing alert says it again in other words (its cause changed, not its kind). */
  reword(id: number, message: Message): void {
    const said = sentenceColumns(message);
    this.sql<[string | null, string | null, string | null, number]>(
      'UPDATE alerts SET message = ?, message_key = ?, message_params = ? WHERE id = ?',
    ).run(said.english, said.key, said.params, id);
  }

  /** Closes every open alert of this kind, as Packroom itself (no staff member): its cause is gone. Returns their ids. */
  resolve(kind: string, now: number): number[] {
    return this.sql
      .pluck<[number, string], number>(
        'UPDATE alerts SET acknowledged_at = ?, acknowledged_by = NULL WHERE kind = ? AND acknowledged_at IS NULL RETURNING id',
      )
      .all(now, kind);
  }

  acknowledge(id: number, staffId: number | null, now: number): boolean {
    return (
      this.sql<[number, number | null, number]>(
        'UPDATE alerts SET acknowledged_at = ?, acknowledged_by = ? WHERE id = ? AND acknowledged_at IS NULL',
      ).run(now, staffId, id).changes === 1
    );
  }
}
