/// <reference types="vite/client" />
/**
 * Schema upgrades, one test file per migration: `test/integration/migrations/NNNN_name.test.ts` exports the
 * migration's `fixture` and calls `upgradeTests(fixture)`.
 *
 * Migrations are applied by position (PRAGMA user_version), and a site may skip any number of versions, so the
 * check is cumulative: a data folder "at version N" is built by applying migration 1 and writing its fixture's
 * rows, then migration 2 and its rows, … up to N. This Packroom then opens it (upgrading it to the current
 * schema), and every row written must have come through (`survived` of fixtures 1..N) while the migrations it
 * had not seen give those rows their defaults (`olderRows` of fixtures N+1..).
 *
 * So a migration's test needs the fixtures of the migrations before it. It loads them from their test files
 * when its test runs (`fixtures()`); `upgradeTests` registers tests only in the file vitest is running, so
 * loading another migration's file for its fixture adds none of that file's tests.
 */
import Database from 'better-sqlite3';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/core';
import { migrations } from '../../src/db/migrations';
import { migrate } from '../../src/db/open';
import { databaseFile } from '../../src/paths';
import { DataKeys } from '../../src/secrets';
import { tempDir } from './core';

export type Raw = Database.Database;

export interface Fixture {
  /** The migration this fixture belongs to, as listed in src/db/migrations/index.ts (and its test file's name). */
  migration: string;
  /** Rows a site on this schema version holds, written with that version's columns only. */
  seed(db: Raw): void;
  /** After the upgrade to the current schema: what `seed` wrote is still there and still works. */
  survived(core: Core): void;
  /**
   * After the upgrade, about the rows written before this migration (whichever earlier fixtures ran,
   * possibly none): what its new columns and tables give them.
   */
  olderRows?(core: Core): void;
}

/** The data key every fixture seals with and every upgraded core opens with. */
export const dataKey = Buffer.alloc(32, 7);
export const keys = new DataKeys(dataKey);
/** When the fixtures' rows were written. */
export const t0 = Date.UTC(2025, 0, 6, 9, 0);

const files = import.meta.glob<Fixture>('../integration/migrations/[0-9][0-9][0-9][0-9]_*.test.ts', { import: 'fixture' });

/** Every migration's test file, by name (`0007_backups_audit_chain.test.ts`), in number order. */
export const fixtureFiles = (): string[] =>
  Object.keys(files)
    .map((path) => basename(path))
    .sort();

/** Every migration's fixture, in number order. Loaded when a test runs, never while vitest collects a file. */
export async function fixtures(): Promise<Fixture[]> {
  const loaded = await Promise.all(Object.entries(files).map(async ([path, load]) => ({ file: basename(path), fixture: await load() })));
  return loaded.sort((a, b) => a.file.localeCompare(b.file)).map((l) => l.fixture);
}

/** The version a migration brings the schema to (its position in the list, from 1). */
export function versionOf(migration: string): number {
  const index = migrations.findIndex((m) => m.name === migration);
  if (index < 0) throw new Error(`${migration} is not in src/db/migrations/index.ts`);
  return index + 1;
}

/** A data folder whose database a Packroom on schema `version` wrote, holding the rows of fixtures 1..version. */
export function dataFolderAt(version: number, chain: readonly Fixture[]): string {
  const dir = tempDir();
  const db = new Database(databaseFile(dir));
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  for (const [index, fixture] of chain.slice(0, version).entries()) {
    migrate(db, index + 1);
    fixture.seed(db);
  }
  expect(db.pragma('user_version', { simple: true })).toBe(version);
  db.close();
  return dir;
}

/** Opens the folder with this Packroom (which upgrades it), runs `check`, and closes it. */
export async function openUpgraded(dataDir: string, check: (core: Core) => void): Promise<void> {
  const core = createCore({ dataDir, dataKey, env: {} });
  try {
    check(core);
  } finally {
    await core.close();
  }
}

/** A database at `version` with every fixture's rows up to it: upgraded, sound, and every fixture's check holds. */
export async function expectUpgradeFrom(version: number): Promise<void> {
  const chain = await fixtures();
  await openUpgraded(dataFolderAt(version, chain), (core) => {
    expect(core.db.pragma('user_version', { simple: true })).toBe(migrations.length);
    expect(core.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(core.db.pragma('foreign_key_check')).toEqual([]);
    chain.slice(version).forEach((f) => f.olderRows?.(core));
    chain.slice(0, version).forEach((f) => f.survived(core));
  });
}

/**
 * The tests of one migration: a database written right after it (holding its rows and every earlier
 * fixture's) opens upgraded with its data intact. For the newest migration that is reopening a current
 * database, which applies nothing and must keep everything. `more` registers the migration's own further tests.
 */
export function upgradeTests(fixture: Fixture, more?: () => void): void {
  // Loaded by another migration's test for its fixture: that file's tests are not this one's.
  const running = expect.getState().testPath;
  if (running === undefined || basename(running) !== `${fixture.migration}.test.ts`) return;
  const version = versionOf(fixture.migration);
  describe(`migration ${fixture.migration}`, () => {
    it(`opens a database at schema version ${version}, upgraded, with its data intact`, () => expectUpgradeFrom(version));
    more?.();
  });
}
