import { describe, expect, it } from 'vitest';
import { messageText } from '../../../src/contract';
import { formatSelector, matchesSelector, parseSelector } from '../../../src/domain/deviceSelector';

describe('device selectors', () => {
  it('reads VID:PID and VID:PID:SERIAL in hex', () => {
    expect(parseSelector('16c0:05DF')).toEqual({ ok: true, selector: { vendorId: 0x16c0, productId: 0x05df } });
    expect(parseSelector('1209:0001:SIM-KEYPAD')).toEqual({
      ok: true,
      selector: { vendorId: 0x1209, productId: 1, serialNumber: 'SIM-KEYPAD' },
    });
  });

  it('reads device paths of every platform', () => {
    for (const path of ['/dev/hidraw3', '\\\\?\\hid#vid_16c0&pid_05df#7&1', 'IOService:/AppleACPI/USB@14', 'sim:keypad']) {
      expect(parseSelector(path)).toEqual({ ok: true, selector: { path } });
    }
  });

  it('explains what it expected', () => {
    const result = parseSelector('keypad');
    expect(result.ok).toBe(false);
    expect(!result.ok && messageText(result.reason)).toMatch(/VID:PID\[:SERIAL\] in hex/);
  });

  it('matches on serial only when the selector has one', () => {
    const device = { vendorId: 0x16c0, productId: 0x05df, serialNumber: 'A1', path: '/dev/hidraw1' };
    expect(matchesSelector({ vendorId: 0x16c0, productId: 0x05df }, device)).toBe(true);
    expect(matchesSelector({ vendorId: 0x16c0, productId: 0x05df, serialNumber: 'B2' }, device)).toBe(false);
    expect(matchesSelector({ path: '/dev/hidraw1' }, device)).toBe(true);
    expect(formatSelector({ vendorId: 0x16c0, productId: 0x5df, serialNumber: 'A1' })).toBe('16c0:05df:A1');
  });
});
