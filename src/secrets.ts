import { createCipheriv, createDecipheriv, createHmac, hkdfSync } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { random } from './random';

/**
 * Keys derived from the one data key that lives outside the database (Electron safeStorage in the
 * desktop app, a 0600 key file for the headless host): the database file alone reveals no PIN,
 * QR token or stored password.
 */
export class DataKeys {
  private readonly lookupKey: Buffer;
  private readonly sealKey: Buffer;

  constructor(dataKey: Buffer) {
    if (dataKey.length !== 32) throw new Error('The data key must be 32 bytes.');
    this.lookupKey = Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), 'packroom lookup v1', 32));
    this.sealKey = Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), 'packroom seal v1', 32));
  }

  /** Keyed hash for equality lookup; `purpose` keeps a PIN and a QR token with the same text apart. */
  lookupHash(purpose: 'pin' | 'qr', value: string): Buffer {
    return createHmac('sha256', this.lookupKey).update(`${purpose}\0${value}`).digest();
  }

  /** AES-256-GCM: 12-byte nonce ‖ 16-byte tag ‖ ciphertext. */
  seal(plain: string): Buffer {
    const nonce = random.bytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.sealKey, nonce);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return Buffer.concat([nonce, cipher.getAuthTag(), body]);
  }

  open(sealed: Uint8Array): string {
    const buf = Buffer.from(sealed);
    const decipher = createDecipheriv('aes-256-gcm', this.sealKey, buf.subarray(0, 12));
    decipher.setAuthTag(buf.subarray(12, 28));
    return Buffer.concat([decipher.update(buf.subarray(28)), decipher.final()]).toString('utf8');
  }
}

export const keyFileName = 'packroom.key';

/**
 * The headless host's data key: a random 32-byte file readable by its owner only. Losing it makes
 * stored PINs unreadable (new ones can be issued); copying it with the database defeats the point.
 */
export function loadOrCreateKeyFile(dataDir: string): Buffer {
  const file = join(dataDir, keyFileName);
  if (!existsSync(file)) {
    writeFileSync(file, random.bytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  } else if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) {
    chmodSync(file, 0o600);
  }
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== 32) throw new Error(`The key file ${file} is damaged (expected 32 bytes). Restore it from a backup.`);
  return key;
}

/**
 * Puts a data key back for the headless host, as the 0600 key file loadOrCreateKeyFile reads: how
 * `packroom restore` hands over the key a backup carried. Refuses to replace an existing key file.
 */
export function writeKeyFile(dataDir: string, key: Buffer): void {
  if (key.length !== 32) throw new Error('The data key must be 32 bytes.');
  writeFileSync(join(dataDir, keyFileName), key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
}
