import { describe, expect, it } from 'vitest';
import { cliActor } from '../../src/services/audit/service';
import { fingerprintNow, rosterFingerprint } from '../../src/services/roster/fingerprint';
import { testCore } from '../helpers/core';

describe("the roster's fingerprint (what makes a preview stale)", () => {
  it('stays the same while nothing changes, and changes when any recipient is written or added, however many there are', () => {
    const core = testCore();
    const insert = core.db.prepare(
      "INSERT INTO recipients (external_id, first_name, last_name, unit, created_at, updated_at) VALUES (?, 'First', 'Last', '1', 1, 1)",
    );
    core.db.transaction(() => {
      for (let i = 0; i < 25_000; i += 1) insert.run(`t${i}`);
    })();
    const fingerprint = () => fingerprintNow(rosterFingerprint(core.repos.recipients));
    const before = fingerprint();
    expect(fingerprint()).toBe(before);

    const steps = rosterFingerprint(core.repos.recipients);
    let breaks = 0;
    for (let step = steps.next(); !step.done; step = steps.next()) breaks += 1;
    expect(breaks).toBeGreaterThan(1);

    // In the last range of ids the fingerprint reads.
    core.recipients.update(cliActor, 24_001, { firstName: 'Changed', lastName: 'Last', unit: '1', email: null, phone: null });
    const edited = fingerprint();
    expect(edited).not.toBe(before);

    core.recipients.create(cliActor, { firstName: 'Hand', lastName: 'Added', unit: '2', email: null, phone: null });
    expect(fingerprint()).not.toBe(edited);
  });
});
