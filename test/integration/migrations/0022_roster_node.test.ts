/** Migration 0022_roster_node: the node of a site that runs the scheduled roster import. See test/helpers/migrations.ts. */
import { expect } from 'vitest';
import { type Fixture, upgradeTests } from '../../helpers/migrations';

export const fixture: Fixture = {
  migration: '0022_roster_node',
  seed(db) {
    // A node made by `site init` before this migration: the only way a folder became a node then.
    db.prepare("UPDATE sync_node SET site = 'maple', node_name = 'desk', url = 'nats://127.0.0.1:1'").run();
  },
  survived(core) {
    // It ran the site's daily import before (every node did); it still does, and the others will not.
    expect(core.repos.sync.node()).toMatchObject({ site: 'maple', nodeName: 'desk', rosterNode: 'desk' });
    expect(core.rosterSchedule.status().schedule.elsewhere).toBeNull();
  },
  olderRows(core) {
    const node = core.repos.sync.node();
    expect(node.rosterNode).toBe(node.site === null ? null : node.nodeName);
  },
};

upgradeTests(fixture);
