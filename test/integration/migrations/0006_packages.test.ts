/** Migration 0006_packages: Packages and shelf checks. See test/helpers/migrations.ts for how the upgrade is checked. */
import { expect } from 'vitest';
import { type Fixture, upgradeTests, t0 } from '../../helpers/migrations';

export const fixture: Fixture = {
  migration: '0006_packages',
  seed(db) {
    db.prepare(
      `INSERT INTO packages (id, tracking, carrier, recipient_id, shelf, size, status, logged_at, logged_by, logged_by_name, updated_at)
       VALUES (1, '1Z999AA10123456784', 'ups', 1, 'A3', 'large', 'waiting', ?, 1, 'ada', ?)`,
    ).run(t0, t0);
  },
  survived(core) {
    expect(core.packages.get(1)).toMatchObject({ tracking: '1Z999AA10123456784', carrier: 'ups', shelf: 'A3', status: 'waiting' });
  },
  olderRows(core) {
    expect(core.packages.list({ status: 'all', query: '', sort: 'newest', limit: 10 }).items).toEqual([]);
  },
};

upgradeTests(fixture);
