/** Migration 0019_sync_packages: a uid per package and carrier code, status changes and claims for sync. See test/helpers/migrations.ts. */
import { expect } from 'vitest';
import { type Fixture, upgradeTests, t0 } from '../../helpers/migrations';

const uid = '19'.repeat(16);

export const fixture: Fixture = {
  migration: '0019_sync_packages',
  seed(db) {
    const recipient = db
      .prepare(`INSERT INTO recipients (first_name, last_name, unit, created_at, updated_at) VALUES ('Pia', 'Parcel', '19A', ?, ?)`)
      .run(t0, t0).lastInsertRowid;
    db.prepare(
      `INSERT INTO packages (uid, tracking, carrier, recipient_id, size, status, logged_at, logged_by_name, updated_at)
       VALUES (?, 'TBA190000000019', 'amazon', ?, 'small', 'waiting', ?, 'ada', ?)`,
    ).run(uid, recipient, t0, t0);
  },
  survived(core) {
    const id = core.db.prepare('SELECT id FROM packages WHERE uid = ?').pluck().get(uid) as number;
    expect(core.packages.get(id)).toMatchObject({
      tracking: 'TBA190000000019',
      status: 'waiting',
      recipient: { firstName: 'Pia', unit: '19A' },
    });
    // Where sync is on, a change of the package is captured: the shelf alone, by its uid.
    const capturing = core.db.prepare('SELECT capturing FROM sync_node').pluck().get();
    core.db
      .prepare(
        "UPDATE sync_node SET site = coalesce(site, 'maple'), node_name = coalesce(node_name, 'desk'), url = coalesce(url, 'nats://127.0.0.1:1'), capturing = 1",
      )
      .run();
    core.db.prepare("UPDATE packages SET shelf = 'Z9', updated_at = ? WHERE uid = ?").run(t0 + 1, uid);
    const change = core.db.prepare("SELECT fields FROM sync_outbox WHERE entity = 'package' AND uid = ?").pluck().get(uid) as string;
    expect(JSON.parse(change)).toEqual({ shelf: 'Z9' });
    core.db.prepare('UPDATE sync_node SET capturing = ?').run(capturing);
  },
  olderRows(core) {
    // Every package and carrier code from before gets its own uid.
    for (const table of ['packages', 'carrier_codes']) {
      const uids = core.db.prepare(`SELECT uid FROM ${table} WHERE uid IS NOT ?`).pluck().all(uid) as (string | null)[];
      for (const value of uids) expect(value).toMatch(/^[0-9a-f]{32}$/);
      expect(new Set(uids).size).toBe(uids.length);
    }
  },
};

upgradeTests(fixture);
