/** Migration 0021_sync_join: whether a node has caught up with its site. See test/helpers/migrations.ts. */
import { expect } from 'vitest';
import { type Fixture, upgradeTests } from '../../helpers/migrations';

export const fixture: Fixture = {
  migration: '0021_sync_join',
  seed(db) {
    // A node stopped in the middle of its `site join`: it still has its site's changes to receive.
    db.prepare('UPDATE sync_node SET caught_up = 0').run();
  },
  survived(core) {
    expect(core.repos.sync.node().caughtUp).toBe(false);
  },
  olderRows(core) {
    // A node from before (a single PC, a site's first node) has nothing to catch up: its door never waits.
    expect(core.repos.sync.node().caughtUp).toBe(true);
  },
};

upgradeTests(fixture);
