import type { Db } from '../open';
import { preparedOnce } from '../prepared';
import type { RosterTrigger } from './rosterRuns';

export type ApplyState = 'staging' | 'applying';

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

interface RawJournal {
  id: number;
  state: ApplyState;
  started_at: number;
  trigger: RosterTrigger;
  actor: string;
  actor_staff_id: number | null;
  file_name: string | null;
  total: number;
  done: number;
  attempts: number;
  plan: string;
}

/** The journal of a chunked roster apply and its staged items (see migration 0008). */
export class RosterApplyRepository {
  // Run for every chunk of an apply (see preparedOnce).
  private readonly prepared;

  constructor(private readonly db: Db) {
    this.prepared = preparedOnce(db);
  }

  create(row: Omit<ApplyJournal, 'id' | 'state' | 'done' | 'attempts'>): number {
    const info = this.db
      .prepare(
        `INSERT INTO roster_applies (state, started_at, trigger, actor, actor_staff_id, file_name, total, plan)
         VALUES ('staging', ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(row.startedAt, row.trigger, row.actor, row.actorStaffId, row.fileName, row.total, JSON.stringify(row.plan));
    return Number(info.lastInsertRowid);
  }

  /** The apply in progress, if any (there is at most one). */
  current(): ApplyJournal | undefined {
    const raw = this.db.prepare('SELECT * FROM roster_applies ORDER BY id LIMIT 1').get() as RawJournal | undefined;
    return (
      raw && {
        id: raw.id,
        state: raw.state,
        startedAt: raw.started_at,
        trigger: raw.trigger,
        actor: raw.actor,
        actorStaffId: raw.actor_staff_id,
        fileName: raw.file_name,
        total: raw.total,
        done: raw.done,
        attempts: raw.attempts,
        plan: JSON.parse(raw.plan) as unknown,
      }
    );
  }

  /** Items as JSON, numbered from firstSeq; next() hands them back parsed. */
  stage(applyId: number, firstSeq: number, items: readonly string[]): void {
    const insert = this.prepared('INSERT INTO roster_apply_items (apply_id, seq, item) VALUES (?, ?, ?)');
    items.forEach((item, i) => insert.run(applyId, firstSeq + i, item));
  }

  startApplying(applyId: number): void {
    this.db.prepare("UPDATE roster_applies SET state = 'applying' WHERE id = ?").run(applyId);
  }

  /** The next staged items in order, oldest first. */
  next(applyId: number, limit: number): { seq: number; item: unknown }[] {
    const rows = this.prepared('SELECT seq, item FROM roster_apply_items WHERE apply_id = ? ORDER BY seq LIMIT ?').all(applyId, limit) as {
      seq: number;
      item: string;
    }[];
    return rows.map((r) => ({ seq: r.seq, item: JSON.parse(r.item) as unknown }));
  }

  /** Called in the transaction that applied items up to `lastSeq`: they can never be applied again. */
  consume(applyId: number, lastSeq: number, done: number, plan: unknown): void {
    this.prepared('DELETE FROM roster_apply_items WHERE apply_id = ? AND seq <= ?').run(applyId, lastSeq);
    this.prepared('UPDATE roster_applies SET done = ?, plan = ? WHERE id = ?').run(done, JSON.stringify(plan), applyId);
  }

  countAttempt(applyId: number): number {
    return this.db
      .prepare('UPDATE roster_applies SET attempts = attempts + 1 WHERE id = ? RETURNING attempts')
      .pluck()
      .get(applyId) as number;
  }

  /** Removes at most `limit` staged items; returns how many went. For dropping an apply in slices. */
  dropItems(applyId: number, limit: number): number {
    return this.db
      .prepare(
        `DELETE FROM roster_apply_items
         WHERE apply_id = ? AND seq IN (SELECT seq FROM roster_apply_items WHERE apply_id = ? ORDER BY seq LIMIT ?)`,
      )
      .run(applyId, applyId, limit).changes;
  }

  delete(applyId: number): void {
    this.db.prepare('DELETE FROM roster_applies WHERE id = ?').run(applyId);
  }
}
