import Database from 'better-sqlite3';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../src/core';
import { databaseFile } from '../../src/paths';
import { tempDir, testCore } from '../helpers/core';
import { bigExport, expectFinishedOnStart, expectStoppedPartWay, rosterFixtures, yardiFile, yardiText } from '../helpers/roster';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'packroom.js');
const yardi = join(rosterFixtures, yardiFile);

function packroom(args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], { env: { ...process.env, PACKROOM_DATA: '' }, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function activeRecipients(data: string): Promise<number> {
  const core = createCore({ dataDir: data, env: {} });
  try {
    return core.recipients.search({ query: '', status: 'active', limit: 200, offset: 0 }).items.length;
  } finally {
    await core.close();
  }
}

describe('packroom import (built)', () => {
  beforeAll(() => {
    if (!existsSync(join(root, 'dist', 'core', 'cli.js'))) throw new Error('Run "npm run build" before the CLI tests (npm test does).');
  });

  it('prints the preview and applies it; --dry-run changes nothing', async () => {
    const data = tempDir();
    const dry = packroom(['import', yardi, '--preset', 'yardi', '--dry-run', '--data', data]);
    expect(dry).toMatchObject({ code: 0, stderr: '' });
    expect(dry.stdout).toMatch(/New: +8\n/);
    expect(dry.stdout).toContain('line 2  t0001001  Chidi Okafor (unit 101)');
    expect(dry.stdout).toContain('Dry run: nothing was changed.');
    expect(await activeRecipients(data)).toBe(0);

    const applied = packroom(['import', yardi, '--preset', 'yardi', '--data', data]);
    expect(applied).toMatchObject({ code: 0, stderr: '' });
    expect(applied.stdout).toContain('Applied: 8 added, 0 changed, 0 deactivated, 0 back again.');
    expect(await activeRecipients(data)).toBe(8);
  });

  it('lists row errors with their line numbers', () => {
    const result = packroom(['import', join(rosterFixtures, 'row-errors.csv'), '--dry-run', '--data', tempDir()]);
    expect(result.code).toBe(0);
    // Issue 10: the bad phone, email and date rows import without that field, listed as warnings.
    expect(result.stdout).toMatch(/Rows with errors: +4\n/);
    expect(result.stdout).toContain('line 3: phone left empty: "555-1234" is not a phone number Packroom can use');
    expect(result.stdout).toContain('line 9, column "Resident ID": missing resident ID');
  });

  it('exits 3 when the safety threshold stops the import, and applies with --yes-deactivate-many', async () => {
    const data = tempDir();
    packroom(['import', yardi, '--preset', 'yardi', '--data', data]);
    const truncated = join(tempDir(), 'truncated.csv');
    writeFileSync(truncated, yardiText().split('\n').slice(0, 3).join('\n'));

    const blocked = packroom(['import', truncated, '--preset', 'yardi', '--data', data]);
    expect(blocked.code).toBe(3);
    expect(blocked.stderr).toBe(
      'packroom: nothing was changed: it would deactivate 6 of 8 active residents (75%), more than the limit of 20%. Check the file; if it is complete, run again with --yes-deactivate-many.\n',
    );
    expect(await activeRecipients(data)).toBe(8);

    expect(packroom(['import', truncated, '--preset', 'yardi', '--yes-deactivate-many', '--data', data]).code).toBe(0);
    expect(await activeRecipients(data)).toBe(2);
  });

  it.each([
    [['import', '/no/such/file.csv'], 1, 'packroom: cannot read /no/such/file.csv: no such file\n'],
    [['import', join(rosterFixtures, 'empty.csv')], 1, `packroom: ${join(rosterFixtures, 'empty.csv')}: This file is empty.\n`],
    [
      // AppFolio became a preset in issue 10; a system Packroom has no preset for is still refused.
      ['import', yardi, '--preset', 'propertyware'],
      2,
      'packroom: --preset must be one of yardi, onesite, entrata, salesforce, appfolio, buildium, rentmanager, resman, mri, generic, not "propertyware"\n',
    ],
    [['import'], 2, 'packroom: import needs a FILE (a CSV or Excel export)\n'],
    [['import', yardi, '--force'], 2, expect.stringMatching(/^packroom: Unknown option '--force'/)],
  ])('%j exits %i with one line saying why', (args, code, stderr) => {
    const result = packroom([...args, '--data', tempDir()]);
    expect(result.code).toBe(code);
    expect(result.stderr).toEqual(stderr);
  });

  it('says what is wrong with a binary file renamed .csv', () => {
    const file = join(tempDir(), 'residents.csv');
    writeFileSync(file, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]));
    const result = packroom(['import', file, '--data', tempDir()]);
    expect(result).toMatchObject({
      code: 1,
      stdout: '',
      stderr: `packroom: ${file}: This does not look like a CSV or Excel file (it contains binary data).\n`,
    });
  });
});

describe('packroom import killed in the middle of its apply (built)', () => {
  const size = 8000;

  /** Starts `packroom import` and SIGKILLs it once its journal says some chunks are applied; the recipients done then. */
  async function killMidApply(file: string, data: string): Promise<number> {
    const child = spawn(process.execPath, [bin, 'import', file, '--preset', 'yardi', '--data', data], {
      stdio: 'ignore',
      env: { ...process.env, PACKROOM_DATA: '' },
    });
    const exited = new Promise<string>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? `exit ${code}`)));
    let done = 0;
    while (child.exitCode === null && done === 0) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (!existsSync(databaseFile(data))) continue;
      const db = new Database(databaseFile(data), { readonly: true, fileMustExist: true });
      try {
        done = (db.prepare("SELECT done FROM roster_applies WHERE state = 'applying'").pluck().get() as number | undefined) ?? 0;
      } catch {
        // The schema is not there yet.
      } finally {
        db.close();
      }
    }
    child.kill('SIGKILL');
    expect(await exited, `the import ended before it could be killed mid-apply (after ${done} recipients)`).toBe('SIGKILL');
    return done;
  }

  it('leaves every recipient whole, and the next start finishes the import exactly once', async () => {
    const data = tempDir();
    const file = join(tempDir(), 'tenants.csv');
    writeFileSync(file, bigExport(size));
    const doneWhenKilled = await killMidApply(file, data);
    expect(doneWhenKilled).toBeGreaterThan(0);

    const core = testCore({ dataDir: data });
    expectStoppedPartWay(core, size, doneWhenKilled);
    await expectFinishedOnStart(core, size);
  });
});
