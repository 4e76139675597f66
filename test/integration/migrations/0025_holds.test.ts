/** Migration 0025_holds: a recipient's holds (shared), and this node's alerts of packages to go back. See test/helpers/migrations.ts. */
import { expect } from 'vitest';
import { type Fixture, upgradeTests, t0 } from '../../helpers/migrations';

const uid = '25'.repeat(16);

export const fixture: Fixture = {
  migration: '0025_holds',
  seed(db) {
    const recipient = db
      .prepare(`INSERT INTO recipients (first_name, last_name, unit, created_at, updated_at) VALUES ('Hal', 'Holiday', '25B', ?, ?)`)
      .run(t0, t0).lastInsertRowid;
    db.prepare(
      `INSERT INTO holds (uid, recipient_id, from_day, until_day, mode, return_days, created_at, created_by_name, created_via, updated_at)
       VALUES (?, ?, '2025-01-10', '2025-01-20', 'return', 5, ?, 'ada', 'staff', ?)`,
    ).run(uid, recipient, t0, t0);
  },
  survived(core) {
    const hold = core.repos.holds.byUid(uid)!;
    expect(hold).toMatchObject({ fromDay: '2025-01-10', untilDay: '2025-01-20', mode: 'return', returnDays: 5, cancelledAt: null });
    expect(core.holds.list(hold.recipientId).holds).toMatchObject([{ id: hold.id, state: 'ended', createdBy: 'ada' }]);
    // Where sync is on, a cancellation is captured: its time and who, by the hold's uid.
    const capturing = core.db.prepare('SELECT capturing FROM sync_node').pluck().get();
    core.db
      .prepare(
        "UPDATE sync_node SET site = coalesce(site, 'maple'), node_name = coalesce(node_name, 'desk'), url = coalesce(url, 'nats://127.0.0.1:1'), capturing = 1",
      )
      .run();
    core.repos.holds.cancel(hold.id, t0 + 1, 'bo');
    const change = core.db.prepare("SELECT fields FROM sync_outbox WHERE entity = 'hold' AND uid = ?").pluck().get(uid) as string;
    expect(JSON.parse(change)).toEqual({ cancelled_at: t0 + 1, cancelled_by_name: 'bo' });
    core.db.prepare('UPDATE sync_node SET capturing = ?').run(capturing);
  },
  olderRows(core) {
    // Nobody was on hold before: every recipient's package rules are as they were.
    expect(core.db.prepare('SELECT count(*) FROM holds WHERE uid IS NOT ?').pluck().get(uid)).toBe(0);
  },
};

upgradeTests(fixture);
