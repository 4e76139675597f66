/**
 * Several PCs, one building (issue 20): packages, their notices and reminders, and carrier codes, over a real
 * `nats-server -js` and a real SMTP server that every node sends through. Each check of "equal" compares every
 * shared column of every package, status change, carrier code and claim on every node.
 */
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { createSimulator } from '../../native/sim/simulator';
import { createCore, type Core } from '../../src/core';
import type { Actor } from '../../src/services/audit/service';
import { cliActor } from '../../src/services/audit/service';
import { tempDir } from '../helpers/core';
import { startNatsServer, type TestNatsServer } from '../helpers/natsServer';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtpServer';
import { sharedRecipients } from '../helpers/sync';
import { sharedPackageTables } from '../helpers/syncPackages';

const dataKey = Buffer.alloc(32, 7);
const minute = 60_000;
const day = 86_400_000;
const ups = '1Z999AA10123456784';
let nats: TestNatsServer;
let mail: TestSmtpServer;
let sites = 0;

beforeAll(async () => {
  [nats, mail] = await Promise.all([startNatsServer(), startSmtpServer()]);
});
afterAll(async () => {
  await Promise.all([nats?.dispose(), mail?.close()]);
});

const env = () => ({ PACKROOM_SMTP_URL: mail.url, PACKROOM_MAIL_FROM: 'Desk <desk@example.test>' });

/** A core on `dir`, closed after the test, sending mail (unless `mute`), its sync engine started; its clock `aheadMs` ahead. */
function open(dir: string, aheadMs = 0, mute = false): Core {
  const core = createCore({ dataDir: dir, dataKey, env: env(), timeZone: 'UTC' });
  onTestFinished(() => core.close());
  core.clock.advance(aheadMs);
  if (!mute) core.notifications.start();
  core.sync?.start();
  return core;
}

/** A site of `count` nodes: the first made by `site init`, the others joined empty, as `site join` will. */
async function site(count: number) {
  const name = `packages-${++sites}`;
  const dirs = Array.from({ length: count }, () => tempDir());
  const first = createCore({ dataDir: dirs[0]!, dataKey, env: {} });
  await first.site.init({ url: nats.url, site: name, node: 'node0' });
  await first.close();
  for (const [i, dir] of dirs.entries()) {
    if (i === 0) continue;
    const empty = createCore({ dataDir: dir, dataKey, env: {} });
    empty.repos.sync.configure(name, `node${i}`, nats.url);
    await empty.close();
  }
  return { dirs, nodes: dirs.map((dir) => open(dir)) };
}

/** Waits for a state the nodes reach by themselves, checking it every 50 ms. */
async function until(what: string, check: () => boolean, timeoutMs = 150_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const same = (nodes: Core[], read: (core: Core) => unknown) => {
  const first = JSON.stringify(read(nodes[0]!));
  return nodes.every((core) => JSON.stringify(read(core)) === first);
};
const settled = (nodes: Core[]) => nodes.every((c) => c.repos.sync.pendingCount() === 0);
/** Every node holds the same rows of every shared table: recipients, packages, status changes, carrier codes, claims. */
const converged = (nodes: Core[]) => settled(nodes) && same(nodes, sharedRecipients) && same(nodes, sharedPackageTables);

const deskOf = (i: number): Actor => ({ staffId: null, label: `desk ${i}` });
/** Each node adds a recipient, so that every node has heard from every other (a claim waits for the nodes it knows). */
async function everyoneSpeaks(nodes: Core[]) {
  for (const [i, core] of nodes.entries()) {
    core.recipients.create(cliActor, { firstName: `Person${i}`, lastName: 'Node', unit: `${i}0${i}`, email: null, phone: null });
  }
  await until('every node heard from every other', () => nodes.every((c) => c.repos.sync.applied().length === nodes.length - 1));
}

const packageMail = (kind: 'notice' | 'reminder', to: string) =>
  mail.messages.filter(
    (m) =>
      (kind === 'notice' ? /^You have \d+ packages? at/ : /^Reminder:/).test(m.subject ?? '') && m.to && JSON.stringify(m.to).includes(to),
  );
const idByUid = (core: Core, table: 'packages' | 'recipients', uid: string) =>
  core.db.prepare(`SELECT id FROM ${table} WHERE uid = ?`).pluck().get(uid) as number | undefined;
const uidOf = (core: Core, table: 'packages' | 'recipients', id: number) =>
  core.db.prepare(`SELECT uid FROM ${table} WHERE id = ?`).pluck().get(id) as string;
const drainAll = (nodes: Core[]) => Promise.all(nodes.map((c) => c.notifications.drain()));
const undecided = (core: Core) =>
  core.db
    .prepare('SELECT count(*) FROM package_claims WHERE origin = (SELECT node_uid FROM sync_node) AND decided_at IS NULL')
    .pluck()
    .get();

/** A recipient added at `at` and a package logged for her at `logger`, both everywhere before it returns. */
async function parcelFor(nodes: Core[], at: Core, logger: Core, email: string) {
  const ana = at.recipients.create(cliActor, { firstName: 'Ana', lastName: 'Lopez', unit: '1A', email, phone: null });
  const anaUid = uidOf(at, 'recipients', ana.id);
  await until('Ana is everywhere', () => nodes.every((c) => idByUid(c, 'recipients', anaUid) !== undefined));
  const logged = logger.packages.log(deskOf(nodes.indexOf(logger)), {
    tracking: ups,
    carrier: 'ups',
    recipientId: idByUid(logger, 'recipients', anaUid)!,
    shelf: 'A1',
    size: 'small',
    perishable: false,
  });
  const packageUid = uidOf(logger, 'packages', logged.id);
  await until('the package is everywhere', () => nodes.every((c) => idByUid(c, 'packages', packageUid) !== undefined));
  return { anaUid, packageUid };
}

// Several cores and servers, stopped and started: on a busy 2-core machine a test may take minutes.
describe('packages shared by the nodes of a site', { timeout: 300_000 }, () => {
  it('a package logged at one desk shows at the other, picked up there shows picked up here, and one notice goes', async () => {
    const { nodes } = await site(2);
    const [desk, door] = nodes as [Core, Core];
    const email = 'ana.one@example.org';
    const { packageUid } = await parcelFor(nodes, desk, desk, email);
    expect(door.packages.get(idByUid(door, 'packages', packageUid)!)).toMatchObject({ tracking: ups, status: 'waiting', shelf: 'A1' });

    // The batching window ends on both: only the desk, which logged it, sends the notice.
    for (const core of nodes) core.clock.advance(11 * minute);
    await drainAll(nodes);
    await until('the notice arrived', () => packageMail('notice', email).length === 1);

    door.packages.handOver(deskOf(1), idByUid(door, 'packages', packageUid)!, 'Neighbour 2B');
    await until('picked up at the desk too', () => desk.packages.get(idByUid(desk, 'packages', packageUid)!).status === 'picked_up');
    expect(desk.packages.get(idByUid(desk, 'packages', packageUid)!)).toMatchObject({ pickup: { via: 'desk' } });
    await until('both nodes hold the same rows', () => converged(nodes));

    // Found on the shelf after all, at the desk: the return to waiting undoes the hand-over it had seen, everywhere.
    desk.packages.restore(deskOf(0), [idByUid(desk, 'packages', packageUid)!]);
    await until('waiting again at the door', () => door.packages.get(idByUid(door, 'packages', packageUid)!).status === 'waiting');
    await until('both nodes hold the same rows again', () => converged(nodes));
    expect(door.packages.get(idByUid(door, 'packages', packageUid)!).pickup).toBeNull();
    await drainAll(nodes);
    expect(packageMail('notice', email)).toHaveLength(1);
  });

  it('after a pick-up at each desk while cut off, both keep the earlier hand-over and every table is equal', async () => {
    const { nodes } = await site(2);
    const [desk, door] = nodes as [Core, Core];
    const { packageUid } = await parcelFor(nodes, desk, desk, 'ana.two@example.org');
    const carrierCode = desk.carrierCodes.add(cliActor, { carrier: 'fedex', days: ['mon', 'tue'], from: '08:00', until: '12:00' });
    await until('the carrier code is at the door', () => same(nodes, (c) => sharedPackageTables(c).carrierCodes) && settled(nodes));

    await nats.stop();
    // The door hands it over first; a minute later (by the desk's clock) the desk hands it over too.
    door.packages.handOver(deskOf(1), idByUid(door, 'packages', packageUid)!, 'First Taker');
    desk.clock.advance(minute);
    desk.packages.handOver(deskOf(0), idByUid(desk, 'packages', packageUid)!, 'Second Taker');
    desk.carrierCodes.revoke(cliActor, carrierCode.carrierCode.id);
    expect(JSON.stringify(sharedPackageTables(desk))).not.toBe(JSON.stringify(sharedPackageTables(door)));

    await nats.start();
    await until('every change crossed and both hold the same rows', () => converged(nodes));
    for (const core of nodes) {
      expect(core.packages.get(idByUid(core, 'packages', packageUid)!)).toMatchObject({
        status: 'picked_up',
        pickup: { collectedBy: 'First Taker', handedOverBy: 'desk 1' },
      });
    }
    expect(sharedPackageTables(door)).toEqual(sharedPackageTables(desk));
    expect(sharedPackageTables(door).carrierCodes).toMatchObject([{ status: 'revoked' }]);
  });

  it('packages and carrier codes a desk had before `site init` reach a node that joins, statuses and all', async () => {
    const deskDir = tempDir();
    const before = createCore({ dataDir: deskDir, dataKey, env: {} });
    const bea = before.recipients.create(cliActor, { firstName: 'Bea', lastName: 'Old', unit: '9Z', email: null, phone: null });
    const log = (tracking: string) =>
      before.packages.log(deskOf(0), { tracking, carrier: 'amazon', recipientId: bea.id, shelf: null, size: 'large', perishable: true });
    log('TBA000000000001');
    const taken = log('TBA000000000002');
    before.packages.handOver(deskOf(0), taken.id, null);
    before.carrierCodes.add(cliActor, { carrier: 'dhl', days: ['sat'], from: '09:00', until: '10:00' });
    const name = `packages-${++sites}`;
    await before.site.init({ url: nats.url, site: name, node: 'desk' });
    await before.close();
    const doorDir = tempDir();
    const empty = createCore({ dataDir: doorDir, dataKey, env: {} });
    empty.repos.sync.configure(name, 'door', nats.url);
    await empty.close();
    const nodes = [open(deskDir), open(doorDir)];
    await until(
      'the door holds the desk’s packages and codes',
      () => converged(nodes) && sharedPackageTables(nodes[1]!).packages!.length === 2,
    );
    expect((sharedPackageTables(nodes[1]!).packages as { status: string }[]).map((p) => p.status).sort()).toEqual(['picked_up', 'waiting']);
    expect(sharedPackageTables(nodes[1]!).carrierCodes).toMatchObject([{ carrier: 'dhl', status: 'active' }]);
  });

  it('a carrier code made at one desk opens the other desk’s door in its hours', async () => {
    const { nodes } = await site(2);
    const [desk, door] = nodes as [Core, Core];
    const sim = createSimulator(() => door.clock.now());
    await door.devices.start('sim', sim);
    await door.door.settled();
    const granted: string[] = [];
    door.events.on('door.event', (e) => granted.push(`${e.result}:${e.recipientName ?? '-'}`));
    const everyDay = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
    const { code } = desk.carrierCodes.add(cliActor, { carrier: 'ups', days: [...everyDay], from: '00:00', until: '23:59' });
    await until('the code is at the door', () => door.repos.carrierCodes.active().length === 1);
    sim.keypad.type(`${code}#`);
    await door.door.settled();
    expect(granted).toEqual(['granted:UPS']);
  });

  for (const count of [2, 3]) {
    it(`with ${count} nodes, a reminder due on every node goes out once`, async () => {
      const { nodes } = await site(count);
      await everyoneSpeaks(nodes);
      const email = `ana.reminder${count}@example.org`;
      await parcelFor(nodes, nodes[0]!, nodes[count - 1]!, email);
      for (const core of nodes) core.clock.advance(2 * day + minute);
      await drainAll(nodes);
      await until('the notice arrived', () => packageMail('notice', email).length === 1);

      // Every node's schedule finds it due at once.
      for (const core of nodes) core.packages.runDue();
      await until(
        'every node decided its claim, and every table is equal',
        () => nodes.every((c) => undecided(c) === 0) && converged(nodes),
      );
      await drainAll(nodes);
      await until('the reminder arrived', () => packageMail('reminder', email).length >= 1);
      // Again later the same day: nothing more is due anywhere.
      for (const core of nodes) core.packages.runDue();
      await until('settled', () => converged(nodes));
      await drainAll(nodes);
      expect(packageMail('reminder', email)).toHaveLength(1);
      expect(packageMail('notice', email)).toHaveLength(1);
      const claims = sharedPackageTables(nodes[0]!).claims as { round: number }[];
      expect(claims).toHaveLength(count);
      expect(claims.every((c) => c.round === 1)).toBe(true);

      // Waiting a week: one node raises the escalation, the others stand down.
      for (const core of nodes) core.clock.advance(5 * day);
      for (const core of nodes) core.packages.runDue();
      await until('every node decided, and every table is equal', () => nodes.every((c) => undecided(c) === 0) && converged(nodes));
      // Alerts are shared: every node shows the one alert, raised here by one node and named as another's elsewhere.
      await until('the alert reached every node', () =>
        nodes.every((c) => c.alerts.list().filter((a) => a.kind === 'package.waiting').length === 1),
      );
      const escalations = nodes.map((c) => c.alerts.list().find((a) => a.kind === 'package.waiting')!);
      expect(escalations.filter((a) => a.node === null)).toHaveLength(1);
      expect(new Set(escalations.map((a) => a.at)).size).toBe(1);
      expect(nodes.every((c) => c.repos.packages.waiting()[0]!.escalatedAt !== null)).toBe(true);
    });
  }

  it('a node that dies after claiming a reminder: the others stand down, then claim it again, and it goes out once', async () => {
    const { dirs, nodes } = await site(3);
    await everyoneSpeaks(nodes);
    const email = 'ana.killed@example.org';
    await parcelFor(nodes, nodes[0]!, nodes[0]!, email);
    const ahead = 2 * day + minute;
    for (const core of nodes) core.clock.advance(ahead);
    await drainAll(nodes);
    await until('the notice arrived', () => packageMail('notice', email).length === 1);

    // node0 claims while the others are off, and dies before it hears from them.
    await Promise.all([nodes[1]!.close(), nodes[2]!.close()]);
    nodes[0]!.packages.runDue();
    await until('node0 published its claim', () => settled([nodes[0]!]));
    expect(undecided(nodes[0]!)).toBe(1);
    await nodes[0]!.close();

    // The others come back: they answer node0's claim, and stand down, its claim being the lowest.
    const others = [open(dirs[1]!, ahead), open(dirs[2]!, ahead)];
    await until('the others decided round 1', () => others.every((c) => undecided(c) === 0 && sharedPackageTables(c).claims!.length === 3));
    await drainAll(others);
    expect(packageMail('reminder', email)).toHaveLength(0);

    // Half an hour on, still due here: they claim round 2, wait for node0 (which knows the site) ten minutes, and one sends.
    for (const core of others) core.clock.advance(31 * minute);
    for (const core of others) core.packages.runDue();
    await until('both claimed round 2', () => others.every((c) => sharedPackageTables(c).claims!.length === 5) && settled(others));
    expect(others.map(undecided)).toEqual([1, 1]);
    for (const core of others) core.clock.advance(11 * minute);
    for (const core of others) core.packages.decideClaims();
    await until('both decided, and hold the same rows', () => others.every((c) => undecided(c) === 0) && converged(others));
    await drainAll(others);
    await until('the reminder arrived', () => packageMail('reminder', email).length === 1);

    // node0 comes back later: a later round exists, so it stands down, and every table ends equal on all three.
    const back = open(dirs[0]!, ahead + 42 * minute);
    const all = [back, ...others];
    await until('node0 decided and all three hold the same rows', () => undecided(back) === 0 && converged(all));
    back.packages.runDue();
    await until('settled', () => converged(all));
    await drainAll(all);
    expect(packageMail('reminder', email)).toHaveLength(1);
  });

  it('a node that dies after winning a reminder, before its message left, sends it when it restarts, and nobody else does', async () => {
    const { dirs, nodes } = await site(2);
    await everyoneSpeaks(nodes);
    const email = 'ana.restart@example.org';
    await parcelFor(nodes, nodes[0]!, nodes[0]!, email);
    const ahead = 2 * day + minute;
    for (const core of nodes) core.clock.advance(ahead);
    await drainAll(nodes);
    await until('the notice arrived', () => packageMail('notice', email).length === 1);

    // node0's mail goes nowhere from now on: it claims first, wins, queues the reminder, and dies before sending it.
    await nodes[0]!.close();
    const mute = open(dirs[0]!, ahead, true);
    const other = nodes[1]!;
    mute.packages.runDue();
    await until('the other has node0’s claim', () => sharedPackageTables(other).claims!.length >= 1);
    other.packages.runDue();
    // Each node also decides on its own turn, as the schedule's runDue does every 15 minutes: in one CI run of 3 on a
    // busy machine the decision waited for an event that never came (under investigation; see the session note).
    await until('both decided, and hold the same rows', () => {
      for (const c of [mute, other]) c.packages.decideClaims();
      return [mute, other].every((c) => undecided(c) === 0) && converged([mute, other]);
    });
    expect(mute.db.prepare("SELECT count(*) FROM outbox WHERE template = 'package_reminder' AND status = 'pending'").pluck().get()).toBe(1);
    await mute.close();
    await drainAll([other]);
    expect(packageMail('reminder', email)).toHaveLength(0);

    // The reminder's record reached the other node: half an hour on, nothing is due there, so no new round.
    other.clock.advance(31 * minute);
    other.packages.runDue();
    await until('settled', () => settled([other]));
    expect(sharedPackageTables(other).claims).toHaveLength(2);

    const back = open(dirs[0]!, ahead + 31 * minute);
    await drainAll([back]);
    await until('the reminder arrived', () => packageMail('reminder', email).length === 1);
    await drainAll([back, other]);
    expect(packageMail('reminder', email)).toHaveLength(1);
  });
});
