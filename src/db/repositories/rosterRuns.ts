import type { Message } from '../../contract';
import { readSentence, sentenceColumns } from '../sentences';
import type { Db } from '../open';

export type RosterTrigger = 'staff' | 'schedule' | 'cli';
export type RosterOutcome = 'applied' | 'blocked' | 'failed';

export interface RosterRunRow {
  id: number;
  startedAt: number;
  finishedAt: number;
  trigger: RosterTrigger;
  actor: string;
  fileName: string | null;
  outcome: RosterOutcome;
  message: Message | null;
  counts: Record<string, number> | null;
}

interface RawRun {
  id: number;
  started_at: number;
  finished_at: number;
  trigger: RosterTrigger;
  actor: string;
  file_name: string | null;
  outcome: RosterOutcome;
  message: string | null;
  message_key: string | null;
  message_params: string | null;
  counts: string | null;
}

const toRow = (r: RawRun): RosterRunRow => ({
  id: r.id,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  trigger: r.trigger,
  actor: r.actor,
  fileName: r.file_name,
  outcome: r.outcome,
  message: readSentence(r.message, r.message_key, r.message_params),
  counts: r.counts === null ? null : (JSON.parse(r.counts) as Record<string, number>),
});

export class RosterRunRepository {
  constructor(private readonly db: Db) {}

  insert(run: Omit<RosterRunRow, 'id'>): number {
    const said = sentenceColumns(run.message);
    const info = this.db
      .prepare(
        `INSERT INTO roster_runs (started_at, finished_at, trigger, actor, file_name, outcome, message, message_key, message_params, counts)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        run.startedAt,
        run.finishedAt,
        run.trigger,
        run.actor,
        run.fileName,
        run.outcome,
        said.english,
        said.key,
        said.params,
        run.counts && JSON.stringify(run.counts),
      );
    return Number(info.lastInsertRowid);
  }

  latest(limit: number): RosterRunRow[] {
    return (this.db.prepare('SELECT * FROM roster_runs ORDER BY id DESC LIMIT ?').all(limit) as RawRun[]).map(toRow);
  }

  lastStartedAt(trigger: RosterTrigger): number | null {
    return (this.db.prepare('SELECT max(started_at) FROM roster_runs WHERE trigger = ?').pluck().get(trigger) as number | null) ?? null;
  }
}
