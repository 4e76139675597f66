/**
 * Credentials shared by every door of a site (issue 20), over a real NATS server: two nodes, each a core on its own
 * data folder with the simulated door (keypad, QR reader, relay) that the door tests use. Every check of "equal"
 * compares every shared column of every credential and every recorded use on both nodes.
 */
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { createSimulator } from '../../native/sim/simulator';
import { messageText } from '../../src/contract';
import { createCore, type Core } from '../../src/core';
import { relayPulses } from '../../src/host/sim';
import { signedInAdmin, tempDir } from '../helpers/core';
import { startNatsServer, type TestNatsServer } from '../helpers/natsServer';
import { sharedRecipients } from '../helpers/sync';

const dataKey = Buffer.alloc(32, 9);
let nats: TestNatsServer;
let sites = 0;

beforeAll(async () => {
  nats = await startNatsServer();
});
afterAll(async () => {
  await nats?.dispose();
});

/** A node's core with its simulated door, closed after the test. */
async function open(dir: string) {
  const core = createCore({ dataDir: dir, dataKey, env: {} });
  onTestFinished(() => core.close());
  const sim = createSimulator(() => core.clock.now());
  await core.devices.start('sim', sim);
  await core.door.settled();
  core.sync?.start();
  const admin = await signedInAdmin(core);
  /** What the door decided for one PIN or QR code: true when it granted it and the relay pulsed. */
  const attempt = async (present: () => void) => {
    let result: string | undefined;
    const off = core.events.on('door.event', (event) => (result = event.result));
    const before = relayPulses(sim.relayBoard.history).length;
    present();
    await core.door.settled();
    off();
    const opened = result === 'granted' && relayPulses(sim.relayBoard.history).length > before;
    if (opened) {
      // The pulse ends (the door's open time passes), so the next grant is a pulse of its own.
      core.clock.advance(30_000);
      await core.door.settled();
    }
    return opened;
  };
  const typePin = (pin: string) => attempt(() => sim.keypad.type(`${pin}#`));
  const scan = (token: string) => attempt(() => sim.reader.type([...token, 'Enter'] as never));
  return { core, admin, typePin, scan };
}

/** A site of two nodes: `a` made the first node by `site init`, `b` an empty folder set up as a node, as `site join` leaves it. */
async function twoNodes() {
  const site = `tower-${++sites}`;
  const aDir = tempDir();
  const first = createCore({ dataDir: aDir, dataKey, env: {} });
  await first.site.init({ url: nats.url, site, node: 'tower-a-door' });
  await first.close();
  const bDir = tempDir();
  const empty = createCore({ dataDir: bDir, dataKey, env: {} });
  empty.repos.sync.configure(site, 'tower-b-door', nats.url);
  await empty.close();
  return { a: await open(aDir), b: await open(bDir) };
}

/** Waits for a state the nodes reach by themselves (a change crossing the stream), checking it every 50 ms. */
async function until(what: string, check: () => boolean, timeoutMs = 150_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Every shared column of every credential by uid (its recipient by uid), and every node's recorded uses. */
function sharedAccess(core: Core) {
  return {
    credentials: core.db
      .prepare(
        `SELECT k.uid, r.uid AS recipient_uid, k.kind, hex(k.pin_hash) AS pin_hash, hex(k.pin_enc) AS pin_enc, hex(k.qr_hash) AS qr_hash,
           hex(k.qr_enc) AS qr_enc, k.status, k.expires_at, k.used_at, k.used_via, k.created_at, k.ended_at
         FROM access_keys k JOIN recipients r ON r.id = k.recipient_id ORDER BY k.uid`,
      )
      .all(),
    uses: core.db.prepare('SELECT key_uid, origin, node_name, via, at, hlc FROM access_key_uses ORDER BY key_uid, origin').all(),
  };
}
const same = (x: Core, y: Core) =>
  JSON.stringify(sharedAccess(x)) === JSON.stringify(sharedAccess(y)) &&
  JSON.stringify(sharedRecipients(x)) === JSON.stringify(sharedRecipients(y));
const settled = (...cores: Core[]) => cores.every((c) => c.repos.sync.pendingCount() === 0);

const idOf = (core: Core, firstName: string) =>
  core.db.prepare('SELECT id FROM recipients WHERE first_name = ?').pluck().get(firstName) as number | undefined;
const keyStatus = (core: Core, uid: string) =>
  core.db.prepare('SELECT status FROM access_keys WHERE uid = ?').pluck().get(uid) as string | undefined;
const uidOfKey = (core: Core, id: number) => core.db.prepare('SELECT uid FROM access_keys WHERE id = ?').pluck().get(id) as string;
/** A recipient's QR token, opened with the data key as the PIN look-up opens a PIN. */
const qrOf = (core: Core, recipientId: number) => core.keys.open(core.repos.accessKeys.activePermanent(recipientId)!.qrEnc);
const inAnHour = (core: Core) => new Date(core.clock.now() + 3_600_000).toISOString();
const doubleUseAlerts = (core: Core) => core.alerts.list().filter((alert) => alert.kind === 'access.doubleUse');

let phones = 0;
/** A recipient created at `a`, once `b` has it too: its id at each node. */
async function sharedRecipient(a: Awaited<ReturnType<typeof open>>, b: Awaited<ReturnType<typeof open>>, firstName: string) {
  const created = await a.admin.ok('recipients.create', {
    firstName,
    lastName: 'Lopez',
    unit: '4B',
    email: `${firstName.toLowerCase()}@example.org`,
    phone: `(415) 555-01${String(++phones).padStart(2, '0')}`,
  });
  await until(`${firstName} is at b`, () => idOf(b.core, firstName) !== undefined);
  return { atA: created.id, atB: idOf(b.core, firstName)! };
}

// Several cores, a server stopped and started: on a busy 2-core machine one test can take minutes.
describe('credentials shared by every door of a site', { timeout: 300_000 }, () => {
  it("opens A's door with a PIN and a QR code issued at B, and refuses a PIN revoked at A at B's door", async () => {
    const { a, b } = await twoNodes();
    const ana = await sharedRecipient(a, b, 'Ana');
    const issued = await b.admin.ok('access.regenerate', { recipientId: ana.atB });
    const qr = qrOf(b.core, ana.atB);
    const uid = uidOfKey(b.core, b.core.repos.accessKeys.activePermanent(ana.atB)!.id);
    await until('the PIN is at a', () => keyStatus(a.core, uid) === 'active');
    expect(await a.typePin(issued.pin)).toBe(true);
    expect(await a.scan(qr)).toBe(true);
    // Only sealed forms travelled: a's copy opens with the site's data key, to the same PIN.
    expect(a.core.keys.open(a.core.repos.accessKeys.activePermanent(ana.atA)!.pinEnc)).toBe(issued.pin);

    // A replaces it: the old PIN is revoked there, and B's door refuses it once the change arrives.
    const replaced = await a.admin.ok('access.regenerate', { recipientId: ana.atA });
    await until('both nodes agree', () => settled(a.core, b.core) && same(a.core, b.core));
    expect(await b.typePin(issued.pin)).toBe(false);
    expect(await b.scan(qr)).toBe(false);
    expect(await b.typePin(replaced.pin)).toBe(true);
  });

  it('refuses at B a Single Access PIN used at A, once the use arrives', async () => {
    const { a, b } = await twoNodes();
    const bo = await sharedRecipient(a, b, 'Bo');
    const single = await a.admin.ok('access.sendSingleAccessPin', { recipientId: bo.atA, notifyVia: 'email', expiresAt: inAnHour(a.core) });
    const uid = uidOfKey(a.core, single.id);
    await until('the Single Access PIN is at b', () => keyStatus(b.core, uid) === 'active');
    expect(await a.typePin(single.pin)).toBe(true);
    await until('the use is at b', () => keyStatus(b.core, uid) === 'used');
    expect(await b.typePin(single.pin)).toBe(false);
    const refusal = b.core.audit.list({ limit: 5 }).items.find((entry) => entry.action === 'door.denied');
    expect(refusal?.details?.reason).toBe('Single Access PIN already used');
    await until('both nodes agree', () => settled(a.core, b.core) && same(a.core, b.core));
    expect(doubleUseAlerts(a.core)).toEqual([]);
    expect(doubleUseAlerts(b.core)).toEqual([]);
  });

  it('after a partition in which both doors opened for one Single Access PIN: the alert on both nodes, once, naming both doors and times; every access table equal', async () => {
    const { a, b } = await twoNodes();
    const cy = await sharedRecipient(a, b, 'Cy');
    const dee = await sharedRecipient(a, b, 'Dee');
    const single = await b.admin.ok('access.sendSingleAccessPin', { recipientId: cy.atB, notifyVia: 'sms', expiresAt: inAnHour(b.core) });
    const uid = uidOfKey(b.core, single.id);
    const deesPin = await a.admin.ok('access.regenerate', { recipientId: dee.atA });
    await until('both credentials are at the other node', () => keyStatus(a.core, uid) === 'active' && settled(a.core, b.core));
    await until('Dee’s PIN is at b', () => b.core.repos.accessKeys.activePermanent(dee.atB) !== undefined);

    await nats.stop();
    // Cut off from each other, each door decides alone: the Single Access PIN opens once at each.
    expect(await a.typePin(single.pin)).toBe(true);
    b.core.clock.advance(90_000);
    expect(await b.typePin(single.pin)).toBe(true);
    expect(await b.typePin(single.pin)).toBe(false);
    // Both sides keep working: B revokes Dee's PINs (moved out) while A issues Cy a new one.
    await b.admin.ok('recipients.setStatus', { id: dee.atB, status: 'inactive' });
    const cysPin = await a.admin.ok('access.regenerate', { recipientId: cy.atA });
    expect(same(a.core, b.core)).toBe(false);

    await nats.start();
    await until('the alert is on both nodes', () => doubleUseAlerts(a.core).length > 0 && doubleUseAlerts(b.core).length > 0);
    await until('every access table is equal', () => settled(a.core, b.core) && same(a.core, b.core));
    expect(sharedAccess(b.core)).toEqual(sharedAccess(a.core));
    expect(keyStatus(a.core, uid)).toBe('used');

    const usedAtA = a.core.db.prepare('SELECT at FROM access_key_uses WHERE key_uid = ? AND node_name = ?').pluck().get(uid, 'tower-a-door') as number;
    const usedAtB = a.core.db.prepare('SELECT at FROM access_key_uses WHERE key_uid = ? AND node_name = ?').pluck().get(uid, 'tower-b-door') as number;
    expect(usedAtB - usedAtA).toBeGreaterThanOrEqual(90_000);
    for (const core of [a.core, b.core]) {
      const alerts = doubleUseAlerts(core);
      expect(alerts).toHaveLength(1);
      expect(alerts[0]!.message.params).toMatchObject({
        name: 'Cy Lopez',
        firstDoor: 'tower-a-door',
        firstAt: usedAtA,
        firstVia: 'pin',
        secondDoor: 'tower-b-door',
        secondAt: usedAtB,
        secondVia: 'pin',
      });
      expect(messageText(alerts[0]!.message)).toContain('opened two doors');
    }
    // Dee's PIN, revoked at B, is refused at A; Cy's new one from A opens B's door.
    expect(await a.typePin(deesPin.pin)).toBe(false);
    expect(await b.typePin(cysPin.pin)).toBe(true);
  });
});
