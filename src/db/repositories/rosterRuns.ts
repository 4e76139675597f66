import type { Message } from '../../contract';
import type { Db } from '../open';
import { statements, type Statements } from '../prepared';
import { columns, type Row } from '../rows';
import { readSentence, sentenceColumns } from '../sentences';

export type RosterTrigger = Row<'roster_runs'>['trigger'];
export type RosterOutcome = Row<'roster_runs'>['outcome'];

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

const toRow = (r: Row<'roster_runs'>): RosterRunRow => ({
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

const latestSql = `SELECT ${columns('roster_runs')} FROM roster_runs ORDER BY id DESC LIMIT ?`;

export class RosterRunRepository {
  private readonly sql: Statements;

  constructor(db: Db) {
    this.sql = statements(db);
  }

  insert(run: Omit<RosterRunRow, 'id'>): number {
    const said = sentenceColumns(run.message);
    const info = this.sql(
      `INSERT INTO roster_runs (started_at, finished_at, trigger, actor, file_name, outcome, message, message_key, message_params, counts)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
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
    return this.sql<[number], Row<'roster_runs'>>(latestSql).all(limit).map(toRow);
  }

  lastStartedAt(trigger: RosterTrigger): number | null {
    return this.sql.pluck<[RosterTrigger], number | null>('SELECT max(started_at) FROM roster_runs WHERE trigger = ?').get(trigger) ?? null;
  }
}
