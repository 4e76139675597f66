/** `packroom site init` and `packroom site status`, and `serve --sync`, run in this process against a real NATS server (issue 20). */
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { runCli } from '../../src/cli/run';
import { createCore } from '../../src/core';
import { signedInAdmin, tempDir } from '../helpers/core';
import { startNatsServer, type TestNatsServer } from '../helpers/natsServer';

const dataKey = Buffer.alloc(32, 9);
let nats: TestNatsServer;

beforeAll(async () => {
  nats = await startNatsServer();
});
afterAll(async () => {
  await nats?.dispose();
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

describe('packroom site', () => {
  it('makes a single PC with recipients the first node of a site, and reports it', async () => {
    const data = tempDir();
    const single = createCore({ dataDir: data, dataKey, env: {} });
    const admin = await signedInAdmin(single);
    await admin.ok('recipients.create', { firstName: 'Ana', lastName: 'Lopez', unit: '1A' });
    await admin.ok('recipients.create', { firstName: 'Bo', lastName: 'Lee', unit: '2B' });
    await single.close();

    const made = await packroom('site', 'init', '--sync', nats.url, '--site', 'oak', '--node', 'desk', '--data', data);
    expect(made).toMatchObject({ code: 0, stderr: '' });
    expect(made.stdout).toContain('node "desk" of site "oak"');
    expect(made.stdout).toContain('2 recipients');

    // The two recipients wait, and with them the staff account and the audit rows that go to the other nodes too.
    const queued = createCore({ dataDir: data, dataKey, env: {} });
    const outbox = queued.repos.sync.pending(100);
    await queued.close();
    expect(outbox.filter((row) => row.entity === 'recipient')).toHaveLength(2);
    expect(outbox.map((row) => row.entity)).toEqual(expect.arrayContaining(['staff', 'audit']));
    const status = await packroom('site', 'status', '--json', '--data', data);
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toEqual({
      site: 'oak',
      node: 'desk',
      connected: false,
      nodes: [],
      pendingOut: outbox.length,
      lagMs: 0,
    });
    expect((await packroom('site', 'status', '--data', data)).stdout).toContain(`Changes waiting to be sent: ${outbox.length}.`);

    // A second init of the same folder is refused, and changes nothing.
    const again = await packroom('site', 'init', '--sync', nats.url, '--site', 'elm', '--node', 'desk', '--data', data);
    expect(again).toMatchObject({ code: 1, stderr: 'packroom: this data folder is already node "desk" of site "oak"\n' });

    // Serving connects with the saved settings and sends what waits.
    const node = createCore({ dataDir: data, dataKey, env: {} });
    onTestFinished(() => node.close());
    node.sync!.start();
    while (node.repos.sync.pendingCount() > 0) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(node.site.status()).toMatchObject({ connected: true, pendingOut: 0 });
  });

  it('says in one line, exit 2, what is wrong with the arguments', async () => {
    const data = tempDir();
    const cases: [string[], RegExp][] = [
      [['site'], /site needs a command/],
      [['site', 'leave'], /unknown site command "leave"/],
      [['site', 'join', '--sync', 'nats://127.0.0.1:4222', '--node', 'door', '--data', data], /site join needs the join CODE/],
      [['site', 'join', 'PKR-1234', '--sync', 'nats://127.0.0.1:4222', '--node', 'door', '--data', data], /"PKR-1234" is not a join code/],
      [['site', 'join', 'PKR-0000-0000-0000-0000-0000-0000-0000-0000-00', '--node', 'door', '--data', data], /site join needs --sync/],
      [
        [
          'site',
          'join',
          'PKR-0000-0000-0000-0000-0000-0000-0000-0000-00',
          '--sync',
          'nats://127.0.0.1:4222',
          '--node',
          'a b',
          '--data',
          data,
        ],
        /node name "a b"/,
      ],
      [['site', 'init', '--site', 'oak', '--node', 'desk', '--data', data], /needs --sync/],
      [['site', 'init', '--sync', 'http://x', '--site', 'oak', '--node', 'desk', '--data', data], /--sync must be a NATS server address/],
      [['serve', '--sync', 'localhost', '--data', data], /--sync must be a NATS server address/],
      // A user and password may ride in the address (test/integration/syncAuth.test.ts), but not without a host.
      [
        ['site', 'init', '--sync', 'nats://desk:secret@', '--site', 'oak', '--node', 'desk', '--data', data],
        /--sync must be a NATS server address/,
      ],
    ];
    for (const [argv, message] of cases) {
      const result = await packroom(...argv);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('refuses a bad name, an unreachable server, and a status or serve --sync on a folder that is no node', async () => {
    const data = tempDir();
    expect(await packroom('site', 'init', '--sync', nats.url, '--site', 'oak tower', '--node', 'desk', '--data', data)).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/site name "oak tower" may have only letters/),
    });
    expect(await packroom('site', 'init', '--sync', 'nats://127.0.0.1:1', '--site', 'oak', '--node', 'desk', '--data', data)).toMatchObject(
      {
        code: 1,
        stderr: expect.stringMatching(/cannot reach the NATS server at nats:\/\/127\.0\.0\.1:1/),
      },
    );
    expect(await packroom('site', 'status', '--data', data)).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/not a node of a site/),
    });
    expect(await packroom('serve', '--port', '0', '--sync', nats.url, '--data', data)).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/is not a node of a site yet/),
    });
  });
});
