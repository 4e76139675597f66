/**
 * docs/install.md's NATS config file, as the installer copies it (only the port, store and certificate paths
 * changed for a test), runs a real site: nats-server starts with it, two nodes connect with the users it
 * declares over TLS, and a change crosses both ways (so the permissions it gives a node are enough).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { runCli } from '../../src/cli/run';
import { createCore, type Core } from '../../src/core';
import { DataKeys } from '../../src/secrets';
import { SyncAuthFile } from '../../src/sync/connection';
import { signedInAdmin, tempDir } from '../helpers/core';
import { startNatsServer, type TestNatsServer } from '../helpers/natsServer';
import { sharedRecipients } from '../helpers/sync';
import { makeCertificates, type TestCertificates } from '../helpers/tls';

const dataKey = Buffer.alloc(32, 11);
let nats: TestNatsServer;
let certs: TestCertificates;
let certDir: string;

/** The one ```conf block of the section "Several PCs in one building". */
function documentedConfig(): string {
  const doc = readFileSync(join(__dirname, '../../docs/install.md'), 'utf8');
  const section = doc.slice(doc.indexOf('## Several PCs in one building'));
  const block = /```conf\n([\s\S]*?)```/.exec(section);
  if (!block) throw new Error('docs/install.md has no ```conf block in "Several PCs in one building"');
  return block[1]!;
}

beforeAll(async () => {
  certDir = mkdtempSync(join(tmpdir(), 'packroom-certs-'));
  certs = makeCertificates(certDir);
  nats = await startNatsServer({
    config: ({ port, storeDir }) => {
      const replace = (text: string, from: string, to: string) => {
        if (!text.includes(from)) throw new Error(`the documented config no longer has ${from}`);
        return text.replace(from, to);
      };
      let config = documentedConfig();
      config = replace(config, 'listen: 0.0.0.0:4222', `listen: 127.0.0.1:${port}`);
      config = replace(config, '"/var/lib/nats/jetstream"', `"${storeDir}"`);
      config = replace(config, '"/etc/nats/server.pem"', `"${certs.serverCert}"`);
      config = replace(config, '"/etc/nats/server.key"', `"${certs.serverKey}"`);
      return replace(config, '"/etc/nats/ca.pem"', `"${certs.caFile}"`);
    },
  });
});
afterAll(async () => {
  await nats?.dispose();
  rmSync(certDir, { recursive: true, force: true });
});

/** `packroom` with this test's data key; `site join` hands the site's key to `storeDataKey`, which checks it is that key. */
async function packroom(...argv: string[]) {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  err.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await runCli(argv, {
    stdout: out,
    stderr: err,
    staticDir: tempDir(),
    storeDataKey: (_dataDir, key) => expect(key.equals(dataKey)).toBe(true),
    openCore: (dataDir, options) => createCore({ dataDir, dataKey, env: {}, ...options }),
  });
  return { code, stdout, stderr };
}

function open(dir: string): Core {
  const core = createCore({ dataDir: dir, dataKey, env: {} });
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

describe("docs/install.md's NATS server config", { timeout: 180_000 }, () => {
  it('starts a server two nodes share a roster through, each with its own user, over TLS', async () => {
    const url = `tls://127.0.0.1:${nats.port}`;
    const deskDir = tempDir();
    const first = createCore({ dataDir: deskDir, dataKey, env: {} });
    const ana = await (await signedInAdmin(first)).ok('recipients.create', { firstName: 'Ana', lastName: 'Lopez', unit: '1A' });
    await first.close();
    const address = url.replace('tls://', 'tls://tower-a-desk:change-me-desk-7f3k@');
    const init = ['site', 'init', '--sync', address, '--sync-ca', certs.caFile, '--site', 'maple-court', '--node', 'tower-a-desk'];
    expect(await packroom(...init, '--data', deskDir)).toMatchObject({ code: 0, stderr: '' });

    // The door joins as the guide says: a join code from the desk, then `site join` with the door's own user.
    const invited = await packroom('site', 'invite', '--json', '--data', deskDir);
    expect(invited.stderr).toBe('');
    expect(invited).toMatchObject({ code: 0, stderr: '' });
    const { code } = JSON.parse(invited.stdout) as { code: string };
    const doorDir = join(tempDir(), 'door');
    const doorAddress = url.replace('tls://', 'tls://tower-a-door:change-me-door-9q2m@');
    const joined = await packroom(
      'site',
      'join',
      code,
      '--sync',
      doorAddress,
      '--sync-ca',
      certs.caFile,
      '--node',
      'tower-a-door',
      '--data',
      doorDir,
    );
    expect(joined).toMatchObject({ code: 0, stderr: '' });
    expect(joined.stdout).toContain('Caught up.');
    // Its user is saved beside its data key, sealed; the database has the address alone.
    expect(new SyncAuthFile(doorDir, new DataKeys(dataKey)).load()).toEqual({
      user: 'tower-a-door',
      password: 'change-me-door-9q2m',
      caFile: certs.caFile,
    });

    const desk = open(deskDir);
    const door = open(doorDir);
    const doorId = () => door.db.prepare("SELECT id FROM recipients WHERE first_name = 'Ana'").pluck().get() as number | undefined;
    await until('Ana reached the door', () => doorId() !== undefined);
    await (await signedInAdmin(door)).ok('recipients.update', { id: doorId()!, firstName: 'Ana', lastName: 'López', unit: '1A' });
    await until('the edit came back to the desk', () => desk.recipients.get(ana.id).lastName === 'López');
    await until('both sent everything', () => desk.repos.sync.pendingCount() === 0 && door.repos.sync.pendingCount() === 0);
    expect(sharedRecipients(door)).toEqual(sharedRecipients(desk));
  });
});
