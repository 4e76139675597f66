/**
 * `packroom restore` of files made the way an attacker (or a mix-up) would make them: a picture, a
 * text file, another program's SQLite database, a truncated backup, a backup whose description is
 * garbage. Each is refused with a sentence and the target folder is left exactly as it was.
 */
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BackupFileError } from '../../src/db/backupFile';
import { writeKeyFile } from '../../src/secrets';
import { cliActor } from '../../src/services/audit/service';
import { restoreBackup } from '../../src/services/backups/restore';
import { tempDir, testCore } from '../helpers/core';

const passphrase = 'maple court basement stick';

async function realBackup(): Promise<string> {
  const core = testCore();
  core.recipients.create(cliActor, { firstName: 'Ana', lastName: 'Lopez', unit: '4B' });
  await core.backups.setPassphrase(cliActor, passphrase);
  const run = await core.backups.run('staff', cliActor, { folder: tempDir('packroom-backups-') });
  await core.close();
  return run.file!;
}

/** Restores `file` into a fresh folder holding one file of its own; returns why it was refused. */
async function refusedRestore(file: string): Promise<string> {
  const target = tempDir();
  writeFileSync(join(target, 'keep.txt'), 'untouched');
  const started = performance.now();
  const error = await restoreBackup({ file, dataDir: target, passphrase, force: true, now: Date.now(), writeKey: writeKeyFile }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(performance.now() - started).toBeLessThan(20_000);
  expect(error).toBeInstanceOf(BackupFileError);
  expect(readdirSync(target).filter((name) => !name.startsWith('packroom.lock'))).toEqual(['keep.txt']);
  expect(readdirSync(join(target, '..')).filter((name) => name.includes('.restoring-') || name.includes('.before-restore-'))).toEqual([]);
  return (error as Error).message;
}

describe('hostile backup files', { timeout: 60_000 }, () => {
  it('refuses a picture, a text file and an empty file named like a backup', async () => {
    const dir = tempDir();
    const png = join(dir, 'packroom-site-20250101T000000Z.sqlite');
    writeFileSync(png, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...Array<number>(2000).fill(7)]));
    expect(await refusedRestore(png)).toMatch(/is not a Packroom backup|cannot be opened/);
    const text = join(dir, 'notes.sqlite');
    writeFileSync(text, 'Name,Unit\nLee,101\n'.repeat(200));
    expect(await refusedRestore(text)).toMatch(/is not a Packroom backup|cannot be opened/);
    const empty = join(dir, 'empty.sqlite');
    writeFileSync(empty, '');
    expect(await refusedRestore(empty)).toMatch(/is not a Packroom backup/);
  });

  it("refuses another program's SQLite database", async () => {
    const file = join(tempDir(), 'foreign.sqlite');
    const db = new Database(file);
    db.exec("CREATE TABLE packroom_backup (format TEXT, note TEXT); INSERT INTO packroom_backup VALUES ('something-else', 'hi')");
    db.close();
    expect(await refusedRestore(file)).toBe(`${file} is not a Packroom backup.`);
  });

  it('refuses a truncated backup, cut anywhere', async () => {
    const whole = readFileSync(await realBackup());
    const dir = tempDir();
    for (const share of [0.9, 0.5, 0.1]) {
      const file = join(dir, `cut-${share}.sqlite`);
      writeFileSync(file, whole.subarray(0, Math.floor(whole.length * share)));
      expect(await refusedRestore(file)).toMatch(/is damaged|is not a Packroom backup|cannot be opened|is incomplete/);
    }
  });

  it('refuses a backup whose description is garbage or whose counts lie, without a crash', async () => {
    const original = await realBackup();
    const garbage = join(tempDir(), 'garbage.sqlite');
    copyFileSync(original, garbage);
    const db = new Database(garbage);
    db.prepare("UPDATE packroom_backup SET counts = '{not json', sealed_key = 'x'").run();
    db.close();
    expect(await refusedRestore(garbage)).toMatch(/^.*garbage\.sqlite is not a Packroom backup \(.*JSON/);

    const lying = join(tempDir(), 'lying.sqlite');
    copyFileSync(original, lying);
    const liar = new Database(lying);
    liar.prepare(`UPDATE packroom_backup SET counts = json_set(counts, '$.recipients', 1000000)`).run();
    liar.close();
    expect(await refusedRestore(lying)).toMatch(/is incomplete: it should hold 1000000 rows of recipients but has 1/);
    expect(existsSync(original)).toBe(true);
  });
});
