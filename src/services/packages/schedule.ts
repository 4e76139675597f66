import type { Clock } from '../../clock';
import { Repeating } from '../repeating';
import type { PackageService } from './service';

export interface PackageScheduleDeps {
  packages: PackageService;
  clock: Clock;
}

/** Package reminders, escalation alerts and the check for recipients who left, on the app clock. */
export class PackageSchedule extends Repeating {
  constructor(deps: PackageScheduleDeps) {
    super({
      clock: deps.clock,
      // Reminders go out by the day: looking every 15 minutes is soon enough.
      everyMs: 15 * 60_000,
      run: () => deps.packages.runDue(),
      failed: 'Package reminders could not run; trying again in 15 minutes.',
    });
  }
}
