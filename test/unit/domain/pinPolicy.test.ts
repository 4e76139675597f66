import { describe, expect, it } from 'vitest';
import { generatePin, isTrivialPin } from '../../../src/domain/pinPolicy';
import { random } from '../../../src/random';

describe('isTrivialPin', () => {
  it.each(['11111111', '12345678', '87654321', '90123456', '12121212', '12312312', '11112222', '00000000'])('rejects %s', (pin) => {
    expect(isTrivialPin(pin)).toBe(true);
  });

  it.each(['38150927', '50918364', '27364518'])('accepts %s', (pin) => {
    expect(isTrivialPin(pin)).toBe(false);
  });
});

describe('generatePin', () => {
  it('draws fresh, non-trivial PINs of the requested length', () => {
    const pins = new Set(Array.from({ length: 200 }, () => generatePin(8, random.digits, () => false)));
    expect(pins.size).toBe(200);
    for (const pin of pins) {
      expect(pin).toMatch(/^\d{8}$/);
      expect(isTrivialPin(pin)).toBe(false);
    }
  });

  it('skips PINs that are taken or trivial', () => {
    const draws = ['11111111', '38150927', '50918364'];
    const pin = generatePin(
      8,
      () => draws.shift()!,
      (p) => p === '38150927',
    );
    expect(pin).toBe('50918364');
  });

  it('gives up with a clear error when no free PIN can be found', () => {
    expect(() =>
      generatePin(
        6,
        () => '381509',
        () => true,
      ),
    ).toThrow(/increase the PIN length/);
  });
});
