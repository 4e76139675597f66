/** Migration 0008_languages: Recipients' and staff's languages. See test/helpers/migrations.ts for how the upgrade is checked. */
import { expect } from 'vitest';
import { type Fixture, upgradeTests } from '../../helpers/migrations';

export const fixture: Fixture = {
  migration: '0008_languages',
  seed(db) {
    db.prepare("UPDATE recipients SET language = 'es' WHERE id = 1").run();
    db.prepare("UPDATE staff SET language = 'es' WHERE id = 1").run();
  },
  survived(core) {
    expect(core.recipients.get(1).language).toBe('es');
  },
  olderRows(core) {
    // Before languages existed everyone follows the site language.
    expect(core.db.prepare('SELECT count(*) FROM recipients WHERE language IS NOT NULL').pluck().get()).toBe(0);
  },
};

upgradeTests(fixture);
