import type { Clock, ClockTimer } from '../../clock';
import { log } from '../../log';
import type { PackageService } from './service';

// Reminders go out by the day; looking every 15 minutes of the app clock is soon enough, and a
// moved clock or a sleeping computer simply catches up on the next look.
const tickMs = 15 * 60_000;

export interface PackageScheduleDeps {
  packages: PackageService;
  clock: Clock;
}

/** Package reminders, escalation alerts and the check for recipients who left, on the app clock. */
export class PackageSchedule {
  private timer: ClockTimer | null = null;

  constructor(private readonly deps: PackageScheduleDeps) {}

  start(): void {
    this.tick();
  }

  stop(): void {
    this.timer?.cancel();
    this.timer = null;
  }

  private tick(): void {
    try {
      this.deps.packages.runDue();
    } catch (error) {
      log.error('Package reminders could not run; trying again in 15 minutes.', error);
    }
    this.timer = this.deps.clock.setTimeout(() => this.tick(), tickMs);
  }
}
