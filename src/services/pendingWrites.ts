import type { Clock, ClockTimer } from '../clock';
import { isStorageError } from '../db/errors';
import { log } from '../log';
import type { Transactor } from './tx';

const retryMs = 5_000;

export interface PendingWritesDeps {
  tx: Transactor;
  clock: Clock;
}

/**
 * Writes the door cannot do without, kept in memory while the database cannot take them (disk full,
 * read-only file) and written in their original order once it can. The door keeps deciding from
 * what it has; each write is a closure over values captured when it was decided, so writing it
 * later records what happened then.
 */
export class PendingWrites {
  private readonly queue: (() => void)[] = [];
  private retry: ClockTimer | null = null;
  private blockedSince: number | null = null;

  constructor(private readonly deps: PendingWritesDeps) {}

  /** How many writes are waiting, and since when the database has refused them (null when none wait). */
  status(): { pending: number; since: number | null } {
    return { pending: this.queue.length, since: this.blockedSince };
  }

  /**
   * Runs `decide` and `save(decision)` in one transaction. When the database cannot be written,
   * `decide` runs again on its own (it must only read) and `save(decision)` waits its turn.
   * `act(decision)` runs once, after the writes and before the commit: with synchronous = FULL the
   * commit waits for the disk, and the door's relay command must not wait behind it.
   */
  decideAndSave<T>(decide: () => T, save: (decision: T) => void, act?: (decision: T) => void): { decision: T; saved: boolean } {
    let acted: { decision: T } | null = null;
    if (this.flush()) {
      try {
        const decision = this.deps.tx.run(() => {
          const d = decide();
          save(d);
          acted = { decision: d };
          act?.(d);
          return d;
        });
        return { decision, saved: true };
      } catch (error) {
        if (!isStorageError(error)) throw error;
        this.blocked(error);
      }
    }
    // Narrowed by hand: TypeScript cannot see the assignment inside the callback above.
    const done = acted as { decision: T } | null;
    const decision = done ? done.decision : decide();
    if (!done) act?.(decision);
    this.queue.push(() => save(decision));
    this.scheduleRetry();
    return { decision, saved: false };
  }

  /** `write` in its own transaction now, or later in order; true when it was written now. */
  save(write: () => void): boolean {
    return this.decideAndSave(
      () => undefined,
      () => write(),
    ).saved;
  }

  /**
   * Writes what waits, oldest first, each in its own transaction; true once nothing waits. Inside
   * someone else's transaction nothing is written: their rollback would take these writes with it.
   */
  flush(): boolean {
    if (this.queue.length === 0) return true;
    if (this.deps.tx.active) return false;
    while (this.queue.length > 0) {
      try {
        this.deps.tx.run(this.queue[0]!);
      } catch (error) {
        if (isStorageError(error)) {
          this.blocked(error);
          return false;
        }
        // A write that can never succeed must not hold back every one after it.
        log.error('A saved-for-later write failed and was dropped', error);
      }
      this.queue.shift();
    }
    log.info(`The database can be written again; every write kept since ${new Date(this.blockedSince ?? 0).toISOString()} is saved.`);
    this.blockedSince = null;
    this.retry?.cancel();
    this.retry = null;
    return true;
  }

  /** At shutdown: a last try, and a plain record of what could not be saved. */
  stop(): void {
    this.retry?.cancel();
    this.retry = null;
    if (!this.flush()) log.error(`${this.queue.length} writes could not be saved before shutdown: the database still refuses writes.`);
  }

  private blocked(error: unknown): void {
    if (this.blockedSince === null) {
      this.blockedSince = this.deps.clock.now();
      log.error('The database refused a write; the door keeps working and keeps its writes in memory', error);
    }
  }

  private scheduleRetry(): void {
    if (this.retry) return;
    this.retry = this.deps.clock.setTimeout(() => {
      this.retry = null;
      if (!this.flush()) this.scheduleRetry();
    }, retryMs);
  }
}
