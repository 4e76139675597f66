import Database from 'better-sqlite3';
import { existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { auditHash } from './auditChain';
import { migrations } from './migrations';

export type Db = Database.Database;

export interface OpenOptions {
  /** Path to a better_sqlite3.node built for another runtime (the Electron build passes its own). */
  nativeBinding?: string;
}

export class DatabaseVersionError extends Error {}

/** The database file is damaged: Packroom must not run the door on it. The message says how to restore. */
export class DatabaseCorruptError extends Error {
  override readonly name = 'DatabaseCorruptError';

  constructor(
    readonly file: string,
    readonly detail: string,
  ) {
    super(
      `The database ${file} is damaged (${detail}), so Packroom did not start and left the file as it is. ` +
        `Restore the last backup with \`packroom restore FILE --data ${dirname(file)}\` (FILE is the newest backup file), then start Packroom again.`,
    );
  }
}

const corruptCodes = /^SQLITE_(CORRUPT|NOTADB)/;

/**
 * Opens (creating if needed) the Packroom database and brings its schema up to date. A damaged file
 * throws DatabaseCorruptError before anything is written to it.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  // SQLite takes an empty file for a new database: the site would come up with no recipients and
  // the first-admin setup screen. A Packroom database is never empty once opened (WAL writes its header).
  if (existsSync(file) && statSync(file).size === 0) throw new DatabaseCorruptError(file, 'the file is empty');
  const db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    db.pragma('busy_timeout = 5000');
    // quick_check reads every page (about 0.4 s for 100,000 recipients); integrity_check also matches
    // every index entry to its row and takes about four times as long.
    const check = corruptionCheck(db);
    if (check !== 'ok') throw new DatabaseCorruptError(file, check);
    db.pragma('journal_mode = WAL');
    // FULL: a power cut (not only a crash) must not lose a committed door decision or credential change.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    if (error instanceof Database.SqliteError && corruptCodes.test(error.code)) throw new DatabaseCorruptError(file, error.message);
    throw error;
  }
}

function corruptionCheck(db: Db): string {
  try {
    return String(db.pragma('quick_check(1)', { simple: true }));
  } catch (error) {
    if (error instanceof Database.SqliteError && corruptCodes.test(error.code)) return error.message;
    throw error;
  }
}

/** SQL functions migrations rely on: 0007 chains the existing audit rows with the same hash the code writes. */
export function registerFunctions(db: Db): void {
  db.function('packroom_audit_hash', { deterministic: true }, (previous, id, at, actorStaffId, actor, action, subject, details) =>
    auditHash(previous as Buffer | null, {
      id: Number(id),
      at: Number(at),
      actorStaffId: actorStaffId === null ? null : Number(actorStaffId),
      actor: actor as string,
      action: action as string,
      subject: subject as string | null,
      details: details as string | null,
    }),
  );
}

/** Applies the migrations after the database's version, up to `target` (all of them unless a test asks for fewer). */
export function migrate(db: Db, target = migrations.length): void {
  registerFunctions(db);
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > migrations.length) {
    throw new DatabaseVersionError(
      `This data folder was written by a newer Packroom (schema ${current}; this version knows ${migrations.length}). Update Packroom or use another data folder.`,
    );
  }
  migrations.slice(current, Math.max(current, target)).forEach((migration, index) => {
    const version = current + index + 1;
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${version}`);
    })();
  });
}
