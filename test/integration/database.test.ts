import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../src/db/migrations';
import { DatabaseVersionError, openDatabase } from '../../src/db/open';
import { tempDir } from '../helpers/core';

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
