/**
 * Migration 0022_roster_node: the node of a site that runs the scheduled roster import, and the sync applier's alerts
 * kept to the node that raised them. See test/helpers/migrations.ts.
 */
import { expect } from 'vitest';
import { message } from '../../../src/contract';
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
    // The applier's alerts stay on this node; another alert is shared.
    core.db.prepare('UPDATE sync_node SET capturing = 1').run();
    const alerts = () => core.db.prepare("SELECT count(*) FROM sync_outbox WHERE entity = 'alert'").pluck().get();
    const before = alerts();
    for (const kind of ['sync.changeHeld', 'sync.clockAhead', 'sync.duplicate']) {
      core.repos.alerts.insert({ at: 1, kind, message: message('text', { text: kind }) });
    }
    expect(alerts()).toBe(before);
    core.repos.alerts.insert({ at: 1, kind: 'door.relay', message: message('text', { text: 'relay' }) });
    expect(alerts()).toBe(Number(before) + 1);
    core.db.prepare('UPDATE sync_node SET capturing = 0').run();
  },
  olderRows(core) {
    const node = core.repos.sync.node();
    expect(node.rosterNode).toBe(node.site === null ? null : node.nodeName);
  },
};

upgradeTests(fixture);
