import { describe, expect, it } from 'vitest';
import { BootKeyboardDecoder, encodeBootKeyboard } from '../../../native/hid/bootKeyboard';
import { PRINTABLE_KEYS, type DoorKey } from '../../../native/hid/keys';
import { fromHex, toHex } from './bytes';

const RELEASE = '00 00 00 00 00 00 00 00';

function decodeAll(decoder: BootKeyboardDecoder, reports: readonly Uint8Array[]): DoorKey[] {
  return reports.flatMap((report) => decoder.decode(report));
}

function recordingDecoder(options: { reportId?: number } = {}) {
  const drops: string[] = [];
  const decoder = new BootKeyboardDecoder({ ...options, onDrop: (reason) => drops.push(reason) });
  return { decoder, drops };
}

describe('encodeBootKeyboard', () => {
  it('types "123456#" as a US keyboard does: main-row usages 0x1E-0x23, Shift+3 for #, a release after each key', () => {
    expect(encodeBootKeyboard('123456#').map(toHex)).toEqual([
      '00 00 1e 00 00 00 00 00',
      RELEASE,
      '00 00 1f 00 00 00 00 00',
      RELEASE,
      '00 00 20 00 00 00 00 00',
      RELEASE,
      '00 00 21 00 00 00 00 00',
      RELEASE,
      '00 00 22 00 00 00 00 00',
      RELEASE,
      '00 00 23 00 00 00 00 00',
      RELEASE,
      '02 00 20 00 00 00 00 00',
      RELEASE,
    ]);
  });

  it('puts Left Shift in the modifier byte for upper case and shifted punctuation only', () => {
    expect(encodeBootKeyboard('aA-_').map(toHex)).toEqual([
      '00 00 04 00 00 00 00 00',
      RELEASE,
      '02 00 04 00 00 00 00 00',
      RELEASE,
      '00 00 2d 00 00 00 00 00',
      RELEASE,
      '02 00 2d 00 00 00 00 00',
      RELEASE,
    ]);
  });

  it('sends Enter, Backspace and Escape as usages 0x28, 0x2A and 0x29', () => {
    expect(
      encodeBootKeyboard(['Enter', 'Backspace', 'Escape'])
        .filter((_, i) => i % 2 === 0)
        .map(toHex),
    ).toEqual(['00 00 28 00 00 00 00 00', '00 00 2a 00 00 00 00 00', '00 00 29 00 00 00 00 00']);
  });

  it('uses keypad usages for digits, operators and Enter when asked, and the main row for anything else', () => {
    const presses = encodeBootKeyboard(['1', '9', '0', '*', '/', '-', '+', '.', 'Enter', '#'], { keypad: true }).filter(
      (_, i) => i % 2 === 0,
    );
    expect(presses.map((report) => report[2])).toEqual([0x59, 0x61, 0x62, 0x55, 0x54, 0x56, 0x57, 0x63, 0x58, 0x20]);
    expect(presses.map((report) => report[0])).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02]);
  });

  it('prefixes the report ID when the device uses one', () => {
    expect(encodeBootKeyboard('#', { reportId: 1 }).map(toHex)).toEqual(['01 02 00 20 00 00 00 00 00', '01 00 00 00 00 00 00 00 00']);
  });

  it('refuses characters a US keyboard cannot type', () => {
    expect(() => encodeBootKeyboard('é')).toThrow(TypeError);
    expect(() => encodeBootKeyboard('a\tb')).toThrow(/cannot type "\\t"/);
  });
});

describe('BootKeyboardDecoder round trip', () => {
  it('decodes the "123456#" sequence back to its keys', () => {
    expect(decodeAll(new BootKeyboardDecoder(), encodeBootKeyboard('123456#'))).toEqual(['1', '2', '3', '4', '5', '6', '#']);
  });

  it('keeps the case of a 43-character base64url QR token followed by Enter', () => {
    const token = 'q2Zk-9fR_7LmXwT0bVa4NcY8hJ3uPs6GtE1oKd5WiHy';
    expect(token).toHaveLength(43);
    const reports = encodeBootKeyboard([...token, 'Enter'] as DoorKey[]);
    expect(reports.filter((_, i) => i % 2 === 0).filter((report) => report[0] === 0x02)).toHaveLength(token.replace(/[^A-Z_]/g, '').length);
    expect(decodeAll(new BootKeyboardDecoder(), reports)).toEqual([...token, 'Enter']);
  });

  it('round-trips every printable US character', () => {
    expect(decodeAll(new BootKeyboardDecoder(), encodeBootKeyboard(PRINTABLE_KEYS)).join('')).toBe(PRINTABLE_KEYS);
  });

  it('round-trips keypad usages', () => {
    const keys: DoorKey[] = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '*', '/', '-', '+', '.', 'Enter'];
    expect(decodeAll(new BootKeyboardDecoder(), encodeBootKeyboard(keys, { keypad: true }))).toEqual(keys);
  });

  it('round-trips reports carrying a report ID', () => {
    const decoder = new BootKeyboardDecoder({ reportId: 3 });
    expect(decodeAll(decoder, encodeBootKeyboard('4711#', { reportId: 3 }))).toEqual(['4', '7', '1', '1', '#']);
  });
});

describe('BootKeyboardDecoder', () => {
  it('reads raw keypad usages KP1-KP0, KP* and KP Enter as the door keys they are labelled with', () => {
    const reports = ['59', '5a', '5b', '5c', '5d', '5e', '5f', '60', '61', '62', '55', '58'].flatMap((usage) => [
      fromHex(`00 00 ${usage} 00 00 00 00 00`),
      fromHex(RELEASE),
    ]);
    expect(decodeAll(new BootKeyboardDecoder(), reports)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '*', 'Enter']);
  });

  it('applies Right Shift (modifier bit 5) like Left Shift', () => {
    expect(new BootKeyboardDecoder().decode(fromHex('20 00 20 00 00 00 00 00'))).toEqual(['#']);
  });

  it('ignores Shift on keypad keys', () => {
    expect(new BootKeyboardDecoder().decode(fromHex('02 00 59 00 00 00 00 00'))).toEqual(['1']);
  });

  it('reports a press once while the key is held, and again after a release', () => {
    const decoder = new BootKeyboardDecoder();
    expect(decoder.decode(fromHex('00 00 1e 00 00 00 00 00'))).toEqual(['1']);
    expect(decoder.decode(fromHex('00 00 1e 00 00 00 00 00'))).toEqual([]);
    expect(decoder.decode(fromHex('02 00 1e 00 00 00 00 00'))).toEqual([]);
    expect(decoder.decode(fromHex(RELEASE))).toEqual([]);
    expect(decoder.decode(fromHex('00 00 1e 00 00 00 00 00'))).toEqual(['1']);
  });

  it('returns keys that appear together in slot order, and only the new one when a key is added to a held key', () => {
    const decoder = new BootKeyboardDecoder();
    expect(decoder.decode(fromHex('00 00 20 1e 00 00 00 00'))).toEqual(['3', '1']);
    expect(decoder.decode(fromHex('00 00 20 1e 21 00 00 00'))).toEqual(['4']);
    expect(decoder.decode(fromHex('00 00 21 00 00 00 00 00'))).toEqual([]);
  });

  it('ignores a rollover report entirely and keeps the previous key state', () => {
    const { decoder, drops } = recordingDecoder();
    expect(decoder.decode(fromHex('00 00 1e 00 00 00 00 00'))).toEqual(['1']);
    expect(decoder.decode(fromHex('00 00 01 01 01 01 01 01'))).toEqual([]);
    expect(drops).toEqual([expect.stringContaining('rollover')]);
    // '1' is still held from before the rollover, so only '2' is new.
    expect(decoder.decode(fromHex('00 00 1e 1f 00 00 00 00'))).toEqual(['2']);
  });

  it('drops unknown usages but still decodes the other keys of the report', () => {
    const { decoder, drops } = recordingDecoder();
    expect(decoder.decode(fromHex('00 00 3a 1e 00 00 00 00'))).toEqual(['1']);
    expect(drops).toEqual(['unknown usage 0x3a']);
  });

  it('drops presses made with Ctrl, Alt or GUI held', () => {
    const { decoder, drops } = recordingDecoder();
    expect(decoder.decode(fromHex('01 00 06 00 00 00 00 00'))).toEqual([]);
    expect(drops).toEqual([expect.stringContaining('Ctrl/Alt/GUI')]);
  });

  it('drops reports that are not 8 bytes long without disturbing the key state', () => {
    const { decoder, drops } = recordingDecoder();
    expect(decoder.decode(fromHex('00 00 1e 00 00 00 00 00'))).toEqual(['1']);
    expect(decoder.decode(fromHex('00 00 1f 00 00 00 00'))).toEqual([]);
    expect(decoder.decode(fromHex('01 00 00 1f 00 00 00 00 00'))).toEqual([]);
    expect(decoder.decode(new Uint8Array())).toEqual([]);
    expect(drops).toHaveLength(3);
    expect(drops[0]).toMatch(/expected a 8-byte report, got 7 bytes/);
    expect(decoder.decode(fromHex('00 00 1e 00 00 00 00 00'))).toEqual([]);
  });

  it('with a report ID, accepts 9-byte reports carrying it and drops any other', () => {
    const { decoder, drops } = recordingDecoder({ reportId: 1 });
    expect(decoder.decode(fromHex('01 00 00 1e 00 00 00 00 00'))).toEqual(['1']);
    expect(decoder.decode(fromHex('02 00 00 1f 00 00 00 00 00'))).toEqual([]);
    expect(decoder.decode(fromHex('00 00 1f 00 00 00 00 00'))).toEqual([]);
    expect(drops).toEqual(['report ID 0x2 is not 0x1', expect.stringContaining('expected a 9-byte report, got 8 bytes')]);
  });

  it('forgets held keys on reset', () => {
    const decoder = new BootKeyboardDecoder();
    decoder.decode(fromHex('00 00 1e 00 00 00 00 00'));
    decoder.reset();
    expect(decoder.decode(fromHex('00 00 1e 00 00 00 00 00'))).toEqual(['1']);
  });

  it('never throws on random bytes', () => {
    let seed = 0x2545f491;
    const next = () => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0) % 256;
    };
    const decoder = new BootKeyboardDecoder();
    for (let i = 0; i < 2000; i++) {
      const report = Uint8Array.from({ length: i % 3 === 0 ? next() % 12 : 8 }, next);
      expect(() => decoder.decode(report)).not.toThrow();
    }
  });
});
