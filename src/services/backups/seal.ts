import { createCipheriv, createDecipheriv, hkdfSync, scrypt, type ScryptOptions } from 'node:crypto';
import { random } from '../../random';

/**
 * The data key sealed with the backup passphrase: scrypt turns the passphrase into a 32-byte key,
 * AES-256-GCM seals the data key with it. `keyId` names the data key (not secret: an HKDF output), so
 * Packroom can tell a sealed copy of an older key from the current one without the passphrase.
 */
export interface SealedDataKey {
  v: 1;
  kdf: 'scrypt';
  N: number;
  r: number;
  p: number;
  salt: string;
  nonce: string;
  tag: string;
  key: string;
  keyId: string;
}

// 2^17 × 8 × 128 bytes = 128 MiB and about half a second per try: a backup on a lost USB stick is
// open to offline guessing, so this is stronger than the staff passwords' scrypt.
const params = { N: 2 ** 17, r: 8, p: 1 } as const;

function derive(passphrase: string, salt: Buffer, cost: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { ...cost, maxmem: 256 * 1024 * 1024 };
  return new Promise((resolve, reject) =>
    scrypt(passphrase.normalize('NFC'), salt, 32, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

const aad = (keyId: string) => Buffer.from(`packroom backup key v1 ${keyId}`, 'utf8');

export function dataKeyId(dataKey: Buffer): string {
  return Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), 'packroom key id v1', 8)).toString('hex');
}

export async function sealDataKey(dataKey: Buffer, passphrase: string): Promise<SealedDataKey> {
  const salt = random.bytes(16);
  const nonce = random.bytes(12);
  const keyId = dataKeyId(dataKey);
  const cipher = createCipheriv('aes-256-gcm', await derive(passphrase, salt, params), nonce);
  cipher.setAAD(aad(keyId));
  const key = Buffer.concat([cipher.update(dataKey), cipher.final()]);
  return {
    v: 1,
    kdf: 'scrypt',
    ...params,
    salt: salt.toString('base64'),
    nonce: nonce.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    key: key.toString('base64'),
    keyId,
  };
}

export function isSealedDataKey(value: unknown): value is SealedDataKey {
  const v = value as Partial<SealedDataKey> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    v.v === 1 &&
    v.kdf === 'scrypt' &&
    [v.N, v.r, v.p].every((n) => Number.isInteger(n) && (n as number) > 0) &&
    (v.N as number) <= 2 ** 20 &&
    [v.salt, v.nonce, v.tag, v.key, v.keyId].every((s) => typeof s === 'string')
  );
}

/** The data key, or null when the passphrase is not the one it was sealed with. */
export async function openDataKey(sealed: SealedDataKey, passphrase: string): Promise<Buffer | null> {
  const decipher = createDecipheriv(
    'aes-256-gcm',
    await derive(passphrase, Buffer.from(sealed.salt, 'base64'), sealed),
    Buffer.from(sealed.nonce, 'base64'),
  );
  decipher.setAAD(aad(sealed.keyId));
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
  try {
    const key = Buffer.concat([decipher.update(Buffer.from(sealed.key, 'base64')), decipher.final()]);
    return key.length === 32 && dataKeyId(key) === sealed.keyId ? key : null;
  } catch {
    return null;
  }
}
