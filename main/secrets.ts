/**
 * The desktop host owns secrets: the data key is sealed with Electron's safeStorage (macOS
 * Keychain, Windows DPAPI, Linux libsecret/kwallet), so a copy of the data folder alone does
 * not reveal it. Call after `app.whenReady()`: safeStorage is unavailable before.
 */
import { safeStorage } from 'electron';
import { log } from '../src/log';
import { loadOrCreateKey, type KeyCipher, type KeySource } from './keyfile';

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

/**
 * The 32-byte data key from `userDataDir` (packroom.key.enc, mode 0600), created on first run.
 * Without a usable keychain it falls back to a 0600 plain key file, like the headless host, and
 * logs a warning saying so.
 */
export function loadOrCreateDataKey(userDataDir: string): Buffer {
  const cipher = keychainCipher();
  if (!cipher) {
    const why =
      process.platform === 'linux'
        ? `no keyring was found (safeStorage backend: ${safeStorage.getSelectedStorageBackend()}); install and unlock gnome-keyring or KWallet to protect it`
        : 'the system keychain is not available';
    log.warn(`Packroom cannot encrypt its data key: ${why}.`);
  }
  const { key, source }: { key: Buffer; source: KeySource } = loadOrCreateKey(userDataDir, cipher, log);
  if (source === 'keychain' || source === 'created-keychain') log.info(`Data key unlocked with the ${keychainDescription()}.`);
  return key;
}
