import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { createSimulator } from '../../native/sim/simulator';
import { type Core } from '../../src/core';
import { cliActor } from '../../src/services/audit/service';
import { adminPassword, signedInAdmin, testCore } from '../helpers/core';
import { startSmtpServer } from '../helpers/smtpServer';
import { startTwilioFake } from '../helpers/twilioFake';

const minute = 60_000;
const day = 86_400_000;
const ups = '1Z999AA10123456784';
const amazon = 'TBA123456789012';

let cores: Core[] = [];
afterEach(async () => {
  await Promise.all(cores.map((c) => c.close()));
  cores = [];
});

/** A desk with real SMTP and the Twilio fake, the simulated door, and Aisha Rahman (4B), who can be reached by email. */
async function desk() {
  const mailbox = await startSmtpServer();
  onTestFinished(() => mailbox.close());
  const twilio = await startTwilioFake();
  onTestFinished(() => twilio.close());
  const core = testCore({
    env: {
      PACKROOM_SMTP_URL: mailbox.url,
      PACKROOM_MAIL_FROM: 'Desk <desk@example.test>',
      PACKROOM_TWILIO_ACCOUNT_SID: twilio.accountSid,
      PACKROOM_TWILIO_AUTH_TOKEN: twilio.authToken,
      PACKROOM_TWILIO_FROM: '+14155550100',
      PACKROOM_TWILIO_API_URL: twilio.url,
    },
  });
  cores.push(core);
  const sim = createSimulator(() => core.clock.now());
  await core.devices.start('sim', sim);
  await core.door.settled();
  core.start();
  const staff = await signedInAdmin(core);
  const aisha = core.recipients.create(cliActor, {
    firstName: 'Aisha',
    lastName: 'Rahman',
    unit: '4B',
    email: 'aisha@example.com',
    phone: null,
  });
  await core.notifications.drain();
  const before = mailbox.messages.length;
  const mail = () => mailbox.messages.slice(before);
  const type = async (keys: string) => {
    sim.keypad.type(keys);
    await core.door.settled();
    await core.packages.settled();
  };
  const later = async (ms: number) => {
    core.clock.advance(ms);
    await staff.ok('auth.unlock', { password: adminPassword });
  };
  const addBen = () =>
    staff.ok('proxies.add', { recipientId: aisha.id, name: 'Ben Ortiz', phone: '(415) 555-0142', email: 'ben@example.com' });
  return { core, sim, staff, aisha, mail, twilio, type, later, addBen };
}

const doorEntries = (core: Core) =>
  core.audit
    .list({ limit: 50 })
    .items.filter((e) => e.action.startsWith('door.'))
    .map((e) => ({ action: e.action, reason: e.details?.reason }));

describe('proxies: people allowed to collect', () => {
  it('tells the recipient and the proxy of a package, the proxy "for Aisha Rahman, 4B", one notice each', async () => {
    const { core, staff, aisha, mail, twilio, later, addBen } = await desk();
    const ben = await addBen();
    expect(ben).toMatchObject({ name: 'Ben Ortiz', phone: '+14155550142', email: 'ben@example.com', active: true, hasPin: false });
    await staff.ok('packages.log', { tracking: ups, carrier: 'ups', recipientId: aisha.id });
    await staff.ok('packages.log', { tracking: amazon, carrier: 'amazon', recipientId: aisha.id });
    await later(11 * minute);
    await core.notifications.drain();

    const to = (address: string) => mail().filter((m) => JSON.stringify(m.to).includes(address));
    expect(to('aisha@example.com')).toHaveLength(1);
    expect(to('ben@example.com')).toHaveLength(1);
    const benMail = to('ben@example.com')[0]!;
    expect(benMail.subject).toBe('2 packages for Aisha Rahman at Package Room');
    expect(benMail.text).toContain('Hi Ben Ortiz,');
    expect(benMail.text).toContain('for Aisha Rahman, 4B');
    // Never the recipient's own PIN.
    expect(benMail.text).not.toContain('PIN:');
    expect(twilio.messages.map((m) => ({ to: m.to, body: m.body }))).toEqual([
      { to: '+14155550142', body: expect.stringContaining('for Aisha Rahman (4B)') },
    ]);
  });

  it('writes the proxy notice in the recipient language when it is Spanish', async () => {
    const { core, staff, mail, later } = await desk();
    const lucia = core.recipients.create(cliActor, {
      firstName: 'Lucía',
      lastName: 'Pérez',
      unit: '9A',
      email: null,
      phone: null,
      language: 'es',
    });
    await staff.ok('proxies.add', { recipientId: lucia.id, name: 'Marta Gil', email: 'marta@example.com' });
    await staff.ok('packages.log', { tracking: ups, carrier: 'ups', recipientId: lucia.id });
    await later(11 * minute);
    await core.notifications.drain();
    expect(mail().map((m) => m.text)).toEqual([expect.stringContaining('espera en la sala de paquetes para Lucía Pérez, 9A')]);
  });

  it('opens the door with a proxy PIN only while packages wait, and records who collected for whom', async () => {
    const { core, staff, aisha, sim, type, twilio, addBen } = await desk();
    const ben = await addBen();
    const issued = await staff.ok('proxies.issuePin', { id: ben.id });
    expect(issued.notifications.map((n) => n.channel)).toEqual(['email', 'sms']);
    await core.notifications.drain();
    expect(twilio.messages.at(-1)!.body).toContain(issued.pin);
    expect((await staff.ok('proxies.list', { recipientId: aisha.id }))[0]).toMatchObject({ hasPin: true });

    // Nothing waiting: refused, and Activity says why.
    await type(`${issued.pin}#`);
    expect(sim.relayBoard.states[0]).not.toBe(true);
    expect(doorEntries(core)[0]).toEqual({ action: 'door.denied', reason: 'Proxy PIN — nothing waiting for Aisha Rahman' });

    await staff.ok('packages.log', { tracking: ups, carrier: 'ups', recipientId: aisha.id });
    await type(`${issued.pin}#`);
    expect(sim.relayBoard.states[0]).toBe(true);
    expect(doorEntries(core)[0]).toEqual({ action: 'door.granted', reason: 'Proxy PIN: Ben Ortiz for Aisha Rahman' });
    const picked = await staff.ok('packages.list', { status: 'picked_up' });
    expect(picked.items[0]!.pickup).toMatchObject({ via: 'door', credential: 'pin', collectedBy: 'Ben Ortiz' });
    const pickup = core.audit.list({ limit: 10 }).items.find((e) => e.action === 'package.picked_up');
    expect(pickup?.details).toMatchObject({ collectedBy: 'Ben Ortiz' });

    // Collected: nothing waits any more, so the same PIN is refused again.
    await type(`${issued.pin}#`);
    expect(doorEntries(core)[0]).toMatchObject({ action: 'door.denied' });
  });

  it('stops the proxy PIN when the proxy is revoked, and after the last day', async () => {
    const { core, staff, aisha, type, addBen } = await desk();
    await staff.ok('packages.log', { tracking: ups, carrier: 'ups', recipientId: aisha.id });
    const ben = await addBen();
    const { pin } = await staff.ok('proxies.issuePin', { id: ben.id });
    await staff.ok('proxies.revoke', { id: ben.id });
    expect(await staff.ok('proxies.list', { recipientId: aisha.id })).toEqual([
      expect.objectContaining({ active: false, hasPin: false, revokedBy: 'ada' }),
    ]);
    await type(`${pin}#`);
    // Revoking revoked the PIN itself: the door no longer knows it.
    expect(doorEntries(core)[0]).toEqual({ action: 'door.denied', reason: 'PIN no longer valid (replaced or revoked)' });
    const again = await staff.call('proxies.revoke', { id: ben.id });
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(core.audit.list({ limit: 20 }).items.map((e) => e.action)).toEqual(
      expect.arrayContaining(['proxy.added', 'proxy.pin_issued', 'proxy.revoked']),
    );

    // Until a day: the PIN works through that day, not after.
    const today = new Date(core.clock.now());
    const untilDate = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
    const cleo = await staff.ok('proxies.add', { recipientId: aisha.id, name: 'Cleo Diaz', untilDate });
    const cleoPin = (await staff.ok('proxies.issuePin', { id: cleo.id })).pin;
    core.clock.advance(2 * day);
    await staff.ok('auth.unlock', { password: adminPassword });
    await type(`${cleoPin}#`);
    expect(doorEntries(core)[0]).toEqual({
      action: 'door.denied',
      reason: 'Proxy PIN of Cleo Diaz — past the last day allowed to collect for Aisha Rahman',
    });
    expect(await staff.call('proxies.issuePin', { id: cleo.id })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('gives every proxy PIN a PIN no other PIN or carrier code has, and never replaces the recipient PIN with it', async () => {
    const { core, staff, aisha, addBen } = await desk();
    const own = core.repos.accessKeys.activePermanent(aisha.id);
    const ben = await addBen();
    const { pin } = await staff.ok('proxies.issuePin', { id: ben.id });
    // The recipient's own PIN is untouched; issuing the recipient a new one leaves the proxy's alone.
    expect(core.repos.accessKeys.activePermanent(aisha.id)?.id).toBe(own?.id);
    await staff.ok('access.regenerate', { recipientId: aisha.id });
    expect(core.repos.accessKeys.isPinActive(core.keys.lookupHash('pin', pin))).toBe(true);
    // A clash is refused by the one index every PIN shares: the same HMAC cannot be active twice.
    const key = core.repos.proxies.activeKey(ben.id)!;
    expect(() =>
      core.db
        .prepare(
          `INSERT INTO access_keys (recipient_id, kind, pin_hash, pin_enc, qr_hash, qr_enc, created_at) VALUES (?, 'permanent', ?, ?, ?, ?, 1)`,
        )
        .run(aisha.id, core.keys.lookupHash('pin', pin), key.pinEnc, Buffer.alloc(32, 7), key.pinEnc),
    ).toThrow(/UNIQUE/);
    // And the PIN is drawn free of every active PIN: the look-up the draw uses says so.
    expect(core.keys.open(key.pinEnc)).toBe(pin);
  });

  it('refuses a proxy without a name, a bad phone, a last day in the past, and one of another recipient at hand-over', async () => {
    const { core, staff, aisha, addBen } = await desk();
    const noName = await staff.call('proxies.add', { recipientId: aisha.id, name: '  ' });
    expect(noName).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', field: 'name', message: 'Enter the name of the person allowed to collect.' },
    });
    expect(await staff.call('proxies.add', { recipientId: aisha.id, name: 'Ben', phone: '12' })).toMatchObject({
      ok: false,
      error: { field: 'phone' },
    });
    expect(await staff.call('proxies.add', { recipientId: aisha.id, name: 'Ben', untilDate: '2001-01-01' })).toMatchObject({
      ok: false,
      error: { field: 'untilDate' },
    });
    expect(await staff.ok('proxies.list', { recipientId: aisha.id })).toEqual([]);

    // Hand-over at the desk: the proxy by name, recorded as who collected it.
    const ben = await addBen();
    const bo = core.recipients.create(cliActor, { firstName: 'Bo', lastName: 'Park', unit: '7C', email: null, phone: null });
    const hers = await staff.ok('packages.log', { tracking: ups, carrier: 'ups', recipientId: aisha.id });
    const his = await staff.ok('packages.log', { tracking: amazon, carrier: 'amazon', recipientId: bo.id });
    expect(await staff.call('packages.handOver', { id: his.id, proxyId: ben.id })).toMatchObject({
      ok: false,
      error: { field: 'proxyId' },
    });
    const handed = await staff.ok('packages.handOver', { id: hers.id, proxyId: ben.id });
    expect(handed.pickup).toMatchObject({ via: 'desk', collectedBy: 'Ben Ortiz', handedOverBy: 'ada' });
  });
});
