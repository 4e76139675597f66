/**
 * Migrations are applied by position (PRAGMA user_version), so an edited old .sql file silently changes nothing
 * on databases already past it. Each released migration's SHA-256 is in migrations.snapshot.json and must not
 * change; and each migration has its upgrade test (test/helpers/migrations.ts).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../../src/db/migrations';
import { fixtureFiles, fixtures } from '../../helpers/migrations';

const migrationsDir = join(import.meta.dirname, '..', '..', '..', 'src', 'db', 'migrations');
const snapshotName = 'test/integration/migrations.snapshot.json';
const snapshotFile = join(import.meta.dirname, '..', 'migrations.snapshot.json');

/** Line endings are normalised so a Windows checkout (autocrlf) hashes the same. */
const sha256 = (file: string) =>
  createHash('sha256')
    .update(readFileSync(join(migrationsDir, file), 'utf8').replace(/\r\n/g, '\n'))
    .digest('hex');

describe('released migrations', () => {
  const released = (JSON.parse(readFileSync(snapshotFile, 'utf8')) as { released: Record<string, string> }).released;
  const files = readdirSync(migrationsDir)
    .filter((f) => f.endsWith('.sql'))
    .sort();

  it('are unchanged since release', () => {
    const problems = Object.entries(released).flatMap(([file, hash]) => {
      const number = file.slice(0, 4);
      if (!files.includes(file))
        return [`migration ${number} (${file}) was released and is gone: restore it; released migrations are never removed.`];
      if (sha256(file) !== hash) {
        return [`migration ${number} was released; add a new migration instead of editing it (${file} no longer matches ${snapshotName}).`];
      }
      return [];
    });
    expect(problems).toEqual([]);
  });

  it('are all in the snapshot', () => {
    const missing = files
      .filter((f) => !(f in released))
      .map(
        (f) =>
          `migration ${f} is not in ${snapshotName}: add the line "${f}": "${sha256(f)}" to "released", so nobody edits it once it ships.`,
      );
    expect(missing).toEqual([]);
  });

  it('are listed in src/db/migrations/index.ts in number order, without gaps', () => {
    expect(migrations.map((m) => `${m.name}.sql`)).toEqual(files);
    expect(files.map((f) => Number(f.slice(0, 4)))).toEqual(files.map((_, i) => i + 1));
    for (const m of migrations)
      expect(m.sql.replace(/\r\n/g, '\n')).toBe(readFileSync(join(migrationsDir, `${m.name}.sql`), 'utf8').replace(/\r\n/g, '\n'));
  });

  it('each have an upgrade test, test/integration/migrations/NNNN_name.test.ts, whose fixture is theirs', async () => {
    // A new migration needs its file: what a database on it holds, and what must survive (see test/helpers/migrations.ts).
    expect(fixtureFiles()).toEqual(migrations.map((m) => `${m.name}.test.ts`));
    expect((await fixtures()).map((f) => f.migration)).toEqual(migrations.map((m) => m.name));
  });
});
