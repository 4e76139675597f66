import type { Clock, ClockTimer } from '../../clock';
import { log } from '../../log';
import type { AttachmentService } from './service';

// Retention counts in days: once a day of the app clock is enough, and a moved clock or a sleeping computer is
// caught up by the next pass (it deletes everything past the limit, however late).
const tickMs = 24 * 60 * 60_000;

export interface AttachmentRetentionDeps {
  attachments: AttachmentService;
  clock: Clock;
}

/** The daily pass that deletes photos and signatures kept longer than the site's retention, on the app clock. */
export class AttachmentRetention {
  private timer: ClockTimer | null = null;

  constructor(private readonly deps: AttachmentRetentionDeps) {}

  start(): void {
    this.tick();
  }

  stop(): void {
    this.timer?.cancel();
    this.timer = null;
  }

  private tick(): void {
    try {
      this.deps.attachments.expire();
    } catch (error) {
      log.error('Deleting old photos and signatures failed; trying again tomorrow.', error);
    }
    this.timer = this.deps.clock.setTimeout(() => this.tick(), tickMs);
  }
}
