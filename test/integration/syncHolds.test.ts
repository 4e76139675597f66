/**
 * Holds shared by the nodes of a site (issue 22), over a real `nats-server -js` and a real SMTP server: a hold set at
 * one desk is in force at the other, its end notice goes once site-wide (claimed as reminders are), and two desks
 * cancelling one hold while cut off from each other end with the same, earlier, cancellation.
 */
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { createCore, type Core } from '../../src/core';
import { cliActor, type Actor } from '../../src/services/audit/service';
import { localDate } from '../../src/services/packages/localTime';
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

function open(dir: string): Core {
  const core = createCore({ dataDir: dir, dataKey, env: { PACKROOM_SMTP_URL: mail.url, PACKROOM_MAIL_FROM: 'Desk <desk@example.test>' } });
  onTestFinished(() => core.close());
  core.notifications.start();
  core.sync?.start();
  return core;
}

/** Two nodes: the first made by `site init`, the second joined empty. */
async function site(): Promise<[Core, Core]> {
  const name = `holds-${++sites}`;
  const dirs = [tempDir(), tempDir()];
  const first = createCore({ dataDir: dirs[0]!, dataKey, env: {} });
  await first.site.init({ url: nats.url, site: name, node: 'desk' });
  await first.close();
  const empty = createCore({ dataDir: dirs[1]!, dataKey, env: {} });
  empty.repos.sync.configure(name, 'door', nats.url);
  await empty.close();
  return [open(dirs[0]!), open(dirs[1]!)];
}

async function until(what: string, check: () => boolean, timeoutMs = 150_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Every shared column of every hold, by uid, its recipient by uid: what both nodes must hold alike. */
const sharedHolds = (core: Core) =>
  core.db
    .prepare(
      `SELECT h.uid, r.uid AS recipient_uid, h.from_day, h.until_day, h.mode, h.return_days, h.created_at, h.created_by_name,
         h.created_via, h.cancelled_at, h.cancelled_by_name, h.end_notice_at
       FROM holds h JOIN recipients r ON r.id = h.recipient_id ORDER BY h.uid`,
    )
    .all();
const same = (nodes: Core[], read: (core: Core) => unknown) =>
  nodes.every((c) => JSON.stringify(read(c)) === JSON.stringify(read(nodes[0]!)));
const converged = (nodes: Core[]) =>
  nodes.every((c) => c.repos.sync.pendingCount() === 0) &&
  same(nodes, sharedHolds) &&
  same(nodes, sharedRecipients) &&
  same(nodes, sharedPackageTables);
const undecided = (core: Core) =>
  core.db
    .prepare('SELECT count(*) FROM package_claims WHERE origin = (SELECT node_uid FROM sync_node) AND decided_at IS NULL')
    .pluck()
    .get();
const idOf = (core: Core, table: 'recipients' | 'holds', uid: string) =>
  core.db.prepare(`SELECT id FROM ${table} WHERE uid = ?`).pluck().get(uid) as number | undefined;
const deskOf = (i: number): Actor => ({ staffId: null, label: `desk ${i}` });
const welcomeBack = (to: string) => mail.messages.filter((m) => /^Welcome back/.test(m.subject ?? '') && JSON.stringify(m.to).includes(to));

describe('holds shared by the nodes of a site', { timeout: 300_000 }, () => {
  it('a hold set at the desk pauses the door node too, and its end notice goes once', async () => {
    const nodes = await site();
    const [desk, door] = nodes;
    // Each node speaks first, so that a claim waits for the other.
    for (const [i, core] of nodes.entries()) {
      core.recipients.create(cliActor, { firstName: `Person${i}`, lastName: 'Node', unit: `${i}0${i}`, email: null, phone: null });
    }
    await until('each node heard from the other', () => nodes.every((c) => c.repos.sync.applied().length === 1));

    const email = 'ana.hold@example.org';
    const ana = desk.recipients.create(cliActor, { firstName: 'Ana', lastName: 'Lopez', unit: '1A', email, phone: null });
    desk.packages.log(deskOf(0), { tracking: ups, carrier: 'ups', recipientId: ana.id, shelf: 'A1', size: 'small', perishable: false });
    const today = localDate(desk.clock.now());
    const hold = desk.holds.set(deskOf(0), {
      recipientId: ana.id,
      from: today,
      until: localDate(desk.clock.now() + 2 * day),
      mode: 'keep',
    });
    const holdUid = desk.repos.holds.uidOf(hold.id)!;
    await until('the hold is at the door', () => converged(nodes) && idOf(door, 'holds', holdUid) !== undefined);
    const anaUid = desk.db.prepare('SELECT uid FROM recipients WHERE id = ?').pluck().get(ana.id) as string;
    const anaAtDoor = idOf(door, 'recipients', anaUid)!;
    expect(door.holds.list(anaAtDoor).current).toMatchObject({ state: 'current', until: hold.until, createdBy: 'desk 0' });

    // During the hold no node reminds; the morning after it both find the end notice due, claim it, and one sends.
    for (const core of nodes) core.clock.advance(2 * day);
    for (const core of nodes) core.packages.runDue();
    await until('settled', () => converged(nodes));
    expect(sharedPackageTables(desk).claims).toHaveLength(0);
    for (const core of nodes) core.clock.advance(day);
    for (const core of nodes) core.packages.runDue();
    await until('both decided their claims, and hold the same rows', () => nodes.every((c) => undecided(c) === 0) && converged(nodes));
    await Promise.all(nodes.map((c) => c.notifications.drain()));
    await until('the end notice arrived', () => welcomeBack(email).length === 1);
    for (const core of nodes) core.packages.runDue();
    await until('settled again', () => converged(nodes));
    await Promise.all(nodes.map((c) => c.notifications.drain()));
    expect(welcomeBack(email)).toHaveLength(1);
    expect(nodes.every((c) => c.repos.holds.byUid(holdUid)!.endNoticeAt !== null)).toBe(true);
  });

  it('two desks cancelling one hold while cut off end with the earlier cancellation on both', async () => {
    const nodes = await site();
    const [desk, door] = nodes;
    const bea = desk.recipients.create(cliActor, { firstName: 'Bea', lastName: 'Away', unit: '2B', email: null, phone: null });
    const from = localDate(desk.clock.now() + 3 * day);
    const hold = desk.holds.set(deskOf(0), {
      recipientId: bea.id,
      from,
      until: localDate(desk.clock.now() + 9 * day),
      mode: 'return',
      returnDays: 4,
    });
    const holdUid = desk.repos.holds.uidOf(hold.id)!;
    await until('the hold is at the door', () => converged(nodes) && idOf(door, 'holds', holdUid) !== undefined);

    await nats.stop();
    desk.holds.cancel(deskOf(0), hold.id);
    door.clock.advance(minute);
    door.holds.cancel(deskOf(1), idOf(door, 'holds', holdUid)!);
    expect(JSON.stringify(sharedHolds(desk))).not.toBe(JSON.stringify(sharedHolds(door)));
    await nats.start();
    await until('both hold the same rows', () => converged(nodes));
    for (const core of nodes)
      expect(core.repos.holds.byUid(holdUid)).toMatchObject({ cancelledByName: 'desk 0', mode: 'return', returnDays: 4 });
  });
});
