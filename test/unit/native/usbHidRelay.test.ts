import { describe, expect, it } from 'vitest';
import { RelayError } from '../../../native/relay/types';
import {
  channelCount,
  isUsbHidRelay,
  parseRelayStatus,
  relayOffCommand,
  relayOnCommand,
  UsbHidRelayDriver,
  type HidFeatureDevice,
} from '../../../native/relay/usbHidRelay';
import { SimulatedRelayBoard, type StatusLayout } from '../../../native/sim/relayBoard';
import { fromHex, toHex } from './bytes';

const LAYOUTS: StatusLayout[] = ['with-report-id', 'without-report-id'];

describe('relay commands', () => {
  it('switches one channel with feature report 0: 0xFF on, 0xFD off, channel number, six zero bytes', () => {
    expect(toHex(relayOnCommand(1))).toBe('00 ff 01 00 00 00 00 00 00');
    expect(toHex(relayOnCommand(8))).toBe('00 ff 08 00 00 00 00 00 00');
    expect(toHex(relayOffCommand(2))).toBe('00 fd 02 00 00 00 00 00 00');
  });

  it('refuses channels the protocol cannot address', () => {
    for (const channel of [0, 9, 1.5, -1]) expect(() => relayOnCommand(channel)).toThrow(RangeError);
  });
});

describe('parseRelayStatus', () => {
  it('reads board ID and bitmask when the report ID byte leads (9 bytes)', () => {
    expect(parseRelayStatus(fromHex('00 51 57 45 52 54 00 00 05'), 4)).toEqual({ boardId: 'QWERT', states: [true, false, true, false] });
  });

  it('reads the same status without the report ID byte (8 bytes)', () => {
    expect(parseRelayStatus(fromHex('51 57 45 52 54 00 00 05'), 4)).toEqual({ boardId: 'QWERT', states: [true, false, true, false] });
  });

  it('maps bit n-1 to channel n across all eight channels', () => {
    expect(parseRelayStatus(fromHex('00 41 42 43 44 45 00 00 81'))).toEqual({
      boardId: 'ABCDE',
      states: [true, false, false, false, false, false, false, true],
    });
  });

  it('treats a 9-byte buffer without a leading 0x00 as unprefixed data', () => {
    expect(parseRelayStatus(fromHex('51 57 45 52 54 00 00 02 ff'), 2)).toEqual({ boardId: 'QWERT', states: [false, true] });
  });

  it('drops short reports and reports whose board ID is not printable', () => {
    expect(parseRelayStatus(fromHex('00 51 57 45'))).toEqual({ dropped: 'status report too short (4 bytes): 00 51 57 45' });
    expect(parseRelayStatus(fromHex('00 00 00 00 00 00 00 00'))).toEqual({ dropped: expect.stringContaining('not printable') });
    expect(parseRelayStatus(fromHex('00 51 57 0a 52 54 00 00 01'))).toEqual({ dropped: expect.stringContaining('not printable') });
    expect(parseRelayStatus([])).toEqual({ dropped: expect.stringContaining('too short') });
  });
});

describe('board identification', () => {
  const board = {
    vendorId: 0x16c0,
    productId: 0x05df,
    path: '/dev/hidraw2',
    serialNumber: '',
    manufacturer: 'www.dcttech.com',
    product: 'USBRelay2',
    release: 0x0100,
    interface: 0,
  };

  it('reads the channel count from the product string', () => {
    expect(channelCount('USBRelay1')).toBe(1);
    expect(channelCount('USBRelay8')).toBe(8);
    expect(channelCount('USBRelay9')).toBeNull();
    expect(channelCount('USBRelay')).toBeNull();
    expect(channelCount('HIDRelay2')).toBeNull();
    expect(channelCount(undefined)).toBeNull();
  });

  it('recognises the board by V-USB IDs plus product string, whatever the manufacturer string says', () => {
    expect(isUsbHidRelay(board)).toBe(true);
    const unbranded = { ...board, manufacturer: undefined };
    expect(isUsbHidRelay(unbranded)).toBe(true);
    expect(isUsbHidRelay({ ...board, product: 'Some other V-USB gadget' })).toBe(false);
    expect(isUsbHidRelay({ ...board, vendorId: 0x1209 })).toBe(false);
    expect(isUsbHidRelay({ ...board, productId: 0x05dc })).toBe(false);
  });
});

describe.each(LAYOUTS)('UsbHidRelayDriver over a board answering %s', (statusLayout) => {
  it('learns the board ID on open', async () => {
    const driver = await UsbHidRelayDriver.open(new SimulatedRelayBoard({ boardId: 'HURTZ', statusLayout }), 2);
    expect(driver.id).toBe('usb-hid-relay:HURTZ');
  });

  it('switches channels on and off and reads the state back', async () => {
    const board = new SimulatedRelayBoard({ channels: 4, statusLayout, now: () => 1000 });
    const driver = await UsbHidRelayDriver.open(board, 4);
    await driver.set(3, true);
    expect(board.states).toEqual([false, false, true, false]);
    expect(await driver.state()).toEqual([false, false, true, false]);
    await driver.set(3, false);
    await driver.set(1, true);
    expect(await driver.state()).toEqual([true, false, false, false]);
    expect(board.history).toEqual([
      { channel: 3, on: true, at: 1000 },
      { channel: 3, on: false, at: 1000 },
      { channel: 1, on: true, at: 1000 },
    ]);
  });
});

describe('UsbHidRelayDriver failures', () => {
  it('throws RelayError when the read-back shows the relay did not switch', async () => {
    const board = new SimulatedRelayBoard({ boardId: 'JAMMD' });
    board.jam(2);
    const driver = await UsbHidRelayDriver.open(board, 2);
    const failure = driver.set(2, true);
    await expect(failure).rejects.toBeInstanceOf(RelayError);
    await expect(failure).rejects.toThrow('usb-hid-relay:JAMMD: channel 2 did not switch ON; the board reports it OFF');
    await expect(driver.set(1, true)).resolves.toBeUndefined();
  });

  it('throws RelayError carrying the cause when the write fails', async () => {
    const board = new SimulatedRelayBoard();
    const driver = await UsbHidRelayDriver.open(board, 2);
    board.failWrites = true;
    const error = await driver.set(1, true).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RelayError);
    expect((error as RelayError).message).toMatch(/switching channel 1 ON failed/);
    expect((error as RelayError).cause).toBeInstanceOf(Error);
    expect(board.states).toEqual([false, false]);
  });

  it('throws RelayError when the status cannot be read or parsed', async () => {
    const reads: Buffer[] = [Buffer.from('005157455254000001', 'hex'), Buffer.from('0000', 'hex')];
    const device: HidFeatureDevice = {
      sendFeatureReport: async (data) => data.length,
      getFeatureReport: async () => {
        const next = reads.shift();
        if (!next) throw new Error('could not get feature report from device');
        return next;
      },
      close: async () => {},
    };
    const driver = await UsbHidRelayDriver.open(device, 2);
    await expect(driver.state()).rejects.toThrow(/unreadable relay status: status report too short/);
    await expect(driver.state()).rejects.toThrow(/reading relay status failed: Error: could not get feature report/);
  });

  it('refuses to open a device that does not answer like a relay board', async () => {
    const device: HidFeatureDevice = {
      sendFeatureReport: async (data) => data.length,
      getFeatureReport: async () => Buffer.alloc(9),
      close: async () => {},
    };
    await expect(UsbHidRelayDriver.open(device, 2)).rejects.toBeInstanceOf(RelayError);
    await expect(UsbHidRelayDriver.open(new SimulatedRelayBoard(), 9)).rejects.toThrow(/1..8 channels/);
  });

  it('refuses channels the board does not have, without writing', async () => {
    const board = new SimulatedRelayBoard({ channels: 2 });
    const driver = await UsbHidRelayDriver.open(board, 2);
    await expect(driver.set(3, true)).rejects.toThrow('usb-hid-relay:SIM01: channel 3 is not 1..2');
    await expect(driver.set(0, true)).rejects.toBeInstanceOf(RelayError);
    expect(board.history).toEqual([]);
  });

  it('closes the device once and refuses work afterwards', async () => {
    const board = new SimulatedRelayBoard();
    const driver = await UsbHidRelayDriver.open(board, 2);
    await driver.close();
    await driver.close();
    await expect(driver.set(1, true)).rejects.toThrow(/driver is closed/);
    await expect(driver.state()).rejects.toBeInstanceOf(RelayError);
    await expect(board.getFeatureReport(0, 9)).rejects.toThrow('device has been closed');
  });
});

describe('UsbHidRelayDriver ordering', () => {
  it('runs concurrent commands one at a time so every read-back belongs to its own write', async () => {
    const board = new SimulatedRelayBoard({ channels: 2 });
    const driver = await UsbHidRelayDriver.open(board, 2);
    await Promise.all([driver.set(1, true), driver.set(2, true), driver.set(1, false)]);
    expect(board.history.map(({ channel, on }) => [channel, on])).toEqual([
      [1, true],
      [2, true],
      [1, false],
    ]);
    expect(await driver.state()).toEqual([false, true]);
  });
});
