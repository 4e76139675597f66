/** Migration 0003_roster: Roster import: move dates on recipients, and the runs. See test/helpers/migrations.ts for how the upgrade is checked. */
import { expect } from 'vitest';
import { type Fixture, upgradeTests, t0 } from '../../helpers/migrations';

export const fixture: Fixture = {
  migration: '0003_roster',
  seed(db) {
    db.prepare(
      `INSERT INTO recipients (id, external_id, first_name, last_name, unit, email, phone, status, manually_edited, move_in, move_out, created_at, updated_at)
       VALUES (4, 'T-200', 'Dee', 'Ruiz', '7C', NULL, '+15551230004', 'active', 0, '2024-09-01', '2026-08-31', ?, ?)`,
    ).run(t0, t0);
    db.prepare(
      `INSERT INTO roster_runs (started_at, finished_at, trigger, actor, file_name, outcome, message, counts)
       VALUES (?, ?, 'schedule', 'system', 'tenants.csv', 'applied', NULL, ?)`,
    ).run(t0, t0 + 900, JSON.stringify({ added: 1, changed: 0, deactivated: 0 }));
  },
  survived(core) {
    const moves = core.db.prepare('SELECT move_in AS moveIn, move_out AS moveOut FROM recipients WHERE id = 4').get();
    expect(moves).toEqual({ moveIn: '2024-09-01', moveOut: '2026-08-31' });
    expect(core.roster.runs(10)).toEqual([
      expect.objectContaining({
        trigger: 'schedule',
        fileName: 'tenants.csv',
        outcome: 'applied',
        counts: { added: 1, changed: 0, deactivated: 0 },
      }),
    ]);
  },
  olderRows(core) {
    const withMoves = core.db.prepare('SELECT count(*) FROM recipients WHERE move_in IS NOT NULL OR move_out IS NOT NULL').pluck();
    expect(withMoves.get()).toBe(0);
    expect(core.roster.lastRunAt('schedule')).toBeNull();
  },
};

upgradeTests(fixture);
