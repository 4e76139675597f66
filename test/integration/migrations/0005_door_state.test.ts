/** Migration 0005_door_state: The keypad throttle and wrong staff passwords, kept across restarts. See test/helpers/migrations.ts for how the upgrade is checked. */
import { expect } from 'vitest';
import { type Fixture, upgradeTests, t0 } from '../../helpers/migrations';

const lockedUntil2100 = Date.UTC(2100, 0, 1);

export const fixture: Fixture = {
  migration: '0005_door_state',
  seed(db) {
    db.prepare('INSERT INTO door_throttle_devices (device, failures, last_failure_at, locked_until) VALUES (?, ?, ?, ?)').run(
      'lobby-keypad',
      9,
      t0,
      lockedUntil2100,
    );
    db.prepare('INSERT INTO login_failures (username, count, until) VALUES (?, ?, ?)').run('ada', 5, lockedUntil2100);
  },
  survived(core) {
    expect(core.access.keypadLockedUntil()).toBe(lockedUntil2100);
    expect(core.repos.loginFailures.get('ada')).toEqual(expect.objectContaining({ count: 5, until: lockedUntil2100 }));
  },
  olderRows(core) {
    expect(core.access.keypadLockedUntil()).toBeNull();
  },
};

upgradeTests(fixture);
