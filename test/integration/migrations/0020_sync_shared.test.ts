/** Migration 0020_sync_shared: uids for staff and alerts, the audit chains of other nodes, capture triggers. See test/helpers/migrations.ts. */
import { expect } from 'vitest';
import { verifyAuditChains } from '../../../src/services/auditTrail';
import { type Fixture, upgradeTests, t0 } from '../../helpers/migrations';

const uid = 'e'.repeat(32);

export const fixture: Fixture = {
  migration: '0020_sync_shared',
  seed(db) {
    // The first admin of 0001's fixture, given a uid as this version writes one; an acknowledged alert, so the open
    // alerts earlier fixtures expect stay as they are.
    db.prepare("UPDATE staff SET uid = ? WHERE username = 'ada'").run(uid);
    db.prepare("INSERT INTO alerts (at, kind, message, acknowledged_at, uid) VALUES (?, 'door.relay', 'The relay', ?, ?)").run(t0, t0, uid);
  },
  survived(core) {
    expect(core.db.prepare("SELECT uid FROM staff WHERE username = 'ada'").pluck().get()).toBe(uid);
    expect(core.db.prepare("SELECT uid FROM alerts WHERE message = 'The relay'").pluck().get()).toBe(uid);
    // Sync stays off until `packroom site init`: a write after the upgrade is captured nowhere (and is undone, for
    // the other fixtures' checks).
    const capturing = core.db.prepare('SELECT capturing FROM sync_node').pluck().get();
    core.db.prepare('UPDATE sync_node SET capturing = 0').run();
    const waiting = core.repos.sync.pendingCount();
    const language = core.db.prepare('SELECT language FROM staff WHERE uid = ?').pluck().get(uid);
    core.db.prepare("UPDATE staff SET language = 'xx' WHERE uid = ?").run(uid);
    core.db.prepare('UPDATE staff SET language = ? WHERE uid = ?').run(language, uid);
    core.db.prepare(`INSERT INTO settings (key, value) VALUES ('sync.test', '"Synced"')`).run();
    core.db.prepare("DELETE FROM settings WHERE key = 'sync.test'").run();
    expect(core.repos.sync.pendingCount()).toBe(waiting);
    core.db.prepare('UPDATE sync_node SET capturing = ?').run(capturing);
  },
  olderRows(core) {
    // Every staff member and alert from before gets its own uid; every audit row from before is this node's own.
    for (const table of ['staff', 'alerts']) {
      const uids = core.db.prepare(`SELECT uid FROM ${table} WHERE uid IS NOT ?`).pluck().all(uid) as (string | null)[];
      for (const value of uids) expect(value).toMatch(/^[0-9a-f]{32}$/);
      expect(new Set(uids).size).toBe(uids.length);
    }
    expect(core.db.prepare('SELECT count(*) FROM audit_log WHERE origin IS NOT NULL').pluck().get()).toBe(0);
    const report = verifyAuditChains(core.repos.audit, core.repos.sync);
    expect(report.every((chain) => chain.report.ok)).toBe(true);
  },
};

upgradeTests(fixture);
