import type { PasswordFailures } from '../../domain/passwordAttempts';
import type { Db } from '../open';

/** Wrong staff passwords (sign-in and the lock screen) per user name, kept across restarts. */
export class LoginFailureRepository {
  constructor(private readonly db: Db) {}

  get(username: string): PasswordFailures | undefined {
    return this.db.prepare('SELECT count, until FROM login_failures WHERE username = ?').get(username) as PasswordFailures | undefined;
  }

  save(username: string, failures: PasswordFailures): void {
    this.db
      .prepare(
        'INSERT INTO login_failures (username, count, until) VALUES (?, ?, ?) ON CONFLICT (username) DO UPDATE SET count = excluded.count, until = excluded.until',
      )
      .run(username, failures.count, failures.until);
  }

  clear(username: string): void {
    this.db.prepare('DELETE FROM login_failures WHERE username = ?').run(username);
  }
}
