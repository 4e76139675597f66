/**
 * People allowed to collect, shared by every node of a site (entity `proxy`, migration 0026), over a real NATS
 * server: two nodes, each a core on its own data folder with the simulated door. A proxy and its proxy PIN made at
 * one node open the other's door while packages wait there; a revocation at either ends both everywhere.
 */
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { createSimulator } from '../../native/sim/simulator';
import { createCore, type Core } from '../../src/core';
import { relayPulses } from '../../src/host/sim';
import { cliActor } from '../../src/services/audit/service';
import { signedInAdmin, tempDir } from '../helpers/core';
import { startNatsServer, type TestNatsServer } from '../helpers/natsServer';

const dataKey = Buffer.alloc(32, 9);
let nats: TestNatsServer;
let sites = 0;

beforeAll(async () => {
  nats = await startNatsServer();
});
afterAll(async () => {
  await nats?.dispose();
});

async function open(dir: string) {
  const core = createCore({ dataDir: dir, dataKey, env: {} });
  onTestFinished(() => core.close());
  const sim = createSimulator(() => core.clock.now());
  await core.devices.start('sim', sim);
  await core.door.settled();
  core.sync?.start();
  const admin = await signedInAdmin(core);
  /** True when the door granted the PIN and the relay pulsed. */
  const typePin = async (pin: string) => {
    let result: string | undefined;
    const off = core.events.on('door.event', (event) => (result = event.result));
    const before = relayPulses(sim.relayBoard.history).length;
    sim.keypad.type(`${pin}#`);
    await core.door.settled();
    await core.packages.settled();
    off();
    const opened = result === 'granted' && relayPulses(sim.relayBoard.history).length > before;
    if (opened) {
      core.clock.advance(30_000);
      await core.door.settled();
    }
    return opened;
  };
  return { core, admin, typePin };
}

/**
 * A site whose first node already had Aisha Rahman, her proxy Ben Ortiz and his proxy PIN before `site init`
 * (so init must queue the proxy before the credential that names it), and a second node that joins it.
 */
async function site() {
  const name = `court-${++sites}`;
  const aDir = tempDir();
  const before = createCore({ dataDir: aDir, dataKey, env: {} });
  const aisha = before.recipients.create(cliActor, { firstName: 'Aisha', lastName: 'Rahman', unit: '4B', email: null, phone: null });
  const ben = before.proxies.add(cliActor, { recipientId: aisha.id, name: 'Ben Ortiz', phone: null, email: null, untilDate: null });
  const { pin } = before.proxies.issuePin(cliActor, ben.id);
  await before.site.init({ url: nats.url, site: name, node: 'desk' });
  await before.close();
  const bDir = tempDir();
  const empty = createCore({ dataDir: bDir, dataKey, env: {} });
  empty.repos.sync.configure(name, 'door', nats.url);
  await empty.close();
  return { a: await open(aDir), b: await open(bDir), pin };
}

async function until(what: string, check: () => boolean, timeoutMs = 150_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Every shared column of every proxy by uid, and which credential (by uid) is whose proxy PIN. */
function sharedProxies(core: Core) {
  return {
    proxies: core.db
      .prepare(
        `SELECT p.uid, r.uid AS recipient_uid, p.name, p.phone, p.email, p.until_date, p.created_at, p.created_by, p.revoked_at, p.revoked_by
         FROM proxies p JOIN recipients r ON r.id = p.recipient_id ORDER BY p.uid`,
      )
      .all(),
    pins: core.db
      .prepare('SELECT k.uid, p.uid AS proxy_uid, k.status FROM access_keys k JOIN proxies p ON p.id = k.proxy_id ORDER BY k.uid')
      .all(),
  };
}
const same = (x: Core, y: Core) => JSON.stringify(sharedProxies(x)) === JSON.stringify(sharedProxies(y));
const settled = (...cores: Core[]) => cores.every((c) => c.repos.sync.pendingCount() === 0);
const idOf = (core: Core, table: 'recipients' | 'proxies', column: string, value: string) =>
  core.db.prepare(`SELECT id FROM ${table} WHERE ${column} = ?`).pluck().get(value) as number | undefined;

describe('proxies shared by every node of a site', { timeout: 300_000 }, () => {
  it('opens the other node’s door with a proxy PIN only while packages wait there; a revocation at either node ends it everywhere', async () => {
    const { a, b, pin } = await site();
    await until('the proxy and its PIN are at b', () => sharedProxies(b.core).pins.length === 1 && settled(a.core) && same(a.core, b.core));
    const aishaAtB = idOf(b.core, 'recipients', 'first_name', 'Aisha')!;
    expect(await b.admin.ok('proxies.list', { recipientId: aishaAtB })).toEqual([
      expect.objectContaining({ name: 'Ben Ortiz', active: true, hasPin: true }),
    ]);
    // Nothing waits yet: refused at b's door too.
    expect(await b.typePin(pin)).toBe(false);
    await b.admin.ok('packages.log', { tracking: '1Z999AA10123456784', carrier: 'ups', recipientId: aishaAtB });
    expect(await b.typePin(pin)).toBe(true);
    const picked = await b.admin.ok('packages.list', { status: 'picked_up' });
    expect(picked.items[0]!.pickup).toMatchObject({ via: 'door', collectedBy: 'Ben Ortiz' });

    // Revoked at b: a's door refuses the PIN once the change arrives, with a package waiting there.
    const aishaAtA = idOf(a.core, 'recipients', 'first_name', 'Aisha')!;
    await a.admin.ok('packages.log', { tracking: 'TBA123456789012', carrier: 'amazon', recipientId: aishaAtA });
    const benAtB = idOf(b.core, 'proxies', 'name', 'Ben Ortiz')!;
    await b.admin.ok('proxies.revoke', { id: benAtB });
    await until('both nodes agree', () => settled(a.core, b.core) && same(a.core, b.core));
    expect(sharedProxies(a.core).proxies[0]).toMatchObject({ revoked_by: 'ada' });
    expect(sharedProxies(a.core).pins).toEqual([expect.objectContaining({ status: 'revoked' })]);
    expect(await a.typePin(pin)).toBe(false);
  });

  it('keeps a revocation over a later issue of a new proxy PIN made without knowing it', async () => {
    const { a, b } = await site();
    await until('the proxy is at b', () => sharedProxies(b.core).pins.length === 1 && settled(a.core));
    const benAtA = idOf(a.core, 'proxies', 'name', 'Ben Ortiz')!;
    const benAtB = idOf(b.core, 'proxies', 'name', 'Ben Ortiz')!;
    // Cut off from each other: a revokes Ben while b, not knowing, gives him a new PIN.
    await nats.stop();
    await a.admin.ok('proxies.revoke', { id: benAtA });
    const later = await b.admin.ok('proxies.issuePin', { id: benAtB });
    await nats.start();
    await until('both nodes agree', () => settled(a.core, b.core) && same(a.core, b.core));
    // The proxy is revoked everywhere: b's new PIN (a credential of its own, still active) opens no door.
    expect(sharedProxies(b.core).proxies[0]).toMatchObject({ revoked_by: 'ada' });
    const aishaAtA = idOf(a.core, 'recipients', 'first_name', 'Aisha')!;
    await a.admin.ok('packages.log', { tracking: '1Z999AA10123456784', carrier: 'ups', recipientId: aishaAtA });
    expect(await a.typePin(later.pin)).toBe(false);
    const refusal = a.core.audit.list({ limit: 5 }).items.find((entry) => entry.action === 'door.denied');
    expect(refusal?.details?.reason).toBe('Proxy PIN of Ben Ortiz — no longer allowed to collect for Aisha Rahman');
  });
});
