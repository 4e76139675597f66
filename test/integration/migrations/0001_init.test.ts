/** Migration 0001_init: The first schema: staff, recipients (with their full-text index), the audit log, settings. See test/helpers/migrations.ts for how the upgrade is checked. */
import { expect, it } from 'vitest';
import { expectUpgradeFrom, type Fixture, upgradeTests, t0 } from '../../helpers/migrations';

export const fixture: Fixture = {
  migration: '0001_init',
  seed(db) {
    db.prepare(
      "INSERT INTO staff (id, username, display_name, role, password_hash, created_at) VALUES (1, 'ada', 'Ada Admin', 'admin', 'scrypt$x', ?)",
    ).run(t0);
    const recipient = db.prepare(
      `INSERT INTO recipients (id, external_id, first_name, last_name, unit, email, phone, status, manually_edited, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    recipient.run(1, null, 'Ana', 'Lopez', '4B', 'ana@example.com', '+15551230001', 'active', 0, t0, t0);
    recipient.run(2, 'T-100', 'Bo', 'Kim', '9', null, '+15551230002', 'active', 1, t0, t0 + 1);
    recipient.run(3, null, 'Cy', 'Ng', '2A', 'cy@example.com', null, 'inactive', 0, t0, t0 + 2);
    const audit = db.prepare('INSERT INTO audit_log (at, actor_staff_id, actor, action, subject, details) VALUES (?, ?, ?, ?, ?, ?)');
    audit.run(t0, 1, 'ada', 'recipient.create', 'recipient:1', JSON.stringify({ unit: '4B' }));
    audit.run(t0 + 5, 1, 'ada', 'recipient.setStatus', 'recipient:3', JSON.stringify({ status: { from: 'active', to: 'inactive' } }));
    const setting = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
    setting.run('siteName', JSON.stringify('Maple Court'));
    setting.run('devices.assignments', JSON.stringify([{ role: 'relay', selector: '16c0:05df', channel: 2 }]));
  },
  survived(core) {
    expect(core.auth.listStaff()).toEqual([expect.objectContaining({ username: 'ada', role: 'admin', displayName: 'Ada Admin' })]);
    expect(core.recipients.get(1)).toMatchObject({ firstName: 'Ana', lastName: 'Lopez', unit: '4B', email: 'ana@example.com' });
    expect(core.recipients.get(3)).toMatchObject({ status: 'inactive' });
    // The full-text index came through: prefix search still finds people by name and unit.
    const search = (query: string, status: 'active' | 'all' = 'all') =>
      core.recipients.search({ query, status, limit: 50, offset: 0 }).items.map((r) => r.id);
    expect(search('lop')).toEqual([1]);
    expect(search('kim')).toEqual([2]);
    expect(search('2a', 'active')).toEqual([]);
    const audit = core.audit.list({ limit: 200 }).items;
    expect(audit).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ actor: 'ada', action: 'recipient.create', subject: 'recipient:1', details: { unit: '4B' } }),
        expect.objectContaining({ action: 'recipient.setStatus', subject: 'recipient:3' }),
      ]),
    );
    expect(core.settings.get().siteName).toBe('Maple Court');
  },
};

upgradeTests(fixture, () => {
  // Version 0: a database no migration has touched yet (every fixture's olderRows, none of their rows).
  it('opens a database at schema version 0, upgraded', () => expectUpgradeFrom(0));
});
