import { describe, expect, it } from 'vitest';
import { isDoorKey, NAMED_KEYS, PRINTABLE_KEYS } from '../../../native/hid/keys';

describe('DoorKey', () => {
  it('covers exactly the 95 printable ASCII characters', () => {
    const ascii = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)).join('');
    expect(PRINTABLE_KEYS).toBe(ascii);
  });

  it('accepts single printable characters and the named editing keys', () => {
    for (const key of ['0', '9', 'A', 'z', '#', '*', '-', '_', ' ', ...NAMED_KEYS]) expect(isDoorKey(key), key).toBe(true);
  });

  it('rejects control characters, non-ASCII, multi-character strings and unknown names', () => {
    for (const value of ['', '\t', '\r', '\x7f', 'é', '12', 'Tab', 'enter']) expect(isDoorKey(value), JSON.stringify(value)).toBe(false);
  });
});
