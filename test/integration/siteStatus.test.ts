/**
 * What the header's "not connected" badge and Settings → This computer read (issue 20): `site.status` through the
 * dispatcher, and the `site.status` events the engine pushes, over a real `nats-server -js` stopped and started.
 */
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { SiteStatus } from '../../src/contract';
import { createCore, type Core } from '../../src/core';
import { signedInAdmin, tempDir } from '../helpers/core';
import { startNatsServer, type TestNatsServer } from '../helpers/natsServer';

const dataKey = Buffer.alloc(32, 7);
let nats: TestNatsServer;

beforeAll(async () => {
  nats = await startNatsServer();
});
afterAll(async () => {
  await nats?.dispose();
});

function open(dir: string): Core {
  const core = createCore({ dataDir: dir, dataKey, env: {} });
  onTestFinished(() => core.close());
  return core;
}

/** Waits for a state the engine reaches by itself, checking it every 50 ms. */
async function until(what: string, check: () => boolean, timeoutMs = 150_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('site.status', { timeout: 180_000 }, () => {
  it('is null on a single PC, where no engine is built and nothing is pushed', async () => {
    const core = open(tempDir());
    const pushed: SiteStatus[] = [];
    core.events.on('site.status', (s) => pushed.push(s));
    core.start();
    const admin = await signedInAdmin(core);
    await admin.ok('recipients.create', { firstName: 'Ana', lastName: 'Lopez', unit: '1A' });
    expect(await admin.ok('site.status', {})).toBeNull();
    expect(core.sync).toBeNull();
    expect(pushed).toEqual([]);
  });

  it('says since when a node is cut off and how many changes wait, pushed as they move, and connected again after', async () => {
    const deskDir = tempDir();
    const first = createCore({ dataDir: deskDir, dataKey, env: {} });
    await first.site.init({ url: nats.url, site: 'birch-hall', node: 'desk' });
    await first.close();
    const doorDir = tempDir();
    const empty = createCore({ dataDir: doorDir, dataKey, env: {} });
    empty.repos.sync.configure('birch-hall', 'door', nats.url);
    await empty.close();

    const desk = open(deskDir);
    const door = open(doorDir);
    // `site init` made the desk the node that runs the daily roster import.
    expect(desk.repos.sync.node().rosterNode).toBe('desk');
    const pushed: SiteStatus[] = [];
    desk.events.on('site.status', (s) => pushed.push(s));
    const last = () => pushed.at(-1);
    desk.sync!.start();
    door.sync!.start();
    const atDesk = await signedInAdmin(desk);
    await until('the desk says it is connected', () => last()?.connected === true && last()?.pendingOut === 0);
    await atDesk.ok('recipients.create', { firstName: 'Ana', lastName: 'Lopez', unit: '1A' });
    await until('the door heard from the desk', () => door.site.status()!.nodes.length === 1);
    await until('the desk sent everything', () => desk.repos.sync.pendingCount() === 0);
    expect(await atDesk.ok('site.status', {})).toMatchObject({ site: 'birch-hall', node: 'desk', connected: true, pendingOut: 0 });
    const seenAtDoor = door.site.status()!;
    expect(seenAtDoor.nodes).toEqual([{ node: 'desk', lastSeenAt: expect.any(Number), lagMs: expect.any(Number) }]);
    expect(seenAtDoor.nodes[0]!.lastSeenAt).toBeLessThanOrEqual(door.clock.now());

    const before = desk.clock.now();
    await nats.stop();
    await until('the desk says it is cut off', () => last()?.connected === false);
    const cutOff = last()!;
    expect(cutOff.disconnectedSince).toBeGreaterThanOrEqual(before);
    expect(cutOff.disconnectedSince).toBeLessThanOrEqual(desk.clock.now());

    // Each creation waits with what goes with it (its audit row): the count pushed follows the outbox.
    const waiting = () => desk.repos.sync.pendingCount();
    const base = waiting();
    await atDesk.ok('recipients.create', { firstName: 'Bo', lastName: 'Diaz', unit: '2B' });
    const afterBo = waiting();
    expect(afterBo).toBeGreaterThan(base);
    await until('Bo waits', () => last()?.pendingOut === afterBo);
    await atDesk.ok('recipients.create', { firstName: 'Cy', lastName: 'Ng', unit: '3C' });
    const afterCy = waiting();
    expect(afterCy).toBeGreaterThan(afterBo);
    await until('Cy waits too', () => last()?.pendingOut === afterCy);
    // "Since 14:02" stays 14:02 through every failed retry.
    expect(last()!.disconnectedSince).toBe(cutOff.disconnectedSince);
    expect(await atDesk.ok('site.status', {})).toMatchObject({
      connected: false,
      disconnectedSince: cutOff.disconnectedSince,
      pendingOut: afterCy,
    });

    await nats.start();
    await until('the desk is connected with nothing waiting', () => last()?.connected === true && last()?.pendingOut === 0);
    expect(last()!.disconnectedSince).toBeNull();
    // Pushed only when something the header shows moved: never the same status twice in a row.
    const said = pushed.map((s) => `${s.connected}|${s.disconnectedSince}|${s.pendingOut}`);
    expect(said.filter((s, i) => s === said[i - 1])).toEqual([]);
  });
});
