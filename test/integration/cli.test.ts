import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { createCore } from '../../src/core';
import { databaseFile, logFile } from '../../src/paths';
import { cliActor } from '../../src/services/audit/service';
import { tempDir } from '../helpers/core';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'packroom.js');
// A serve that should refuse to start but started anyway runs until this kills it; on a busy machine the command
// alone can take 15 s to load, so the bound sits just under the test's own timeout.
const serveGivesUpAfter = 45_000;

function packroom(args: string[], options: { input?: string; env?: Record<string, string>; timeout?: number } = {}) {
  const result = spawnSync(process.execPath, [bin, ...args], {
    input: options.input ?? '',
    timeout: options.timeout,
    env: { ...process.env, PACKROOM_DATA: '', ...options.env },
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('packroom CLI (built)', () => {
  beforeAll(() => {
    if (!existsSync(join(root, 'dist', 'core', 'cli.js'))) throw new Error('Run "npm run build" before the CLI tests (npm test does).');
  });

  it('adds a staff account with the password from stdin', async () => {
    const data = tempDir();
    const added = packroom(['user', 'add', 'frontdesk', '--role', 'staff', '--name', 'Front Desk', '--data', data], {
      input: 'a long enough password\n',
    });
    expect(added).toMatchObject({ code: 0, stderr: '' });
    expect(added.stdout).toContain('Created staff account "frontdesk"');
    const core = createCore({ dataDir: data, env: {} });
    expect(core.auth.listStaff()).toMatchObject([{ username: 'frontdesk', role: 'staff', displayName: 'Front Desk' }]);
    expect(core.audit.list({ limit: 1 }).items[0]).toMatchObject({ actor: 'cli', action: 'staff.create' });
    await core.close();
  });

  it('sets a new password from stdin with user passwd, and names an unknown account in one line', async () => {
    const data = tempDir();
    packroom(['user', 'add', 'frontdesk', '--role', 'staff', '--data', data], { input: 'a long enough password\n' });
    const changed = packroom(['user', 'passwd', 'frontdesk', '--data', data], { input: 'another long password\n' });
    expect(changed).toMatchObject({ code: 0, stderr: '', stdout: 'Changed the password of "frontdesk".\n' });
    const core = createCore({ dataDir: data, env: {} });
    await expect(core.auth.login('frontdesk', 'a long enough password')).rejects.toThrow();
    await expect(core.auth.login('frontdesk', 'another long password')).resolves.toMatchObject({ info: { mustChangePassword: false } });
    expect(core.audit.list({ limit: 5 }).items.map((e) => [e.actor, e.action])).toContainEqual(['cli', 'staff.password']);
    await core.close();
    expect(packroom(['user', 'passwd', 'nobody', '--data', data], { input: 'another long password\n' })).toMatchObject({
      code: 2,
      stderr: 'packroom: There is no staff account "nobody".\n',
    });
    expect(packroom(['user', 'passwd', 'frontdesk', '--data', data], { input: 'short\n' }).code).toBe(2);
  });

  it('refuses a folder whose data key the desktop app sealed, in one line naming the desktop executable, and writes a log file', () => {
    const data = tempDir();
    writeFileSync(join(data, 'packroom.key.enc'), 'sealed by the keychain');
    const result = packroom(['user', 'list', '--data', data]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^packroom: The data key of .* is sealed by the Packroom desktop app/);
    expect(result.stderr).toMatch(/Packroom\.exe/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(existsSync(join(data, 'packroom.key'))).toBe(false);
    expect(readFileSync(join(data, 'logs', 'packroom.log'), 'utf8')).toMatch(/sealed by the Packroom desktop app/);
  });

  it('reads PACKROOM_DATA when --data is not given', () => {
    const data = tempDir();
    expect(
      packroom(['user', 'add', 'ada', '--role', 'admin'], { input: 'a long enough password\n', env: { PACKROOM_DATA: data } }).code,
    ).toBe(0);
    expect(packroom(['user', 'list', '--data', data]).stdout).toMatch(/^ada\tadmin\tactive/);
  });

  it.each([
    [['user', 'add', 'x'], /user add needs --role/],
    [['user', 'add', 'ok-name', '--role', 'boss'], /--role: Role must be admin or staff/],
    [['user', 'add', 'ok-name', '--role', 'staff', '--bogus'], /Unknown option '--bogus'/],
    [['user', 'add', 'ok-name', '--role', 'staff'], /password: Password must be at least 10 characters/],
    [['serve', '--port', 'http'], /--port must be a number/],
    [['serve', '--labels', 'never'], /--labels must be background or on-demand, not "never"/],
    [['frobnicate'], /unknown command "frobnicate"/],
  ])('rejects %j with one clear line and exit code 2', (args, message) => {
    const result = packroom([...args, '--data', tempDir()], { input: 'short\n' });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^packroom: /);
  });

  it('lists, assigns and unassigns door devices (on the simulated bus)', () => {
    const data = tempDir();
    const list = packroom(['devices', 'list', '--sim', '--data', data]);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^1209:0001\tSIM-KEYPAD\tkeyboard\tdoor keypad\tPackroom Simulated door keypad\tsim:keypad$/m);
    expect(list.stdout).toMatch(/^16c0:05df\t-\trelay\tdoor relay\twww.dcttech.com USBRelay2\tsim:relay$/m);
    expect(packroom(['devices', 'unassign', 'relay', '--sim', '--data', data])).toMatchObject({ code: 0 });
    const assigned = packroom(['devices', 'assign', 'relay', '16c0:05df', '--channel', '2', '--sim', '--data', data]);
    expect(assigned).toMatchObject({ code: 0, stdout: 'Assigned 16c0:05df as the door relay (channel 2). Restart Packroom to open it.\n' });
    expect(packroom(['devices', 'list', '--sim', '--data', data]).stdout).toContain('assigned: door relay = 16c0:05df (channel 2)');
  });

  it.each([
    [['devices', 'assign', 'door', '16c0:05df'], /role must be keypad, reader or relay/],
    [['devices', 'assign', 'relay', 'the-relay'], /is not a device: use VID:PID/],
    [['devices', 'assign', 'keypad', '1209:0001', '--channel', '2'], /--channel is only for the relay/],
    [['devices', 'assign', 'relay', '16c0:05df', '--channel', '9'], /--channel must be a relay channel from 1 to 8/],
  ])('devices %j fails with one line and exit code 2', (args, message) => {
    const result = packroom([...args, '--sim', '--data', tempDir()]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('refuses a duplicate user name without a stack trace', () => {
    const data = tempDir();
    packroom(['user', 'add', 'ada', '--role', 'admin', '--data', data], { input: 'a long enough password\n' });
    const again = packroom(['user', 'add', 'ADA', '--role', 'staff', '--data', data], { input: 'a long enough password\n' });
    expect(again.code).not.toBe(0);
    expect(again.stderr).toBe('packroom: The user name "ada" is taken. Choose another.\n');
  });

  it('run through a linked bin, as npx runs it, starts its threads (they find the packages the program finds)', () => {
    const bin = join(tempDir(), 'node_modules', '.bin');
    mkdirSync(bin, { recursive: true });
    symlinkSync(join(root, 'bin', 'packroom.js'), join(bin, 'packroom'));
    const data = tempDir();
    const file = join(root, 'test', 'fixtures', 'roster', 'yardi-tenant-directory.csv');
    const result = spawnSync(process.execPath, [join(bin, 'packroom'), 'import', file, '--data', data], {
      env: { ...process.env, PACKROOM_DATA: '' },
      encoding: 'utf8',
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/New:\s+8/);
    // A thread that cannot load its modules falls back to the main thread and says so in the log (made on the first line).
    const log = logFile(data, 'cli');
    expect(existsSync(log) ? readFileSync(log, 'utf8') : '').not.toMatch(/main thread|Cannot find module/);
  });

  it('fails on a busy port before it writes anything to the data folder', async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    onTestFinished(() => new Promise<void>((resolve) => busy.close(() => resolve())));
    const { port } = busy.address() as AddressInfo;
    const data = join(tempDir(), 'packroom-data');
    const result = packroom(['serve', '--port', String(port), '--devices', 'sim', '--data', data], { timeout: serveGivesUpAfter });
    expect(result).toMatchObject({ code: 1, stdout: '' });
    expect(result.stderr).toBe('packroom: that port is already in use; choose another with --port\n');
    expect(existsSync(data)).toBe(false);
  });

  it('does not serve on a damaged database: one line saying how to restore, and a non-zero exit', async () => {
    const data = tempDir();
    const core = createCore({ dataDir: data, env: {} });
    for (let i = 0; i < 200; i++) core.recipients.create(cliActor, { firstName: `Res${i}`, lastName: 'Ident', unit: `${i}` });
    await core.close();
    const file = databaseFile(data);
    truncateSync(file, Math.floor(statSync(file).size / 2));
    // A serve that started anyway would run until the timeout kills it (code null).
    const result = packroom(['serve', '--port', '0', '--devices', 'sim', '--data', data], { timeout: serveGivesUpAfter });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(new RegExp(`^packroom: The database .*packroom\\.db is damaged \\(.+\\), so Packroom did not start`));
    expect(result.stderr).toContain(`Restore the last backup with \`packroom restore FILE --data ${data}\``);
  });
});
