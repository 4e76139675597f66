/**
 * A node killed while it applies a burst of another node's changes (issue 20): the built `packroom serve` on the
 * door's data folder, SIGKILLed once it has applied part of 5,000 recipient creations from the desk, resumes on
 * restart and ends with every change applied exactly once: the same rows as the desk, and the desk's mark at its
 * last change.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { createCore } from '../../src/core';
import { openDatabase } from '../../src/db/open';
import { databaseFile } from '../../src/paths';
import { writeKeyFile } from '../../src/secrets';
import { tempDir } from '../helpers/core';
import { startNatsServer, type TestNatsServer } from '../helpers/natsServer';
import { sharedRecipients } from '../helpers/sync';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'packroom.js');
const burst = 5_000;
const dataKey = Buffer.alloc(32, 13);
let nats: TestNatsServer;

beforeAll(async () => {
  if (!existsSync(join(root, 'dist', 'core', 'cli.js'))) throw new Error('Run "npm run build" before these tests (npm test does).');
  nats = await startNatsServer();
});
afterAll(async () => {
  await nats?.dispose();
});

function serve(dataDir: string): { child: ChildProcess; exited: Promise<void> } {
  const child = spawn(process.execPath, [bin, 'serve', '--data', dataDir, '--port', '0', '--devices', 'none'], {
    stdio: ['ignore', 'ignore', 'ignore'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  onTestFinished(async () => {
    child.kill('SIGKILL');
    await exited;
  });
  return { child, exited };
}

async function until(what: string, check: () => boolean, timeoutMs = 240_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('a node SIGKILLed while applying (built)', { timeout: 300_000 }, () => {
  it('resumes on restart and applies every change of the burst exactly once', async () => {
    // The desk: 5,000 recipients in one transaction, queued by site init, all in the stream before the door starts.
    const deskDir = tempDir();
    const desk = createCore({ dataDir: deskDir, dataKey, env: {} });
    onTestFinished(() => desk.close());
    const now = Date.now();
    const add = desk.db.prepare(
      "INSERT INTO recipients (first_name, last_name, unit, status, created_at, updated_at) VALUES (?, ?, ?, 'active', ?, ?)",
    );
    desk.db.transaction(() => {
      for (let i = 0; i < burst; i++) add.run(`First${i}`, `Last${i}`, String(i % 900), now, now);
    })();
    await desk.site.init({ url: nats.url, site: 'crash', node: 'desk' });
    const deskNode = desk.repos.sync.node();
    // A core builds its engine when it opens a node's folder: the desk runs from the next one.
    await desk.close();
    const deskRunning = createCore({ dataDir: deskDir, dataKey, env: {} });
    onTestFinished(() => deskRunning.close());
    deskRunning.sync!.start();
    await until('the desk published the burst', () => deskRunning.repos.sync.pendingCount() === 0);

    // The door: an empty node of the site, with the key file `serve` reads.
    const doorDir = tempDir();
    writeKeyFile(doorDir, dataKey);
    const empty = createCore({ dataDir: doorDir, dataKey, env: {} });
    empty.repos.sync.configure('crash', 'door', nats.url);
    await empty.close();
    const door = openDatabase(databaseFile(doorDir));
    onTestFinished(() => void door.close());
    const mark = () =>
      (door.prepare('SELECT seq FROM sync_applied WHERE origin = ?').pluck().get(deskNode.nodeUid) as number | undefined) ?? 0;

    const first = serve(doorDir);
    await until('the door applied part of the burst', () => mark() >= 100);
    first.child.kill('SIGKILL');
    await first.exited;
    const atKill = mark();
    expect(atKill, 'killed in the middle of the burst').toBeLessThan(burst);

    const second = serve(doorDir);
    await until('the door applied the whole burst', () => mark() === burst);
    second.child.kill('SIGTERM');
    await second.exited;

    const after = createCore({ dataDir: doorDir, dataKey, env: {} });
    onTestFinished(() => after.close());
    expect(after.repos.sync.appliedSeq(deskNode.nodeUid)).toBe(burst);
    expect(sharedRecipients(after)).toHaveLength(burst);
    expect(sharedRecipients(after)).toEqual(sharedRecipients(deskRunning));
  });
});
