/** Migration 0009_roster_import: Saved roster mappings and the journal of a chunked apply. See test/helpers/migrations.ts for how the upgrade is checked. */
import { expect } from 'vitest';
import { type Fixture, upgradeTests, t0 } from '../../helpers/migrations';

export const fixture: Fixture = {
  migration: '0009_roster_import',
  seed(db) {
    db.prepare('INSERT INTO roster_mappings (preset, columns, status_values, saved_at) VALUES (?, ?, ?, ?)').run(
      'yardi',
      JSON.stringify({ externalId: 0, unit: 1 }),
      JSON.stringify({ 'in house': 'current' }),
      t0,
    );
  },
  survived(core) {
    expect(core.db.prepare("SELECT status_values FROM roster_mappings WHERE preset = 'yardi'").pluck().get()).toBe(
      JSON.stringify({ 'in house': 'current' }),
    );
  },
  olderRows(core) {
    // Nothing was half-applied before the journal existed.
    expect(core.db.prepare('SELECT count(*) FROM roster_applies').pluck().get()).toBe(0);
  },
};

upgradeTests(fixture);
