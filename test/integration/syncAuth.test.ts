/**
 * A real site's NATS server (issue 20): a node proves who it is with a user and password or an NKey, and checks
 * the server by TLS (with its own certificate when the server asks), all against real nats-server processes
 * started with config files. The password is kept out of the database, the log and `site status`.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { nkeys } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { runCli } from '../../src/cli/run';
import { createCore, type Core, type CoreOptions } from '../../src/core';
import { syncAuthFileName } from '../../src/sync/connection';
import { signedInAdmin, tempDir } from '../helpers/core';
import { startNatsServer, type TestNatsServer } from '../helpers/natsServer';
import { makeCertificates, type TestCertificates } from '../helpers/tls';

const dataKey = Buffer.alloc(32, 7);
const site = 'maple';
const deskPassword = 's3cret-desk-Pa55';
// A second site on the same server, for a test that needs a site with nothing in it yet.
const otherSite = 'birch';
// What one node may do (docs/install.md): its site's subjects, the JetStream API, acknowledgements, replies.
const permissions = `{ publish: [${[site, otherSite]
  .map((name) => `"packroom.${name}.>", "$JS.ACK.PACKROOM_${name}.>", "$KV.packroom_${name}_invites.>"`)
  .join(', ')}, "$JS.API.>"], subscribe: ["_INBOX.>"] }`;

let passwordServer: TestNatsServer;
let nkeyServer: TestNatsServer;
let tlsServer: TestNatsServer;
let certs: TestCertificates;
let certDir: string;
const nkeyUser = nkeys.createUser();

beforeAll(async () => {
  certDir = mkdtempSync(join(tmpdir(), 'packroom-certs-'));
  certs = makeCertificates(certDir);
  [passwordServer, nkeyServer, tlsServer] = await Promise.all([
    startNatsServer({
      config: ({ port, storeDir }) => `listen: 127.0.0.1:${port}
jetstream { store_dir: "${storeDir}" }
authorization { users = [ { user: desk, password: "${deskPassword}", permissions: ${permissions} } ] }
`,
    }),
    startNatsServer({
      config: ({ port, storeDir }) => `listen: 127.0.0.1:${port}
jetstream { store_dir: "${storeDir}" }
authorization { users = [ { nkey: ${nkeyUser.getPublicKey()}, permissions: ${permissions} } ] }
`,
    }),
    startNatsServer({
      config: ({ port, storeDir }) => `listen: 127.0.0.1:${port}
jetstream { store_dir: "${storeDir}" }
tls { cert_file: "${certs.serverCert}", key_file: "${certs.serverKey}", ca_file: "${certs.caFile}", verify: true }
`,
    }),
  ]);
});
afterAll(async () => {
  await Promise.all([passwordServer, nkeyServer, tlsServer].map((server) => server?.dispose()));
  rmSync(certDir, { recursive: true, force: true });
});

async function packroom(...argv: string[]) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const code = await runCli(argv, {
    stdout,
    stderr,
    staticDir: tempDir(),
    openCore: (dataDir, options) => createCore({ dataDir, dataKey, env: {}, ...options }),
  });
  return { code, stdout: out, stderr: err };
}

/** A data folder with one recipient, so a connected node has a change to send. */
async function folderWithAna(): Promise<string> {
  const dir = tempDir();
  const single = createCore({ dataDir: dir, dataKey, env: {} });
  await (await signedInAdmin(single)).ok('recipients.create', { firstName: 'Ana', lastName: 'Lopez', unit: '1A' });
  await single.close();
  return dir;
}

function open(dir: string, options: Pick<CoreOptions, 'syncAuth'> = {}): Core {
  const core = createCore({ dataDir: dir, dataKey, env: {}, ...options });
  onTestFinished(() => core.close());
  core.sync!.start();
  return core;
}

async function until(what: string, check: () => boolean, timeoutMs = 150_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Every byte of the folder's files but the sealed auth file, as text: where a password must not be. */
function folderText(dir: string): string {
  return readdirSync(dir)
    .filter((name) => name !== syncAuthFileName)
    .map((name) => {
      try {
        return readFileSync(join(dir, name)).toString('latin1');
      } catch {
        return '';
      }
    })
    .join('\n');
}

const isNode = (dir: string) => {
  const core = createCore({ dataDir: dir, dataKey, env: {} });
  const node = core.repos.sync.node().site !== null;
  void core.close();
  return node;
};

describe('a NATS server that requires a user and password', { timeout: 180_000 }, () => {
  const address = (password: string) => `nats://desk:${encodeURIComponent(password)}@127.0.0.1:${passwordServer.port}`;

  it('refuses site init with a wrong password in one clear line, changing nothing; the right one connects and stays out of the database', async () => {
    const dir = await folderWithAna();
    const wrong = await packroom('site', 'init', '--sync', address('not-it'), '--site', site, '--node', 'desk', '--data', dir);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(
      /^packroom: the NATS server at nats:\/\/127\.0\.0\.1:\d+ refused this computer's user, password, NKey or creds/,
    );
    expect(wrong.stderr.trim().split('\n')).toHaveLength(1);
    expect(wrong.stderr).not.toContain('not-it');
    expect(readdirSync(dir)).not.toContain(syncAuthFileName);
    expect(isNode(dir)).toBe(false);

    const made = await packroom('site', 'init', '--sync', address(deskPassword), '--site', site, '--node', 'desk', '--data', dir);
    expect(made).toMatchObject({ code: 0, stderr: '' });
    expect(made.stdout).toContain('(NATS server nats://127.0.0.1:');
    expect(made.stdout).not.toContain(deskPassword);
    expect(readFileSync(join(dir, syncAuthFileName), 'utf8')).not.toContain(deskPassword);
    for (const args of [['--json'], []])
      expect((await packroom('site', 'status', ...args, '--data', dir)).stdout).not.toContain(deskPassword);

    const desk = open(dir);
    await until('the desk connected and sent Ana', () => desk.repos.sync.pendingCount() === 0);
    expect(desk.site.status()).toMatchObject({ connected: true });
    await desk.close();
    expect(folderText(dir)).not.toContain(deskPassword);
  });

  it('keeps retrying a refused password, says so once in the log, and never writes the password', async () => {
    const dir = await folderWithAna();
    expect(
      (await packroom('site', 'init', '--sync', address(deskPassword), '--site', otherSite, '--node', 'desk', '--data', dir)).code,
    ).toBe(0);
    let logged = '';
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      logged += chunk.toString();
      return true;
    });
    onTestFinished(() => spy.mockRestore());
    const refusals = () => passwordServer.output().match(/authentication error/gi)?.length ?? 0;
    const before = refusals();
    // As `serve --sync-user desk` with a password IT has since changed on the server.
    const desk = open(dir, { syncAuth: { user: 'desk', password: 'changed-since' } });
    await until('the server refused three attempts', () => refusals() >= before + 3);
    expect(desk.site.status()).toMatchObject({ connected: false });
    expect(desk.site.status()!.pendingOut).toBeGreaterThan(0);
    expect(logged.match(/refused this computer's user/g)).toHaveLength(1);
    expect(logged).not.toContain('changed-since');
    expect(logged).not.toContain(deskPassword);
  });
});

describe('a NATS server that requires an NKey', { timeout: 180_000 }, () => {
  it('connects a node that has the seed file, and refuses one with another seed', async () => {
    const seeds = tempDir();
    const seedFile = join(seeds, 'desk.nk');
    writeFileSync(seedFile, new TextDecoder().decode(nkeyUser.getSeed()) + '\n', { mode: 0o600 });
    const otherSeed = join(seeds, 'other.nk');
    writeFileSync(otherSeed, new TextDecoder().decode(nkeys.createUser().getSeed()) + '\n', { mode: 0o600 });
    const dir = await folderWithAna();
    const url = `nats://127.0.0.1:${nkeyServer.port}`;
    const refused = await packroom(
      'site',
      'init',
      '--sync',
      url,
      '--sync-nkey',
      otherSeed,
      '--site',
      site,
      '--node',
      'desk',
      '--data',
      dir,
    );
    expect(refused).toMatchObject({ code: 1, stderr: expect.stringMatching(/refused this computer's user, password, NKey or creds/) });
    const made = await packroom('site', 'init', '--sync', url, '--sync-nkey', seedFile, '--site', site, '--node', 'desk', '--data', dir);
    expect(made).toMatchObject({ code: 0, stderr: '' });
    const desk = open(dir);
    await until('the desk connected and sent Ana', () => desk.repos.sync.pendingCount() === 0);
    expect(folderText(dir)).not.toContain(new TextDecoder().decode(nkeyUser.getSeed()));
  });
});

describe('a NATS server that requires TLS and a client certificate', { timeout: 180_000 }, () => {
  it('refuses a node that does not trust its certificate or has none, and connects one with the CA and its own certificate', async () => {
    const dir = await folderWithAna();
    const url = `tls://127.0.0.1:${tlsServer.port}`;
    const init = (...tls: string[]) => packroom('site', 'init', '--sync', url, ...tls, '--site', site, '--node', 'desk', '--data', dir);
    for (const tls of [
      [],
      ['--sync-ca', certs.otherCaFile, '--sync-cert', certs.clientCert, '--sync-key', certs.clientKey],
      ['--sync-ca', certs.caFile],
    ]) {
      const refused = await init(...tls);
      expect(refused.code, tls.join(' ')).toBe(1);
      expect(refused.stderr, tls.join(' ')).toMatch(
        tls.length === 2
          ? /give --sync-cert and --sync-key\n$/
          : /^packroom: the TLS connection to the NATS server at tls:\/\/127\.0\.0\.1:\d+ failed/,
      );
      expect(isNode(dir)).toBe(false);
    }
    expect(await init('--sync-ca', certs.caFile, '--sync-cert', certs.clientCert, '--sync-key', certs.clientKey)).toMatchObject({
      code: 0,
      stderr: '',
    });
    const desk = open(dir);
    await until('the desk connected over TLS and sent Ana', () => desk.repos.sync.pendingCount() === 0);
  });
});

describe('the --sync options', () => {
  it('say in one line, exit 2, what is wrong', async () => {
    const data = tempDir();
    const base = ['site', 'init', '--site', 'oak', '--node', 'desk', '--data', data];
    const cases: [string[], RegExp][] = [
      [[...base, '--sync', 'nats://a:b@10.0.0.5:4222', '--sync-nkey', '/etc/hostname'], /give one of --sync-user/],
      [[...base, '--sync', 'nats://10.0.0.5:4222', '--sync-ca', join(data, 'missing.pem')], /--sync-ca: cannot read the file/],
      [[...base, '--sync', 'nats://10.0.0.5:4222', '--sync-cert', '/etc/hostname'], /--sync-cert and --sync-key go together/],
    ];
    for (const [argv, message] of cases) {
      const result = await packroom(...argv);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});
