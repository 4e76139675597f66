import { expect, test, type Page } from '@playwright/test';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startNatsServer, type TestNatsServer } from '../helpers/natsServer';
import { callApi, signIn, simDoor } from './fixtures';

/**
 * Two PCs of one building (issue 20): two `packroom serve` processes on two data folders of one site, one NATS
 * server. A Single Access PIN sent from the first node's staff screen opens the second node's simulated door once,
 * and is refused there the second time; the use comes back to the first node.
 */
const cli = join(import.meta.dirname, '..', '..', 'bin', 'packroom.js');
const password = 'correct horse battery';
const site = 'maple-court';

function packroom(dataDir: string, ...args: string[]): void {
  const result = spawnSync(process.execPath, [cli, ...args, '--data', dataDir], { input: `${password}\n` });
  if (result.status !== 0) throw new Error(`packroom ${args.join(' ')} failed: ${result.stderr.toString()}`);
}

/** `packroom serve --devices sim` on a data folder; resolves with its address once it serves. */
function serve(dataDir: string, children: ChildProcess[]): Promise<string> {
  const child = spawn(process.execPath, [cli, 'serve', '--port', '0', '--labels', 'on-demand', '--devices', 'sim', '--data', dataDir], {
    env: { ...process.env, PACKROOM_DATA: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const match = /running at (http:\/\/\S+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`packroom serve exited with ${code}: ${stderr}`)));
  });
}

/** The status of the newest Single Access PIN of the recipient named `lastName`, as this node's staff screen reads it. */
async function newestSingleAccess(page: Page, lastName: string): Promise<string | null> {
  const found = await callApi(page, 'recipients.search', { query: lastName, status: 'all', limit: 5, offset: 0 });
  const recipient = found.items[0];
  if (!recipient) return null;
  const overview = await callApi(page, 'access.overview', { recipientId: recipient.id });
  return overview.singleAccess[0]?.status ?? null;
}

let nats: TestNatsServer;
const dirs: string[] = [];
const children: ChildProcess[] = [];

test.beforeAll(async () => {
  nats = await startNatsServer();
});
test.afterAll(async () => {
  for (const child of children) {
    child.kill('SIGTERM');
    if (child.exitCode === null) await new Promise((resolve) => child.once('exit', resolve));
  }
  await nats?.dispose();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

test('a Single Access PIN sent at one desk opens the door of the other node once', async ({ browser }) => {
  const [desk, door] = ['desk', 'door'].map(() => mkdtempSync(join(tmpdir(), 'packroom-e2e-node-')));
  dirs.push(desk!, door!);
  // Both folders of one site: the second gets the first's data key (as `site join` hands it over), then both are
  // made nodes of the site before either has a change to share.
  packroom(desk!, 'site', 'init', '--sync', nats.url, '--site', site, '--node', 'desk');
  copyFileSync(join(desk!, 'packroom.key'), join(door!, 'packroom.key'));
  packroom(door!, 'site', 'init', '--sync', nats.url, '--site', site, '--node', 'door');
  packroom(desk!, 'user', 'add', 'ada', '--role', 'admin');
  packroom(door!, 'user', 'add', 'ada', '--role', 'admin');
  const [deskUrl, doorUrl] = await Promise.all([serve(desk!, children), serve(door!, children)]);

  const atDesk = await (await browser.newContext()).newPage();
  const atDoor = await (await browser.newContext()).newPage();
  await signIn(atDesk, deskUrl, 'ada', password);
  await signIn(atDoor, doorUrl, 'ada', password);
  await callApi(atDesk, 'recipients.create', { firstName: 'María', lastName: 'Gómez', unit: '12B', email: 'maria@example.com' });

  // The desk's staff screen: Quick Actions → Send Single Access PIN.
  await atDesk.getByRole('button', { name: 'Quick Actions' }).click();
  await atDesk.getByRole('menuitem', { name: 'Send Single Access PIN' }).click();
  const dialog = atDesk.getByRole('dialog', { name: 'Generate One-Time Access Key' });
  await dialog.getByRole('textbox', { name: 'Recipient' }).fill('gom');
  await atDesk.getByRole('option', { name: 'Gómez, María — 12B' }).click();
  await dialog.getByRole('button', { name: 'Generate' }).click();
  const pin = (await dialog.getByRole('status', { name: 'Single Access PIN' }).textContent()) ?? '';
  expect(pin).toMatch(/^\d{6,12}$/);
  await dialog.getByRole('button', { name: 'Done' }).click();

  // It reaches the other node, whose door opens for it once and then refuses it.
  await expect.poll(() => newestSingleAccess(atDoor, 'Gómez'), { timeout: 60_000 }).toBe('active');
  const sim = simDoor(doorUrl);
  await sim.pressKeys(`${pin}#`);
  await expect.poll(async () => (await sim.relay()).pulses.length).toBe(1);
  await sim.advanceClock(30_000);
  await expect.poll(async () => (await sim.relay()).open).toBe(false);
  await sim.pressKeys(`${pin}#`);
  const refusals = async () =>
    (await callApi(atDoor, 'activity.list', { limit: 20 })).items.filter((e) => e.action === 'door.denied').map((e) => e.details?.reason);
  await expect.poll(refusals).toEqual(['Single Access PIN already used']);
  expect((await sim.relay()).pulses).toHaveLength(1);
  expect(await newestSingleAccess(atDoor, 'Gómez')).toBe('used');
  // The use comes back to the desk: its door would refuse the PIN too.
  await expect.poll(() => newestSingleAccess(atDesk, 'Gómez'), { timeout: 60_000 }).toBe('used');
});
