/** Migration 0021_sync_join: whether a node has caught up with its site. See test/helpers/migrations.ts. */
import { expect } from 'vitest';
import { type Fixture, upgradeTests } from '../../helpers/migrations';

export const fixture: Fixture = {
  migration: '0021_sync_join',
  seed(db) {
    // A node that joined and caught up: what every node is between two upgrades. (One stopped mid-join would make
    // the other fixtures' doors refuse with "starting up": siteJoin.test.ts covers that state.)
    db.prepare('UPDATE sync_node SET caught_up = 1').run();
  },
  survived(core) {
    expect(core.repos.sync.node().caughtUp).toBe(true);
    expect(() => core.db.prepare('UPDATE sync_node SET caught_up = 2').run()).toThrow(/CHECK constraint failed/);
  },
  olderRows(core) {
    // A node from before (a single PC, a site's first node) has nothing to catch up: its door never waits.
    expect(core.repos.sync.node().caughtUp).toBe(true);
  },
};

upgradeTests(fixture);
