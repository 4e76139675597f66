import type { Clock, ClockTimer } from '../clock';
import { log } from '../log';

export interface RepeatingJob {
  clock: Clock;
  everyMs: number;
  run: () => void;
  /** Logged with the error when a turn fails; the next turn tries again. */
  failed: string;
}

/**
 * Work that runs at start and then every `everyMs` of the app clock: a moved clock or a sleeping computer is caught up
 * by the next turn, and a failing turn is logged and tried again at the next.
 */
export class Repeating {
  private timer: ClockTimer | null = null;

  constructor(private readonly job: RepeatingJob) {}

  start(): void {
    this.tick();
  }

  stop(): void {
    this.timer?.cancel();
    this.timer = null;
  }

  private tick(): void {
    try {
      this.job.run();
    } catch (error) {
      log.error(this.job.failed, error);
    }
    this.timer = this.job.clock.setTimeout(() => this.tick(), this.job.everyMs);
  }
}
