/**
 * The desktop host owns secrets: the data key is sealed with Electron's safeStorage (macOS
 * Keychain, Windows DPAPI, Linux libsecret/kwallet), so a copy of the data folder alone does
 * not reveal it. Call after `app.whenReady()`: safeStorage is unavailable before.
 */
import { safeStorage } from 'electron';
import { log } from '../src/log';
import { join } from 'node:path';
import { encryptedKeyFile, loadOrCreateKey, plainKeyFile, protectPlainKey, storeKey, type KeyCipher, type KeySource } from './keyfile';

/**
 * safeStorage as a cipher, or null when it would not protect anything: unavailable, or on Linux
 * the `basic_text` backend (no keyring found; it encrypts with a fixed, publicly known password).
 */
export function keychainCipher(): KeyCipher | null {
  if (!safeStorage.isEncryptionAvailable()) return null;
  if (process.platform === 'linux') {
    const backend = safeStorage.getSelectedStorageBackend();
    if (backend === 'basic_text' || backend === 'unknown') return null;
  }
  return {
    encrypt: (plain) => safeStorage.encryptString(plain.toString('base64')),
    decrypt: (sealed) => Buffer.from(safeStorage.decryptString(sealed), 'base64'),
  };
}

export function keychainDescription(): string {
  if (process.platform === 'darwin') return 'macOS Keychain';
  if (process.platform === 'win32') return 'Windows DPAPI';
  return `Linux keyring (${safeStorage.getSelectedStorageBackend()})`;
}

export interface DesktopDataKey {
  key: Buffer;
  source: KeySource;
  /** Where the key is, for messages (createCore's dataKeySource). */
  description: string;
  /** A plain key file that the keychain could seal now (the one-time migration the app offers). */
  canProtect: boolean;
}

/**
 * The 32-byte data key from `userDataDir` (packroom.key.enc, mode 0600), created on first run.
 * Without a usable keychain it falls back to a 0600 plain key file, like the headless host, and
 * logs a warning saying so. Call after `ready`: safeStorage cannot be used before it on Linux.
 */
export function loadOrCreateDataKey(userDataDir: string): DesktopDataKey {
  const cipher = keychainCipher();
  if (!cipher) {
    const why =
      process.platform === 'linux'
        ? `no keyring was found (safeStorage backend: ${safeStorage.getSelectedStorageBackend()}); install and unlock gnome-keyring or KWallet to protect it`
        : 'the system keychain is not available';
    log.warn(`Packroom cannot encrypt its data key: ${why}.`);
  }
  const { key, source } = loadOrCreateKey(userDataDir, cipher, log);
  const sealed = source === 'keychain' || source === 'created-keychain';
  if (sealed) log.info(`Data key unlocked with the ${keychainDescription()}.`);
  return {
    key,
    source,
    description: sealed
      ? `${join(userDataDir, encryptedKeyFile)} (sealed by the ${keychainDescription()})`
      : join(userDataDir, plainKeyFile),
    canProtect: source === 'plain-file' && cipher !== null,
  };
}

/** Seals the folder's plain key file with the keychain (same key) and removes the plain file. */
export function protectDataKey(userDataDir: string): void {
  const cipher = keychainCipher();
  if (!cipher) throw new Error('The system keychain is not available.');
  protectPlainKey(userDataDir, cipher, log);
}

/** Keeps the site's data key for a folder joining a site (`Packroom site join`), sealed by the keychain when there is one. */
export function storeDataKey(userDataDir: string, key: Buffer): void {
  storeKey(userDataDir, keychainCipher(), key, log);
}
