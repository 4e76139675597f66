import { createCipheriv, createDecipheriv, createHmac, hkdfSync } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KeyCheckRepository } from './db/repositories/keyCheck';
import { databaseFile } from './paths';
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
  lookupHash(purpose: 'pin' | 'qr' | 'request', value: string): Buffer {
    return createHmac('sha256', this.lookupKey).update(`${purpose}\0${value}`).digest();
  }

  /** AES-256-GCM: 12-byte nonce ‖ 16-byte tag ‖ ciphertext. */
  seal(plain: string): Buffer {
    const nonce = random.bytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.sealKey, nonce);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return Buffer.concat([nonce, cipher.getAuthTag(), body]);
  }

  /**
   * A value derived from the data key alone, stored in the database, so a database opened with
   * another key is recognised at start-up instead of failing to decrypt later.
   */
  checkValue(): string {
    return Buffer.from(hkdfSync('sha256', this.lookupKey, Buffer.alloc(0), 'packroom key check v1', 16)).toString('base64');
  }

  open(sealed: Uint8Array): string {
    const buf = Buffer.from(sealed);
    const decipher = createDecipheriv('aes-256-gcm', this.sealKey, buf.subarray(0, 12));
    decipher.setAuthTag(buf.subarray(12, 28));
    return Buffer.concat([decipher.update(buf.subarray(28)), decipher.final()]).toString('utf8');
  }
}

export const keyFileName = 'packroom.key';
/** The desktop app's data key, sealed by the OS keychain (Electron safeStorage); main/keyfile.ts writes it. */
export const sealedKeyFileName = 'packroom.key.enc';

/** The data key cannot be used: missing, sealed where this process cannot open it, damaged, or not this database's. */
export class DataKeyError extends Error {}

/** How to reach the desktop executable, for messages that send a person there. */
export const desktopExecutableHint =
  '"/opt/Packroom/packroom" on Linux, "/Applications/Packroom.app/Contents/MacOS/Packroom" on macOS or "C:\\Program Files\\Packroom\\Packroom.exe" on Windows';

/**
 * Refuses to create a new key for a folder whose database already exists: its PINs and secrets
 * were sealed with a key that is now missing, and a new one would silently orphan them.
 */
export function refuseOrphanDatabase(dataDir: string, keyFile: string): void {
  if (!existsSync(databaseFile(dataDir))) return;
  throw new DataKeyError(
    `The data folder ${dataDir} has a Packroom database but its data key (${keyFile}) is missing. Restore the key file from the backup made with this database${process.platform === 'win32' ? ' (for the desktop app: packroom.key.enc together with the "Local State" file)' : ''}, then start Packroom again. Packroom did not create a new key, so nothing was changed.`,
  );
}

/**
 * The headless host's data key: a random 32-byte file readable by its owner only. Losing it makes
 * stored PINs unreadable; copying it with the database defeats the point. A folder whose key the
 * desktop app sealed with the OS keychain is refused: plain Node cannot unseal it, and a second
 * key for the same folder would make each host's PINs and secrets unreadable to the other.
 */
export function loadOrCreateKeyFile(dataDir: string): Buffer {
  const file = join(dataDir, keyFileName);
  const sealed = join(dataDir, sealedKeyFileName);
  if (existsSync(sealed)) {
    throw new DataKeyError(
      `The data key of ${dataDir} is sealed by the Packroom desktop app (${sealed}), which plain Node cannot unseal. Run the same command through the desktop app's executable instead, for example ${desktopExecutableHint} followed by "user add …", "user list", "import …", "devices …" or "serve".`,
    );
  }
  if (!existsSync(file)) {
    refuseOrphanDatabase(dataDir, file);
    writeFileSync(file, random.bytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  } else if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) {
    chmodSync(file, 0o600);
  }
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== 32) throw new DataKeyError(`The key file ${file} is damaged (expected 32 bytes). Restore it from a backup.`);
  return key;
}

/**
 * Checks that `keys` belong to this database, recording the check value on first use. A
 * database from before the check value existed is accepted only if its sealed data opens with
 * these keys. `keyDescription` names where the key came from, for the message.
 */
export function verifyDataKey(repo: KeyCheckRepository, keys: DataKeys, keyDescription: string): void {
  const expected = keys.checkValue();
  const stored = repo.checkValue();
  if (stored === expected) return;
  const mismatch = () =>
    new DataKeyError(
      `The data key in ${keyDescription} does not belong to this Packroom database: its PINs and saved passwords were sealed with another key. Restore the key that was backed up with this database${process.platform === 'win32' ? ' (for the desktop app: packroom.key.enc together with the "Local State" file of the same data folder)' : ''}, or start Packroom on the data folder that holds both. Nothing was changed.`,
    );
  if (stored !== null) throw mismatch();
  const sample = repo.sealedSample();
  if (sample) {
    try {
      keys.open(sample);
    } catch {
      throw mismatch();
    }
  }
  repo.setCheckValue(expected);
}

/**
 * Puts a data key back for the headless host, as the 0600 key file loadOrCreateKeyFile reads: how
 * `packroom restore` hands over the key a backup carried. Refuses to replace an existing key file.
 */
export function writeKeyFile(dataDir: string, key: Buffer): void {
  if (key.length !== 32) throw new Error('The data key must be 32 bytes.');
  writeFileSync(join(dataDir, keyFileName), key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
}
