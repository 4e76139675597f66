// One data key per data folder, checked against the database at start-up (real SQLite files).
import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../src/core';
import { DataKeyError, loadOrCreateKeyFile } from '../../src/secrets';
import { signedInAdmin, tempDir } from '../helpers/core';

const keyA = Buffer.alloc(32, 1);
const keyB = Buffer.alloc(32, 2);

async function folderWithAPin(dataKey?: Buffer) {
  const dataDir = tempDir();
  const core = createCore({ dataDir, env: {}, ...(dataKey ? { dataKey } : {}) });
  const c = await signedInAdmin(core);
  await c.ok('recipients.create', { firstName: 'Ann', lastName: 'Lee', unit: '4B' });
  await core.close();
  return dataDir;
}

describe('the data key check value', () => {
  it('opens a database with its own key, and refuses another key with a message naming where the key came from', async () => {
    const dataDir = await folderWithAPin(keyA);
    const again = createCore({ dataDir, env: {}, dataKey: keyA });
    expect(again.recipients.search({ query: 'Lee', status: 'active', limit: 10, offset: 0 }).items).toHaveLength(1);
    await again.close();
    const wrong = () => createCore({ dataDir, env: {}, dataKey: keyB, dataKeySource: 'packroom.key.enc (sealed by the macOS Keychain)' });
    expect(wrong).toThrow(DataKeyError);
    expect(wrong).toThrow(/data key in packroom\.key\.enc \(sealed by the macOS Keychain\) does not belong to this Packroom database/);
  });

  it('adopts the key of a database from before the check value only if its sealed PINs open with it', async () => {
    const dataDir = await folderWithAPin(keyA);
    const db = createCore({ dataDir, env: {}, dataKey: keyA }).db;
    db.prepare("DELETE FROM settings WHERE key = 'dataKey.check'").run();
    db.close();
    expect(() => createCore({ dataDir, env: {}, dataKey: keyB })).toThrow(/does not belong/);
    const adopted = createCore({ dataDir, env: {}, dataKey: keyA });
    expect(adopted.db.prepare("SELECT count(*) AS n FROM settings WHERE key = 'dataKey.check'").get()).toEqual({ n: 1 });
    await adopted.close();
  });
});

describe("the headless host's key file", () => {
  it('refuses a folder whose key the desktop app sealed, naming the desktop executable, and creates no second key', async () => {
    const dataDir = await folderWithAPin(keyA);
    writeFileSync(join(dataDir, 'packroom.key.enc'), 'sealed by the keychain');
    expect(() => createCore({ dataDir, env: {} })).toThrow(DataKeyError);
    expect(() => loadOrCreateKeyFile(dataDir)).toThrow(/sealed by the Packroom desktop app.*user add/s);
    expect(existsSync(join(dataDir, 'packroom.key'))).toBe(false);
  });

  it('refuses to make a new key for a database whose key is missing', async () => {
    const dataDir = await folderWithAPin();
    rmSync(join(dataDir, 'packroom.key'));
    expect(() => createCore({ dataDir, env: {} })).toThrow(/has a Packroom database but its data key .* is missing/);
    expect(readdirSync(dataDir)).not.toContain('packroom.key');
  });
});
