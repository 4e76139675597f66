/** Migration 0004_carrier_codes: Carrier codes with their weekly window, and carrier visits. See test/helpers/migrations.ts for how the upgrade is checked. */
import { expect } from 'vitest';
import { cliActor } from '../../../src/services/audit/service';
import { keys, type Fixture, upgradeTests, t0 } from '../../helpers/migrations';

const carrierCode = '70615243';

export const fixture: Fixture = {
  migration: '0004_carrier_codes',
  seed(db) {
    // Monday to Saturday (bits 1..32), 08:00 to 20:00, no end date; one visit already checked.
    db.prepare(
      `INSERT INTO carrier_codes (id, carrier, name, pin_hash, pin_enc, days, from_minute, until_minute, until_date, status, created_at, created_by)
       VALUES (1, 'ups', 'UPS', ?, ?, 63, 480, 1200, NULL, 'active', ?, 1)`,
    ).run(keys.lookupHash('pin', carrierCode), keys.seal(carrierCode), t0);
    db.prepare(
      `INSERT INTO carrier_visits (carrier_code_id, carrier, name, entered_at, checked_at, logged) VALUES (1, 'ups', 'UPS', ?, ?, 2)`,
    ).run(t0, t0 + 30 * 60_000);
  },
  survived(core) {
    expect(core.carrierCodes.list()).toEqual([
      expect.objectContaining({
        carrier: 'ups',
        name: 'UPS',
        days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'],
        from: '08:00',
        until: '20:00',
      }),
    ]);
    expect(core.carrierCodes.lookup(cliActor, 1).code).toBe(carrierCode);
    expect(core.db.prepare('SELECT count(*) FROM carrier_visits WHERE checked_at IS NULL').pluck().get()).toBe(0);
  },
  olderRows(core) {
    expect(core.carrierCodes.list()).toEqual([]);
  },
};

upgradeTests(fixture);
