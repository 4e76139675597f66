import type { PasswordFailures } from '../../domain/passwordAttempts';
import type { Db } from '../open';
import { statements, type Statements } from '../prepared';
import type { Row } from '../rows';

/** Wrong staff passwords (sign-in and the lock screen) per user name, kept across restarts. */
export class LoginFailureRepository {
  private readonly sql: Statements;

  constructor(db: Db) {
    this.sql = statements(db);
  }

  get(username: string): PasswordFailures | undefined {
    const row = this.sql<[string], Pick<Row<'login_failures'>, 'count' | 'until'>>(
      'SELECT count, until FROM login_failures WHERE username = ?',
    ).get(username);
    return row && { count: row.count, until: row.until };
  }

  save(username: string, failures: PasswordFailures): void {
    this.sql<[string, number, number]>(
      'INSERT INTO login_failures (username, count, until) VALUES (?, ?, ?) ON CONFLICT (username) DO UPDATE SET count = excluded.count, until = excluded.until',
    ).run(username, failures.count, failures.until);
  }

  clear(username: string): void {
    this.sql<[string]>('DELETE FROM login_failures WHERE username = ?').run(username);
  }
}
