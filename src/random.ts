import { randomBytes, randomInt } from 'node:crypto';

/** The one source of randomness: everything secret (tokens, PINs) comes from the OS CSPRNG via here. */
export const random = {
  token(bytes = 32): string {
    return randomBytes(bytes).toString('base64url');
  },
  bytes(count: number): Buffer {
    return randomBytes(count);
  },
  digits(length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += String(randomInt(10));
    return out;
  },
};
