import type { Statement } from 'better-sqlite3';
import type { Db } from './open';

/**
 * Statements prepared on first use and kept, for what a roster import runs thousands of times: each
 * prepared statement is a native object, and collecting thousands of them made the garbage collector's
 * pauses on the door's thread several milliseconds longer. A statement that is plucked is always plucked.
 */
export function preparedOnce(db: Db): (sql: string) => Statement {
  const statements = new Map<string, Statement>();
  return (sql) => {
    let statement = statements.get(sql);
    if (!statement) statements.set(sql, (statement = db.prepare(sql)));
    return statement;
  };
}
