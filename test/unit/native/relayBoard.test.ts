import { describe, expect, it } from 'vitest';
import { SimulatedRelayBoard } from '../../../native/sim/relayBoard';
import { fromHex, toHex } from './bytes';

const report = (bytes: string): number[] => [...fromHex(bytes)];

describe('SimulatedRelayBoard', () => {
  it('answers the status read with the report ID byte first, or without it', async () => {
    const prefixed = new SimulatedRelayBoard({ boardId: 'ABCDE', channels: 4 });
    await prefixed.sendFeatureReport(report('00 ff 03 00 00 00 00 00 00'));
    expect(toHex(await prefixed.getFeatureReport(0, 9))).toBe('00 41 42 43 44 45 00 00 04');

    const bare = new SimulatedRelayBoard({ boardId: 'ABCDE', channels: 4, statusLayout: 'without-report-id' });
    await bare.sendFeatureReport([0x00, 0xff, 0x03, 0, 0, 0, 0, 0, 0]);
    expect(toHex(await bare.getFeatureReport(0, 9))).toBe('41 42 43 44 45 00 00 04');
  });

  it('obeys single-channel and all-channel commands and records each switch with its time', async () => {
    let now = 0;
    const board = new SimulatedRelayBoard({ channels: 3, now: () => now });
    now = 10;
    await board.sendFeatureReport(report('00 fe 00 00 00 00 00 00 00'));
    now = 20;
    await board.sendFeatureReport(report('00 fd 02 00 00 00 00 00 00'));
    expect(board.states).toEqual([true, false, true]);
    now = 30;
    await board.sendFeatureReport(report('00 fc 00 00 00 00 00 00 00'));
    expect(board.states).toEqual([false, false, false]);
    expect(board.history).toEqual([
      { channel: 1, on: true, at: 10 },
      { channel: 2, on: true, at: 10 },
      { channel: 3, on: true, at: 10 },
      { channel: 2, on: false, at: 20 },
      { channel: 1, on: false, at: 30 },
      { channel: 2, on: false, at: 30 },
      { channel: 3, on: false, at: 30 },
    ]);
  });

  it('ignores unknown commands and channels it does not have, like the firmware', async () => {
    const board = new SimulatedRelayBoard({ channels: 2 });
    expect(await board.sendFeatureReport(report('00 aa 01 00 00 00 00 00 00'))).toBe(9);
    await board.sendFeatureReport(report('00 ff 05 00 00 00 00 00 00'));
    expect(board.states).toEqual([false, false]);
    expect(board.history).toEqual([]);
  });

  it('rejects reports that are not 9 bytes with report ID 0', async () => {
    const board = new SimulatedRelayBoard();
    await expect(board.sendFeatureReport(report('ff 01 00 00 00 00 00 00'))).rejects.toThrow(
      /9-byte feature report with report ID 0, got ff 01/,
    );
    await expect(board.sendFeatureReport(report('01 ff 01 00 00 00 00 00 00'))).rejects.toThrow(/report ID 0/);
  });

  it('fails writes on demand and leaves the relays alone', async () => {
    const board = new SimulatedRelayBoard();
    board.failWrites = true;
    await expect(board.sendFeatureReport(report('00 ff 01 00 00 00 00 00 00'))).rejects.toThrow(/could not send feature report/);
    board.failWrites = false;
    await board.sendFeatureReport(report('00 ff 01 00 00 00 00 00 00'));
    expect(board.states).toEqual([true, false]);
  });

  it('keeps a jammed channel where it was', async () => {
    const board = new SimulatedRelayBoard();
    board.jam(1);
    await board.sendFeatureReport(report('00 ff 01 00 00 00 00 00 00'));
    expect(board.states).toEqual([false, false]);
  });

  it('describes itself with the descriptors of a real USBRelayN board', () => {
    expect(new SimulatedRelayBoard({ channels: 4 }).info).toMatchObject({
      vendorId: 0x16c0,
      productId: 0x05df,
      manufacturer: 'www.dcttech.com',
      product: 'USBRelay4',
    });
  });

  it('refuses impossible configurations', () => {
    expect(() => new SimulatedRelayBoard({ boardId: 'AB' })).toThrow(RangeError);
    expect(() => new SimulatedRelayBoard({ boardId: 'AB DE' })).toThrow(RangeError);
    expect(() => new SimulatedRelayBoard({ channels: 9 })).toThrow(RangeError);
  });
});
