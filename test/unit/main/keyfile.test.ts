import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DataKeyError,
  encryptedKeyFile,
  loadOrCreateKey,
  plainKeyFile,
  protectPlainKey,
  storeKey,
  type KeyCipher,
} from '../../../main/keyfile';
import { loadOrCreateKeyFile } from '../../../src/secrets';

const posix = process.platform !== 'win32';

/** A reversible stand-in for safeStorage that never returns its input. */
const fakeKeychain: KeyCipher = {
  encrypt: (plain) => Buffer.concat([Buffer.from('SEALED:'), Buffer.from(plain.map((b) => b ^ 0x5a))]),
  decrypt: (sealed) => {
    if (!sealed.subarray(0, 7).equals(Buffer.from('SEALED:'))) throw new Error('not ours');
    return Buffer.from(sealed.subarray(7).map((b) => b ^ 0x5a));
  },
};

describe('loadOrCreateKey', () => {
  let dir: string;
  let messages: string[];
  const log = { info: (m: string) => messages.push(`info ${m}`), warn: (m: string) => messages.push(`warn ${m}`) };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'packroom-key-'));
    messages = [];
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates a random 32-byte key sealed by the keychain, mode 0600, and reads the same key back', () => {
    const first = loadOrCreateKey(dir, fakeKeychain, log);
    expect(first.source).toBe('created-keychain');
    expect(first.key).toHaveLength(32);
    const file = join(dir, encryptedKeyFile);
    expect(readFileSync(file).includes(first.key)).toBe(false);
    expect(existsSync(join(dir, plainKeyFile))).toBe(false);
    if (posix) expect(statSync(file).mode & 0o777).toBe(0o600);
    const again = loadOrCreateKey(dir, fakeKeychain, log);
    expect(again).toEqual({ key: first.key, source: 'keychain' });
    expect(loadOrCreateKey(mkdtempSync(join(tmpdir(), 'packroom-key-')), fakeKeychain, log).key.equals(first.key)).toBe(false);
  });

  it("without a keychain, writes the headless host's 0600 key file and warns", () => {
    const { key, source } = loadOrCreateKey(dir, null, log);
    expect(source).toBe('created-plain-file');
    expect(key).toHaveLength(32);
    expect(loadOrCreateKeyFile(dir).equals(key)).toBe(true); // `packroom serve` reads the same key
    if (posix) expect(statSync(join(dir, plainKeyFile)).mode & 0o777).toBe(0o600);
    expect(messages.some((m) => m.startsWith('warn') && /unencrypted/.test(m))).toBe(true);
    expect(loadOrCreateKey(dir, null, log)).toEqual({ key, source: 'plain-file' });
  });

  it("keeps using the headless host's key file even with a keychain, so both hosts share one key", () => {
    const key = loadOrCreateKeyFile(dir);
    expect(loadOrCreateKey(dir, fakeKeychain, log)).toEqual({ key, source: 'plain-file' });
    expect(existsSync(join(dir, encryptedKeyFile))).toBe(false);
  });

  it('refuses to replace a sealed key when the keychain is unavailable or cannot open it', () => {
    loadOrCreateKey(dir, fakeKeychain, log);
    const sealed = readFileSync(join(dir, encryptedKeyFile));
    expect(() => loadOrCreateKey(dir, null, log)).toThrow(DataKeyError);
    expect(() =>
      loadOrCreateKey(
        dir,
        {
          ...fakeKeychain,
          decrypt: () => {
            throw new Error('locked');
          },
        },
        log,
      ),
    ).toThrow(/could not unlock/);
    expect(readFileSync(join(dir, encryptedKeyFile)).equals(sealed)).toBe(true);
    expect(existsSync(join(dir, plainKeyFile))).toBe(false);
  });

  it('refuses a damaged key instead of making a new one', () => {
    writeFileSync(join(dir, plainKeyFile), 'AAAA\n', { mode: 0o600 });
    expect(() => loadOrCreateKey(dir, null, log)).toThrow(/damaged/);
    rmSync(join(dir, plainKeyFile));
    writeFileSync(join(dir, encryptedKeyFile), fakeKeychain.encrypt(Buffer.alloc(12)), { mode: 0o600 });
    expect(() => loadOrCreateKey(dir, fakeKeychain, log)).toThrow(/damaged/);
  });

  it.skipIf(!posix)('tightens key files others could read', () => {
    const { key } = loadOrCreateKey(dir, null, log);
    chmodSync(join(dir, plainKeyFile), 0o644);
    expect(loadOrCreateKey(dir, null, log).key.equals(key)).toBe(true);
    expect(statSync(join(dir, plainKeyFile)).mode & 0o777).toBe(0o600);

    const other = mkdtempSync(join(tmpdir(), 'packroom-key-'));
    const sealed = loadOrCreateKey(other, fakeKeychain, log).key;
    chmodSync(join(other, encryptedKeyFile), 0o640);
    expect(loadOrCreateKey(other, fakeKeychain, log).key.equals(sealed)).toBe(true);
    expect(statSync(join(other, encryptedKeyFile)).mode & 0o777).toBe(0o600);
    expect(messages.some((m) => /readable by other users/.test(m))).toBe(true);
    rmSync(other, { recursive: true, force: true });
  });

  it('creates the folder if needed', () => {
    const nested = join(dir, 'a', 'b');
    expect(loadOrCreateKey(nested, fakeKeychain, log).key).toHaveLength(32);
  });

  it('moves a plain key into the keychain once: the same key, sealed, and the plain file gone', () => {
    const key = loadOrCreateKeyFile(dir);
    expect(protectPlainKey(dir, fakeKeychain, log).equals(key)).toBe(true);
    expect(existsSync(join(dir, plainKeyFile))).toBe(false);
    expect(loadOrCreateKey(dir, fakeKeychain, log)).toEqual({ key, source: 'keychain' });
  });

  it('removes a leftover plain copy of the sealed key, and refuses two different keys in one folder', () => {
    const { key } = loadOrCreateKey(dir, fakeKeychain, log);
    writeFileSync(join(dir, plainKeyFile), `${key.toString('base64')}\n`, { mode: 0o600 }); // an interrupted migration
    expect(loadOrCreateKey(dir, fakeKeychain, log)).toEqual({ key, source: 'keychain' });
    expect(existsSync(join(dir, plainKeyFile))).toBe(false);
    writeFileSync(join(dir, plainKeyFile), `${Buffer.alloc(32, 9).toString('base64')}\n`, { mode: 0o600 });
    expect(() => loadOrCreateKey(dir, fakeKeychain, log)).toThrow(/two different data keys/);
    expect(existsSync(join(dir, plainKeyFile))).toBe(true);
  });

  it('never creates a key for a folder whose database exists (its key is missing, not new)', () => {
    writeFileSync(join(dir, 'packroom.db'), '');
    expect(() => loadOrCreateKey(dir, fakeKeychain, log)).toThrow(/has a Packroom database but its data key/);
    expect(() => loadOrCreateKey(dir, null, log)).toThrow(DataKeyError);
    expect(existsSync(join(dir, encryptedKeyFile))).toBe(false);
    expect(existsSync(join(dir, plainKeyFile))).toBe(false);
  });
});

describe('storeKey', () => {
  let parent: string;
  let dir: string;
  const log = { info: () => undefined, warn: () => undefined };
  beforeEach(() => {
    parent = mkdtempSync(join(tmpdir(), 'packroom-key-'));
    dir = join(parent, 'joining');
  });
  afterEach(() => rmSync(parent, { recursive: true, force: true }));

  it("keeps a site's key sealed by the keychain, or in the plain file without one, and loadOrCreateKey reads it back", () => {
    const key = Buffer.alloc(32, 7);
    storeKey(dir, fakeKeychain, key, log);
    expect(readFileSync(join(dir, encryptedKeyFile)).includes(key)).toBe(false);
    expect(loadOrCreateKey(dir, fakeKeychain, log)).toEqual({ key, source: 'keychain' });
    // Never over a key already there.
    expect(() => storeKey(dir, fakeKeychain, Buffer.alloc(32, 8), log)).toThrow();
    expect(loadOrCreateKey(dir, fakeKeychain, log).key).toEqual(key);

    const plainDir = join(parent, 'plain');
    storeKey(plainDir, null, key, log);
    expect(loadOrCreateKey(plainDir, null, log)).toEqual({ key, source: 'plain-file' });
  });
});
