import { message } from '../contract';
import type { Repositories } from '../db/repositories';
import type { Clock } from '../clock';
import type { AccessService } from './access';
import type { AlertService } from './alerts/service';
import type { PendingWrites } from './pendingWrites';

export interface LifecycleDeps {
  repos: Pick<Repositories, 'runMarker'>;
  clock: Clock;
  writes: PendingWrites;
  alerts: AlertService;
  access: AccessService;
}

/**
 * A marker row while Packroom runs. Found at start-up, the previous run ended without shutting down
 * (power cut, crash, forced update): a guesser may be cutting the power, so staff are told and the
 * keypad's shared limit gets no refill for the time Packroom was down.
 */
export class RunLifecycle {
  private running = false;

  constructor(private readonly deps: LifecycleDeps) {}

  begin(): void {
    const now = this.deps.clock.now();
    const previous = this.deps.repos.runMarker.leftOver();
    if (previous !== null) {
      this.deps.access.distrustDowntime();
      this.deps.alerts.raise('system.restart', message('alert.restart', { at: now, started: previous }));
    }
    this.deps.writes.save(() => this.deps.repos.runMarker.set(now));
    this.running = true;
  }

  /**
   * Clean shutdown: writes kept in memory go first, then the marker is cleared. If the database
   * still refuses them, the marker stays and the next start treats the writes as lost.
   */
  end(): void {
    if (this.running) this.deps.writes.save(() => this.deps.repos.runMarker.clear());
    this.running = false;
    this.deps.writes.stop();
  }
}
