import { message, type CarrierId } from '../../contract';
import type { Clock, ClockTimer } from '../../clock';
import type { Repositories } from '../../db/repositories';
import { formatTimeOfDay, localMoment } from '../../domain/carrierWindow';
import { log } from '../../log';
import type { AlertService } from '../alerts/service';
import type { Transactor } from '../tx';

/** What the follow-up needs from the package log: how many packages of a carrier were logged since a time. */
export interface DeliveryLog {
  countLoggedSince(carrier: CarrierId, since: number): number;
}

export interface CarrierFollowupDeps {
  repos: Pick<Repositories, 'carrierCodes'>;
  clock: Clock;
  tx: Transactor;
  alerts: AlertService;
  /** The zone the alert's time of day is written in. */
  timeZone: string;
  /** The package log; without one there is nothing to compare a visit with, and no follow-up runs. */
  deliveryLog?: DeliveryLog;
}

/** How long staff have to log what a carrier left before they are reminded. */
export const followUpAfterMs = 30 * 60_000;
// Due visits are looked for once a minute rather than with one timer per visit: visits are rows (so a
// restart loses none), and a moved or sleeping clock can only make a reminder late, never lost.
const tickMs = 60_000;

/**
 * After a carrier code opened the door: if no package for that carrier is logged within 30 minutes,
 * an alert ("UPS delivered at 14:02; nothing logged yet"). Runs on the app clock.
 */
export class CarrierFollowups {
  private timer: ClockTimer | null = null;

  constructor(private readonly deps: CarrierFollowupDeps) {}

  /** Checks visits that fell due while Packroom was off at once, then keeps checking. */
  start(): void {
    if (!this.deps.deliveryLog || this.timer) return;
    this.tick();
  }

  stop(): void {
    this.timer?.cancel();
    this.timer = null;
  }

  /** Follows up every visit at least 30 minutes old; returns how many had nothing logged. */
  checkDue(deliveryLog: DeliveryLog): number {
    const now = this.deps.clock.now();
    let unlogged = 0;
    for (const visit of this.deps.repos.carrierCodes.visitsToCheck(now - followUpAfterMs)) {
      const logged = deliveryLog.countLoggedSince(visit.carrier, visit.enteredAt);
      this.deps.tx.run(() => {
        this.deps.repos.carrierCodes.markVisitChecked(visit.id, now, logged);
        if (logged > 0) return;
        unlogged++;
        const time = formatTimeOfDay(localMoment(visit.enteredAt, this.deps.timeZone).minute);
        this.deps.alerts.raise('carrier.unlogged', message('carriers.unlogged', { carrier: visit.name, time }));
      });
    }
    return unlogged;
  }

  private tick(): void {
    const deliveryLog = this.deps.deliveryLog;
    if (!deliveryLog) return;
    try {
      this.checkDue(deliveryLog);
    } catch (error) {
      log.error('Following up carrier visits failed', error);
    }
    this.timer = this.deps.clock.setTimeout(() => this.tick(), tickMs);
  }
}
