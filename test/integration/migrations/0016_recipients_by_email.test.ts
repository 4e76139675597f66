/** Migration 0016_recipients_by_email: An index for the duplicate check on email. See test/helpers/migrations.ts for how the upgrade is checked. */
import { expect } from 'vitest';
import { duplicateOf } from '../../../src/contract';
import { cliActor } from '../../../src/services/audit/service';
import { type Fixture, upgradeTests, t0 } from '../../helpers/migrations';

export const fixture: Fixture = {
  migration: '0016_recipients_by_email',
  seed(db) {
    db.prepare(
      `INSERT INTO recipients (first_name, last_name, unit, email, status, created_at, updated_at)
       VALUES ('Ruth', 'O''Neill', '7C', 'ruth.oneill@example.com', 'active', ?, ?)`,
    ).run(t0, t0);
  },
  survived(core) {
    const ruth = core.repos.recipients.activeByEmail('ruth.oneill@example.com');
    expect(ruth).toMatchObject({ firstName: 'Ruth', lastName: "O'Neill", unit: '7C' });
    let refusal: unknown;
    try {
      core.recipients.create(cliActor, { firstName: 'R.', lastName: 'Oneill', unit: '8A', email: 'ruth.oneill@example.com' });
    } catch (error) {
      refusal = error;
    }
    expect(duplicateOf(refusal)).toEqual({ id: ruth!.id, name: "Ruth O'Neill", unit: '7C', kind: 'email' });
  },
  olderRows(core) {
    // Every active recipient from before with an address is found by it.
    const emails = core.db.prepare("SELECT email FROM recipients WHERE status = 'active' AND email IS NOT NULL").pluck().all() as string[];
    for (const email of emails) expect(core.repos.recipients.activeByEmail(email)?.email).toBe(email);
  },
};

upgradeTests(fixture);
