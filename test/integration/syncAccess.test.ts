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
import { cliActor } from '../../src/services/audit/service';
import { signedInAdmin, tempDir, testCore } from '../helpers/core';
import { startNatsServer, type TestNatsServer } from '../helpers/natsServer';
import { deliver, sharedRecipients } from '../helpers/sync';

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

    const usedAtA = a.core.db
      .prepare('SELECT at FROM access_key_uses WHERE key_uid = ? AND node_name = ?')
      .pluck()
      .get(uid, 'tower-a-door') as number;
    const usedAtB = a.core.db
      .prepare('SELECT at FROM access_key_uses WHERE key_uid = ? AND node_name = ?')
      .pluck()
      .get(uid, 'tower-b-door') as number;
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

  it('gives the nodes that join a site the credentials its first node had as a single PC, a used Single Access PIN with its use', async () => {
    const site = `tower-${++sites}`;
    const aDir = tempDir();
    const single = createCore({ dataDir: aDir, dataKey, env: {} });
    const ana = single.recipients.create(cliActor, { firstName: 'Ana', lastName: 'Lopez', unit: '1A', email: 'ana@example.org' });
    const permanent = single.credentials.issuePermanent(cliActor, ana.id);
    const once = single.credentials.sendSingleAccessPin(cliActor, { recipientId: ana.id, notifyVia: 'email', expiresAt: inAnHour(single) });
    expect(single.access.decide({ via: 'pin', secret: once.pin, device: 'keypad' })).toMatchObject({ result: 'granted' });
    await single.site.init({ url: nats.url, site, node: 'lobby' });
    await single.close();
    const bDir = tempDir();
    const empty = createCore({ dataDir: bDir, dataKey, env: {} });
    empty.repos.sync.configure(site, 'mailroom', nats.url);
    await empty.close();
    const a = await open(aDir);
    const b = await open(bDir);
    await until(
      'every access table is equal',
      () => settled(a.core, b.core) && sharedAccess(b.core).credentials.length === 3 && same(a.core, b.core),
    );
    expect(sharedAccess(b.core)).toEqual(sharedAccess(a.core));
    expect(sharedAccess(b.core).uses).toEqual([expect.objectContaining({ node_name: 'lobby', via: 'pin' })]);
    expect(await b.typePin(permanent.pin)).toBe(true);
    expect(await b.typePin(once.pin)).toBe(false);
  });
});

/** Nodes of one site handed each other's changes directly (test/helpers/sync.ts `deliver`), to reach the rare cases at will. */
describe('credentials made on nodes that did not know of each other', () => {
  function node(name: string): Core {
    const core = testCore({ dataKey });
    core.repos.sync.configure('tower', name, 'nats://127.0.0.1:1');
    return core;
  }
  /** A recipient made at `a` and handed to the others; their local ids. */
  function recipient(firstName: string, a: Core, ...others: Core[]) {
    a.recipients.create(cliActor, { firstName, lastName: 'Lopez', unit: '1A', email: `${firstName.toLowerCase()}@example.org` });
    deliver(a, others[0]!, ...others.slice(1));
    return [a, ...others].map((core) => idOf(core, firstName)!);
  }
  /** A Single Access PIN with a chosen PIN, as the desk issues one, but not drawn at random. */
  function issueWithPin(core: Core, recipientId: number, pin: string) {
    return core.tx.run(() =>
      core.repos.accessKeys.insert({
        recipientId,
        kind: 'single',
        pinHash: core.keys.lookupHash('pin', pin),
        pinEnc: core.keys.seal(pin),
        qrHash: core.keys.lookupHash('qr', `qr-${pin}-${recipientId}-${core.repos.sync.node().nodeName}`),
        qrEnc: core.keys.seal(`qr-${pin}`),
        expiresAt: core.clock.now() + 3_600_000,
        createdAt: core.clock.now(),
        createdBy: null,
      }),
    );
  }
  const decide = (core: Core, pin: string) => core.access.decide({ via: 'pin', secret: pin, device: 'keypad' });

  it('gives a PIN drawn at two nodes to the earlier grant on both, and holds no change back', () => {
    const a = node('tower-a');
    const b = node('tower-b');
    const [anaAtA] = recipient('Ana', a, b);
    const [, boAtB] = recipient('Bo', a, b);
    const first = uidOfKey(a, issueWithPin(a, anaAtA!, '24682468'));
    b.clock.advance(60_000);
    const second = uidOfKey(b, issueWithPin(b, boAtB!, '24682468'));
    expect(deliver(a, b)).toEqual(['applied']);
    expect(deliver(b, a)).toEqual(['applied']);
    expect(sharedAccess(b)).toEqual(sharedAccess(a));
    for (const core of [a, b]) {
      expect([keyStatus(core, first), keyStatus(core, second)]).toEqual(['active', 'revoked']);
      expect(decide(core, '24682468')).toMatchObject({ result: 'granted', recipientName: 'Ana Lopez' });
    }
  });

  /** A carrier code with a chosen PIN, as the desk makes one, but not drawn at random. */
  function carrierWithPin(core: Core, pin: string) {
    const id = core.repos.carrierCodes.insert({
      carrier: 'ups',
      name: 'Morning route',
      pinHash: core.keys.lookupHash('pin', pin),
      pinEnc: core.keys.seal(pin),
      window: { days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], fromMinute: 0, untilMinute: 1439, untilDate: null },
      createdAt: core.clock.now(),
      createdBy: null,
      replaces: null,
    });
    return core.db.prepare('SELECT uid FROM carrier_codes WHERE id = ?').pluck().get(id) as string;
  }
  const carrierStatus = (core: Core, uid: string) => core.db.prepare('SELECT status FROM carrier_codes WHERE uid = ?').pluck().get(uid);
  const sharedCodes = (core: Core) => core.db.prepare('SELECT uid, hex(pin_hash), status, ended_at FROM carrier_codes ORDER BY uid').all();
  const clashAlerts = (core: Core) =>
    core.alerts
      .list()
      .filter((alert) => alert.kind === 'sync.duplicate')
      .map((alert) => messageText(alert.message));

  it('revokes a PIN drawn at one node equal to a carrier code made earlier at another, on both, and tells staff on both', () => {
    const a = node('tower-a');
    const b = node('tower-b');
    const [, anaAtB] = recipient('Ana', a, b);
    const code = carrierWithPin(a, '13571357');
    b.clock.advance(60_000);
    const pin = uidOfKey(b, issueWithPin(b, anaAtB!, '13571357'));
    deliver(a, b);
    deliver(b, a);
    expect(sharedAccess(b)).toEqual(sharedAccess(a));
    expect(sharedCodes(b)).toEqual(sharedCodes(a));
    for (const core of [a, b]) {
      expect([carrierStatus(core, code), keyStatus(core, pin)]).toEqual(['active', 'revoked']);
      // A carrier's code: the decision names the code.
      expect(decide(core, '13571357')).toMatchObject({ result: 'granted', recipientName: 'Morning route' });
      expect(clashAlerts(core)).toEqual([
        'A PIN of Ana Lopez and the carrier code "Morning route" were made on two computers at the same time with the same number. The PIN was made later and is revoked on every computer: issue Ana Lopez a new one.',
      ]);
    }
  });

  it('revokes a carrier code made at one node equal to a PIN drawn earlier at another, on both, whichever arrives first', () => {
    const a = node('tower-a');
    const b = node('tower-b');
    const c = node('tower-c');
    const [anaAtA] = recipient('Ana', a, b, c);
    const pin = uidOfKey(a, issueWithPin(a, anaAtA!, '86428642'));
    b.clock.advance(60_000);
    const code = carrierWithPin(b, '86428642');
    // c receives the carrier code first, a the PIN's node receives it after its PIN.
    deliver(b, c, a);
    deliver(a, c, b);
    for (const core of [b, c]) {
      expect(sharedAccess(core)).toEqual(sharedAccess(a));
      expect(sharedCodes(core)).toEqual(sharedCodes(a));
    }
    for (const core of [a, b, c]) {
      expect([keyStatus(core, pin), carrierStatus(core, code)]).toEqual(['active', 'revoked']);
      expect(decide(core, '86428642')).toMatchObject({ result: 'granted', recipientName: 'Ana Lopez' });
      expect(clashAlerts(core)).toEqual([
        'The carrier code "Morning route" and a PIN of Ana Lopez were made on two computers at the same time with the same number. The carrier code was made later and is revoked on every computer: make a new code for "Morning route".',
      ]);
    }
  });

  it('names the staff member who issued a PIN at the other node by their account there', async () => {
    const a = node('tower-a');
    const b = node('tower-b');
    const admin = await signedInAdmin(a);
    const [anaAtA, anaAtB] = recipient('Ana', a, b);
    await admin.ok('access.regenerate', { recipientId: anaAtA! });
    // Ada's account and the PIN travel in the order they were made; b knows Ada by its own id.
    expect(deliver(a, b)).not.toContain('held');
    const creator = (core: Core) =>
      core.db
        .prepare(
          "SELECT s.username FROM access_keys k JOIN staff s ON s.id = k.created_by WHERE k.recipient_id = ? AND k.status = 'active'",
        )
        .pluck()
        .get(core === a ? anaAtA : anaAtB);
    expect(creator(a)).toBe('ada');
    expect(creator(b)).toBe('ada');
  });

  it('keeps the later of two permanent PINs issued for one recipient at two desks, on both', () => {
    const a = node('tower-a');
    const b = node('tower-b');
    const [atA, atB] = recipient('Cy', a, b);
    const fromA = a.credentials.issuePermanent(cliActor, atA!);
    b.clock.advance(60_000);
    const fromB = b.credentials.issuePermanent(cliActor, atB!);
    deliver(a, b);
    deliver(b, a);
    expect(sharedAccess(b)).toEqual(sharedAccess(a));
    for (const [core, id] of [
      [a, atA!],
      [b, atB!],
    ] as const) {
      expect(core.keys.open(core.repos.accessKeys.activePermanent(id)!.pinEnc)).toBe(fromB.pin);
      expect(core.db.prepare("SELECT count(*) FROM access_keys WHERE recipient_id = ? AND status = 'active'").pluck().get(id)).toBe(1);
      expect(decide(core, fromA.pin)).toMatchObject({ result: 'denied' });
    }
  });

  it('raises the double-use alert once per pair of doors on each of three nodes, however the uses arrive', () => {
    const [a, b, c] = [node('tower-a'), node('tower-b'), node('lobby')];
    const [atA] = recipient('Dee', a, b, c);
    const once = a.credentials.sendSingleAccessPin(cliActor, { recipientId: atA!, notifyVia: 'email', expiresAt: inAnHour(a) });
    deliver(a, b, c);
    for (const [i, core] of [a, b, c].entries()) {
      core.clock.advance(i * 60_000);
      expect(decide(core, once.pin)).toMatchObject({ result: 'granted' });
    }
    deliver(c, b, a);
    deliver(a, c, b);
    deliver(b, a, c);
    for (const core of [a, b, c]) {
      const doors = doubleUseAlerts(core).map((alert) => `${alert.message.params!.firstDoor} ${alert.message.params!.secondDoor}`);
      // Each pair once, the earlier door first: tower-a's clock is the earliest, the lobby's the latest.
      expect(doors.sort()).toEqual(['tower-a lobby', 'tower-a tower-b', 'tower-b lobby']);
      expect(sharedAccess(core)).toEqual(sharedAccess(a));
    }
  });
});
