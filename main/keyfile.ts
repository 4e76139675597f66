/**
 * The data key's file handling, without `electron`: secrets.ts plugs in safeStorage as the
 * cipher, tests plug in a fake. The key is the core's `dataKey` (src/secrets.ts DataKeys): 32
 * random bytes from which it derives the keys for PIN lookup hashes and sealed settings.
 */
import {
  chmodSync,
  closeSync,
  existsSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { random } from '../src/random';
import { DataKeyError, keyFileName, loadOrCreateKeyFile, refuseOrphanDatabase, sealedKeyFileName, writeKeyFile } from '../src/secrets';

export { DataKeyError };

export const dataKeyBytes = 32;
/** The data key encrypted with the OS keychain (safeStorage). */
export const encryptedKeyFile = sealedKeyFileName;
/** The headless host's 0600 key file (src/secrets.ts), used where no OS keychain is available. */
export const plainKeyFile = keyFileName;

/** Encrypts with a key the OS keeps for this user (Electron's safeStorage). */
export interface KeyCipher {
  encrypt(plain: Buffer): Buffer;
  decrypt(sealed: Buffer): Buffer;
}

export interface KeyStoreLog {
  info(message: string): void;
  warn(message: string): void;
}

export type KeySource = 'keychain' | 'plain-file' | 'created-keychain' | 'created-plain-file';

/**
 * On Windows, safeStorage (DPAPI) wraps its own key in the "Local State" file of the data folder
 * (Chromium's os_crypt), so that file is part of the data key.
 */
const localStateNote = (dir: string) =>
  process.platform === 'win32'
    ? ` On Windows the keychain key is kept in the file "Local State" in ${dir}: if the folder was copied or restored without it, the data key cannot be recovered; restore "Local State" together with packroom.key.enc from the same backup.`
    : '';

/**
 * Creates `file` with mode 0600 holding `data`, atomically: a temp file is written and fsynced,
 * then hard-linked into place, which fails with EEXIST rather than replace a file someone else
 * created meanwhile (a key must never be overwritten).
 */
export function createPrivateFile(file: string, data: Buffer): void {
  const temp = `${file}.${process.pid}.${random.token(6)}.tmp`;
  const fd = openSync(temp, 'wx', 0o600);
  try {
    writeSync(fd, data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(temp, file);
  } finally {
    unlinkSync(temp);
  }
}

const isAlreadyThere = (error: unknown) => (error as NodeJS.ErrnoException | null)?.code === 'EEXIST';

function readPrivateFile(file: string, log: KeyStoreLog): Buffer {
  if (process.platform !== 'win32') {
    const mode = statSync(file).mode & 0o777;
    if (mode & 0o077) {
      chmodSync(file, 0o600);
      log.warn(`${file} was readable by other users (mode ${mode.toString(8)}); set it to 0600.`);
    }
  }
  return readFileSync(file);
}

function checkLength(key: Buffer, file: string): Buffer {
  if (key.length !== dataKeyBytes) {
    throw new DataKeyError(
      `The Packroom data key in ${file} is damaged (${key.length} bytes, expected ${dataKeyBytes}). Restore it from a backup; do not delete it, or saved passwords and tokens cannot be read.`,
    );
  }
  return key;
}

/**
 * Loads the data key from `dir`, creating it on first run.
 *
 * - `packroom.key.enc` exists: decrypt it with `cipher`. No cipher (keychain unavailable or
 *   locked) is an error: a new key would orphan every PIN and secret sealed with the old one.
 * - else `packroom.key` exists (written by `packroom serve`, or by an earlier run without a
 *   keychain): use it, with a warning, so both hosts keep sharing one key.
 * - else create a key: sealed by the keychain when there is one, otherwise the headless host's
 *   0600 key file (src/secrets.ts loadOrCreateKeyFile, same format) and a warning.
 */
export function loadOrCreateKey(dir: string, cipher: KeyCipher | null, log: KeyStoreLog, retry = true): { key: Buffer; source: KeySource } {
  const sealedPath = join(dir, encryptedKeyFile);
  const plainPath = join(dir, plainKeyFile);

  if (existsSync(sealedPath)) {
    if (!cipher) {
      throw new DataKeyError(
        `The Packroom data key (${sealedPath}) is locked in the system keychain, and the keychain is not available. Sign in to the desktop session (or unlock its keyring), then start Packroom again.`,
      );
    }
    let key: Buffer;
    try {
      key = cipher.decrypt(readPrivateFile(sealedPath, log));
    } catch (error) {
      throw new DataKeyError(
        `The system keychain could not unlock the Packroom data key (${sealedPath}): ${error instanceof Error ? error.message : String(error)}. It only opens for the OS user who created it; start Packroom as that user.${localStateNote(dir)}`,
      );
    }
    checkLength(key, sealedPath);
    if (existsSync(plainPath)) settleLeftoverPlainKey(plainPath, key, log);
    return { key, source: 'keychain' };
  }

  const plainWarning = `The Packroom data key is stored unencrypted in ${plainPath} (mode 0600): anyone who can read this folder as this user can read stored PINs and passwords.`;
  if (existsSync(plainPath)) {
    log.warn(plainWarning);
    return { key: loadOrCreateKeyFile(dir), source: 'plain-file' };
  }

  mkdirSync(dir, { recursive: true, mode: 0o700 });
  refuseOrphanDatabase(dir, cipher ? sealedPath : plainPath);
  if (!cipher) {
    const key = loadOrCreateKeyFile(dir);
    log.warn(`No system keychain is available, so a new data key was saved as the headless host does. ${plainWarning}`);
    return { key, source: 'created-plain-file' };
  }
  const key = random.bytes(dataKeyBytes);
  const sealed = cipher.encrypt(key);
  if (!cipher.decrypt(sealed).equals(key))
    throw new DataKeyError('The system keychain returned a different key than it was given; the data key was not saved.');
  try {
    createPrivateFile(sealedPath, sealed);
  } catch (error) {
    if (retry && isAlreadyThere(error)) return loadOrCreateKey(dir, cipher, log, false); // another process won the race: use its key
    throw error;
  }
  log.info(`Created the Packroom data key, sealed by the system keychain (${sealedPath}).`);
  return { key, source: 'created-keychain' };
}

/**
 * Both key files in one folder: the same key is what an interrupted protectPlainKey leaves (the
 * plain copy is then removed); two different keys mean the hosts have been writing with
 * different keys, which a person must sort out from backups.
 */
function settleLeftoverPlainKey(plainPath: string, key: Buffer, log: KeyStoreLog): void {
  let plain: Buffer | null;
  try {
    plain = Buffer.from(readFileSync(plainPath, 'utf8').trim(), 'base64');
  } catch {
    plain = null;
  }
  if (plain?.equals(key)) {
    unlinkSync(plainPath);
    log.info(`Removed ${plainPath}: the same data key is sealed by the system keychain.`);
    return;
  }
  throw new DataKeyError(
    `This data folder has two different data keys: ${plainPath} and the one sealed by the system keychain. One folder must have one key: move one of them out of the folder and start Packroom again; it checks the remaining key against the database and says whether it belongs to it.`,
  );
}

/**
 * The one-time migration of a plain key file into the keychain: the same 32 bytes, sealed, so
 * nothing stored changes. The sealed file is written and read back before the plain one is
 * removed, so an interruption leaves both (equal), which loadOrCreateKey then settles.
 */
export function protectPlainKey(dir: string, cipher: KeyCipher, log: KeyStoreLog): Buffer {
  const plainPath = join(dir, plainKeyFile);
  const sealedPath = join(dir, encryptedKeyFile);
  const key = checkLength(Buffer.from(readPrivateFile(plainPath, log).toString('utf8').trim(), 'base64'), plainPath);
  createPrivateFile(sealedPath, cipher.encrypt(key));
  const back = checkLength(cipher.decrypt(readFileSync(sealedPath)), sealedPath);
  if (!back.equals(key)) {
    unlinkSync(sealedPath);
    throw new DataKeyError('The system keychain returned a different key than it was given; the data key was left in its file.');
  }
  unlinkSync(plainPath);
  log.info(`The data key is now sealed by the system keychain (${sealedPath}); ${plainPath} was removed.`);
  return key;
}

/**
 * Keeps a key this folder did not make (`packroom site join` brings the site's): sealed by the keychain when there
 * is one, else the headless host's 0600 key file, as loadOrCreateKey would have kept one of its own. Never
 * replaces a key: a folder with one is refused before (src/sync/join.ts) and here again, by the exclusive create.
 */
export function storeKey(dir: string, cipher: KeyCipher | null, key: Buffer, log: KeyStoreLog): void {
  checkLength(key, 'the key to store');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (!cipher) {
    writeKeyFile(dir, key);
    log.warn(
      `No system keychain is available, so the site's data key was saved as the headless host does (${join(dir, plainKeyFile)}, mode 0600).`,
    );
    return;
  }
  const sealed = cipher.encrypt(key);
  if (!cipher.decrypt(sealed).equals(key))
    throw new DataKeyError('The system keychain returned a different key than it was given; the data key was not saved.');
  createPrivateFile(join(dir, encryptedKeyFile), sealed);
}
