/**
 * Migration 0028_sync_codes: a PIN or a carrier code stored revoked may have the number of an active one of the other
 * kind (the later of two made at two nodes, revoked by the sync rule); an active one still may not. See
 * test/helpers/migrations.ts.
 */
import { expect } from 'vitest';
import type { Core } from '../../../src/core';
import { keys, type Fixture, upgradeTests, t0 } from '../../helpers/migrations';

const code = '31415926';

export const fixture: Fixture = {
  migration: '0028_sync_codes',
  seed() {
    // Nothing to add: the migration changes two triggers, which survived() tries on rows it takes back.
  },
  survived(core) {
    // Rows written here are taken back at the end: the other fixtures' checks see the database as they left it.
    core.db.exec('SAVEPOINT migration_0028');
    try {
      carrierWithCode(core);
      check(core);
    } finally {
      core.db.exec('ROLLBACK TO migration_0028; RELEASE migration_0028');
    }
  },
  olderRows() {
    // Nothing to default: the migration changes two triggers.
  },
};

function carrierWithCode(core: Core): void {
  core.db
    .prepare(
      `INSERT INTO carrier_codes (carrier, name, pin_hash, pin_enc, days, from_minute, until_minute, status, created_at)
       VALUES ('ups', 'UPS 0028', ?, x'00', 127, 0, 1439, 'active', ?)`,
    )
    .run(keys.lookupHash('pin', code), t0);
}

function check(core: Core): void {
  const recipient = core.db
    .prepare("INSERT INTO recipients (first_name, last_name, unit, created_at, updated_at) VALUES ('Ana', 'Lopez', '1A', 0, 0)")
    .run().lastInsertRowid;
  const key = (pin: string, status: string) =>
    core.db
      .prepare(
        `INSERT INTO access_keys (recipient_id, kind, pin_hash, pin_enc, qr_hash, qr_enc, status, expires_at, created_at, ended_at)
           VALUES (?, 'single', ?, x'00', randomblob(32), randomblob(40), ?, 1, 0, 0)`,
      )
      .run(recipient, keys.lookupHash('pin', pin), status);
  const carrier = (pin: string, status: string) =>
    core.db
      .prepare(
        `INSERT INTO carrier_codes (carrier, name, pin_hash, pin_enc, days, from_minute, until_minute, status, created_at)
           VALUES ('fedex', 'FedEx', ?, x'00', 127, 0, 1439, ?, 0)`,
      )
      .run(keys.lookupHash('pin', pin), status);
  // The seeded carrier code is active: a PIN with its number is stored revoked, never active.
  expect(() => key(code, 'revoked')).not.toThrow();
  expect(() => key(code, 'active')).toThrow('PIN equals an active carrier code');
  // And the other way round.
  key('27182818', 'active');
  expect(() => carrier('27182818', 'revoked')).not.toThrow();
  expect(() => carrier('27182818', 'active')).toThrow('carrier code equals an active PIN');
}

upgradeTests(fixture);
