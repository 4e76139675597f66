/** Migration 0018_sync_access: a uid per credential, and every node's uses of a Single Access PIN. See test/helpers/migrations.ts. */
import { expect } from 'vitest';
import { keys, type Fixture, upgradeTests, t0 } from '../../helpers/migrations';

const uid = 'd'.repeat(32);
const pin = '18181818';
/** Its expiry: after any day this test runs on (the core's clock is the real time). */
const far = Date.UTC(2100, 0, 1);

export const fixture: Fixture = {
  migration: '0018_sync_access',
  seed(db) {
    const recipient = db
      .prepare(
        `INSERT INTO recipients (external_id, first_name, last_name, unit, created_at, updated_at) VALUES ('ACCESS-18', 'Ada', 'Access', '18A', ?, ?)`,
      )
      .run(t0, t0).lastInsertRowid;
    db.prepare(
      `INSERT INTO access_keys (recipient_id, kind, pin_hash, pin_enc, qr_hash, qr_enc, status, expires_at, created_at, uid)
       VALUES (?, 'single', ?, ?, ?, ?, 'active', ?, ?, ?)`,
    ).run(recipient, keys.lookupHash('pin', pin), keys.seal(pin), keys.lookupHash('qr', 'qr-18'), keys.seal('qr-18'), far, t0, uid);
  },
  survived(core) {
    expect(core.db.prepare('SELECT uid FROM access_keys WHERE uid = ?').pluck().get(uid)).toBe(uid);
    // A single PC (an earlier fixture switched capture on to test it).
    core.db.prepare('UPDATE sync_node SET capturing = 0').run();
    expect(core.access.decide({ via: 'pin', secret: pin, device: 'keypad' })).toMatchObject({ result: 'granted' });
    // Sync is off until `packroom site init`: the use is the key's alone, captured nowhere.
    expect(core.db.prepare('SELECT status FROM access_keys WHERE uid = ?').pluck().get(uid)).toBe('used');
    expect(core.db.prepare('SELECT count(*) FROM sync_outbox WHERE uid = ?').pluck().get(uid)).toBe(0);
    expect(core.db.prepare('SELECT count(*) FROM access_key_uses').pluck().get()).toBe(0);
  },
  olderRows(core) {
    // Every credential from before gets its own uid; nothing staff see changes.
    const uids = core.db.prepare('SELECT uid FROM access_keys WHERE uid IS NOT ?').pluck().all(uid) as (string | null)[];
    for (const value of uids) expect(value).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(uids).size).toBe(uids.length);
  },
};

upgradeTests(fixture);
