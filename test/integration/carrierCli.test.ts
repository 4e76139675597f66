import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../src/core';
import { tempDir } from '../helpers/core';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'packroom.js');

function packroom(args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], { env: { ...process.env, PACKROOM_DATA: '' }, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('packroom carrier (built)', () => {
  beforeAll(() => {
    if (!existsSync(join(root, 'dist', 'core', 'cli.js'))) throw new Error('Run "npm run build" before the CLI tests (npm test does).');
  });

  it('adds a code and prints it once, lists codes without it, and revokes one', async () => {
    const data = tempDir();
    const added = packroom(['carrier', 'add', 'UPS', '--days', 'mon-sat', '--from', '08:00', '--until', '20:00', '--data', data]);
    expect(added).toMatchObject({ code: 0, stderr: '' });
    const [, id, code] = /^Carrier code for UPS \(id (\d+)\): (\d{8})$/m.exec(added.stdout) ?? [];
    expect(code).toBeDefined();
    expect(added.stdout).toContain("It opens the door mon-sat 08:00-20:00, this computer's local time.");

    const other = packroom([
      'carrier',
      'add',
      'other',
      '--name',
      'OnTrac',
      '--days',
      'fri-mon',
      '--from',
      '22:00',
      '--until',
      '02:00',
      '--until-date',
      '2099-12-31',
      '--data',
      data,
    ]);
    expect(other).toMatchObject({ code: 0, stderr: '' });

    const list = packroom(['carrier', 'list', '--data', data]);
    expect(list).toMatchObject({ code: 0, stderr: '' });
    expect(list.stdout).toBe(`2\tOnTrac\tmon,fri-sun 22:00-02:00\tuntil 2099-12-31\n${id}\tUPS\tmon-sat 08:00-20:00\tno end date\n`);
    expect(list.stdout).not.toContain(code);

    expect(packroom(['carrier', 'revoke', id!, '--data', data])).toMatchObject({
      code: 0,
      stdout: `Revoked the carrier code for UPS (id ${id}); it no longer opens the door.\n`,
    });
    expect(packroom(['carrier', 'list', '--data', data]).stdout).not.toContain('UPS');

    const core = createCore({ dataDir: data, env: {} });
    expect(core.audit.list({ limit: 3 }).items.map((e) => [e.actor, e.action])).toEqual([
      ['cli', 'carrier.code_revoked'],
      ['cli', 'carrier.code_added'],
      ['cli', 'carrier.code_added'],
    ]);
    expect(core.keys.open(core.repos.carrierCodes.byId(Number(id))!.pinEnc)).toBe(code);
    await core.close();
  });

  it.each([
    [['carrier', 'renew'], /unknown carrier command "renew"/],
    [['carrier', 'add'], /carrier add needs a CARRIER/],
    [['carrier', 'add', 'OnTrac', '--days', 'mon', '--from', '08:00', '--until', '20:00'], /CARRIER must be UPS, FedEx/],
    [['carrier', 'add', 'Other', '--days', 'mon', '--from', '08:00', '--until', '20:00'], /--name: Enter the carrier’s name/],
    [['carrier', 'add', 'UPS', '--name', 'X', '--days', 'mon', '--from', '08:00', '--until', '20:00'], /--name is only for an Other/],
    [['carrier', 'add', 'UPS', '--from', '08:00', '--until', '20:00'], /carrier add needs --days/],
    [['carrier', 'add', 'UPS', '--days', 'weekdays', '--from', '08:00', '--until', '20:00'], /--days: "weekdays" is not a day/],
    [['carrier', 'add', 'UPS', '--days', 'mon', '--from', '8', '--until', '20:00'], /--from: From: enter a time as HH:MM/],
    [['carrier', 'add', 'UPS', '--days', 'mon', '--from', '08:00', '--until', '08:00'], /--until: Until must differ/],
    [['carrier', 'add', 'UPS', '--days', 'mon', '--from', '08:00', '--until', '20:00', '--until-date', '2001-01-01'], /already passed/],
    [
      ['carrier', 'add', 'UPS', '--days', 'mon', '--from', '08:00', '--until', '20:00', '--until-date', 'soon'],
      /--until-date: Enter the end date as YYYY-MM-DD/,
    ],
    [['carrier', 'add', 'UPS', '--days', 'mon', '--from', '08:00', '--until', '20:00', '--colour', 'red'], /Unknown option '--colour'/],
    [['carrier', 'revoke'], /carrier revoke needs the ID/],
    [['carrier', 'revoke', 'abc'], /ID must be a number/],
    [['carrier', 'revoke', '7'], /There is no active carrier code 7/],
    [['carrier', 'list', 'extra'], /unexpected argument "extra"/],
  ])('rejects %j with one clear line and exit code 2', (args, message) => {
    const result = packroom([...args, '--data', tempDir()]);
    expect(result.stderr).toMatch(message);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^packroom: /);
    expect(result.stdout).toBe('');
  });
});
