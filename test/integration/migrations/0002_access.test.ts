/** Migration 0002_access: Access keys (PIN and QR, sealed), the outbox and alerts. See test/helpers/migrations.ts for how the upgrade is checked. */
import { expect } from 'vitest';
import { message, messageText, type DoorEvent } from '../../../src/contract';
import { cliActor } from '../../../src/services/audit/service';
import { keys, type Fixture, upgradeTests, t0 } from '../../helpers/migrations';

const ana = { pin: '48151623', qr: 'qr-token-ana-0001', singlePin: '90817263' };
/** A door event with its reason in English, as the audit log writes it. */
const english = (event: DoorEvent) => ({ ...event, reason: messageText(event.reason) });

export const fixture: Fixture = {
  migration: '0002_access',
  seed(db) {
    const key = db.prepare(
      `INSERT INTO access_keys (id, recipient_id, kind, pin_hash, pin_enc, qr_hash, qr_enc, status, expires_at, used_at, used_via, created_at, created_by, ended_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const sealed = (pin: string, qr: string) =>
      [keys.lookupHash('pin', pin), keys.seal(pin), keys.lookupHash('qr', qr), keys.seal(qr)] as const;
    key.run(1, 1, 'permanent', ...sealed(ana.pin, ana.qr), 'active', null, null, null, t0, 1, null);
    key.run(2, 1, 'single', ...sealed(ana.singlePin, 'qr-single-ana'), 'used', t0 + 86_400_000, t0 + 60_000, 'pin', t0, 1, t0 + 60_000);
    const outbox = db.prepare(
      `INSERT INTO outbox (channel, recipient_id, access_key_id, template, destination, status, attempts, next_attempt_at, last_error, provider_id, created_at, sent_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    outbox.run('email', 1, 1, 'permanent', 'ana@example.com', 'sent', 1, t0, null, '<m1@example.com>', t0, t0 + 1_000);
    outbox.run('sms', 1, 2, 'single', '+15551230001', 'failed', 6, t0, 'Twilio said 21211', null, t0, null);
    db.prepare("INSERT INTO alerts (at, kind, message) VALUES (?, 'door.lockout', 'The keypad is locked after 5 wrong PINs.')").run(t0);
  },
  survived(core) {
    expect(english(core.access.decide({ via: 'pin', secret: ana.pin, device: 'keypad' }))).toMatchObject({
      result: 'granted',
      reason: 'PIN',
    });
    expect(english(core.access.decide({ via: 'qr', secret: ana.qr, device: 'reader' }))).toMatchObject({
      result: 'granted',
      reason: 'QR code',
    });
    expect(core.access.decide({ via: 'pin', secret: ana.singlePin, device: 'keypad' })).toMatchObject({ result: 'denied' });
    // The sealed copy decrypts with the same data key: staff can still look the PIN up.
    expect(core.credentials.lookupPin(cliActor, 1).pin).toBe(ana.pin);
    expect(core.notifications.forRecipient(1)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ channel: 'email', status: 'sent', destination: 'ana@example.com' }),
        expect.objectContaining({
          channel: 'sms',
          status: 'failed',
          attempts: 6,
          lastError: message('text', { text: 'Twilio said 21211' }),
        }),
      ]),
    );
    expect(core.alerts.list()).toEqual([expect.objectContaining({ kind: 'door.lockout' })]);
  },
  olderRows(core) {
    // Recipients from before access keys existed have none (and open nothing) until staff issue one.
    for (const { id } of core.recipients.search({ query: '', status: 'all', limit: 200, offset: 0 }).items) {
      expect(core.credentials.overview(id)).toMatchObject({ permanent: null, singleAccess: [], notifications: [] });
    }
    expect(core.access.decide({ via: 'pin', secret: ana.pin, device: 'keypad' })).toMatchObject({ result: 'denied' });
    expect(core.alerts.list()).toEqual([]);
  },
};

upgradeTests(fixture);
