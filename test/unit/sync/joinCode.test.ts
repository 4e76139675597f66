import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatJoinCode, parseJoinCode } from '../../../src/domain/sync/joinCode';

const bytes = (length: number) => fc.uint8Array({ minLength: length, maxLength: length });

describe('join codes', () => {
  it('read back as the id and secret they were made from, however a person types them', () => {
    fc.assert(
      fc.property(bytes(5), bytes(16), (id, secret) => {
        const { text, id: key } = formatJoinCode(id, secret);
        expect(text).toMatch(/^PKR(-[0-9A-HJKMNP-TV-Z]{4}){8}-[0-9A-HJKMNP-TV-Z]{2}$/);
        for (const typed of [text, text.toLowerCase(), text.replace(/-/g, ' '), text.slice(4).replace(/-/g, '')]) {
          expect(parseJoinCode(typed)).toEqual({ id: key, secret: Uint8Array.from(secret) });
        }
      }),
    );
  });

  it('takes O, I and L typed for 0, 1 and 1', () => {
    const { text } = formatJoinCode(new Uint8Array(5), new Uint8Array(16).fill(0x42));
    expect(parseJoinCode(text.replace(/0/g, 'O').replace(/1/g, 'l'))).toEqual(parseJoinCode(text));
  });

  it('is not a code when a character is missing, added, outside the alphabet, or the last one carries bits no secret has', () => {
    const { text } = formatJoinCode(new Uint8Array(5).fill(7), new Uint8Array(16).fill(9));
    expect(parseJoinCode(text.slice(0, -1))).toBeNull();
    expect(parseJoinCode(`${text}0`)).toBeNull();
    expect(parseJoinCode(text.replace(/.$/, 'U'))).toBeNull();
    // 26 characters hold 130 bits: the 2 below the secret's 128 are zero in every code made.
    expect(
      parseJoinCode(text.replace(/.$/, (c) => '0123456789ABCDEFGHJKMNPQRSTVWXYZ'['0123456789ABCDEFGHJKMNPQRSTVWXYZ'.indexOf(c) | 1]!)),
    ).toBeNull();
    expect(parseJoinCode('')).toBeNull();
  });
});
