import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSimulator } from '../../native/sim/simulator';
import { describeDoorEvent } from '../../renderer/door/describeDoorEvent';
import { i18n } from '../../renderer/i18n';
import { ApiError, formats, message, messageText, type DoorEvent } from '../../src/contract';
import type { Core } from '../../src/core';
import { relayPulses } from '../../src/host/sim';
import { cliActor } from '../../src/services/audit/service';
import { signedInAdmin, testCore } from '../helpers/core';

async function door(env: Record<string, string> = {}) {
  const core = testCore({ env: { PACKROOM_DOOR_PULSE_SECONDS: '5', ...env } });
  const sim = createSimulator(() => core.clock.now());
  await core.devices.start('sim', sim);
  await core.door.settled();
  const pulses = () => relayPulses(sim.relayBoard.history);
  const type = async (keys: string) => {
    sim.keypad.type(keys);
    await core.door.settled();
  };
  const scan = async (text: string) => {
    sim.reader.type([...text, 'Enter'] as never);
    await core.door.settled();
  };
  return { core, sim, pulses, type, scan };
}

function recipient(core: Core, fields: Partial<{ email: string; phone: string }> = {}) {
  const r = core.recipients.create(cliActor, {
    firstName: 'Ana',
    lastName: 'Lopez',
    unit: '4B',
    email: fields.email ?? 'ana@example.com',
    phone: fields.phone ?? '(415) 555-0123',
  });
  return r.id;
}

const inAnHour = (core: Core) => new Date(core.clock.now() + 3_600_000).toISOString();

describe('the door', () => {
  it('opens for a permanent PIN with one pulse that ends after the configured time', async () => {
    const { core, pulses, type, sim } = await door();
    const { pin } = core.credentials.issuePermanent(cliActor, recipient(core));
    await type(`${pin}#`);
    expect(pulses()).toHaveLength(1);
    expect(sim.relayBoard.states[0]).toBe(true);
    core.clock.advance(5_000);
    await core.door.settled();
    expect(sim.relayBoard.states[0]).toBe(false);
    const [pulse] = pulses();
    expect(Date.parse(pulse!.closedAt!) - Date.parse(pulse!.openedAt)).toBeGreaterThanOrEqual(5_000);
    await type(`${pin}#`);
    expect(pulses()).toHaveLength(2);
  });

  it('opens exactly once for a Single Access PIN, then denies it', async () => {
    const { core, pulses, type } = await door();
    const id = recipient(core);
    const issued = core.credentials.sendSingleAccessPin(cliActor, { recipientId: id, notifyVia: 'both', expiresAt: inAnHour(core) });
    // Nothing is set up in this core: staff are told the messages will not arrive.
    expect(issued.notifications).toEqual([
      { channel: 'email', destination: 'ana@example.com', ready: false },
      { channel: 'sms', destination: '+14155550123', ready: false },
    ]);
    const changed: number[] = [];
    core.events.on('access.changed', (e) => changed.push(e.recipientId));
    await type(`${issued.pin}#`);
    expect(changed).toEqual([id]);
    core.clock.advance(6_000);
    await type(`${issued.pin}#`);
    expect(pulses()).toHaveLength(1);
    const actions = core.audit
      .list({ limit: 10 })
      .items.filter((e) => e.actor === 'door')
      .map((e) => [e.action, e.details?.reason]);
    expect(actions).toEqual([
      ['door.denied', 'Single Access PIN already used'],
      ['door.granted', 'Single Access PIN (now used)'],
    ]);
    expect(core.credentials.overview(id).singleAccess[0]).toMatchObject({ status: 'used', usedVia: 'pin' });
  });

  it('never lets one Single Access PIN in twice, even typed on two keypads at once', async () => {
    const { core, pulses } = await door();
    const { pin } = core.credentials.sendSingleAccessPin(cliActor, {
      recipientId: recipient(core),
      notifyVia: 'email',
      expiresAt: inAnHour(core),
    });
    for (const digit of pin) {
      core.door.keypadKey('keypad-a', digit);
      core.door.keypadKey('keypad-b', digit);
    }
    core.door.keypadKey('keypad-a', '#');
    core.door.keypadKey('keypad-b', 'Enter');
    await core.door.settled();
    expect(pulses()).toHaveLength(1);
  });

  it('denies a Single Access PIN after it expires (the clock moved forward)', async () => {
    const { core, pulses, type } = await door();
    const id = recipient(core);
    const { pin } = core.credentials.sendSingleAccessPin(cliActor, { recipientId: id, notifyVia: 'sms', expiresAt: inAnHour(core) });
    core.clock.advance(3_600_001);
    await type(`${pin}#`);
    expect(pulses()).toHaveLength(0);
    expect(core.audit.list({ limit: 1 }).items[0]).toMatchObject({
      action: 'door.denied',
      details: { reason: 'Single Access PIN expired' },
    });
    expect(core.credentials.overview(id).singleAccess[0]?.status).toBe('expired');
  });

  it('opens for the QR code from the reader, and not for the PIN typed as a QR code', async () => {
    const { core, pulses, scan } = await door();
    const id = recipient(core);
    const { pin } = core.credentials.issuePermanent(cliActor, id);
    const token = core.keys.open(core.repos.accessKeys.activePermanent(id)!.qrEnc);
    expect(token).toMatch(/^[\w-]{22}$/);
    await scan(pin);
    expect(pulses()).toHaveLength(0);
    await scan(token);
    expect(pulses()).toHaveLength(1);
  });

  it('locks a deactivated recipient out at once, and a reactivated one gets new credentials', async () => {
    const { core, pulses, type } = await door();
    const id = recipient(core);
    const { pin } = core.credentials.issuePermanent(cliActor, id);
    core.recipients.setStatus(cliActor, id, 'inactive');
    await type(`${pin}#`);
    core.recipients.setStatus(cliActor, id, 'active');
    await type(`${pin}#`);
    expect(pulses()).toHaveLength(0);
    expect(core.credentials.overview(id).permanent).not.toBeNull();
  });

  it('clears a partial entry on * and ignores keys typed before it', async () => {
    const { core, pulses, type } = await door();
    const { pin } = core.credentials.issuePermanent(cliActor, recipient(core));
    await type(`99*${pin}#`);
    expect(pulses()).toHaveLength(1);
  });

  it('stores no PIN or QR token in the database file', async () => {
    const { core } = await door();
    const id = recipient(core);
    const { pin } = core.credentials.issuePermanent(cliActor, id);
    const token = core.keys.open(core.repos.accessKeys.activePermanent(id)!.qrEnc);
    core.db.pragma('wal_checkpoint(TRUNCATE)');
    const file = core.db.name;
    const bytes = Buffer.concat([readFileSync(file), readFileSync(join(file, '..', 'packroom.db-wal'), { flag: 'a+' })]).toString('latin1');
    expect(bytes).not.toContain(pin);
    expect(bytes).not.toContain(token);
  });
});

describe('the door status', () => {
  it('says no relay is set up on a fresh install, and missing once an assigned relay is unplugged', async () => {
    const fresh = testCore();
    await fresh.devices.start('none');
    expect(fresh.door.status()).toMatchObject({ relay: 'none', devices: [] });

    const { core, sim } = await door();
    expect(core.door.status().relay).toBe('closed');
    // Pulled out while in use: the board's handle fails, as a USB device's does.
    sim.hid.fail('sim:relay');
    sim.hid.unplug('sim:relay');
    await core.door.settled();
    expect(core.door.status()).toMatchObject({
      relay: 'missing',
      devices: expect.arrayContaining([expect.objectContaining({ role: 'relay', connected: false })]),
    });
  });
});

describe('brute force at the keypad', () => {
  it('alerts staff after repeated wrong PINs, then locks the keypad out; staff can still open the door', async () => {
    const { core, pulses, type } = await door();
    const { pin } = core.credentials.issuePermanent(cliActor, recipient(core));
    for (let i = 0; i < 6; i++) await type('38150927#');
    expect(core.alerts.list()).toEqual([expect.objectContaining({ kind: 'door.failures' })]);
    await type(`${pin}#`);
    expect(pulses()).toHaveLength(0);
    expect(core.audit.list({ limit: 1 }).items[0]).toMatchObject({ action: 'door.locked_out' });
    expect(core.door.status().keypadLockedUntil).not.toBeNull();

    core.door.openByStaff({ staffId: null, label: 'ada' }, message('text', { text: 'Resident locked out, ID checked' }), null);
    await core.door.settled();
    expect(pulses()).toHaveLength(1);
    expect(core.audit.list({ limit: 5 }).items.find((e) => e.action === 'door.opened_by_staff')).toMatchObject({
      actor: 'ada',
      details: { reason: 'Resident locked out, ID checked' },
    });

    core.clock.advance(31_000);
    await type(`${pin}#`);
    expect(pulses()).toHaveLength(2);
  });
});

describe('door events on a Spanish screen', () => {
  afterEach(() => i18n.changeLanguage('en'));

  /** Door events as a screen receives them: JSON over the transport. */
  function received(core: Core): DoorEvent[] {
    const events: DoorEvent[] = [];
    core.events.on('door.event', (e) => events.push(JSON.parse(JSON.stringify(e)) as DoorEvent));
    return events;
  }

  it('say why the door stayed closed in the screen language, while the audit log keeps the English', async () => {
    const { core, type } = await door();
    const events = received(core);
    await type('20481937#');
    const [denied] = events;
    expect(denied!.reason).toEqual(message('door.reason.unknownPin'));
    expect([messageText(denied!.reason), messageText(denied!.reason, 'es')]).toEqual(['Unknown PIN', 'PIN desconocido']);
    expect(core.audit.list({ limit: 1 }).items[0]).toMatchObject({ action: 'door.denied', details: { reason: 'Unknown PIN' } });

    expect(describeDoorEvent(denied!)).toMatchObject({ title: 'Door stayed closed', text: 'Unknown PIN (PIN at the keypad)' });
    await i18n.changeLanguage('es');
    expect(describeDoorEvent(denied!)).toMatchObject({ title: 'La puerta siguió cerrada', text: 'PIN desconocido (PIN en el teclado)' });
  });

  it('say until when the keypad is locked, in the time format of the screen language', async () => {
    const { core, type } = await door();
    const { pin } = core.credentials.issuePermanent(cliActor, recipient(core));
    for (let i = 0; i < 6; i++) await type('38150927#');
    const events = received(core);
    await type(`${pin}#`);
    const [locked] = events;
    const until = core.access.keypadLockedUntil()!;
    expect(locked).toMatchObject({ result: 'locked-out', reason: message('door.reason.lockedOut', { until }) });
    const time = (language: string) => formats.time(until, language);
    expect(messageText(locked!.reason)).toBe(`Too many wrong tries: locked until ${time('en')}`);
    await i18n.changeLanguage('es');
    expect(describeDoorEvent(locked!)).toMatchObject({
      title: 'Teclado bloqueado',
      text: `Demasiados intentos incorrectos: bloqueado hasta las ${time('es')} (PIN en el teclado)`,
    });
  });

  it("keep staff's own reason as they typed it, and translate the core's (a relay test)", async () => {
    const { core } = await door();
    const admin = await signedInAdmin(core);
    const events = received(core);
    await admin.ok('door.open', { reason: 'Mensajero con un paquete grande' });
    await admin.ok('devices.testRelay', {});
    expect(events.map((e) => e.reason)).toEqual([
      message('text', { text: 'Mensajero con un paquete grande' }),
      message('door.reason.relayTest'),
    ]);
    expect(events.map((e) => messageText(e.reason, 'es'))).toEqual([
      'Mensajero con un paquete grande',
      'Prueba del relé desde Configuración → Dispositivos',
    ]);
    const reasons = core.audit
      .list({ limit: 5 })
      .items.filter((e) => e.action === 'door.opened_by_staff')
      .map((e) => e.details?.reason);
    expect(reasons).toEqual(['Relay test from Settings → Devices', 'Mensajero con un paquete grande']);
  });

  it('refuse a reset of an unlocked keypad with a sentence the screen translates', async () => {
    const { core } = await door();
    const admin = await signedInAdmin(core);
    const refused = await admin.call('door.resetLockout', { reason: 'Testing' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT', key: 'door.notLockedOut' } });
    const sentence = !refused.ok && ApiError.fromBody(refused.error).sentence;
    expect(sentence && messageText(sentence, 'es')).toBe('El teclado no está bloqueado, así que no hay nada que desbloquear.');
  });
});

describe('Single Access PIN Request at the keypad', () => {
  const outbox = (core: Core) => core.db.prepare('SELECT channel, template, destination FROM outbox WHERE template = ?').all('pin_request');

  it('sends a new one-time PIN by text to the number on file when the site allows it', async () => {
    const { core, type } = await door({ PACKROOM_SINGLE_ACCESS_PIN_REQUEST: 'true' });
    recipient(core);
    await type('*4155550123#');
    expect(outbox(core)).toEqual([{ channel: 'sms', template: 'pin_request', destination: '+14155550123' }]);
    expect(core.audit.list({ limit: 5 }).items.find((e) => e.action === 'door.pin_request')).toMatchObject({
      details: { outcome: 'sent' },
    });
  });

  it('does nothing visible for an unknown number, and limits requests per number', async () => {
    const { core, type, pulses } = await door({ PACKROOM_SINGLE_ACCESS_PIN_REQUEST: 'true' });
    recipient(core);
    await type('*2125550199#');
    for (let i = 0; i < 5; i++) await type('*4155550123#');
    expect(outbox(core)).toHaveLength(3);
    expect(pulses()).toHaveLength(0);
    const outcomes = core.audit
      .list({ limit: 20 })
      .items.filter((e) => e.action === 'door.pin_request')
      .map((e) => e.details?.outcome);
    expect(outcomes.filter((o) => o === 'no match')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'rate-limited')).toHaveLength(2);
  });

  it('is off by default: * phone # is just a wrong PIN', async () => {
    const { core, type } = await door();
    recipient(core);
    await type('*4155550123#');
    expect(outbox(core)).toHaveLength(0);
    expect(core.audit.list({ limit: 1 }).items[0]).toMatchObject({ action: 'door.denied' });
  });
});
