import Database from 'better-sqlite3';
import { auditHash } from './auditChain';
import { migrations } from './migrations';

export type Db = Database.Database;

export interface OpenOptions {
  /** Path to a better_sqlite3.node built for another runtime (the Electron build passes its own). */
  nativeBinding?: string;
}

export class DatabaseVersionError extends Error {}

/** Opens (creating if needed) the Packroom database and brings its schema up to date. */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  const db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    registerFunctions(db);
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** SQL functions migrations rely on: 0005 chains the existing audit rows with the same hash the code writes. */
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

export function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > migrations.length) {
    throw new DatabaseVersionError(
      `This data folder was written by a newer Packroom (schema ${current}; this version knows ${migrations.length}). Update Packroom or use another data folder.`,
    );
  }
  migrations.slice(current).forEach((migration, index) => {
    const version = current + index + 1;
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${version}`);
    })();
  });
}
