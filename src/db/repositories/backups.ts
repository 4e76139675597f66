import type { Message } from '../../contract';
import type { Db } from '../open';
import { statements, type Statements } from '../prepared';
import { columns, type Row } from '../rows';
import { readSentence, sentenceColumns } from '../sentences';

export type BackupTrigger = Row<'backup_runs'>['trigger'];

export interface BackupRunRow {
  id: number;
  startedAt: number;
  finishedAt: number;
  trigger: BackupTrigger;
  outcome: 'ok' | 'failed';
  file: string | null;
  bytes: number | null;
  /** Why it failed; null when it worked. */
  message: Message | null;
}

const toRow = (r: Row<'backup_runs'>): BackupRunRow => ({
  id: r.id,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  trigger: r.trigger,
  outcome: r.outcome,
  file: r.file,
  bytes: r.bytes,
  message: readSentence(r.message, r.message_key, r.message_params),
});

const latestSql = `SELECT ${columns('backup_runs')} FROM backup_runs ORDER BY id DESC LIMIT ?`;
/** Where the site's backup id is kept: the settings table, beside the other values that are not settings. */
const siteIdKey = 'backup.siteId';

export class BackupRepository {
  private readonly sql: Statements;

  constructor(db: Db) {
    this.sql = statements(db);
  }

  /** The id this data folder's backups carry, made from `fresh` the first time and kept from then on. */
  siteId(fresh: string): string {
    this.sql<[string, string]>('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING').run(
      siteIdKey,
      JSON.stringify(fresh),
    );
    return JSON.parse(this.sql.pluck<[string], string>('SELECT value FROM settings WHERE key = ?').get(siteIdKey)!) as string;
  }

  insertRun(run: Omit<BackupRunRow, 'id'>): BackupRunRow {
    const said = sentenceColumns(run.message);
    const info = this.sql(
      `INSERT INTO backup_runs (started_at, finished_at, trigger, outcome, file, bytes, message, message_key, message_params)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(run.startedAt, run.finishedAt, run.trigger, run.outcome, run.file, run.bytes, said.english, said.key, said.params);
    return { ...run, id: Number(info.lastInsertRowid) };
  }

  latest(limit: number): BackupRunRow[] {
    return this.sql<[number], Row<'backup_runs'>>(latestSql).all(limit).map(toRow);
  }

  lastSuccessAt(): number | null {
    return this.sql.pluck<[], number | null>("SELECT max(started_at) FROM backup_runs WHERE outcome = 'ok'").get() ?? null;
  }

  firstAttemptAt(): number | null {
    return this.sql.pluck<[], number | null>('SELECT min(started_at) FROM backup_runs').get() ?? null;
  }

  lastScheduledAt(): number | null {
    return this.sql.pluck<[], number | null>("SELECT max(started_at) FROM backup_runs WHERE trigger = 'schedule'").get() ?? null;
  }

  sealedKey(): { sealed: unknown; setAt: number } | null {
    const row = this.sql<[], Pick<Row<'backup_key'>, 'sealed' | 'set_at'>>('SELECT sealed, set_at FROM backup_key WHERE id = 1').get();
    return row ? { sealed: JSON.parse(row.sealed) as unknown, setAt: row.set_at } : null;
  }

  setSealedKey(sealed: unknown, setAt: number): void {
    this.sql<[string, number]>(
      'INSERT INTO backup_key (id, sealed, set_at) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET sealed = excluded.sealed, set_at = excluded.set_at',
    ).run(JSON.stringify(sealed), setAt);
  }
}
