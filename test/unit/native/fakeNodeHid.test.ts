import type { EventEmitter } from 'node:events';
import type { HIDAsync } from 'node-hid';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { BootKeyboardDecoder } from '../../../native/hid/bootKeyboard';
import type { DoorKey } from '../../../native/hid/keys';
import { RelayError } from '../../../native/relay/types';
import { isUsbHidRelay, UsbHidRelayDriver, type HidFeatureDevice } from '../../../native/relay/usbHidRelay';
import { EmulatedKeypad, FakeNodeHid, type FakeHIDAsync } from '../../../native/sim/fakeNodeHid';
import { SimulatedRelayBoard } from '../../../native/sim/relayBoard';
import { toHex } from './bytes';

/** The handle must offer what the app calls on node-hid's HIDAsync, with the same signatures. */
type UsedHidAsync = EventEmitter & Pick<HIDAsync, 'close' | 'write' | 'sendFeatureReport' | 'getFeatureReport' | 'getDeviceInfo'>;

function rig() {
  const hid = new FakeNodeHid();
  const keypad = new EmulatedKeypad();
  const board = new SimulatedRelayBoard({ boardId: 'DOOR1', channels: 2 });
  const keypadPath = hid.attach(keypad);
  const relayPath = hid.attach(board);
  return { hid, keypad, board, keypadPath, relayPath };
}

function collectKeys(handle: FakeHIDAsync): DoorKey[] {
  const decoder = new BootKeyboardDecoder();
  const keys: DoorKey[] = [];
  handle.on('data', (report: Buffer) => keys.push(...decoder.decode(report)));
  return keys;
}

describe('FakeNodeHid enumeration', () => {
  it('lists hosted devices with their paths, filtered by vendor and product ID', async () => {
    const { hid, keypadPath, relayPath } = rig();
    expect(hid.devices().map((d) => d.path)).toEqual([keypadPath, relayPath]);
    expect(hid.devices(0x16c0, 0x05df)).toEqual([expect.objectContaining({ path: relayPath, product: 'USBRelay2' })]);
    expect(
      hid
        .devices()
        .filter(isUsbHidRelay)
        .map((d) => d.path),
    ).toEqual([relayPath]);
    expect(await hid.devicesAsync()).toEqual(hid.devices());
  });

  it('opens by path or by vendor/product ID and reports device info', async () => {
    const { hid, relayPath } = rig();
    const byPath = await hid.HIDAsync.open(relayPath);
    const byIds = await hid.HIDAsync.open(0x16c0, 0x05df);
    expect(await byPath.getDeviceInfo()).toMatchObject({ path: relayPath, vendorId: 0x16c0, manufacturer: 'www.dcttech.com' });
    expect((await byIds.getDeviceInfo()).path).toBe(relayPath);
    await expect(hid.HIDAsync.open('/dev/hidraw99')).rejects.toThrow('cannot open device with path /dev/hidraw99');
    await expect(hid.HIDAsync.open(0x0c2e, 0x0b8f)).rejects.toThrow('cannot open device with vendor id 0xc2e and product id 0xb8f');
  });

  it('hands out handles shaped like node-hid HIDAsync', async () => {
    const { hid, keypadPath } = rig();
    const handle: UsedHidAsync = await hid.HIDAsync.open(keypadPath);
    expect(await handle.write([0x00, 0x01])).toBe(2);
    await handle.close();
  });
});

describe('FakeNodeHid keypad', () => {
  it('delivers typed keys as boot keyboard reports in Buffers', async () => {
    const { hid, keypad, keypadPath } = rig();
    const handle = await hid.HIDAsync.open(keypadPath);
    const reports: string[] = [];
    handle.on('data', (report: Buffer) => reports.push(toHex(report)));
    keypad.type('1#');
    expect(reports).toEqual(['00 00 59 00 00 00 00 00', '00 00 00 00 00 00 00 00', '02 00 20 00 00 00 00 00', '00 00 00 00 00 00 00 00']);
  });

  it('feeds the same decoder real devices feed', async () => {
    const { hid, keypad, keypadPath } = rig();
    const keys = collectKeys(await hid.HIDAsync.open(keypadPath));
    keypad.type('123456');
    keypad.type(['Enter']);
    keypad.sendReport(Uint8Array.of(0, 0, 0x55, 0, 0, 0, 0, 0));
    expect(keys).toEqual(['1', '2', '3', '4', '5', '6', 'Enter', '*']);
  });

  it('loses reports sent while no data listener is registered, as node-hid does', async () => {
    const { hid, keypad, keypadPath } = rig();
    const handle = await hid.HIDAsync.open(keypadPath);
    keypad.type('99');
    const keys = collectKeys(handle);
    keypad.type('7');
    expect(keys).toEqual(['7']);
  });

  it('stops delivering after close and rejects further requests', async () => {
    const { hid, keypad, keypadPath } = rig();
    const handle = await hid.HIDAsync.open(keypadPath);
    const keys = collectKeys(handle);
    await handle.close();
    keypad.type('1');
    expect(keys).toEqual([]);
    expect(handle.listenerCount('data')).toBe(0);
    await expect(handle.write([0])).rejects.toThrow(new TypeError('device has been closed'));
    await expect(handle.getDeviceInfo()).rejects.toThrow('device has been closed');
  });
});

describe('FakeNodeHid unplug and replug', () => {
  it('makes a reading handle emit one error string, then hides the device and refuses to open it', async () => {
    const { hid, keypadPath } = rig();
    const handle = await hid.HIDAsync.open(keypadPath);
    collectKeys(handle);
    const errors: unknown[] = [];
    handle.on('error', (err) => errors.push(err));
    hid.unplug(keypadPath);
    expect(errors).toEqual(['could not read from HID device: hid_read_timeout: unexpected poll error (device disconnected)']);
    expect(hid.devices().map((d) => d.path)).not.toContain(keypadPath);
    await expect(hid.HIDAsync.open(keypadPath)).rejects.toThrow(`cannot open device with path ${keypadPath}`);
    await expect(handle.write([0])).rejects.toThrow('Cannot write to hid device: No such device');
  });

  it('emits nothing on a handle that was not reading, but its requests fail', async () => {
    const { hid, relayPath } = rig();
    const handle = await hid.HIDAsync.open(relayPath);
    const errors: unknown[] = [];
    handle.on('error', (err) => errors.push(err));
    hid.unplug(relayPath);
    expect(errors).toEqual([]);
    await expect(handle.getFeatureReport(0, 9)).rejects.toThrow(
      'could not get feature report from device: ioctl (GFEATURE): No such device',
    );
    await expect(handle.sendFeatureReport([0, 0xff, 1, 0, 0, 0, 0, 0, 0])).rejects.toThrow(/No such device/);
  });

  it('lists the device again after replug; old handles stay dead, new ones work', async () => {
    const { hid, keypad, keypadPath } = rig();
    const old = await hid.HIDAsync.open(keypadPath);
    const oldKeys = collectKeys(old);
    old.on('error', () => {});
    hid.unplug(keypadPath);
    keypad.type('5');
    hid.replug(keypadPath);
    expect(hid.devices().map((d) => d.path)).toContain(keypadPath);
    const fresh = await hid.HIDAsync.open(keypadPath);
    const freshKeys = collectKeys(fresh);
    keypad.type('42');
    expect(freshKeys).toEqual(['4', '2']);
    expect(oldKeys).toEqual([]);
  });

  it('throws from unplug when a reading handle has no error listener, as an unhandled error event would', async () => {
    const { hid, keypadPath } = rig();
    collectKeys(await hid.HIDAsync.open(keypadPath));
    expect(() => hid.unplug(keypadPath)).toThrow(/Unhandled error/);
  });

  it('makes every open handle emit error on fail, and throws from fail when one has no error listener', async () => {
    const { hid, keypadPath } = rig();
    const listening = await hid.HIDAsync.open(keypadPath);
    const errors: unknown[] = [];
    listening.on('error', (e) => errors.push(e));
    hid.fail(keypadPath, 'could not read from HID device: Input/output error');
    expect(errors).toEqual(['could not read from HID device: Input/output error']);
    await expect(listening.getFeatureReport(0, 9)).rejects.toThrow(/No such device/);
    // The device is still there: a new handle works.
    const deaf = await hid.HIDAsync.open(keypadPath);
    expect(() => hid.fail(keypadPath)).toThrow(/Unhandled error/);
    await deaf.close();
  });

  it("refuses to open a device the user may not access, with hidapi's Linux words, until access is given", async () => {
    const { hid, keypadPath } = rig();
    hid.denyAccess(keypadPath);
    expect(hid.devices().map((d) => d.path)).toContain(keypadPath);
    await expect(hid.HIDAsync.open(keypadPath)).rejects.toThrow(
      `cannot open device with path ${keypadPath}: Failed to open a device with path '${keypadPath}': Permission denied`,
    );
    hid.denyAccess(keypadPath, false);
    await expect(hid.HIDAsync.open(keypadPath)).resolves.toBeDefined();
  });

  it('refuses to unplug or replug a path it never hosted', () => {
    const { hid } = rig();
    expect(() => hid.unplug('/dev/hidraw42')).toThrow(/no device was attached/);
    expect(() => hid.replug('/dev/hidraw42')).toThrow(/no device was attached/);
  });
});

describe('FakeNodeHid relay board', () => {
  it('carries the relay driver end to end and fails safe when the board is unplugged', async () => {
    expectTypeOf<HIDAsync>().toExtend<HidFeatureDevice>();
    expectTypeOf<FakeHIDAsync>().toExtend<HidFeatureDevice>();
    const { hid, board, relayPath } = rig();
    const driver = await UsbHidRelayDriver.open(await hid.HIDAsync.open(relayPath), 2);
    expect(driver.id).toBe('usb-hid-relay:DOOR1');
    await driver.set(1, true);
    expect(board.states).toEqual([true, false]);
    hid.unplug(relayPath);
    await expect(driver.set(1, false)).rejects.toBeInstanceOf(RelayError);
    await expect(driver.state()).rejects.toThrow(/reading relay status failed/);
  });

  it('passes write failures of the board through the handle', async () => {
    const { hid, board, relayPath } = rig();
    const driver = await UsbHidRelayDriver.open(await hid.HIDAsync.open(relayPath), 2);
    board.failWrites = true;
    await expect(driver.set(2, true)).rejects.toThrow(/switching channel 2 ON failed/);
  });

  it('rejects feature reports to a device that has none', async () => {
    const { hid, keypadPath } = rig();
    const handle = await hid.HIDAsync.open(keypadPath);
    await expect(handle.getFeatureReport(0, 9)).rejects.toThrow(/Broken pipe/);
  });
});
