import { scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { random } from '../random';

/** scrypt with N=2^15, r=8, p=1 (OWASP's minimum is N=2^17 with p=1 or 2^15 with more memory; ~50 ms here). */
const params = { N: 2 ** 15, r: 8, p: 1 } as const;
const keyLength = 32;

function derive(password: string, salt: Buffer, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, keyLength, { ...opts, maxmem: 128 * opts.N! * opts.r! * 2 }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

/** Format: scrypt$N$r$p$salt$hash (base64url), so parameters can grow without breaking old hashes. */
export async function hashPassword(password: string): Promise<string> {
  const salt = random.bytes(16);
  const key = await derive(password, salt, params);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/**
 * A password an admin set for someone is stored marked as temporary: it signs in once, and the
 * person must choose their own before anything else. The mark goes with the hash, so choosing a
 * new one (a new hash) is what clears it, and no other column can disagree.
 */
const temporaryMark = 'temporary$';

export const temporary = (hash: string): string => `${temporaryMark}${hash}`;

export const isTemporary = (stored: string): boolean => stored.startsWith(temporaryMark);

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  if (isTemporary(stored)) stored = stored.slice(temporaryMark.length);
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await derive(password, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p) });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Verified against when the user name does not exist, so a wrong name costs the same time as a wrong password. */
export const decoyHash = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
