import Database from 'better-sqlite3';
import { message, messageText, type Message, type MessageKey, type MessageParams } from '../contract/messages';
import { migrations } from './migrations';
import { openDatabase, type Db } from './open';

/**
 * A Packroom backup is one SQLite file: the database as SQLite's online backup API copied it, plus a
 * table `packroom_backup` with one row that says what it is and carries the data key sealed with the
 * backup passphrase. Written straight to its file by the backup API, checked in place with SQLite's
 * own integrity_check (which covers the sealed key too), restored without unpacking, and readable with
 * any sqlite3 tool. docs/install.md ("Backups and restore") documents the columns.
 */
export const backupFormat = 'packroom-backup';
export const backupFormatVersion = 1;

/** The tables whose row counts a backup records and a restore checks. */
export const countedTables = ['staff', 'recipients', 'access_keys', 'audit_log', 'settings', 'outbox'] as const;
export type TableCounts = Record<(typeof countedTables)[number], number>;

export interface BackupMeta {
  site: string;
  /** The id of the data folder it was made from (BackupRepository.siteId): what pruning goes by. */
  siteId: string;
  createdAt: number;
  /** The sealed data key, as the backup service wrote it (JSON). */
  sealedKey: unknown;
}

export interface BackupContents extends Omit<BackupMeta, 'siteId'> {
  /** Null in a backup made before backups carried one. */
  siteId: string | null;
  schemaVersion: number;
  counts: TableCounts;
}

/** A file that is not a readable Packroom backup; the sentence says why in plain words (the message in English). */
export class BackupFileError extends Error {
  readonly sentence: Message;

  constructor(key: MessageKey, params?: MessageParams) {
    const sentence = message(key, params);
    super(messageText(sentence));
    this.sentence = sentence;
  }
}

function counts(db: Db): TableCounts {
  return Object.fromEntries(countedTables.map((t) => [t, db.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number])) as TableCounts;
}

function check(db: Db, file: string): void {
  const result = db.prepare('PRAGMA integrity_check').pluck().all() as string[];
  if (result.length !== 1 || result[0] !== 'ok') {
    throw new BackupFileError('backups.file.damaged', { file, detail: result.slice(0, 3).join('; ') });
  }
}

/** Reads and checks a backup file without changing it: integrity, what it is, and its row counts. */
export function readBackupFile(file: string): BackupContents {
  let db: Db;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new BackupFileError('backups.file.cannotOpen', { file, detail: (error as Error).message });
  }
  try {
    let row:
      | {
          format: string;
          version: number;
          site: string;
          site_id?: string;
          created_at: number;
          schema_version: number;
          sealed_key: string;
          counts: string;
        }
      | undefined;
    try {
      check(db, file);
      row = db.prepare('SELECT * FROM packroom_backup').get() as typeof row;
    } catch (error) {
      if (error instanceof BackupFileError) throw error;
      throw new BackupFileError('backups.file.notABackupBecause', { file, detail: (error as Error).message });
    }
    if (!row || row.format !== backupFormat) throw new BackupFileError('backups.file.notABackup', { file });
    if (row.version > backupFormatVersion || row.schema_version > migrations.length) {
      throw new BackupFileError('backups.file.newer', { file });
    }
    const stored = parsedJson(row.counts, file) as TableCounts;
    const found = counts(db);
    const short = countedTables.find((t) => found[t] !== stored[t]);
    if (short) throw new BackupFileError('backups.file.incomplete', { file, expected: stored[short], table: short, found: found[short] });
    return {
      site: row.site,
      siteId: row.site_id ?? null,
      createdAt: row.created_at,
      schemaVersion: row.schema_version,
      sealedKey: parsedJson(row.sealed_key, file),
      counts: found,
    };
  } finally {
    db.close();
  }
}

/** A crafted or damaged description is refused like any other file that is not a backup, not thrown as a SyntaxError. */
function parsedJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new BackupFileError('backups.file.notABackupBecause', { file, detail: (error as Error).message });
  }
}

/**
 * The site id inside a backup file, read without checking the rest (pruning looks at every file in a
 * shared folder, and an integrity check of each would take minutes): null for anything that is not a
 * Packroom backup carrying one, whatever its name says.
 */
export function backupSiteId(file: string): string | null {
  let db: Db | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const id = db.prepare('SELECT site_id FROM packroom_backup WHERE format = ?').pluck().get(backupFormat);
    return typeof id === 'string' ? id : null;
  } catch {
    return null;
  } finally {
    db?.close();
  }
}

/** Online backups of the live database, for the backup service (which never sees the Db itself). */
export class BackupFiles {
  constructor(private readonly db: Db) {}

  /** The database's size, to tell whether the next backup fits in a folder. */
  bytes(): number {
    return (this.db.pragma('page_count', { simple: true }) as number) * (this.db.pragma('page_size', { simple: true }) as number);
  }

  /**
   * Copies the live database to `file` with SQLite's online backup API (in steps: the door keeps
   * deciding meanwhile), then adds the `packroom_backup` row. The row counts it records are those of
   * the live database the moment the copy finished, so reading the file back proves nothing was lost.
   */
  async write(file: string, meta: BackupMeta): Promise<TableCounts> {
    await this.db.backup(file);
    const live = counts(this.db);
    const out = new Database(file, { fileMustExist: true });
    try {
      // One self-contained file: no -wal or -shm beside it on the USB stick.
      out.pragma('journal_mode = DELETE');
      // site_id last: a Packroom from before it reads the columns it knows by name and ignores it.
      out.exec(`CREATE TABLE packroom_backup (
        format TEXT NOT NULL, version INTEGER NOT NULL, site TEXT NOT NULL, created_at INTEGER NOT NULL,
        schema_version INTEGER NOT NULL, sealed_key TEXT NOT NULL, counts TEXT NOT NULL, site_id TEXT NOT NULL
      ) STRICT`);
      out
        .prepare('INSERT INTO packroom_backup VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(
          backupFormat,
          backupFormatVersion,
          meta.site,
          meta.createdAt,
          out.pragma('user_version', { simple: true }) as number,
          JSON.stringify(meta.sealedKey),
          JSON.stringify(live),
          meta.siteId,
        );
    } finally {
      out.close();
    }
    return live;
  }
}

/**
 * Makes `toFile` a working Packroom database from a checked backup: copied with the backup API
 * (never a file copy), without the `packroom_backup` row, back in WAL mode.
 */
export async function restoreDatabaseFile(backupFile: string, toFile: string): Promise<void> {
  const source = new Database(backupFile, { readonly: true, fileMustExist: true });
  try {
    await source.backup(toFile);
  } finally {
    source.close();
  }
  const db = new Database(toFile, { fileMustExist: true });
  try {
    db.exec('DROP TABLE packroom_backup');
    db.pragma('journal_mode = WAL');
  } finally {
    db.close();
  }
}

/**
 * Opens a restored database as Packroom will (bringing its schema up to date) and checks it:
 * integrity_check, and the row counts the backup recorded.
 */
export function checkRestoredDatabase(file: string, expected: TableCounts): void {
  const db = openDatabase(file);
  try {
    check(db, file);
    const found = counts(db);
    const short = countedTables.find((t) => found[t] !== expected[t]);
    if (short) throw new BackupFileError('backups.file.restoredShort', { found: found[short], table: short, expected: expected[short] });
  } finally {
    db.close();
  }
}
