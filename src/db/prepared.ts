import type { Statement } from 'better-sqlite3';
import type { Db } from './open';

/** Statements by SQL text, per connection; a plucked statement is kept apart from the same SQL read whole. */
const byConnection = new WeakMap<Db, Map<string, Statement<unknown[]>>>();

/** The one way a repository gets a statement (see `statements`). */
export interface Statements {
  /** The statement for `sql`, reading rows of type `R`; `P` are its parameters (one object for `@named` ones). */
  <P extends unknown[] = unknown[], R = unknown>(sql: string): Statement<P, R>;
  /** The statement for `sql` reading only its first column, of type `V` (better-sqlite3's `pluck`). */
  pluck<P extends unknown[] = unknown[], V = unknown>(sql: string): Statement<P, V>;
  /**
   * A statement of its own for one `iterate()`, not kept: while a generator walks its rows (an export a page at a
   * time) the statement is busy, and a second walk of the same SQL on a kept one would fail.
   */
  forIteration<P extends unknown[] = unknown[], R = unknown>(sql: string): Statement<P, R>;
}

/**
 * The statements of one connection, each prepared on first use and kept for the connection's life, whichever
 * repository asks: each prepared statement is a native object, and preparing one per call (a roster import runs
 * some thousands of times) made the garbage collector's pauses on the door's thread several milliseconds longer.
 * The door's statements are asked for in their repository's constructor, so the first key press prepares nothing.
 * `P` and `R` say what the caller binds and reads (rows typed from src/db/rows.ts); better-sqlite3 checks neither.
 */
export function statements(db: Db): Statements {
  let cache = byConnection.get(db);
  if (!cache) byConnection.set(db, (cache = new Map()));
  const known = cache;
  const get = (key: string, sql: string, pluck: boolean) => {
    let statement = known.get(key);
    if (!statement) known.set(key, (statement = pluck ? db.prepare(sql).pluck() : db.prepare(sql)));
    return statement;
  };
  const prepared = <P extends unknown[], R>(sql: string) => get(sql, sql, false) as unknown as Statement<P, R>;
  return Object.assign(prepared, {
    pluck: <P extends unknown[], V>(sql: string) => get(`pluck:${sql}`, sql, true) as unknown as Statement<P, V>,
    forIteration: <P extends unknown[], R>(sql: string) => db.prepare(sql) as unknown as Statement<P, R>,
  });
}
