/** Migration 0011_outbox_sentences: A send's failure as a sentence. See test/helpers/migrations.ts for how the upgrade is checked. */
import { expect } from 'vitest';
import { messageText } from '../../../src/contract';
import { type Fixture, upgradeTests, t0 } from '../../helpers/migrations';

export const fixture: Fixture = {
  migration: '0011_outbox_sentences',
  seed(db) {
    db.prepare(
      `INSERT INTO outbox (channel, recipient_id, access_key_id, template, destination, status, attempts, next_attempt_at, last_error, last_error_key, created_at)
       VALUES ('email', 1, 1, 'permanent', 'ana@example.com', 'failed', 2, ?, 'Twilio is busy or unavailable', 'notification.twilioBusy', ?)`,
    ).run(t0, t0);
  },
  survived(core) {
    const failed = core.notifications.forRecipient(1).find((n) => n.attempts === 2)!;
    expect(messageText(failed.lastError!, 'es')).toBe('Twilio está ocupado o no disponible');
  },
};

upgradeTests(fixture);
