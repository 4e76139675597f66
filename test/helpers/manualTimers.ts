import type { Timer, Timers } from '../../native/devices/manager';

/**
 * A timer port for tests (the device manager's, the background checkpoints'): nothing fires until the test advances
 * time, whatever the machine's load, as node-serialport's MockBinding stands in for its bindings.
 */
export class ManualTimers implements Timers {
  private now = 0;
  private readonly pending = new Set<{ due: number; fn: () => void }>();
  private readonly waiting: (() => void)[] = [];

  setTimeout(fn: () => void, ms: number): Timer {
    const entry = { due: this.now + ms, fn };
    this.pending.add(entry);
    for (const resolve of this.waiting.splice(0)) resolve();
    return { cancel: () => void this.pending.delete(entry) };
  }

  /** Resolves when something next sets a timer: how a test waits for work that ends by scheduling more. */
  nextTimer(): Promise<void> {
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Moves time forward and runs, in due order, every timer due by then (including ones those schedule). */
  advance(ms: number): void {
    const until = this.now + ms;
    for (;;) {
      const next = [...this.pending].filter((p) => p.due <= until).sort((a, b) => a.due - b.due)[0];
      if (!next) break;
      this.pending.delete(next);
      this.now = next.due;
      next.fn();
    }
    this.now = until;
  }
}
