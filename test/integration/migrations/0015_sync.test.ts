/** Migration 0015_sync: a node's identity, the change outbox and stamps, and a uid per recipient. See test/helpers/migrations.ts. */
import { expect } from 'vitest';
import { type Fixture, upgradeTests, t0 } from '../../helpers/migrations';

const uid = 'f'.repeat(32);

export const fixture: Fixture = {
  migration: '0015_sync',
  seed(db) {
    db.prepare(
      `INSERT INTO recipients (external_id, first_name, last_name, unit, created_at, updated_at, uid) VALUES ('SYNC-1', 'Sam', 'Sync', '15A', ?, ?, ?)`,
    ).run(t0, t0, uid);
  },
  survived(core) {
    const row = core.db.prepare("SELECT uid FROM recipients WHERE external_id = 'SYNC-1'").pluck().get();
    expect(row).toBe(uid);
    // Sync stays off until `packroom site init`: a write after the upgrade is captured nowhere.
    core.db.prepare("UPDATE recipients SET first_name = 'Samuel', updated_at = ? WHERE uid = ?").run(t0 + 1, uid);
    expect(core.db.prepare('SELECT count(*) FROM sync_outbox WHERE uid = ?').pluck().get(uid)).toBe(0);
    expect(core.db.prepare('SELECT capturing FROM sync_node').pluck().get()).toBe(0);
  },
  olderRows(core) {
    // Every recipient from before gets its own uid; the node gets an identity of its own.
    const uids = core.db.prepare("SELECT uid FROM recipients WHERE external_id IS NOT 'SYNC-1'").pluck().all() as (string | null)[];
    for (const value of uids) expect(value).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(uids).size).toBe(uids.length);
    expect(core.db.prepare('SELECT node_uid FROM sync_node').pluck().get()).toMatch(/^[0-9a-f]{32}$/);
  },
};

upgradeTests(fixture);
