import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';

/**
 * How a process uses a data folder while it holds it:
 * - `running`: Packroom itself (`packroom serve`, the desktop app). One at a time; short commands may
 *   write beside it (SQLite's WAL makes their few-row transactions safe), a restore or import may not.
 * - `writing`: a command that writes a few rows (user, carrier, devices, backup…): beside a running
 *   Packroom and each other, never during a restore or import.
 * - `alone`: a command that replaces the folder or rewrites the roster in bulk (restore, import): only
 *   when nothing else holds the folder, and nothing else may take it meanwhile.
 */
export type FolderUse = 'running' | 'writing' | 'alone';

export const lockFileName = 'packroom.lock';

/** The folder is held in a way that excludes this use; nothing was changed. The message says what to do. */
export class FolderInUseError extends Error {
  override readonly name = 'FolderInUseError';
}

export interface FolderLock {
  /** Lets the folder go (also done by the OS when the process ends, however it ends). */
  release(): void;
}

/**
 * Takes the data folder's lock for `use`, or throws FolderInUseError at once (it never waits).
 *
 * The lock is SQLite's own file locking on `packroom.lock`, an empty database in the folder: POSIX
 * advisory locks on Linux and macOS, LockFileEx on Windows, which the OS drops when the process ends,
 * even when it is killed, so no stale lock survives a crash and no PID has to be checked for
 * liveness. A holder keeps a transaction open for as long as it runs: `writing` a read one (a SHARED
 * lock, which many hold at once), `running` a write one (RESERVED besides: one holder), `alone` an
 * exclusive one (EXCLUSIVE: only when nobody holds SHARED, and no one can take it meanwhile). Nothing is
 * ever written to the file, so a killed holder leaves nothing to recover.
 */
export function lockDataFolder(dataDir: string, use: FolderUse, nativeBinding?: string): FolderLock {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  // timeout 0: refuse at once rather than wait for a holder that may run for months.
  const db = new Database(join(dataDir, lockFileName), { timeout: 0, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    if (use === 'alone') take(db, 'BEGIN EXCLUSIVE', () => inUse(dataDir, 'alone'));
    else {
      // A deferred transaction takes its SHARED lock at its first read: refused only by an `alone` holder.
      take(db, 'BEGIN', () => inUse(dataDir, 'during-alone'));
      take(db, 'SELECT count(*) FROM sqlite_master', () => inUse(dataDir, 'during-alone'));
      if (use === 'running') {
        // Not alone, then: BEGIN IMMEDIATE adds RESERVED (one holder at a time) without writing anything.
        db.prepare('ROLLBACK').run();
        take(db, 'BEGIN IMMEDIATE', () => inUse(dataDir, 'already-running'));
      }
    }
  } catch (error) {
    db.close();
    throw error;
  }
  return {
    release() {
      if (db.open) db.close();
    },
  };
}

function take(db: Database.Database, sql: string, refused: () => FolderInUseError): void {
  try {
    db.prepare(sql).run();
  } catch (error) {
    if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY')) throw refused();
    throw error;
  }
}

function inUse(dataDir: string, why: 'alone' | 'during-alone' | 'already-running'): FolderInUseError {
  const text = {
    alone: `Packroom is running with the data folder ${dataDir}, or another packroom command is using it. Stop Packroom first (and let other packroom commands finish), then run this command again. Nothing was changed.`,
    'during-alone': `A restore or import into the data folder ${dataDir} is under way. Let it finish, then try again. Nothing was changed.`,
    'already-running': `Packroom is already running with the data folder ${dataDir}. Stop it first, or use the one that is running. Nothing was changed.`,
  }[why];
  return new FolderInUseError(text);
}
