/**
 * Several PCs, one building (issue 20), over real NATS servers: two nodes, each a core on its own data folder, in
 * this test process. Every check of "equal" compares every shared column of every recipient on both nodes.
 */
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { createCore, type Core } from '../../src/core';
import { SiteError } from '../../src/sync/site';
import { signedInAdmin, tempDir } from '../helpers/core';
import { startNatsServer, type TestNatsServer } from '../helpers/natsServer';
import { sharedRecipients } from '../helpers/sync';

const dataKey = Buffer.alloc(32, 5);
let nats: TestNatsServer;
let sites = 0;

beforeAll(async () => {
  nats = await startNatsServer();
});
afterAll(async () => {
  await nats?.dispose();
});

/** A core on `dir`, closed after the test; its sync engine started when the folder is a node. */
function open(dir: string): Core {
  const core = createCore({ dataDir: dir, dataKey, env: {} });
  onTestFinished(() => core.close());
  core.sync?.start();
  return core;
}

/** An empty data folder set up as a node of `site`, as `site join` will once it has the data key. */
async function joined(site: string, node: string): Promise<string> {
  const dir = tempDir();
  const empty = createCore({ dataDir: dir, dataKey, env: {} });
  empty.repos.sync.configure(site, node, nats.url);
  await empty.close();
  return dir;
}

/** A site of two nodes: `desk` made the first node by `site init`, `door` joined. */
async function twoNodes() {
  const site = `maple-${++sites}`;
  const deskDir = tempDir();
  const first = createCore({ dataDir: deskDir, dataKey, env: {} });
  await first.site.init({ url: nats.url, site, node: 'desk' });
  await first.close();
  const doorDir = await joined(site, 'door');
  return { site, deskDir, doorDir, desk: open(deskDir), door: open(doorDir) };
}

/** Waits for a state the nodes reach by themselves (a change crossing the stream), checking it every 50 ms. */
async function until(what: string, check: () => boolean, timeoutMs = 150_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const idOf = (core: Core, firstName: string) =>
  core.db.prepare('SELECT id FROM recipients WHERE first_name = ?').pluck().get(firstName) as number | undefined;
const settled = (...cores: Core[]) => cores.every((c) => c.repos.sync.pendingCount() === 0);

// Several cores, a server stopped and started: on a busy 2-core machine one test took over the suite's 60 s.
describe('two nodes over NATS JetStream', { timeout: 180_000 }, () => {
  it('a recipient added at one desk appears at the other, and an edit there comes back', async () => {
    const { desk, door } = await twoNodes();
    const atDesk = await signedInAdmin(desk);
    const atDoor = await signedInAdmin(door);
    const ana = await atDesk.ok('recipients.create', { firstName: 'Ana', lastName: 'Lopez', unit: '1A', email: 'ana@example.org' });
    await until('Ana is at the door', () => idOf(door, 'Ana') !== undefined);
    await atDoor.ok('recipients.update', {
      id: idOf(door, 'Ana')!,
      firstName: 'Ana',
      lastName: 'López',
      unit: '1A',
      email: 'ana@example.org',
    });
    await until('the edit is back at the desk', () => desk.recipients.get(ana.id).lastName === 'López');
    await until('both outboxes are sent', () => settled(desk, door));
    expect(sharedRecipients(door)).toEqual(sharedRecipients(desk));
    expect(desk.site.status()).toMatchObject({ node: 'desk', connected: true, pendingOut: 0, nodes: [{ node: 'door' }] });
  });

  it('refuses to make a second first node of a site that already has changes', async () => {
    const { site, desk } = await twoNodes();
    const admin = await signedInAdmin(desk);
    await admin.ok('recipients.create', { firstName: 'Bo', lastName: 'Lee', unit: '2B' });
    await until('the desk has published', () => settled(desk));
    const other = createCore({ dataDir: tempDir(), dataKey, env: {} });
    onTestFinished(() => other.close());
    await expect(other.site.init({ url: nats.url, site, node: 'lobby' })).rejects.toThrow(SiteError);
    expect(other.repos.sync.node().site).toBeNull();
  });

  it('after both sides worked while the server was down, every shared column of every row is equal, by the rule', async () => {
    const { desk, door } = await twoNodes();
    const atDesk = await signedInAdmin(desk);
    const atDoor = await signedInAdmin(door);
    const ana = await atDesk.ok('recipients.create', { firstName: 'Ana', lastName: 'Lopez', unit: '1A' });
    const bo = await atDesk.ok('recipients.create', { firstName: 'Bo', lastName: 'Lee', unit: '2B' });
    await until('both are at the door', () => idOf(door, 'Ana') !== undefined && idOf(door, 'Bo') !== undefined);

    await nats.stop();
    // The desk edits Ana's unit and moves Bo out; a minute later (by the door's clock) the door edits Ana's unit
    // and email, switches Bo off and on again, and adds Cy. Each keeps working alone meanwhile.
    await atDesk.ok('recipients.update', { id: ana.id, firstName: 'Ana', lastName: 'Lopez', unit: '7A' });
    await atDesk.ok('recipients.setStatus', { id: bo.id, status: 'inactive' });
    door.clock.advance(60_000);
    await atDoor.ok('recipients.update', {
      id: idOf(door, 'Ana')!,
      firstName: 'Ana',
      lastName: 'Lopez',
      unit: '9B',
      email: 'ana@example.org',
    });
    await atDoor.ok('recipients.setStatus', { id: idOf(door, 'Bo')!, status: 'inactive' });
    await atDoor.ok('recipients.setStatus', { id: idOf(door, 'Bo')!, status: 'active' });
    await atDoor.ok('recipients.create', { firstName: 'Cy', lastName: 'Park', unit: '3C' });
    expect(desk.repos.sync.pendingCount()).toBeGreaterThan(0);
    expect(door.repos.sync.pendingCount()).toBeGreaterThan(0);
    expect(sharedRecipients(door)).not.toEqual(sharedRecipients(desk));

    await nats.start();
    await until(
      'every change crossed',
      () => settled(desk, door) && idOf(desk, 'Cy') !== undefined && desk.recipients.get(ana.id).unit === '9B',
    );
    await until('both nodes hold the same rows', () => JSON.stringify(sharedRecipients(desk)) === JSON.stringify(sharedRecipients(door)));
    expect(sharedRecipients(door)).toEqual(sharedRecipients(desk));
    const rows = sharedRecipients(desk);
    // Per field, the later writer: the door's unit and email. Bo: the desk's deactivation, which the door's
    // reactivation had not seen, holds on both.
    expect(rows.find((r) => r.first_name === 'Ana')).toMatchObject({ unit: '9B', email: 'ana@example.org' });
    expect(rows.find((r) => r.first_name === 'Bo')).toMatchObject({ status: 'inactive' });
    expect(rows).toHaveLength(3);
  });

  it('keeps what waits in the outbox through a restart with the server down, and sends it when the server is back', async () => {
    const { deskDir, desk, door } = await twoNodes();
    const atDesk = await signedInAdmin(desk);
    await nats.stop();
    await atDesk.ok('recipients.create', { firstName: 'Dee', lastName: 'Quinn', unit: '4D' });
    await atDesk.ok('recipients.create', { firstName: 'Eve', lastName: 'Ruiz', unit: '5E' });
    const waiting = desk.repos.sync.pendingCount();
    // The two recipients, the permanent PIN issued with each, and the audit rows that say who added them.
    expect(desk.repos.sync.pending(100).filter((row) => row.entity === 'recipient')).toHaveLength(2);
    await desk.close();
    const again = open(deskDir);
    expect(again.repos.sync.pendingCount()).toBe(waiting);
    expect(again.site.status()).toMatchObject({ connected: false, pendingOut: waiting });
    await nats.start();
    await until('both reached the door', () => idOf(door, 'Dee') !== undefined && idOf(door, 'Eve') !== undefined);
    await until('the outbox is empty', () => settled(again));
    expect(sharedRecipients(door)).toEqual(sharedRecipients(again));
  });

  it('three nodes that all worked while the server was down end with every shared column of every row equal', async () => {
    const { site, desk, door } = await twoNodes();
    const lobby = open(await joined(site, 'lobby'));
    const admins = await Promise.all([desk, door, lobby].map((core) => signedInAdmin(core)));
    const ana = await admins[0]!.ok('recipients.create', { firstName: 'Ana', lastName: 'Lopez', unit: '1A' });
    await until('Ana reached every node', () => idOf(door, 'Ana') !== undefined && idOf(lobby, 'Ana') !== undefined);

    await nats.stop();
    const ids = [desk, door, lobby].map((core) => idOf(core, 'Ana')!);
    for (const [i, core] of [desk, door, lobby].entries()) {
      core.clock.advance(i * 1_000);
      await admins[i]!.ok('recipients.update', { id: ids[i]!, firstName: 'Ana', lastName: 'Lopez', unit: `${i + 1}0${i + 1}` });
      await admins[i]!.ok('recipients.create', { firstName: `New${i}`, lastName: 'Node', unit: String(i) });
    }
    await admins[1]!.ok('recipients.setStatus', { id: ids[1]!, status: 'inactive' });

    await nats.start();
    const same = () => {
      const rows = JSON.stringify(sharedRecipients(desk));
      return (
        settled(desk, door, lobby) && rows === JSON.stringify(sharedRecipients(door)) && rows === JSON.stringify(sharedRecipients(lobby))
      );
    };
    await until('all three hold the same rows', () => same() && sharedRecipients(desk).length === 4);
    expect(sharedRecipients(door)).toEqual(sharedRecipients(desk));
    expect(sharedRecipients(lobby)).toEqual(sharedRecipients(desk));
    // The lobby's edit was the last by the clock; the door's deactivation holds everywhere.
    expect(desk.recipients.get(ana.id)).toMatchObject({ unit: '303', status: 'inactive' });
  });
});
