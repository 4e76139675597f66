/**
 * Migration 0026_proxies: people allowed to collect for a recipient, their proxy PINs (access_keys.proxy_id) and
 * notices to them (outbox.proxy_id). See test/helpers/migrations.ts.
 */
import { expect } from 'vitest';
import { keys, type Fixture, upgradeTests, t0 } from '../../helpers/migrations';

const pin = '26262627';

export const fixture: Fixture = {
  migration: '0026_proxies',
  seed(db) {
    const recipient = db
      .prepare(
        `INSERT INTO recipients (external_id, first_name, last_name, unit, created_at, updated_at) VALUES ('PROXY-26', 'Aisha', 'Rahman', '4B', ?, ?)`,
      )
      .run(t0, t0).lastInsertRowid;
    const proxy = db
      .prepare(
        `INSERT INTO proxies (recipient_id, name, phone, email, until_date, created_at, created_by, updated_at)
         VALUES (?, 'Ben Ortiz', '+14155550126', NULL, NULL, ?, 'ada', ?)`,
      )
      .run(recipient, t0, t0).lastInsertRowid;
    db.prepare(
      `INSERT INTO access_keys (recipient_id, kind, pin_hash, pin_enc, qr_hash, qr_enc, status, created_at, proxy_id)
       VALUES (?, 'permanent', ?, ?, ?, ?, 'active', ?, ?)`,
    ).run(recipient, keys.lookupHash('pin', pin), keys.seal(pin), keys.lookupHash('qr', 'qr-26'), keys.seal('qr-26'), t0, proxy);
  },
  survived(core) {
    const recipientId = core.db.prepare("SELECT id FROM recipients WHERE external_id = 'PROXY-26'").pluck().get() as number;
    const [proxy] = core.proxies.list(recipientId);
    expect(proxy).toMatchObject({ name: 'Ben Ortiz', phone: '+14155550126', active: true, hasPin: true });
    // The proxy PIN is not the recipient's own PIN, and opens nothing while nothing waits.
    expect(core.repos.accessKeys.activePermanent(recipientId)).toBeUndefined();
    core.db.prepare('UPDATE sync_node SET capturing = 0').run();
    expect(core.access.decide({ via: 'pin', secret: pin, device: 'keypad' })).toMatchObject({ result: 'denied' });
  },
  olderRows(core) {
    // Credentials and notices from before belong to recipients themselves.
    expect(core.db.prepare('SELECT count(*) FROM access_keys WHERE proxy_id IS NOT NULL').pluck().get()).toBe(
      core.db.prepare('SELECT count(*) FROM proxies').pluck().get(),
    );
    expect(core.db.prepare('SELECT count(*) FROM outbox WHERE proxy_id IS NOT NULL').pluck().get()).toBe(0);
  },
};

upgradeTests(fixture);
