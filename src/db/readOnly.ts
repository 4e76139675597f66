import Database from 'better-sqlite3';
import type { Db } from './open';

/**
 * A second, read-only connection to a database the program has open (and migrated) already, for a
 * thread that only reads. WAL lets it read while the main connection writes, without blocking either.
 */
export function openReadOnly(file: string, nativeBinding?: string): Db {
  const db = new Database(file, { readonly: true, fileMustExist: true, ...(nativeBinding && { nativeBinding }) });
  db.pragma('busy_timeout = 5000');
  return db;
}
