import { describe, expect, it } from 'vitest';
import {
  encodeHidPosScan,
  HidPosDecoder,
  honeywellMenuCommand,
  honeywellRedirectToHidPos,
  isHidPosScanner,
  type HidPosScan,
} from '../../../native/hid/hidPos';
import capture from '../../fixtures/native/honeywell-voyager1602g-revinf.json';
import { fromHex, toHex } from './bytes';

/** A 64-byte report laid out field by field, independently of the encoder under test. */
function report(fields: {
  id?: number;
  length: number;
  at: number;
  bytes: string;
  symbologyByte?: number;
  continued?: boolean;
}): Uint8Array {
  const bytes = new Uint8Array(64);
  bytes[0] = fields.id ?? 0x02;
  bytes[1] = fields.length;
  bytes.set(Buffer.from(fields.bytes, 'latin1'), fields.at);
  if (fields.symbologyByte !== undefined) bytes[62] = fields.symbologyByte;
  bytes[63] = fields.continued ? 0x01 : 0x00;
  return bytes;
}

function recordingDecoder() {
  const drops: string[] = [];
  return { decoder: new HidPosDecoder({ onDrop: (reason) => drops.push(reason) }), drops };
}

function decodeAll(decoder: HidPosDecoder, reports: readonly Uint8Array[]): HidPosScan[] {
  return reports.map((r) => decoder.decode(r)).filter((scan): scan is HidPosScan => scan !== null);
}

const TOKEN = 'q2Zk-9fR_7LmXwT0bVa4NcY8hJ3uPs6GtE1oKd5WiHy';

describe('HidPosDecoder', () => {
  it('decodes a QR scan sent in one report: ID 2, length, AIM ]Q1, data, continued bit clear', () => {
    const single = report({ length: TOKEN.length, at: 2, bytes: `]Q1${TOKEN}` });
    single[61] = 0x73; // Honeywell code ID 's' (QR)
    expect(new HidPosDecoder().decode(single)).toEqual({ text: TOKEN, symbology: ']Q1' });
  });

  it('joins a scan split over two reports and emits it on the second', () => {
    const text = 'M1GATHERGOOD/MICHAEL YABCDEF LHRDURAK 3542 052Y003D23  00017'; // 60 bytes, as in the Access-IS manual example
    expect(text).toHaveLength(60);
    const first = report({ length: 56, at: 2, bytes: `]Q0${text.slice(0, 56)}`, continued: true });
    const second = report({ length: 4, at: 2, bytes: `]Q0${text.slice(56)}` });
    const decoder = new HidPosDecoder();
    expect(decoder.decode(first)).toBeNull();
    expect(decoder.decode(second)).toEqual({ text, symbology: ']Q0' });
  });

  it('decodes traffic captured from a Honeywell Voyager 1602g', () => {
    const reports = capture.reports.map(fromHex);
    const scans = decodeAll(new HidPosDecoder(), reports);
    expect(scans).toEqual([
      {
        symbology: ']X0',
        text:
          'Product Name: Voyager 1602g\r\nBoot Revision: : 8992\r\nSoftware Part Number: CW000082BBA\r\n' +
          'Software Revision: $ProjectRevision: 16345 \r\nSerial Number: 15232B1F0C\r\nSupported IF: Bluetooth\r\n' +
          'PCB Assembly ID: 000000\r\nEngine Firmware Type: N/A   Revision: N/A   Serial Number: N/A   Checksum: N/A',
      },
      { symbology: ']Z6', text: 'REVINF\x06.' },
    ]);
  });

  it('reads the variant with one byte before the AIM identifier', () => {
    expect(new HidPosDecoder().decode(report({ length: 5, at: 3, bytes: ']Q112345' }))).toEqual({ text: '12345', symbology: ']Q1' });
  });

  it('reads the variant without an AIM identifier', () => {
    expect(new HidPosDecoder().decode(report({ length: 5, at: 2, bytes: '12345', symbologyByte: 0x51 }))).toEqual({ text: '12345' });
  });

  it('strips the CR/LF suffix a scanner keeps from keyboard mode', () => {
    expect(new HidPosDecoder().decode(report({ length: 6, at: 2, bytes: ']Q1ABCD\r\n' }))).toEqual({ text: 'ABCD', symbology: ']Q1' });
  });

  it('decodes UTF-8 split across reports', () => {
    const decoder = new HidPosDecoder();
    const reports = encodeHidPosScan(`${'x'.repeat(55)}é`);
    expect(reports[0]?.[60]).toBe(0xc3);
    expect(decodeAll(decoder, reports)).toEqual([{ text: `${'x'.repeat(55)}é`, symbology: ']Q1' }]);
  });

  it('drops short, long, foreign-ID and over-length reports with a reason', () => {
    const { decoder, drops } = recordingDecoder();
    expect(decoder.decode(fromHex('02 05 5d 51 31 31 32'))).toBeNull();
    expect(decoder.decode(new Uint8Array(65))).toBeNull();
    expect(decoder.decode(report({ id: 0x04, length: 3, at: 2, bytes: ']Q1abc' }))).toBeNull();
    expect(decoder.decode(report({ length: 57, at: 2, bytes: ']Q1' }))).toBeNull();
    expect(drops).toEqual([
      'expected a 64-byte report, got 7 bytes: 02 05 5d 51 31 31 32',
      expect.stringContaining('expected a 64-byte report, got 65 bytes'),
      'report ID 0x4 is not 0x2',
      'data length 57 exceeds 56',
    ]);
  });

  it('discards a partial scan when a garbage report interrupts it', () => {
    const { decoder, drops } = recordingDecoder();
    const [first, second] = encodeHidPosScan('y'.repeat(80));
    expect(decoder.decode(first!)).toBeNull();
    expect(decoder.decode(fromHex('ff ff ff'))).toBeNull();
    expect(drops).toEqual([expect.stringMatching(/got 3 bytes.*; partial scan discarded$/)]);
    // The orphaned tail is now a scan of its own; the token it belonged to is never emitted whole.
    expect(decoder.decode(second!)).toEqual({ text: 'y'.repeat(24), symbology: ']Q1' });
  });

  it('drops empty scans', () => {
    const { decoder, drops } = recordingDecoder();
    expect(decoder.decode(report({ length: 0, at: 2, bytes: ']Q1' }))).toBeNull();
    expect(drops).toEqual(['empty scan']);
  });

  it('drops a scan that never ends before it exceeds 4096 bytes', () => {
    const { decoder, drops } = recordingDecoder();
    const chunk = report({ length: 56, at: 2, bytes: `]Q1${'z'.repeat(56)}`, continued: true });
    for (let i = 0; i < 74; i++) expect(decoder.decode(chunk)).toBeNull();
    expect(drops).toEqual(['scan exceeds 4096 bytes; partial scan discarded']);
  });

  it('forgets a partial scan on reset', () => {
    const decoder = new HidPosDecoder();
    const [first] = encodeHidPosScan('a'.repeat(60));
    decoder.decode(first!);
    decoder.reset();
    expect(decoder.decode(encodeHidPosScan('b')[0]!)).toEqual({ text: 'b', symbology: ']Q1' });
  });

  it('never throws on random bytes', () => {
    let seed = 0x9e3779b9;
    const next = () => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0) % 256;
    };
    const decoder = new HidPosDecoder();
    for (let i = 0; i < 2000; i++) {
      const bytes = Uint8Array.from({ length: i % 2 ? 64 : next() % 70 }, next);
      if (i % 4 === 1) bytes[0] = 0x02;
      expect(() => decoder.decode(bytes)).not.toThrow();
    }
  });
});

describe('encodeHidPosScan', () => {
  it('lays a short scan out in one Honeywell-format report', () => {
    const [only, ...rest] = encodeHidPosScan('HELLO');
    expect(rest).toEqual([]);
    expect(toHex(only!)).toBe(toHex(report({ length: 5, at: 2, bytes: ']Q1HELLO' })));
  });

  it('splits after 56 data bytes and sets the continued bit on all but the last report', () => {
    const reports = encodeHidPosScan('0123456789'.repeat(12), { aim: ']C0' });
    expect(reports.map((r) => [r[1], r[63]])).toEqual([
      [56, 1],
      [56, 1],
      [8, 0],
    ]);
    expect(reports.every((r) => Buffer.from(r.subarray(2, 5)).toString('latin1') === ']C0')).toBe(true);
  });

  it('refuses an AIM identifier that does not start with ]', () => {
    expect(() => encodeHidPosScan('x', { aim: 'Q1' })).toThrow(TypeError);
  });
});

describe('Honeywell host reports', () => {
  it('redirects a keyboard + HID POS composite device to interface 1 with feature report 0xFE', () => {
    expect(honeywellRedirectToHidPos()).toEqual([0xfe, 0x01]);
  });

  it('wraps a menu command in output report 0xFD behind SYN M CR', () => {
    const command = honeywellMenuCommand('232BAD9.');
    expect(command).toHaveLength(64);
    expect(toHex(command.slice(0, 14))).toBe('fd 0b 16 4d 0d 32 33 32 42 41 44 39 2e 00');
    expect(command.slice(13).every((b) => b === 0)).toBe(true);
    expect(() => honeywellMenuCommand('X'.repeat(60))).toThrow(RangeError);
  });
});

describe('isHidPosScanner', () => {
  it('matches the Bar Code Scanner collection on usage page 0x8C', () => {
    expect(isHidPosScanner({ usagePage: 0x8c, usage: 0x02 })).toBe(true);
    expect(isHidPosScanner({ usagePage: 0x01, usage: 0x06 })).toBe(false);
    expect(isHidPosScanner({})).toBe(false);
  });
});
