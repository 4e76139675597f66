import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseShelfLabel, shelfLabelCode } from '../../../src/contract';
import { shelfLabelContent } from '../../../src/domain/packages/shelfLabel';

const uid = '0123456789abcdef0123456789abcdef';

describe('shelf label content', () => {
  it('says the last four of the tracking number, the recipient, the unit, the shelf and carries the global uid', () => {
    const content = shelfLabelContent({
      uid,
      tracking: '1Z999AA10123456784',
      firstName: 'María',
      lastName: 'Gómez',
      unit: '12B',
      shelf: 'A3',
      loggedAt: Date.UTC(2026, 11, 8, 9),
    });
    expect(content).toEqual({
      code: 'PKR1:0123456789ABCDEF0123456789ABCDEF',
      lastFour: '6784',
      name: 'María Gómez',
      unit: '12B',
      shelf: 'A3',
      loggedAt: Date.UTC(2026, 11, 8, 9),
    });
  });

  it('fits a QR code\'s alphanumeric mode: upper case letters, digits and ":" only', () => {
    expect(shelfLabelCode(uid)).toMatch(/^[0-9A-Z:]+$/);
  });
});

describe('reading a scanned shelf label', () => {
  it('gives back the uid of any label it made', () => {
    fc.assert(fc.property(fc.stringMatching(/^[0-9a-f]{32}$/), (u) => parseShelfLabel(shelfLabelCode(u)) === u));
  });

  it('reads what keyboard-mode scanners add and the colon typed under another keyboard layout', () => {
    const code = shelfLabelCode(uid);
    for (const scanned of [
      `${code}\r`,
      `${code}\t`,
      `]Q1${code}`,
      ` ${code} `,
      code.toLowerCase(),
      code.replace(':', 'Ñ'),
      code.replace(':', ';'),
    ]) {
      expect(parseShelfLabel(scanned), JSON.stringify(scanned)).toBe(uid);
    }
  });

  it('is not fooled by tracking numbers or damaged labels', () => {
    for (const text of [
      '1Z999AA10123456784',
      'TBA123456789012',
      '',
      'PKR1:',
      `PKR1:${uid.slice(1)}`,
      `PKR1:${uid}0`,
      `PKR2:${uid}`,
      `PKR1:${uid.replace('a', 'g')}`,
    ]) {
      expect(parseShelfLabel(text), text).toBeNull();
    }
  });
});
