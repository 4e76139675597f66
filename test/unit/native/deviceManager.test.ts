/**
 * The device manager on the fake node-hid bus: each way a door device fails comes out as its own
 * kind in the status, and a device recovers from each once the cause is gone.
 */
import type { Device } from 'node-hid';
import { describe, expect, it, onTestFinished } from 'vitest';
import { DeviceManager, type Assignment, type DeviceSink } from '../../../native/devices/manager';
import type { RelayDriver } from '../../../native/relay/types';
import { EmulatedKeypad, FakeNodeHid } from '../../../native/sim/fakeNodeHid';
import { SimulatedRelayBoard } from '../../../native/sim/relayBoard';

const retryMs = 10;

async function until(check: () => boolean, ms = 2_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

const at =
  (path: string) =>
  (d: Device): boolean =>
    d.path === path;

function rig(assign: (hid: FakeNodeHid) => Assignment[]) {
  const hid = new FakeNodeHid();
  const keypad = new EmulatedKeypad();
  const board = new SimulatedRelayBoard({ boardId: 'DOOR1', channels: 2 });
  hid.attach(keypad, 'usb:keypad');
  hid.attach(board, 'usb:relay');
  const relays: (RelayDriver | null)[] = [];
  const keys: string[] = [];
  const sink: DeviceSink = {
    key: (_role, key) => void keys.push(key),
    scan: () => undefined,
    relay: (driver) => void relays.push(driver),
    relayState: () => undefined,
    changed: () => undefined,
    debug: () => undefined,
  };
  const manager = new DeviceManager(hid, assign(hid), sink, () => Promise.reject(new Error('no serial relays here')), retryMs);
  onTestFinished(() => manager.stop());
  const status = (role: string) => manager.status().find((s) => s.role === role)!;
  return { hid, keypad, board, manager, relays, keys, status };
}

const keypadAt = (path: string): Assignment => ({ role: 'keypad', label: path, matches: at(path) });
const relayAt = (path: string): Assignment => ({ role: 'relay', label: path, matches: at(path), channel: 1 });

describe('device manager problems, by kind', () => {
  it('not connected: the assigned device is not on the bus', async () => {
    const { manager, status } = rig(() => [keypadAt('usb:nothing-here')]);
    await manager.start();
    expect(status('keypad')).toMatchObject({ connected: false, problem: { kind: 'not-connected' } });
  });

  it('permission denied: the device is listed but the OS refuses to open it, until access is given', async () => {
    const { hid, manager, status, keypad, keys } = rig(() => [keypadAt('usb:keypad')]);
    hid.denyAccess('usb:keypad');
    await manager.start();
    expect(status('keypad')).toMatchObject({
      connected: false,
      problem: { kind: 'permission-denied', detail: expect.stringMatching(/Permission denied/) },
    });
    hid.denyAccess('usb:keypad', false);
    await until(() => status('keypad').connected);
    expect(status('keypad').problem).toBeNull();
    keypad.type('1');
    expect(keys).toEqual(['1']);
  });

  it('disconnected: an open keypad unplugged, and still disconnected while it stays away', async () => {
    const { hid, manager, status, keypad, keys } = rig(() => [keypadAt('usb:keypad')]);
    await manager.start();
    expect(status('keypad').connected).toBe(true);
    hid.unplug('usb:keypad');
    expect(status('keypad')).toMatchObject({ connected: false, problem: { kind: 'disconnected' } });
    await new Promise((r) => setTimeout(r, retryMs * 5));
    expect(status('keypad').problem?.kind).toBe('disconnected');
    hid.replug('usb:keypad');
    await until(() => status('keypad').connected);
    keypad.type('5');
    expect(keys).toEqual(['5']);
  });

  it('protocol error: a device that looks like a relay board but answers garbage', async () => {
    const { hid, manager, status } = rig(() => [relayAt('usb:fake-relay')]);
    hid.attach(
      {
        info: { ...new SimulatedRelayBoard().info },
        getFeatureReport: async () => Buffer.from([0, 0, 0, 0, 0, 0, 0, 0, 0]),
        sendFeatureReport: async (data) => data.length,
      },
      'usb:fake-relay',
    );
    await manager.start();
    expect(status('relay')).toMatchObject({
      connected: false,
      problem: { kind: 'protocol-error', detail: expect.stringMatching(/unreadable relay status/) },
    });
  });
});

describe('a relay handle emitting error', () => {
  it('while idle: the process carries on, the relay shows disconnected, and it works again after a replug', async () => {
    const { hid, manager, status, relays, board } = rig(() => [relayAt('usb:relay')]);
    await manager.start();
    expect(status('relay').connected).toBe(true);
    // Without an 'error' listener on the handle this throws, which in the app ends the process.
    expect(() =>
      hid.fail('usb:relay', 'could not read from HID device: hid_read_timeout: unexpected poll error (device disconnected)'),
    ).not.toThrow();
    hid.unplug('usb:relay');
    expect(status('relay')).toMatchObject({ connected: false, problem: { kind: 'disconnected' } });
    expect(relays.at(-1)).toBeNull();
    hid.replug('usb:relay');
    await until(() => status('relay').connected);
    const driver = relays.at(-1)!;
    await driver.set(1, true);
    expect(board.states).toEqual([true, false]);
  });

  it('says protocol error, not unplugged, when the error is the board refusing a request', async () => {
    const { hid, manager, status } = rig(() => [relayAt('usb:relay')]);
    await manager.start();
    hid.fail('usb:relay', new Error('could not send feature report to device: ioctl (SFEATURE): Broken pipe'));
    expect(status('relay')).toMatchObject({ connected: false, problem: { kind: 'protocol-error' } });
    await until(() => status('relay').connected);
  });
});
