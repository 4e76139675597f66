/**
 * Migration 0023_unmatched: `packages` rebuilt so a package put aside may have no recipient (a CHECK keeps that to
 * unmatched packages), with the label's reading and who put it aside and assigned it. See test/helpers/migrations.ts.
 */
import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { databaseFile } from '../../../src/paths';
import { dataFolderAt, fixtures, openUpgraded, t0, type Fixture, upgradeTests, versionOf } from '../../helpers/migrations';

const uid = '23'.repeat(16);

export const fixture: Fixture = {
  migration: '0023_unmatched',
  seed(db) {
    const reading = JSON.stringify({ outcome: 'several', shipTo: ['U MATCH'], candidates: [] });
    db.prepare(
      `INSERT INTO packages (uid, tracking, carrier, recipient_id, size, status, logged_at, logged_by_name, updated_at, put_aside_at,
         put_aside_by_name, reading)
       VALUES (?, 'TBA230000000023', 'amazon', NULL, 'small', 'waiting', ?, 'ada', ?, ?, 'ada', ?)`,
    ).run(uid, t0, t0, t0, reading);
  },
  survived(core) {
    const id = core.db.prepare('SELECT id FROM packages WHERE uid = ?').pluck().get(uid) as number;
    expect(core.packages.get(id)).toMatchObject({ tracking: 'TBA230000000023', recipient: null, putAside: { shipTo: ['U MATCH'] } });
  },
  olderRows(core) {
    // Packages from before were all logged for someone: none is unmatched, none put aside.
    const older = core.db.prepare('SELECT recipient_id, put_aside_at, reading, assigned_at FROM packages WHERE uid IS NOT ?').all(uid) as {
      recipient_id: number | null;
      put_aside_at: number | null;
    }[];
    for (const row of older)
      expect(row).toMatchObject({ recipient_id: expect.any(Number), put_aside_at: null, reading: null, assigned_at: null });
  },
};

/** Everything SQLite keeps on `packages`: its indexes and triggers, by name, with their SQL. */
const onPackages = (db: Database.Database) =>
  db
    .prepare("SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'packages' AND type IN ('index', 'trigger') ORDER BY name")
    .all() as {
    type: string;
    name: string;
    sql: string | null;
  }[];

upgradeTests(fixture, () => {
  it('keeps every package row, and every index and trigger on packages, the capture triggers carrying the new columns', async () => {
    const chain = await fixtures();
    const dir = dataFolderAt(versionOf('0023_unmatched') - 1, chain);
    const raw = new Database(databaseFile(dir), { readonly: true });
    const before = onPackages(raw);
    const rows = raw.prepare('SELECT * FROM packages ORDER BY id').all();
    raw.close();
    expect(rows.length).toBeGreaterThan(0);
    await openUpgraded(dir, (core) => {
      const after = onPackages(core.db);
      // The same names, and one more for the Unmatched queue.
      expect(after.map((o) => `${o.type} ${o.name}`)).toEqual(
        [...before.map((o) => `${o.type} ${o.name}`), 'index packages_unmatched'].sort((a, b) =>
          a.split(' ')[1]!.localeCompare(b.split(' ')[1]!),
        ),
      );
      // Indexes as they were (the rebuild makes the same ones); the triggers now name the new columns.
      for (const o of before.filter((b) => b.type === 'index')) expect(after.find((a) => a.name === o.name)?.sql).toBe(o.sql);
      for (const o of after.filter((a) => a.type === 'trigger')) expect(o.sql).toContain('assigned_by_name');
      const upgraded = core.db
        .prepare('SELECT * FROM packages ORDER BY id')
        .all()
        .map((r) => {
          const { put_aside_at, put_aside_by_name, reading, assigned_at, assigned_by_name } = r as Record<string, unknown>;
          expect([put_aside_at, put_aside_by_name, reading, assigned_at, assigned_by_name]).toEqual([null, null, null, null, null]);
          // The columns the rows had before (later migrations add others of their own, e.g. 0024's signature_required).
          return Object.fromEntries(Object.keys(rows[0] as object).map((column) => [column, (r as Record<string, unknown>)[column]]));
        });
      expect(upgraded).toEqual(rows);
      // No recipient only while unmatched: a package neither put aside nor assigned must have one.
      const orphan = () =>
        core.db
          .prepare(
            `INSERT INTO packages (tracking, carrier, recipient_id, logged_at, logged_by_name, updated_at) VALUES ('X1', 'ups', NULL, 1, 'ada', 1)`,
          )
          .run();
      expect(orphan).toThrow(/CHECK constraint failed/);
      const assignedToNobody = () =>
        core.db
          .prepare(
            `INSERT INTO packages (tracking, carrier, recipient_id, logged_at, logged_by_name, updated_at, put_aside_at, assigned_at)
             VALUES ('X2', 'ups', NULL, 1, 'ada', 1, 1, 2)`,
          )
          .run();
      expect(assignedToNobody).toThrow(/CHECK constraint failed/);
    });
  });
});
