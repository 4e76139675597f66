/** Migration 0010_package_notice_channels: Where package notices go, per recipient. See test/helpers/migrations.ts for how the upgrade is checked. */
import { expect } from 'vitest';
import { type Fixture, upgradeTests } from '../../helpers/migrations';

export const fixture: Fixture = {
  migration: '0010_package_notice_channels',
  seed(db) {
    db.prepare("UPDATE recipients SET package_notices = 'sms' WHERE id = 2").run();
  },
  survived(core) {
    expect(core.recipients.get(2).packageNotices).toBe('sms');
  },
  olderRows(core) {
    // Everyone had package notices on every channel on file before they could choose.
    expect(core.db.prepare('SELECT count(*) FROM recipients WHERE package_notices IS NOT NULL').pluck().get()).toBe(0);
  },
};

upgradeTests(fixture);
