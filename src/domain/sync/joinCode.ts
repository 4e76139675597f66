/**
 * The one-time join code `packroom site invite` prints and `site join` takes (docs/architecture.md, "Joining"):
 * an invite id (where the sealed invitation waits) and a 128-bit secret (what opens it), written in Crockford's
 * base32 so a person can read it aloud and type it: no I, L, O or U; case, hyphens and spaces do not matter, and
 * O / I / L typed by mistake read as 0 / 1 / 1.
 */

const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const prefix = 'PKR';
export const inviteIdBytes = 5;
export const inviteSecretBytes = 16;
// 5 bytes are exactly 8 characters; 16 bytes are 26 characters, the last one carrying 3 bits and 2 zero bits.
const idChars = 8;
const secretChars = 26;

export interface JoinCode {
  /** The invite's key in the invitations bucket: 8 characters of the alphabet. */
  id: string;
  secret: Uint8Array;
}

function encode(bytes: Uint8Array): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
  return out;
}

/** Null when a character is not of the alphabet or the unused low bits of the last one are not zero. */
function decode(text: string, length: number): Uint8Array | null {
  const bytes = new Uint8Array(length);
  let bits = 0;
  let value = 0;
  let at = 0;
  for (const char of text) {
    const digit = alphabet.indexOf(char);
    if (digit < 0) return null;
    value = (value << 5) | digit;
    bits += 5;
    if (bits >= 8) {
      bytes[at++] = (value >>> (bits - 8)) & 255;
      bits -= 8;
    }
    value &= (1 << bits) - 1;
  }
  return at === length && value === 0 ? bytes : null;
}

/** The code as printed (`PKR-` and the 34 characters in groups of four), and its invite id. */
export function formatJoinCode(id: Uint8Array, secret: Uint8Array): { text: string; id: string } {
  if (id.length !== inviteIdBytes || secret.length !== inviteSecretBytes)
    throw new Error('a join code is a 5-byte id and a 16-byte secret');
  const body = encode(id) + encode(secret);
  return { text: [prefix, ...(body.match(/.{1,4}/g) ?? [])].join('-'), id: body.slice(0, idChars) };
}

/** The code as typed, or null when it cannot be one (the command line says so as a bad argument). */
export function parseJoinCode(typed: string): JoinCode | null {
  let text = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  // Typed without its prefix, the code is still the code (the length tells which).
  if (text.length === prefix.length + idChars + secretChars && text.startsWith(prefix)) text = text.slice(prefix.length);
  if (text.length !== idChars + secretChars) return null;
  const id = text.slice(0, idChars);
  const secret = decode(text.slice(idChars), inviteSecretBytes);
  if (!decode(id, inviteIdBytes) || !secret) return null;
  return { id, secret };
}
