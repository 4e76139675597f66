/**
 * The one clock every expiry, lockout and timer reads. The simulator can move it forward,
 * so timers are scheduled against this clock rather than with raw setTimeout.
 */
export interface Clock {
  now(): number;
  /** Runs `fn` once the clock reaches now + ms (real time passing or an `advance`). */
  setTimeout(fn: () => void, ms: number): ClockTimer;
}

export interface ClockTimer {
  cancel(): void;
}

interface Pending {
  due: number;
  fn: () => void;
  handle: NodeJS.Timeout;
}

/** Real time plus an offset that only ever grows: `advance` is how the simulator skips ahead. */
export class AdjustableClock implements Clock {
  private offsetMs = 0;
  private readonly pending = new Set<Pending>();

  now(): number {
    return Date.now() + this.offsetMs;
  }

  setTimeout(fn: () => void, ms: number): ClockTimer {
    const entry: Pending = {
      due: this.now() + ms,
      fn,
      handle: setTimeout(() => this.fire(entry), Math.max(0, ms)),
    };
    entry.handle.unref?.();
    this.pending.add(entry);
    return { cancel: () => this.drop(entry) };
  }

  /** Moves time forward and runs, in due order, every timer that is now due. */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('advance needs a non-negative number of milliseconds');
    this.offsetMs += ms;
    const now = this.now();
    const due = [...this.pending].filter((p) => p.due <= now).sort((a, b) => a.due - b.due);
    for (const entry of due) this.fire(entry);
    for (const entry of this.pending) {
      clearTimeout(entry.handle);
      entry.handle = setTimeout(() => this.fire(entry), Math.max(0, entry.due - now));
      entry.handle.unref?.();
    }
  }

  private fire(entry: Pending): void {
    if (!this.pending.has(entry)) return;
    this.drop(entry);
    entry.fn();
  }

  private drop(entry: Pending): void {
    clearTimeout(entry.handle);
    this.pending.delete(entry);
  }
}
