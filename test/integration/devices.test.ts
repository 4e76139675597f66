import { describe, expect, it } from 'vitest';
import { createSimulator } from '../../native/sim/simulator';
import { ApiError, message, messageText, type Envelope } from '../../src/contract';
import type { Core } from '../../src/core';
import { relayPulses } from '../../src/host/sim';
import { cliActor } from '../../src/services/audit/service';
import { englishAlerts, signedInAdmin, testCore } from '../helpers/core';

/** How often the device manager tries a missing device again, and asks a relay board for its state (its default). */
const retryMs = 1_000;

/**
 * Resolves once `check` holds, looking again at each door status the core sends (it sends one on every device
 * change). The device manager's retries run on the core's clock: a test advances it rather than waiting for them.
 */
function until(core: Core, check: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (check()) return resolve();
    const off = core.events.on('door.status', () => {
      if (!check()) return;
      off();
      resolve();
    });
  });
}

async function simulated() {
  const core = testCore({ env: {} });
  const sim = createSimulator(() => core.clock.now());
  await core.devices.start('sim', sim);
  await core.door.settled();
  const connected = (role: string) => core.door.status().devices.find((d) => d.role === role)?.connected ?? false;
  const { pin } = core.credentials.issuePermanent(
    cliActor,
    core.recipients.create(cliActor, { firstName: 'Ana', lastName: 'Lopez', unit: '4B' }).id,
  );
  const type = async (keys: string) => {
    sim.keypad.type(keys);
    await core.door.settled();
  };
  return { core, sim, pin, type, connected, pulses: () => relayPulses(sim.relayBoard.history) };
}

const grants = (core: Core) => core.audit.list({ limit: 100 }).items.filter((e) => e.action === 'door.granted').length;

/** The relay's row in Settings → Devices, its problem in English as the command line prints it. */
async function relayRow(core: Core) {
  const row = (await core.devices.overview()).assignments.find((a) => a.role === 'relay');
  return row && { ...row, problem: row.problem && messageText(row.problem) };
}

describe('device manager with a fake node-hid', () => {
  it('opens the assigned devices and shows them connected', async () => {
    const { core } = await simulated();
    expect(core.door.status()).toMatchObject({
      relay: 'closed',
      devices: [
        { role: 'keypad', connected: true, name: 'Packroom Simulated door keypad' },
        { role: 'reader', connected: true },
        { role: 'relay', connected: true, name: 'www.dcttech.com USBRelay2' },
      ],
    });
  });

  it('works again within 2 seconds after the keypad is unplugged and replugged', async () => {
    const { core, sim, pin, type, connected } = await simulated();
    sim.hid.unplug('sim:keypad');
    expect(connected('keypad')).toBe(false);
    await type(`${pin}#`);
    expect(grants(core)).toBe(0);
    sim.hid.replug('sim:keypad');
    // Within 2 seconds of the door's time, however long the machine takes to get there.
    core.clock.advance(2_000);
    await until(core, () => connected('keypad'));
    await type(`${pin}#`);
    expect(grants(core)).toBe(1);
  });

  it('ends a pulse even when the relay is unplugged in the middle of it, once it is back', async () => {
    const { core, sim, pin, type, connected, pulses } = await simulated();
    await type(`${pin}#`);
    expect(sim.relayBoard.states[0]).toBe(true);
    sim.hid.unplug('sim:relay');
    core.clock.advance(retryMs);
    await until(core, () => !connected('relay'));
    expect(core.door.status().relay).toBe('missing');
    core.clock.advance(5_000);
    await core.door.settled();
    sim.hid.replug('sim:relay');
    core.clock.advance(retryMs);
    await until(core, () => connected('relay'));
    await core.door.settled();
    expect(sim.relayBoard.states[0]).toBe(false);
    expect(pulses()).toEqual([expect.objectContaining({ channel: 1, closedAt: expect.any(String) })]);
  });

  it('alerts staff when the relay stays missing, but not for a quick replug', async () => {
    const { core, sim, connected } = await simulated();
    sim.hid.unplug('sim:relay');
    core.clock.advance(retryMs);
    await until(core, () => !connected('relay'));
    sim.hid.replug('sim:relay');
    core.clock.advance(retryMs);
    await until(core, () => connected('relay'));
    core.clock.advance(6_000);
    expect(core.alerts.list()).toEqual([]);
    sim.hid.unplug('sim:relay');
    core.clock.advance(retryMs);
    await until(core, () => !connected('relay'));
    core.clock.advance(6_000);
    expect(englishAlerts(core.alerts.list())).toEqual([
      expect.objectContaining({ kind: 'device.missing', message: expect.stringMatching(/door relay/) }),
    ]);
  });

  it('survives a relay handle emitting error while the door is idle, says so, and opens the door again after a replug', async () => {
    const { core, sim, pin, type, connected, pulses } = await simulated();
    // With no 'error' listener on the relay's handle this throws: in Packroom, the end of the process.
    expect(() => sim.hid.fail('sim:relay')).not.toThrow();
    sim.hid.unplug('sim:relay');
    expect(core.door.status()).toMatchObject({ relay: 'missing' });
    expect(core.door.status().devices.find((d) => d.role === 'relay')).toMatchObject({ connected: false, problem: 'disconnected' });
    const relay = await relayRow(core);
    expect(relay).toMatchObject({ connected: false, problemKind: 'disconnected', problem: expect.stringMatching(/was disconnected/) });
    core.clock.advance(6_000);
    expect(englishAlerts(core.alerts.list())).toEqual([
      expect.objectContaining({ kind: 'device.missing', message: expect.stringMatching(/door relay \(sim:relay\) was disconnected/) }),
    ]);
    sim.hid.replug('sim:relay');
    core.clock.advance(retryMs);
    await until(core, () => connected('relay'));
    await type(`${pin}#`);
    expect(pulses()).toHaveLength(1);
  });

  it.runIf(process.platform === 'linux')(
    'reports a relay it may not open (no udev rule) as a permission problem, with the fix, and opens it once allowed',
    async () => {
      const core = testCore({ env: {} });
      const sim = createSimulator(() => core.clock.now());
      sim.hid.denyAccess('sim:relay');
      await core.devices.start('sim', sim);
      const fix =
        /not allowed to open it .*Permission denied.*install build\/linux\/60-packroom\.rules, then unplug and replug the device\./;
      expect(await relayRow(core)).toMatchObject({
        connected: false,
        problemKind: 'permission-denied',
        problem: expect.stringMatching(fix),
      });
      expect(core.door.status().devices.find((d) => d.role === 'relay')).toMatchObject({ problem: 'permission-denied' });
      core.clock.advance(6_000);
      expect(englishAlerts(core.alerts.list())).toEqual([
        expect.objectContaining({ kind: 'device.permission', message: expect.stringMatching(fix) }),
      ]);
      sim.hid.denyAccess('sim:relay', false);
      core.clock.advance(retryMs);
      await until(core, () => core.door.status().relay === 'closed');
      expect(await relayRow(core)).toMatchObject({
        connected: true,
        problemKind: null,
        problem: null,
      });
    },
  );

  it('alerts when the relay does not follow a command', async () => {
    const { core, sim, pin, type } = await simulated();
    sim.relayBoard.jam(1);
    await type(`${pin}#`);
    expect(englishAlerts(core.alerts.list())).toEqual([
      expect.objectContaining({ kind: 'door.relay', message: expect.stringMatching(/did not switch on/) }),
    ]);
  });

  it('drops garbage reports without crashing or opening the door', async () => {
    const { core, sim, pin, type, pulses } = await simulated();
    for (const junk of [[1, 2, 3], [0, 0, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01], [0, 0, 0xff, 0, 0, 0, 0, 0], Array(64).fill(0xaa)]) {
      sim.keypad.sendReport(Uint8Array.from(junk));
    }
    await core.door.settled();
    expect(pulses()).toHaveLength(0);
    await type(`${pin}#`);
    expect(pulses()).toHaveLength(1);
  });

  it('keeps staff keyboards out: only the assigned keypad feeds the door', async () => {
    const { core, sim, pin, pulses } = await simulated();
    const { EmulatedKeypad } = await import('../../native/sim/fakeNodeHid');
    const staffKeyboard = new EmulatedKeypad({
      info: { productId: 0x0099, product: 'Staff keyboard', serialNumber: 'DESK' },
      keypad: false,
    });
    sim.hid.attach(staffKeyboard, 'sim:desk');
    staffKeyboard.type(`${pin}#`);
    staffKeyboard.type(['Enter']);
    await core.door.settled();
    expect(pulses()).toHaveLength(0);
  });

  it('assigns and unassigns roles, refusing a selector it cannot read, and audits it', async () => {
    const { core, connected } = await simulated();
    await expect(core.devices.assign(cliActor, 'keypad', 'the keypad')).rejects.toMatchObject({ code: 'VALIDATION', field: 'selector' });
    const after = await core.devices.unassign(cliActor, 'keypad');
    expect(after.assignments.map((a) => a.role)).toEqual(['reader', 'relay']);
    expect(connected('keypad')).toBe(false);
    const again = await core.devices.assign(cliActor, 'keypad', '1209:0001:SIM-KEYPAD');
    expect(again.devices.find((d) => d.path === 'sim:keypad')).toMatchObject({
      vidPid: '1209:0001',
      kind: 'keyboard',
      assignedRole: 'keypad',
    });
    expect(connected('keypad')).toBe(true);
    const actions = core.audit.list({ limit: 10 }).items.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['devices.assign', 'devices.unassign']));
  });

  it('says what is wrong in sentences a Spanish screen translates: a refused change, a device gone', async () => {
    const { core, sim, connected } = await simulated();
    const admin = await signedInAdmin(core);
    const spanish = (envelope: Envelope) => !envelope.ok && messageText(ApiError.fromBody(envelope.error).sentence!, 'es');

    const badSelector = await admin.call('devices.assign', { role: 'keypad', selector: 'the keypad' });
    expect(badSelector).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'selector', key: 'device.badSelector' } });
    expect(spanish(badSelector)).toMatch(/^"the keypad" no es un dispositivo: use VID:PID\[:SERIAL\] en hexadecimal/);
    await admin.ok('devices.unassign', { role: 'keypad' });
    const unassigned = await admin.call('devices.unassign', { role: 'keypad' });
    expect(unassigned).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: 'No device is assigned as the door keypad.' } });
    expect(spanish(unassigned)).toBe('No hay ningún dispositivo asignado como teclado de la puerta.');

    sim.hid.fail('sim:relay');
    sim.hid.unplug('sim:relay');
    await until(core, () => !connected('relay'));
    const relay = (await admin.ok('devices.list', {})).assignments.find((a) => a.role === 'relay')!;
    expect(relay.problem).toEqual(message('device.problem.disconnected', { role: 'relay', label: 'sim:relay' }));
    expect(messageText(relay.problem!, 'es')).toBe(
      'El relé de la puerta (sim:relay) se desconectó y no ha vuelto. Revise su cable USB y la alimentación.',
    );
  });

  it('identifies the device a person presses a key on', async () => {
    const { core, sim } = await simulated();
    // The person presses a key once Packroom listens to the reader (a second handle on it), not after a set time.
    const hidAsync = sim.hid.HIDAsync;
    const open = hidAsync.open.bind(hidAsync);
    hidAsync.open = (async (path: string) => {
      const handle = await open(path);
      if (path === 'sim:reader') handle.once('newListener', () => queueMicrotask(() => sim.reader.type('A')));
      return handle;
    }) as typeof hidAsync.open;
    expect(await core.devices.identify(5, null)).toMatchObject({ path: 'sim:reader', assignedRole: 'reader' });
  });
});

describe('other door devices', () => {
  it('reads a HID POS scanner assigned as the door reader', async () => {
    const { core, sim, pulses } = await simulated();
    const { encodeHidPosScan } = await import('../../native/hid/hidPos');
    let send: (report: Uint8Array) => void = () => undefined;
    sim.hid.attach(
      {
        info: {
          vendorId: 0x0c2e,
          productId: 0x0b87,
          manufacturer: 'Honeywell',
          product: 'Voyager 1602g',
          serialNumber: 'HP1',
          release: 1,
          interface: 1,
          usagePage: 0x8c,
          usage: 0x02,
        },
        connectInput: (s) => (send = s),
      },
      'sim:pos',
    );
    await core.devices.assign(cliActor, 'reader', '0c2e:0b87');
    const id = core.recipients.create(cliActor, { firstName: 'Bo', lastName: 'Kim', unit: '9' }).id;
    const token = core.keys.open(core.repos.accessKeys.activePermanent(id)!.qrEnc);
    for (const report of encodeHidPosScan(token)) send(report);
    await core.door.settled();
    expect(pulses()).toHaveLength(1);
  });

  it('drives a serial (LCUS) relay board assigned by port', async () => {
    const core = testCore({ env: {} });
    const sim = createSimulator(() => core.clock.now());
    const { SerialRelayDriver } = await import('../../native/relay/serialRelay');
    const { DeviceManager } = await import('../../native/devices/manager');
    const frames: string[] = [];
    const serial = new SerialRelayDriver(
      { write: async (b) => void frames.push(b.toString('hex')), close: async () => undefined },
      { id: 'lcus:/dev/ttyUSB0', channels: 4 },
    );
    const manager = new DeviceManager({
      hid: sim.hid,
      assignments: [{ role: 'relay', label: 'serial:/dev/ttyUSB0', matches: () => false, channel: 2, serialPort: '/dev/ttyUSB0' }],
      sink: {
        key: () => undefined,
        scan: () => undefined,
        relay: (d, ch) => core.door.setRelay(d, ch),
        relayState: () => undefined,
        changed: () => undefined,
        debug: () => undefined,
      },
      openSerialRelay: async () => serial,
      timers: core.clock,
    });
    await manager.start();
    core.door.openByStaff(cliActor, message('text', { text: 'test' }), null);
    core.clock.advance(5_000);
    await core.door.settled();
    await manager.stop();
    // A0 ch op checksum: off at start-up, on, off at pulse end, off again at shutdown.
    expect(frames).toEqual(['a00200a2', 'a00201a3', 'a00200a2', 'a00200a2']);
  });
});
