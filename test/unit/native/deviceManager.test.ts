/**
 * The device manager on the fake node-hid bus: each way a door device fails comes out as its own
 * kind in the status, and a device recovers from each once the cause is gone. Its timers are
 * hand-advanced: a retry happens when the test says, never because the machine was slow.
 */
import type { Device } from 'node-hid';
import { describe, expect, it, onTestFinished } from 'vitest';
import { DeviceManager, type Assignment, type DeviceSink } from '../../../native/devices/manager';
import type { RelayDriver } from '../../../native/relay/types';
import { EmulatedKeypad, FakeNodeHid } from '../../../native/sim/fakeNodeHid';
import { SimulatedRelayBoard } from '../../../native/sim/relayBoard';
import { ManualTimers } from '../../helpers/manualTimers';

const retryMs = 1_000;

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
  let onChange = () => {};
  const sink: DeviceSink = {
    key: (_role, key) => void keys.push(key),
    scan: () => undefined,
    relay: (driver) => void relays.push(driver),
    relayState: () => undefined,
    changed: () => onChange(),
    debug: () => undefined,
  };
  const timers = new ManualTimers();
  const manager = new DeviceManager({
    hid,
    assignments: assign(hid),
    sink,
    openSerialRelay: () => Promise.reject(new Error('no serial relays here')),
    timers,
    retryMs,
  });
  onTestFinished(() => manager.stop());
  const status = (role: string) => manager.status().find((s) => s.role === role)!;
  /** Lets `ms` of the manager's time pass, and waits for the opens its retries started. */
  const elapse = async (ms: number) => {
    timers.advance(ms);
    await manager.settled();
  };
  /** The next status change the manager reports. */
  const nextChange = () => new Promise<void>((resolve) => (onChange = resolve));
  return { hid, keypad, board, manager, relays, keys, status, timers, elapse, nextChange };
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
    const { hid, manager, status, keypad, keys, elapse } = rig(() => [keypadAt('usb:keypad')]);
    hid.denyAccess('usb:keypad');
    await manager.start();
    expect(status('keypad')).toMatchObject({
      connected: false,
      problem: { kind: 'permission-denied', detail: expect.stringMatching(/Permission denied/) },
    });
    hid.denyAccess('usb:keypad', false);
    await elapse(retryMs);
    expect(status('keypad').connected).toBe(true);
    expect(status('keypad').problem).toBeNull();
    keypad.type('1');
    expect(keys).toEqual(['1']);
  });

  it('disconnected: an open keypad unplugged, and still disconnected while it stays away', async () => {
    const { hid, manager, status, keypad, keys, elapse } = rig(() => [keypadAt('usb:keypad')]);
    await manager.start();
    expect(status('keypad').connected).toBe(true);
    hid.unplug('usb:keypad');
    expect(status('keypad')).toMatchObject({ connected: false, problem: { kind: 'disconnected' } });
    for (let retry = 0; retry < 5; retry++) await elapse(retryMs);
    expect(status('keypad').problem?.kind).toBe('disconnected');
    hid.replug('usb:keypad');
    await elapse(retryMs);
    expect(status('keypad').connected).toBe(true);
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
    const { hid, manager, status, relays, board, elapse } = rig(() => [relayAt('usb:relay')]);
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
    await elapse(retryMs);
    expect(status('relay').connected).toBe(true);
    const driver = relays.at(-1)!;
    await driver.set(1, true);
    expect(board.states).toEqual([true, false]);
  });

  it('says protocol error, not unplugged, when the error is the board refusing a request', async () => {
    const { hid, manager, status, elapse } = rig(() => [relayAt('usb:relay')]);
    await manager.start();
    hid.fail('usb:relay', new Error('could not send feature report to device: ioctl (SFEATURE): Broken pipe'));
    expect(status('relay')).toMatchObject({ connected: false, problem: { kind: 'protocol-error' } });
    await elapse(retryMs);
    expect(status('relay').connected).toBe(true);
  });
});

describe('timers and stopping', () => {
  it('tries a missing device again once a retry interval of its own time has passed, not before', async () => {
    const { hid, manager, status, elapse } = rig(() => [keypadAt('usb:keypad')]);
    hid.unplug('usb:keypad');
    await manager.start();
    hid.replug('usb:keypad');
    await elapse(retryMs - 1);
    expect(status('keypad').connected).toBe(false);
    await elapse(1);
    expect(status('keypad').connected).toBe(true);
  });

  it('notices a relay board unplugged while idle at its next state check', async () => {
    const { hid, manager, status, relays, timers, nextChange } = rig(() => [relayAt('usb:relay')]);
    await manager.start();
    // A relay handle has no 'data' listener, so an unplug says nothing until the board is asked for its state.
    hid.unplug('usb:relay');
    expect(status('relay').connected).toBe(true);
    const changed = nextChange();
    timers.advance(retryMs);
    await changed;
    expect(status('relay')).toMatchObject({ connected: false, problem: { kind: 'disconnected' } });
    expect(relays.at(-1)).toBeNull();
  });

  it('leaves nothing open when stopped while a device is still being opened', async () => {
    const { hid, manager, keypad, keys } = rig(() => [keypadAt('usb:keypad')]);
    let listed: () => void = () => {};
    const list = hid.devicesAsync.bind(hid);
    hid.devicesAsync = async () => {
      await new Promise<void>((resolve) => (listed = resolve));
      return list();
    };
    const started = manager.start();
    const stopped = manager.stop();
    listed();
    await Promise.all([started, stopped]);
    keypad.type('1');
    expect(keys).toEqual([]);
    expect(manager.status()[0]!.connected).toBe(false);
  });
});
