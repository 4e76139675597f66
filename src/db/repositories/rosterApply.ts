import type { Db } from '../open';
import { statements, type Statements } from '../prepared';
import { columns, type Row } from '../rows';
import type { RosterTrigger } from './rosterRuns';

export type ApplyState = Row<'roster_applies'>['state'];

export interface ApplyJournal {
  id: number;
  state: ApplyState;
  startedAt: number;
  trigger: RosterTrigger;
  actor: string;
  actorStaffId: number | null;
  fileName: string | null;
  total: number;
  done: number;
  attempts: number;
  /** JSON the service reads back as it wrote it. */
  plan: unknown;
}

const currentSql = `SELECT ${columns('roster_applies')} FROM roster_applies ORDER BY id LIMIT 1`;

/** The journal of a chunked roster apply and its staged items (see migration 0009); run for every chunk of an apply. */
export class RosterApplyRepository {
  private readonly sql: Statements;

  constructor(db: Db) {
    this.sql = statements(db);
  }

  create(row: Omit<ApplyJournal, 'id' | 'state' | 'done' | 'attempts'>): number {
    const info = this.sql(
      `INSERT INTO roster_applies (state, started_at, trigger, actor, actor_staff_id, file_name, total, plan)
       VALUES ('staging', ?, ?, ?, ?, ?, ?, ?)`,
    ).run(row.startedAt, row.trigger, row.actor, row.actorStaffId, row.fileName, row.total, JSON.stringify(row.plan));
    return Number(info.lastInsertRowid);
  }

  /** The apply in progress, if any (there is at most one). */
  current(): ApplyJournal | undefined {
    const row = this.sql<[], Row<'roster_applies'>>(currentSql).get();
    return (
      row && {
        id: row.id,
        state: row.state,
        startedAt: row.started_at,
        trigger: row.trigger,
        actor: row.actor,
        actorStaffId: row.actor_staff_id,
        fileName: row.file_name,
        total: row.total,
        done: row.done,
        attempts: row.attempts,
        plan: JSON.parse(row.plan) as unknown,
      }
    );
  }

  /** Items as JSON, numbered from firstSeq; next() hands them back parsed. */
  stage(applyId: number, firstSeq: number, items: readonly string[]): void {
    const insert = this.sql<[number, number, string]>('INSERT INTO roster_apply_items (apply_id, seq, item) VALUES (?, ?, ?)');
    items.forEach((item, i) => insert.run(applyId, firstSeq + i, item));
  }

  startApplying(applyId: number): void {
    this.sql<[number]>("UPDATE roster_applies SET state = 'applying' WHERE id = ?").run(applyId);
  }

  /** The next staged items in order, oldest first. */
  next(applyId: number, limit: number): { seq: number; item: unknown }[] {
    return this.sql<[number, number], Pick<Row<'roster_apply_items'>, 'seq' | 'item'>>(
      'SELECT seq, item FROM roster_apply_items WHERE apply_id = ? ORDER BY seq LIMIT ?',
    )
      .all(applyId, limit)
      .map((r) => ({ seq: r.seq, item: JSON.parse(r.item) as unknown }));
  }

  /** Called in the transaction that applied items up to `lastSeq`: they can never be applied again. */
  consume(applyId: number, lastSeq: number, done: number, plan: unknown): void {
    this.sql<[number, number]>('DELETE FROM roster_apply_items WHERE apply_id = ? AND seq <= ?').run(applyId, lastSeq);
    this.sql<[number, string, number]>('UPDATE roster_applies SET done = ?, plan = ? WHERE id = ?').run(
      done,
      JSON.stringify(plan),
      applyId,
    );
  }

  countAttempt(applyId: number): number {
    return this.sql
      .pluck<[number], number>('UPDATE roster_applies SET attempts = attempts + 1 WHERE id = ? RETURNING attempts')
      .get(applyId)!;
  }

  /** Removes at most `limit` staged items; returns how many went. For dropping an apply in slices. */
  dropItems(applyId: number, limit: number): number {
    return this.sql<[number, number, number]>(
      `DELETE FROM roster_apply_items
       WHERE apply_id = ? AND seq IN (SELECT seq FROM roster_apply_items WHERE apply_id = ? ORDER BY seq LIMIT ?)`,
    ).run(applyId, applyId, limit).changes;
  }

  delete(applyId: number): void {
    this.sql<[number]>('DELETE FROM roster_applies WHERE id = ?').run(applyId);
  }
}
