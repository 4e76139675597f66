import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createSimulator } from '../../native/sim/simulator';
import { ApiError, messageText, type Message } from '../../src/contract';
import { createCore, type Core } from '../../src/core';
import { BackupFileError, readBackupFile } from '../../src/db/backupFile';
import { relayPulses } from '../../src/host/sim';
import { keyFileName, writeKeyFile } from '../../src/secrets';
import { cliActor } from '../../src/services/audit/service';
import { RestoreRefused, restoreBackup } from '../../src/services/backups/restore';
import { adminPassword, signedInAdmin, tempDir, testCore } from '../helpers/core';

const passphrase = 'maple court basement stick';

/** Ana again each time: the same person added anyway, which is all a backup needs to hold. */
function addRecipient(core: Core) {
  const r = core.recipients.create(cliActor, {
    firstName: 'Ana',
    lastName: 'Lopez',
    unit: '4B',
    email: 'ana@example.com',
    phone: null,
    addAnyway: true,
  });
  return core.credentials.issuePermanent(cliActor, r.id).pin;
}

const tempDirOutsideTest = () => mkdtempSync(join(tmpdir(), 'packroom-mount-'));

function canMountTmpfs(): boolean {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false;
  const dir = tempDirOutsideTest();
  const ok = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=16k', 'tmpfs', dir]).status === 0;
  if (ok) spawnSync('umount', [dir]);
  rmSync(dir, { recursive: true, force: true });
  return ok;
}

/** A sentence as the log reads it; '' for none. */
const english = (m: Message | null) => (m ? messageText(m) : '');

const digest = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

async function pinOpensDoor(dataDir: string, pin: string): Promise<boolean> {
  const core = createCore({ dataDir, env: {} });
  try {
    const sim = createSimulator(() => core.clock.now());
    await core.devices.start('sim', sim);
    await core.door.settled();
    sim.keypad.type(`${pin}#`);
    await core.door.settled();
    return relayPulses(sim.relayBoard.history).length === 1;
  } finally {
    await core.close();
  }
}

async function siteWithBackup() {
  const dataDir = join(tempDir(), 'data');
  const folder = tempDir('packroom-backups-');
  const core = createCore({ dataDir, env: { PACKROOM_SITE_NAME: 'Maple Court' } });
  const pin = addRecipient(core);
  await core.backups.setPassphrase(cliActor, passphrase);
  const run = await core.backups.run('staff', cliActor, { folder });
  await core.close();
  return { dataDir, folder, pin, run };
}

// The backup passphrase's scrypt is slow on purpose (about half a second a try), and some tests try it often.
const slow = { timeout: 60_000 };

describe('backups', slow, () => {
  it('restores onto a new computer: backup, wipe, restore, and the same PIN opens the door', async () => {
    const { dataDir, pin, run } = await siteWithBackup();
    expect(run).toMatchObject({ outcome: 'ok', message: null });
    expect(run.file).toMatch(/packroom-maple-court-[0-9a-f]{12}-\d{8}T\d{6}Z\.sqlite$/);
    // One self-contained file: SQLite, with the backup's description and the sealed key inside.
    expect(readdirSync(join(run.file!, '..'))).toEqual([run.file!.split('/').pop()]);
    const contents = readBackupFile(run.file!);
    expect(contents).toMatchObject({ site: 'Maple Court', counts: { recipients: 1, access_keys: 2 } });
    expect(JSON.stringify(contents.sealedKey)).not.toContain(passphrase);

    rmSync(dataDir, { recursive: true, force: true });
    const report = await restoreBackup({ file: run.file!, dataDir, passphrase, force: false, now: Date.now(), writeKey: writeKeyFile });
    expect(report).toMatchObject({ site: 'Maple Court', keptAside: null, counts: { recipients: 1 } });
    expect(readdirSync(dataDir).sort()).toEqual(['packroom.db', keyFileName]);
    expect(await pinOpensDoor(dataDir, pin)).toBe(true);
    expect(await pinOpensDoor(dataDir, '13572468')).toBe(false);
  });

  it('changes nothing when the passphrase is wrong, and refuses a folder in use without --force', async () => {
    const { dataDir, pin, run } = await siteWithBackup();
    const before = digest(join(dataDir, 'packroom.db'));
    const key = readFileSync(join(dataDir, keyFileName), 'utf8');
    const restore = (secret: string, force: boolean) =>
      restoreBackup({ file: run.file!, dataDir, passphrase: secret, force, now: Date.now(), writeKey: writeKeyFile });

    await expect(restore('not the passphrase at all', true)).rejects.toThrow(RestoreRefused);
    await expect(restore(passphrase, false)).rejects.toThrow(/is not empty.*--force/);
    expect(readdirSync(join(dataDir, '..')).sort()).toEqual(['data']);
    expect(digest(join(dataDir, 'packroom.db'))).toBe(before);
    expect(readFileSync(join(dataDir, keyFileName), 'utf8')).toBe(key);

    const report = await restore(passphrase, true);
    expect(report.keptAside).toMatch(/data\.before-restore-\d{8}T\d{6}Z$/);
    expect(digest(join(report.keptAside!, 'packroom.db'))).toBe(before);
    expect(await pinOpensDoor(dataDir, pin)).toBe(true);
  });

  it('refuses a file that is not a backup, or a damaged one, before touching anything', async () => {
    const { run } = await siteWithBackup();
    const target = join(tempDir(), 'new');
    const notBackup = join(tempDir(), 'x.sqlite');
    new Database(notBackup).exec('CREATE TABLE t (a)').close();
    const damaged = join(tempDir(), 'damaged.sqlite');
    const bytes = readFileSync(run.file!);
    writeFileSync(damaged, bytes.subarray(0, Math.floor(bytes.length / 2)));
    for (const file of [notBackup, damaged]) {
      await expect(
        restoreBackup({ file, dataDir: target, passphrase, force: false, now: Date.now(), writeKey: writeKeyFile }),
      ).rejects.toThrow(BackupFileError);
    }
    expect(existsSync(target)).toBe(false);
  });

  it('keeps only the newest N of this site and never touches other files', async () => {
    const core = testCore({ env: { PACKROOM_SITE_NAME: 'Maple Court' } });
    const folder = tempDir('packroom-backups-');
    writeFileSync(join(folder, 'notes.txt'), 'keep me');
    writeFileSync(join(folder, 'packroom-other-site-20200101T000000Z.sqlite'), 'another site');
    await core.backups.setPassphrase(cliActor, passphrase);
    core.settings.update(cliActor, { backupFolder: folder, backupKeep: 2 });
    const files: string[] = [];
    for (let i = 0; i < 3; i++) {
      files.push((await core.backups.run('staff', cliActor)).file!);
      core.clock.advance(1000);
    }
    expect(readdirSync(folder).sort()).toEqual(
      ['notes.txt', 'packroom-other-site-20200101T000000Z.sqlite', ...files.slice(1).map((f) => f.split('/').pop()!)].sort(),
    );
  });

  it("names backups by a site id the folder keeps, and prunes only files whose contents prove they are this site's", async () => {
    const folder = tempDir('packroom-backups-');
    const sites = ['Кленовый двор', 'Дубовый двор', '東京タワー', '!!!'].map((name) => testCore({ env: { PACKROOM_SITE_NAME: name } }));
    // A backup from before backups carried a site id, named as every such site's were: never pruned by anyone.
    const old = testCore({ env: { PACKROOM_SITE_NAME: 'Maple Court' } });
    await old.backups.setPassphrase(cliActor, passphrase);
    const oldFile = (await old.backups.run('staff', cliActor, { folder })).file!;
    const oldName = 'packroom-site-20200101T000000Z.sqlite';
    const legacy = new Database(oldFile);
    legacy.exec('ALTER TABLE packroom_backup DROP COLUMN site_id');
    legacy.close();
    renameSync(oldFile, join(folder, oldName));

    for (const core of sites) {
      await core.backups.setPassphrase(cliActor, passphrase);
      core.settings.update(cliActor, { backupFolder: folder, backupKeep: 1 });
    }
    const kept: string[] = [];
    for (let round = 0; round < 2; round++) {
      kept.length = 0;
      for (const core of sites) {
        kept.push((await core.backups.run('staff', cliActor)).file!.split('/').pop()!);
        core.clock.advance(1000);
      }
    }
    // Another site's file renamed to look like this one's stays too: the name proves nothing.
    const ids = kept.map((name) => /-([0-9a-f]{12})-\d{8}T/.exec(name)![1]!);
    expect(new Set(ids).size).toBe(4);
    const forged = kept[1]!.replace(ids[1]!, ids[0]!).replace(/\d{8}T\d{6}Z/, '20200101T000000Z');
    copyFileSync(join(folder, kept[1]!), join(folder, forged));
    await sites[0]!.backups.run('staff', cliActor);

    const names = readdirSync(folder);
    expect(names).toContain(oldName);
    expect(names).toContain(forged);
    expect(names.filter((n) => n.includes(ids[0]!) && n !== forged)).toHaveLength(1);
    for (const [i, prefix] of ['packroom-кленовый-двор-', 'packroom-дубовый-двор-', 'packroom-東京タワー-', 'packroom-'].entries()) {
      expect(names.filter((n) => n.startsWith(`${prefix}${ids[i]}-`))).toHaveLength(1);
    }
    expect(readBackupFile(join(folder, kept[2]!))).toMatchObject({ site: '東京タワー', siteId: ids[2] });
    for (const core of [...sites, old]) await core.close();
  });

  it('tells the header at once when its warning changes: set up, then a backup made by hand', async () => {
    const core = testCore();
    const admin = await signedInAdmin(core);
    const told: string[] = [];
    core.events.on('backups.health', (health) => told.push(english(health.warning)));
    await admin.ok('backups.setPassphrase', { passphrase });
    expect(told.at(-1)).toMatch(/Backups are not set up/);
    await admin.ok('backups.configure', { folder: tempDir('packroom-backups-'), timeOfDay: '02:00', keep: 14 });
    expect(told.at(-1)).toMatch(/No backup has been made yet/);
    await admin.ok('backups.run', {});
    expect(told.at(-1)).toBe('');
  });

  it('runs every night at the set time, and warns when the folder goes missing or no backup succeeded for 48 hours', async () => {
    const core = testCore();
    const admin = await signedInAdmin(core);
    expect(english((await admin.ok('backups.health', {})).warning)).toMatch(/Backups are not set up/);
    const folder = tempDir('packroom-backups-');
    await admin.ok('backups.setPassphrase', { passphrase });
    const status = await admin.ok('backups.configure', { folder, timeOfDay: '02:00', keep: 14 });
    expect(status).toMatchObject({ folder, passphraseSet: true });
    expect(english(status.warning)).toMatch(/No backup has been made yet/);
    core.start();
    await core.backupSchedule.settled();
    // Time passes: the schedule looks at the clock, the idle screen locks, staff unlock it.
    const later = async (ms: number) => {
      core.clock.advance(ms);
      await core.backupSchedule.settled();
      await admin.ok('auth.unlock', { password: adminPassword });
    };
    await later(Date.parse(status.nextRunAt!) - core.clock.now() + 60_000);
    expect(readdirSync(folder)).toHaveLength(1);
    expect(await admin.ok('backups.health', {})).toEqual({ warning: null });
    expect((await admin.ok('backups.status', {})).runs[0]).toMatchObject({ trigger: 'schedule', outcome: 'ok' });

    rmSync(folder, { recursive: true });
    await later(24 * 3_600_000);
    expect(english((await admin.ok('backups.health', {})).warning)).toMatch(/^The backup folder .* is missing. Plug in the USB stick/);
    await later(24 * 3_600_000 + 60_000);
    const alerts = (await admin.ok('alerts.list', {})).map((a) => messageText(a.message));
    expect(alerts).toContainEqual(expect.stringMatching(/^Last night's backup failed: The backup folder .* is missing/));
    expect(alerts).toContainEqual(expect.stringMatching(/^No backup has succeeded since/));
    expect((await admin.ok('activity.list', { limit: 50 })).items.map((e) => e.action)).toContain('backup.failed');

    mkdirSync(folder);
    const run = await admin.ok('backups.run', {});
    expect(run.outcome).toBe('ok');
    expect(await admin.ok('backups.health', {})).toEqual({ warning: null });
  });

  // A real full disk needs a tiny file system: mounting one needs root, so elsewhere this is skipped.
  it.runIf(canMountTmpfs())('says a full folder is full, before and when a backup does not fit', async () => {
    const folder = tempDir('packroom-full-');
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', folder]);
    onTestFinished(() => {
      execFileSync('umount', [folder]);
    });
    const core = testCore();
    await core.backups.setPassphrase(cliActor, passphrase);
    for (let i = 0; i < 300; i++) addRecipient(core);
    core.settings.update(cliActor, { backupFolder: folder });
    expect(english(await core.backups.checkConfiguredFolder())).toMatch(/is almost full: the next backup may not fit/);
    const run = await core.backups.run('staff', cliActor);
    expect(run).toMatchObject({ outcome: 'failed' });
    expect(english(run.message)).toBe(`The backup folder ${folder} is full. Free some space or choose another folder.`);
    expect(readdirSync(folder)).toEqual([]);
    expect(english(core.backups.health().warning)).toMatch(/is almost full|is full/);
  });

  it('never stores the passphrase, and refuses a short one', async () => {
    const core = testCore();
    const admin = await signedInAdmin(core);
    expect((await admin.call('backups.setPassphrase', { passphrase: 'short' })).ok).toBe(false);
    await admin.ok('backups.setPassphrase', { passphrase });
    core.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(readFileSync(join(core.db.name)).includes(Buffer.from(passphrase))).toBe(false);
    expect(await core.backups.passphraseMatches(passphrase)).toBe(true);
    expect(await core.backups.passphraseMatches('another passphrase here')).toBe(false);
  });
});

describe('backup problems staff read in their own language', slow, () => {
  it('records why a backup failed as a sentence, and shows it, and the warning around it, in Spanish', async () => {
    const core = testCore();
    const admin = await signedInAdmin(core);
    const folder = tempDir('packroom-backups-');
    await admin.ok('backups.setPassphrase', { passphrase });
    await admin.ok('backups.configure', { folder, timeOfDay: '02:00', keep: 14 });
    rmSync(folder, { recursive: true });

    const run = await admin.ok('backups.run', {});
    expect(run).toMatchObject({ outcome: 'failed', message: { key: 'backups.folderMissing', params: { folder } } });
    expect(messageText(run.message!, 'es')).toBe(
      `No se encuentra la carpeta de las copias ${folder}. Conecte la memoria USB o vuelva a conectar la unidad de red.`,
    );
    // Read back from the database as it was recorded, so the history shows in each screen's language.
    const status = await admin.ok('backups.status', {});
    expect(status.runs[0]!.message).toEqual(run.message);
    expect(messageText(status.warning!)).toBe(
      `The last backup failed: The backup folder ${folder} is missing. Plug in the USB stick or reconnect the network share.`,
    );
    expect(messageText(status.warning!, 'es')).toBe(
      `La última copia de seguridad falló: No se encuentra la carpeta de las copias ${folder}. Conecte la memoria USB o vuelva a conectar la unidad de red.`,
    );
    // The audit log keeps the English.
    expect(core.audit.list({ limit: 5 }).items.find((e) => e.action === 'backup.failed')?.details).toMatchObject({
      reason: `The backup folder ${folder} is missing. Plug in the USB stick or reconnect the network share.`,
    });
  });

  it('says why a file is not a backup, with what SQLite said as it said it', () => {
    const notBackup = join(tempDir(), 'x.sqlite');
    new Database(notBackup).exec('CREATE TABLE t (a)').close();
    const refused = (() => {
      try {
        readBackupFile(notBackup);
      } catch (error) {
        return error as BackupFileError;
      }
    })();
    expect(refused?.sentence).toEqual({
      key: 'backups.file.notABackupBecause',
      params: { file: notBackup, detail: 'no such table: packroom_backup' },
    });
    expect(refused?.message).toBe(`${notBackup} is not a Packroom backup (no such table: packroom_backup).`);
    expect(messageText(refused!.sentence, 'es')).toBe(
      `${notBackup} no es una copia de seguridad de Packroom (no such table: packroom_backup).`,
    );
  });

  it('refuses a folder that is not there, and a second backup while one is being written, with sentences', async () => {
    const core = testCore();
    const admin = await signedInAdmin(core);
    const refused = await admin.call('backups.configure', { folder: '/no/such/folder', timeOfDay: '02:00', keep: 14 });
    if (refused.ok) throw new Error('A folder that does not exist was accepted.');
    expect(refused.error).toMatchObject({ code: 'VALIDATION', field: 'folder', key: 'backups.folderNotFound' });
    expect(messageText({ key: refused.error.key!, params: refused.error.params! }, 'es')).toBe(
      'La carpeta /no/such/folder no existe en este equipo, o Packroom no puede abrirla.',
    );

    await core.backups.setPassphrase(cliActor, passphrase);
    const first = core.backups.run('staff', cliActor, { folder: tempDir('packroom-backups-') });
    const second = await core.backups.run('staff', cliActor).catch((error: unknown) => error);
    expect(second).toBeInstanceOf(ApiError);
    expect(second).toMatchObject({ code: 'CONFLICT', message: 'A backup is being written right now. Wait a moment for it to finish.' });
    expect(messageText((second as ApiError).sentence!, 'es')).toBe(
      'Se está escribiendo una copia de seguridad en este momento. Espere a que termine.',
    );
    expect(await first).toMatchObject({ outcome: 'ok', message: null });
  });
});

describe('packroom backup and restore (built CLI)', slow, () => {
  const bin = join(import.meta.dirname, '..', '..', 'bin', 'packroom.js');
  const packroom = (args: string[], input: string) => {
    const r = spawnSync(process.execPath, [bin, ...args], { input, env: { ...process.env, PACKROOM_DATA: '' }, encoding: 'utf8' });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  it('backs up with the passphrase from stdin, makes it the site passphrase, and restores on another folder', async () => {
    const data = join(tempDir(), 'data');
    const out = tempDir('packroom-backups-');
    const core = createCore({ dataDir: data, env: {} });
    const pin = addRecipient(core);
    await core.close();

    expect(packroom(['backup', '--data', data], `${passphrase}\n`)).toMatchObject({ code: 2, stderr: /give one with --out DIR/ });
    const made = packroom(['backup', '--out', out, '--data', data], `${passphrase}\n`);
    expect(made).toMatchObject({ code: 0, stderr: '' });
    expect(made.stdout).toMatch(
      /now the site backup passphrase[\s\S]*Backup written and checked: .*packroom-package-room-[0-9a-f]{12}-\d{8}T\d{6}Z\.sqlite/,
    );
    const [file] = readdirSync(out);
    const reopened = createCore({ dataDir: data, env: {} });
    expect(await reopened.backups.passphraseMatches(passphrase)).toBe(true);
    await reopened.close();

    const target = join(tempDir(), 'new-pc');
    const wrong = packroom(['restore', join(out, file!), '--data', target], 'a wrong passphrase here\n');
    expect(wrong).toMatchObject({ code: 1, stderr: 'packroom: That passphrase does not open this backup. Nothing was changed.\n' });
    expect(existsSync(target)).toBe(false);
    const restored = packroom(['restore', join(out, file!), '--data', target], `${passphrase}\n`);
    expect(restored).toMatchObject({ code: 0, stderr: '' });
    expect(restored.stdout).toMatch(/Restored the backup of Package Room .* 1 recipients, 2 PINs and QR codes/);
    expect(await pinOpensDoor(target, pin)).toBe(true);
    expect(packroom(['restore', join(out, file!), '--data', target], `${passphrase}\n`)).toMatchObject({ code: 1, stderr: /is not empty/ });
  });
});
