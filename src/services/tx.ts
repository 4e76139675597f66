import type { Db } from '../db/open';

/**
 * Runs writes in one SQLite transaction and defers side effects (events to the UI) until it
 * commits, so nobody is ever told about a change that was rolled back.
 */
export class Transactor {
  private depth = 0;
  private afterCommit: (() => void)[] = [];

  constructor(private readonly db: Db) {}

  run<T>(fn: () => T): T {
    this.depth++;
    let result: T;
    try {
      result = this.db.transaction(fn)();
    } catch (error) {
      if (this.depth === 1) this.afterCommit = [];
      throw error;
    } finally {
      this.depth--;
    }
    if (this.depth === 0) {
      const callbacks = this.afterCommit;
      this.afterCommit = [];
      for (const cb of callbacks) cb();
    }
    return result;
  }

  /** True inside `run`: work started now would be rolled back with the caller's transaction. */
  get active(): boolean {
    return this.depth > 0;
  }

  /** Queues `cb` for when the outermost transaction commits (or runs it now, outside one). */
  onCommit(cb: () => void): void {
    if (this.depth === 0) cb();
    else this.afterCommit.push(cb);
  }
}
