import type { Clock } from '../../clock';
import { Repeating } from '../repeating';
import type { AttachmentService } from './service';

export interface AttachmentRetentionDeps {
  attachments: AttachmentService;
  clock: Clock;
}

/** The daily pass that deletes photos and signatures kept longer than the site's retention, on the app clock. */
export class AttachmentRetention extends Repeating {
  constructor(deps: AttachmentRetentionDeps) {
    super({
      clock: deps.clock,
      // Retention counts in days: once a day is enough, and a late pass deletes everything past the limit.
      everyMs: 24 * 60 * 60_000,
      run: () => deps.attachments.expire(),
      failed: 'Deleting old photos and signatures failed; trying again tomorrow.',
    });
  }
}
