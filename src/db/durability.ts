import { open } from 'node:fs/promises';
import type { Db } from './open';

/**
 * Commits that do not wait for the disk, made durable later off the door's thread: what a long run of applied
 * changes (a sync catch-up) needs so that no commit of it holds a key press for an fsync.
 *
 * The connection runs `synchronous = FULL` (src/db/open.ts): every commit fsyncs the WAL before it returns, on
 * this thread. `relaxed` runs one transaction at `synchronous = NORMAL` instead: its commit writes the WAL and
 * returns; a crash of the process loses nothing (the pages are the system's), a power cut can lose it. `flushed`
 * then fsyncs the WAL file on libuv's pool, so what was committed before it is on the disk when it resolves; a
 * caller that must not lose a relaxed commit (the sync applier's acknowledgement) waits for it, not the door.
 * Frames a checkpoint moved into the database file meanwhile are on the disk already: a checkpoint fsyncs the
 * database after copying them, before the WAL is reused.
 */
export class DeferredDurability {
  constructor(
    private readonly db: Db,
    private readonly file: string,
  ) {}

  /** Runs `fn`, which opens and commits its own transaction(s), with commits that do not wait for the disk. */
  relaxed<T>(fn: () => T): T {
    this.db.pragma('synchronous = NORMAL');
    try {
      return fn();
    } finally {
      // The door's decisions and every other write go back to waiting for the disk.
      if (this.db.open) this.db.pragma('synchronous = FULL');
    }
  }

  /** Resolves once every commit made before the call is on the disk. */
  async flushed(): Promise<void> {
    let wal;
    try {
      // Read and write: Windows flushes a file's buffers only through a handle that may write it.
      wal = await open(`${this.file}-wal`, 'r+');
    } catch (error) {
      // No WAL: the last connection checkpointed it into the database file (and fsynced it) as it closed.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    try {
      await wal.sync();
    } finally {
      await wal.close();
    }
  }
}
