import Database from 'better-sqlite3';
import { readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../src/core';
import { migrations } from '../../src/db/migrations';
import { DatabaseCorruptError, DatabaseVersionError, openDatabase } from '../../src/db/open';
import { databaseFile } from '../../src/paths';
import { cliActor } from '../../src/services/audit/service';
import { tempDir } from '../helpers/core';

/** A data folder with a few hundred recipients in it, closed cleanly (WAL checkpointed into the file). */
async function usedDataFolder(): Promise<string> {
  const dataDir = tempDir();
  const core = createCore({ dataDir, env: {} });
  for (let i = 0; i < 300; i++) core.recipients.create(cliActor, { firstName: `Res${i}`, lastName: 'Ident', unit: `${i}` });
  await core.close();
  return dataDir;
}

describe('openDatabase', () => {
  it('creates the schema, records its version, and turns on WAL and foreign keys', () => {
    const db = openDatabase(join(tempDir(), 'p.db'));
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(() => db.prepare("INSERT INTO audit_log (at, actor_staff_id, actor, action) VALUES (0, 999, 'x', 'y')").run()).toThrow(
      /FOREIGN KEY/,
    );
    db.close();
  });

  it('syncs every commit to disk (synchronous = FULL), so a power cut loses no committed door decision', () => {
    const db = openDatabase(join(tempDir(), 'p.db'));
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    db.close();
  });

  it('is idempotent: reopening applies nothing twice and keeps the data', () => {
    const file = join(tempDir(), 'p.db');
    const first = openDatabase(file);
    first.prepare("INSERT INTO settings (key, value) VALUES ('k', '1')").run();
    first.close();
    const second = openDatabase(file);
    expect(second.prepare("SELECT value FROM settings WHERE key = 'k'").pluck().get()).toBe('1');
    second.close();
  });

  it('refuses a data folder written by a newer Packroom, and leaves it untouched', () => {
    const file = join(tempDir(), 'p.db');
    const raw = new Database(file);
    raw.pragma(`user_version = ${migrations.length + 1}`);
    raw.close();
    expect(() => openDatabase(file)).toThrow(DatabaseVersionError);
    const check = new Database(file);
    expect(check.pragma('user_version', { simple: true })).toBe(migrations.length + 1);
    check.close();
  });

  it('keeps the full-text index in step with inserts, renames and deletes', () => {
    const db = openDatabase(join(tempDir(), 'p.db'));
    const insert = db.prepare('INSERT INTO recipients (first_name, last_name, unit, created_at, updated_at) VALUES (?, ?, ?, 0, 0)');
    const id = Number(insert.run('Ana', 'Lopez', '3A').lastInsertRowid);
    const match = (q: string) => db.prepare('SELECT rowid FROM recipients_fts WHERE recipients_fts MATCH ?').pluck().all(q);
    expect(match('"lop"*')).toEqual([id]);
    db.prepare("UPDATE recipients SET last_name = 'Smith' WHERE id = ?").run(id);
    expect(match('"lop"*')).toEqual([]);
    expect(match('"smi"*')).toEqual([id]);
    db.prepare('DELETE FROM recipients WHERE id = ?').run(id);
    expect(match('"smi"*')).toEqual([]);
    db.close();
  });
});

describe('a damaged database at start-up', () => {
  it.each([
    ['cut in half', (size: number) => Math.floor(size / 2)],
    ['cut to its first page', () => 4096],
    ['cut inside its header', () => 50],
    ['emptied', () => 0],
  ])('is refused with a typed error saying how to restore, when %s, and left as it is', async (_how, newSize) => {
    const dataDir = await usedDataFolder();
    const file = databaseFile(dataDir);
    truncateSync(file, newSize(readFileSync(file).length));
    const before = readFileSync(file);
    const opening = () => createCore({ dataDir, env: {} });
    expect(opening).toThrow(DatabaseCorruptError);
    expect(opening).toThrow(`The database ${file} is damaged (`);
    expect(opening).toThrow(`Restore the last backup with \`packroom restore FILE --data ${dataDir}\``);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('is refused when it is not a database at all', () => {
    const file = join(tempDir(), 'p.db');
    writeFileSync(file, 'this is a spreadsheet, not a database'.repeat(200));
    expect(() => openDatabase(file)).toThrow(expect.objectContaining({ name: 'DatabaseCorruptError', detail: 'file is not a database' }));
  });

  it('finds damage inside the file that opening alone does not notice', async () => {
    const dataDir = await usedDataFolder();
    const file = databaseFile(dataDir);
    const raw = new Database(file);
    const root = raw.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'recipients_by_name'").pluck().get() as number;
    const pageSize = raw.pragma('page_size', { simple: true }) as number;
    raw.close();
    const bytes = readFileSync(file);
    // Scribble over the name index's root page: the schema still reads, the index does not.
    bytes.fill(0x5a, (root - 1) * pageSize + 8, root * pageSize);
    writeFileSync(file, bytes);
    expect(() => openDatabase(file)).toThrow(DatabaseCorruptError);
  });
});
