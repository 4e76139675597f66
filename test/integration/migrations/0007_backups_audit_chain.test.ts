/** Migration 0007_backups_audit_chain: Backup runs and the key, and the hash chain over the audit log (existing rows chained by the migration). See test/helpers/migrations.ts for how the upgrade is checked. */
import { expect } from 'vitest';
import { verifyAuditChain } from '../../../src/services/auditTrail';
import { type Fixture, upgradeTests, t0 } from '../../helpers/migrations';

export const fixture: Fixture = {
  migration: '0007_backups_audit_chain',
  seed(db) {
    db.prepare(
      `INSERT INTO backup_runs (started_at, finished_at, trigger, outcome, file, bytes, message)
       VALUES (?, ?, 'schedule', 'ok', 'packroom-maple-court-20250106T020000Z.sqlite', 4096, NULL)`,
    ).run(t0, t0 + 500);
    db.prepare(
      `INSERT INTO backup_runs (started_at, finished_at, trigger, outcome, file, bytes, message)
       VALUES (?, ?, 'staff', 'failed', NULL, NULL, 'The backup folder E:\\Backups is missing. Plug in the USB stick or reconnect the network share.')`,
    ).run(t0 + 1000, t0 + 1200);
  },
  survived(core) {
    expect(core.db.prepare("SELECT count(*) FROM backup_runs WHERE outcome = 'ok'").pluck().get()).toBe(1);
    expect(verifyAuditChain(core.repos.audit)).toMatchObject({ ok: true });
  },
  olderRows(core) {
    // Rows written before the chain existed are chained by the migration, in id order.
    const rows = core.db.prepare('SELECT count(*) FROM audit_log').pluck().get();
    expect(verifyAuditChain(core.repos.audit)).toMatchObject({ ok: true, checked: rows });
  },
};

upgradeTests(fixture);
