/**
 * One lock on the data folder (src/db/folderLock.ts), tried with real processes: a running
 * `packroom serve`, the built commands beside it, and a holder killed with SIGKILL.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../src/core';
import { FolderInUseError, lockDataFolder } from '../../src/db/folderLock';
import { databaseFile } from '../../src/paths';
import { cliActor } from '../../src/services/audit/service';
import { tempDir } from '../helpers/core';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'packroom.js');
const passphrase = 'correct horse battery staple';

function packroom(args: string[], input = '') {
  const r = spawnSync(process.execPath, [bin, ...args], { input, env: { ...process.env, PACKROOM_DATA: '' }, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const running: ChildProcessWithoutNullStreams[] = [];

/** `packroom serve` on `dataDir`, once it says it is running. */
async function serve(dataDir: string): Promise<ChildProcessWithoutNullStreams> {
  const child = spawn(process.execPath, [bin, 'serve', '--data', dataDir, '--port', '0', '--devices', 'none'], {
    env: { ...process.env, PACKROOM_DATA: '' },
  });
  running.push(child);
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('Packroom is running')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`packroom serve exited early (${code})`)));
  });
  return child;
}

async function stop(child: ChildProcessWithoutNullStreams, signal: NodeJS.Signals): Promise<void> {
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(signal);
  await exited;
}

/** A data folder with one recipient, and a backup of it. */
async function siteWithBackup(): Promise<{ data: string; backup: string }> {
  const data = join(tempDir(), 'data');
  const core = createCore({ dataDir: data, env: {} });
  core.recipients.create(cliActor, { firstName: 'Ana', lastName: 'Lopez', unit: '4B' });
  await core.close();
  const out = tempDir('packroom-backups-');
  expect(packroom(['backup', '--out', out, '--data', data], `${passphrase}\n`)).toMatchObject({ code: 0 });
  return { data, backup: join(out, readdirSync(out)[0]!) };
}

const snapshot = (dir: string) =>
  readdirSync(dir)
    .filter((name) => !name.startsWith('packroom.lock'))
    .sort()
    .map((name) => [name, statSync(join(dir, name)).isFile() ? readFileSync(join(dir, name)).length : 'dir']);

describe('the data folder lock (built CLI)', () => {
  beforeAll(() => {
    if (!existsSync(join(root, 'dist', 'core', 'cli.js'))) throw new Error('Run "npm run build" before these tests (npm test does).');
  });

  afterEach(async () => {
    await Promise.all(
      running.splice(0).map((child) => (child.exitCode === null && child.signalCode === null ? stop(child, 'SIGKILL') : undefined)),
    );
  });

  it('refuses restore --force into the folder of a running packroom serve, and changes nothing', async () => {
    const { data, backup } = await siteWithBackup();
    const server = await serve(data);
    const before = snapshot(data);

    const restore = packroom(['restore', backup, '--force', '--data', data], `${passphrase}\n`);
    expect(restore.code).toBe(1);
    expect(restore.stderr).toBe(
      `packroom: Packroom is running with the data folder ${data}, or another packroom command is using it. Stop Packroom first (and let other packroom commands finish), then run this command again. Nothing was changed.\n`,
    );
    expect(readdirSync(join(data, '..')).filter((name) => name !== 'data')).toEqual([]);
    expect(snapshot(data).map(([name]) => name)).toEqual(before.map(([name]) => name));
    expect(server.exitCode).toBeNull();

    await stop(server, 'SIGTERM');
    expect(packroom(['restore', backup, '--force', '--data', data], `${passphrase}\n`)).toMatchObject({ code: 0 });
  }, 120_000);

  it('lets a user be added beside a running Packroom, but refuses an import and a second serve', async () => {
    const data = join(tempDir(), 'data');
    await serve(data);

    expect(packroom(['user', 'add', 'desk', '--role', 'staff', '--data', data], 'a long enough password\n')).toMatchObject({ code: 0 });
    const file = join(tempDir(), 'roster.csv');
    await import('node:fs/promises').then((fs) => fs.writeFile(file, 'Name,Unit\nLee Ann,101\n'));
    const imported = packroom(['import', file, '--data', data]);
    expect(imported.code).toBe(1);
    expect(imported.stderr).toMatch(/Packroom is running with the data folder .*Stop Packroom first/);
    const second = packroom(['serve', '--port', '0', '--devices', 'none', '--data', data]);
    expect(second).toMatchObject({ code: 1, stderr: /Packroom is already running with the data folder/ });
  }, 120_000);

  it('is let go when its holder is killed with SIGKILL, and holds nothing over from it', async () => {
    const { data, backup } = await siteWithBackup();
    await stop(await serve(data), 'SIGKILL');
    expect(packroom(['restore', backup, '--force', '--data', data], `${passphrase}\n`)).toMatchObject({ code: 0 });
    expect(existsSync(databaseFile(data))).toBe(true);
  }, 120_000);

  it('keeps writing commands out during a restore or import, in this process too', () => {
    const data = tempDir();
    const alone = lockDataFolder(data, 'alone');
    try {
      expect(() => lockDataFolder(data, 'writing')).toThrow(FolderInUseError);
      expect(() => lockDataFolder(data, 'running')).toThrow(/A restore or import into the data folder .* is under way/);
      expect(() => lockDataFolder(data, 'alone')).toThrow(FolderInUseError);
    } finally {
      alone.release();
    }
    const writers = [lockDataFolder(data, 'writing'), lockDataFolder(data, 'running'), lockDataFolder(data, 'writing')];
    expect(() => lockDataFolder(data, 'alone')).toThrow(FolderInUseError);
    for (const lock of writers) lock.release();
    lockDataFolder(data, 'alone').release();
  });
});
