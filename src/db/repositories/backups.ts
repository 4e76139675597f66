import type { Message } from '../../contract';
import { readSentence, sentenceColumns } from '../sentences';
import type { Db } from '../open';

export type BackupTrigger = 'schedule' | 'staff' | 'cli';

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

interface RawRun {
  id: number;
  started_at: number;
  finished_at: number;
  trigger: BackupTrigger;
  outcome: 'ok' | 'failed';
  file: string | null;
  bytes: number | null;
  message: string | null;
  message_key: string | null;
  message_params: string | null;
}

const toRow = (r: RawRun): BackupRunRow => ({
  id: r.id,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  trigger: r.trigger,
  outcome: r.outcome,
  file: r.file,
  bytes: r.bytes,
  message: readSentence(r.message, r.message_key, r.message_params),
});

/** Where the site's backup id is kept: the settings table, beside the other values that are not settings. */
const siteIdKey = 'backup.siteId';

export class BackupRepository {
  constructor(private readonly db: Db) {}

  /** The id this data folder's backups carry, made from `fresh` the first time and kept from then on. */
  siteId(fresh: string): string {
    this.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING').run(siteIdKey, JSON.stringify(fresh));
    return JSON.parse(this.db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(siteIdKey) as string) as string;
  }

  insertRun(run: Omit<BackupRunRow, 'id'>): BackupRunRow {
    const said = sentenceColumns(run.message);
    const info = this.db
      .prepare(
        `INSERT INTO backup_runs (started_at, finished_at, trigger, outcome, file, bytes, message, message_key, message_params)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(run.startedAt, run.finishedAt, run.trigger, run.outcome, run.file, run.bytes, said.english, said.key, said.params);
    return { ...run, id: Number(info.lastInsertRowid) };
  }

  latest(limit: number): BackupRunRow[] {
    return (this.db.prepare('SELECT * FROM backup_runs ORDER BY id DESC LIMIT ?').all(limit) as RawRun[]).map(toRow);
  }

  lastSuccessAt(): number | null {
    return this.db.prepare("SELECT max(started_at) FROM backup_runs WHERE outcome = 'ok'").pluck().get() as number | null;
  }

  firstAttemptAt(): number | null {
    return this.db.prepare('SELECT min(started_at) FROM backup_runs').pluck().get() as number | null;
  }

  lastScheduledAt(): number | null {
    return this.db.prepare("SELECT max(started_at) FROM backup_runs WHERE trigger = 'schedule'").pluck().get() as number | null;
  }

  sealedKey(): { sealed: unknown; setAt: number } | null {
    const row = this.db.prepare('SELECT sealed, set_at FROM backup_key WHERE id = 1').get() as
      { sealed: string; set_at: number } | undefined;
    return row ? { sealed: JSON.parse(row.sealed) as unknown, setAt: row.set_at } : null;
  }

  setSealedKey(sealed: unknown, setAt: number): void {
    this.db
      .prepare(
        'INSERT INTO backup_key (id, sealed, set_at) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET sealed = excluded.sealed, set_at = excluded.set_at',
      )
      .run(JSON.stringify(sealed), setAt);
  }
}
