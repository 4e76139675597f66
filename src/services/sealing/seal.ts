import { defaultPinLength, generatePin } from '../../domain/pinPolicy';
import { random } from '../../random';
import type { DataKeys } from '../../secrets';

/** A permanent PIN and QR code, hashed and sealed, not yet stored (see CredentialService.sealMany). */
export interface SealedCredential {
  pinHash: Buffer;
  pinEnc: Buffer;
  qrHash: Buffer;
  qrEnc: Buffer;
}

/** A fresh PIN (one isTaken refuses is drawn again) and QR token, hashed for lookup and sealed. */
export function sealCredential(keys: DataKeys, isTaken: (pin: string) => boolean): { pin: string; sealed: SealedCredential } {
  const pin = generatePin(defaultPinLength, random.digits, isTaken);
  const qr = random.token(16);
  return {
    pin,
    sealed: {
      pinHash: keys.lookupHash('pin', pin),
      pinEnc: keys.seal(pin),
      qrHash: keys.lookupHash('qr', qr),
      qrEnc: keys.seal(qr),
    },
  };
}

const fields = ['pinHash', 'pinEnc', 'qrHash', 'qrEnc'] as const;

/** Sealed credentials as one block of bytes and where each field ends in it: cheap to hand between threads. */
export function packSealed(credentials: readonly SealedCredential[]): { bytes: ArrayBuffer; ends: Uint32Array } {
  const ends = new Uint32Array(credentials.length * fields.length);
  let at = 0;
  credentials.forEach((credential, i) => fields.forEach((field, f) => (ends[i * fields.length + f] = at += credential[field].length)));
  const bytes = new Uint8Array(at);
  let from = 0;
  for (const credential of credentials) {
    for (const field of fields) {
      bytes.set(credential[field], from);
      from += credential[field].length;
    }
  }
  return { bytes: bytes.buffer, ends };
}

/** packSealed undone: views into `bytes`, no copies. */
export function unpackSealed(bytes: ArrayBuffer, ends: Uint32Array): SealedCredential[] {
  const credentials: SealedCredential[] = [];
  let from = 0;
  const next = (end: number) => {
    const view = Buffer.from(bytes, from, end - from);
    from = end;
    return view;
  };
  for (let i = 0; i < ends.length; i += fields.length) {
    credentials.push({ pinHash: next(ends[i]!), pinEnc: next(ends[i + 1]!), qrHash: next(ends[i + 2]!), qrEnc: next(ends[i + 3]!) });
  }
  return credentials;
}
