/** src/db/prepared.ts: the one way repositories get their statements. */
import Database from 'better-sqlite3';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { Db } from '../../src/db/open';
import { statements } from '../../src/db/prepared';

function connection(): Db {
  const db = new Database(':memory:');
  onTestFinished(() => {
    db.close();
  });
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL)');
  db.prepare("INSERT INTO t (name) VALUES ('a'), ('b'), ('c')").run();
  return db;
}

describe('statements(db)', () => {
  it('prepares a statement once per connection, whichever repository asks', () => {
    const db = connection();
    const one = statements(db);
    const other = statements(db);
    const sql = 'SELECT id, name FROM t WHERE id = ?';
    expect(other(sql)).toBe(one(sql));
    expect(statements(connection())(sql)).not.toBe(one(sql));
  });

  it('keeps a plucked statement apart from the same SQL read whole', () => {
    const sql = statements(connection());
    const text = 'SELECT name FROM t WHERE id = ?';
    expect(sql.pluck<[number], string>(text).get(2)).toBe('b');
    expect(sql<[number], { name: string }>(text).get(2)).toEqual({ name: 'b' });
    expect(sql.pluck<[number], string>(text).get(3)).toBe('c');
  });

  it('gives each iteration a statement of its own, so two walks of the same rows can be under way at once', () => {
    const sql = statements(connection());
    const text = 'SELECT name FROM t ORDER BY id';
    const outer = sql.forIteration<[], { name: string }>(text).iterate();
    const inner = sql.forIteration<[], { name: string }>(text).iterate();
    expect([outer.next().value, ...inner, ...outer]).toEqual([
      { name: 'a' },
      { name: 'a' },
      { name: 'b' },
      { name: 'c' },
      { name: 'b' },
      { name: 'c' },
    ]);
  });
});
