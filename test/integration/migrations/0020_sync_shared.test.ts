/** Migration 0020_sync_shared: uids for staff and alerts, the audit chains of other nodes, capture triggers. See test/helpers/migrations.ts. */
import { expect } from 'vitest';
import { verifyAuditChains } from '../../../src/services/auditTrail';
import { type Fixture, upgradeTests, t0 } from '../../helpers/migrations';

const uid = 'e'.repeat(32);

export const fixture: Fixture = {
  migration: '0020_sync_shared',
  seed(db) {
    db.prepare(
      "INSERT INTO staff (username, display_name, role, password_hash, created_at, uid) VALUES ('sync-staff', 'Sync Staff', 'staff', 'h', ?, ?)",
    ).run(t0, uid);
    db.prepare("INSERT INTO alerts (at, kind, message, uid) VALUES (?, 'door.relay', 'The relay', ?)").run(t0, uid);
  },
  survived(core) {
    expect(core.db.prepare("SELECT uid FROM staff WHERE username = 'sync-staff'").pluck().get()).toBe(uid);
    expect(core.db.prepare("SELECT uid FROM alerts WHERE message = 'The relay'").pluck().get()).toBe(uid);
    // Sync stays off until `packroom site init`: a write after the upgrade is captured nowhere.
    core.db.prepare("UPDATE staff SET active = 0 WHERE uid = ?").run(uid);
    core.db.prepare("INSERT INTO settings (key, value) VALUES ('siteName', '\"Synced\"') ON CONFLICT (key) DO UPDATE SET value = excluded.value").run();
    expect(core.db.prepare('SELECT count(*) FROM sync_outbox').pluck().get()).toBe(0);
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
