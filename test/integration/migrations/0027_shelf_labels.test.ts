/**
 * Migration 0027_shelf_labels: the label size and intake's "Print shelf label" are this computer's
 * settings; the settings triggers no longer share them, and share every other key as before. See
 * test/helpers/migrations.ts.
 */
import { expect } from 'vitest';
import { type Fixture, upgradeTests } from '../../helpers/migrations';

export const fixture: Fixture = {
  migration: '0027_shelf_labels',
  seed(db) {
    db.prepare(
      `INSERT INTO settings (key, value) VALUES ('siteName', '"Maple Court"') ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    ).run();
  },
  survived(core) {
    expect(core.settings.get().siteName).toBe('Maple Court');
    core.db.prepare('UPDATE sync_node SET capturing = 1').run();
    const queued = () => core.db.prepare("SELECT count(*) FROM sync_outbox WHERE entity = 'settings'").pluck().get();
    const before = Number(queued());
    const write = (key: string, value: unknown) =>
      core.db
        .prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
        .run(key, JSON.stringify(value));
    write('labelSize', '4x6');
    write('labelPrintOnIntake', true);
    expect(queued()).toBe(before);
    write('siteName', 'Maple Court East');
    write('packageEscalationDays', 9);
    expect(queued()).toBe(before + 2);
    core.db.prepare('UPDATE sync_node SET capturing = 0').run();
  },
};

upgradeTests(fixture);
