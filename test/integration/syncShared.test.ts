/**
 * Staff accounts, site settings, alerts and the audit chains shared by the nodes of a site (issue 20), over a real
 * NATS server: each node a core on its own data folder, in this test process. "Equal" compares every shared column
 * of every row of those tables on both nodes, and every row of every audit chain.
 */
import Database from 'better-sqlite3';
import { Writable } from 'node:stream';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { auditCommand } from '../../src/cli/commands/audit';
import { message } from '../../src/contract';
import { createCore, type Core } from '../../src/core';
import { auditHash } from '../../src/db/auditChain';
import { migrations } from '../../src/db/migrations';
import { migrate } from '../../src/db/open';
import { databaseFile } from '../../src/paths';
import { localAlertKinds } from '../../src/domain/sync/alerts';
import { localSettingKeys } from '../../src/domain/sync/settings';
import { verifyAuditChains } from '../../src/services/auditTrail';
import { Applier } from '../../src/sync/applier';
import { eventFrom } from '../../src/sync/event';
import { client, signedInAdmin, tempDir } from '../helpers/core';
import { startNatsServer, type TestNatsServer } from '../helpers/natsServer';

const dataKey = Buffer.alloc(32, 6);
let nats: TestNatsServer;
let sites = 0;

beforeAll(async () => {
  nats = await startNatsServer();
});
afterAll(async () => {
  await nats?.dispose();
});

function open(dir: string): Core {
  const core = createCore({ dataDir: dir, dataKey, env: {} });
  onTestFinished(() => core.close());
  core.sync?.start();
  return core;
}

/** A site of two nodes: `desk` made the first node by `site init` (its admin, settings and audit rows from before go too), `door` joined empty. */
async function twoNodes() {
  const site = `elm-${++sites}`;
  const deskDir = tempDir();
  const first = createCore({ dataDir: deskDir, dataKey, env: {} });
  await signedInAdmin(first);
  await first.site.init({ url: nats.url, site, node: 'desk' });
  await first.close();
  const doorDir = tempDir();
  const empty = createCore({ dataDir: doorDir, dataKey, env: {} });
  empty.repos.sync.configure(site, 'door', nats.url);
  await empty.close();
  const desk = open(deskDir);
  const door = open(doorDir);
  await until('the desk admin reached the door', () => staffId(door, 'ada') !== undefined);
  return { site, deskDir, doorDir, desk, door };
}

async function until(what: string, check: () => boolean, timeoutMs = 150_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const settled = (...cores: Core[]) => cores.every((c) => c.repos.sync.pendingCount() === 0);
const staffId = (core: Core, username: string) =>
  core.db.prepare('SELECT id FROM staff WHERE username = ?').pluck().get(username) as number | undefined;
const alertId = (core: Core, text: string) =>
  core.db.prepare('SELECT id FROM alerts WHERE message = ?').pluck().get(text) as number | undefined;

const localKeys = localSettingKeys.map((k) => `'${k}'`).join(', ');
const localKinds = localAlertKinds.map((k) => `'${k}'`).join(', ');

/** Every shared row of the staff, settings and alerts tables, and every row of every audit chain, as one node holds them. */
function sharedTables(core: Core) {
  const all = (sql: string) => core.db.prepare(sql).all();
  const self = core.repos.sync.node().nodeUid;
  return {
    staff: all('SELECT uid, username, display_name, role, password_hash, active, language, created_at FROM staff ORDER BY uid'),
    settings: all(`SELECT key, value FROM settings WHERE key NOT IN (${localKeys}) ORDER BY key`),
    alerts: all(
      `SELECT a.uid, a.at, a.kind, a.message, a.message_key, a.message_params, a.acknowledged_at, s.uid AS acknowledged_by
       FROM alerts a LEFT JOIN staff s ON s.id = a.acknowledged_by WHERE a.kind NOT IN (${localKinds}) ORDER BY a.uid`,
    ),
    // Each chain by its node and its own numbering: this node's own rows are the chain of its node_uid.
    audit: core.db
      .prepare(
        `SELECT coalesce(origin, ?) AS node, coalesce(chain_id, id) AS chain_id, at,
           CASE WHEN origin IS NULL THEN actor_staff_id ELSE chain_actor_staff_id END AS actor_staff_id, actor, action,
           CASE WHEN origin IS NULL THEN subject ELSE chain_subject END AS subject, details, hex(hash) AS hash
         FROM audit_log ORDER BY node, chain_id`,
      )
      .all(self),
  };
}

const sameTables = (...cores: Core[]) => {
  const first = JSON.stringify(sharedTables(cores[0]!));
  return cores.every((c) => JSON.stringify(sharedTables(c)) === first);
};

/** `packroom audit verify` on a node's data folder, beside its running core. */
function auditVerify(dir: string) {
  let out = '';
  let err = '';
  const sink = (write: (text: string) => void) =>
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        write(chunk.toString());
        done();
      },
    });
  const code = auditCommand(
    ['verify', '--data', dir],
    sink((t) => (out += t)),
    sink((t) => (err += t)),
  );
  return { code, out, err };
}

// Several cores and a server stopped and started: on a busy 2-core machine one such test took over 60 s.
describe('staff, settings, alerts and audit shared by two nodes over NATS JetStream', { timeout: 240_000 }, () => {
  it('a staff member made at the desk signs in at the door; deactivated at the desk, refused at the door, whose open session ends', async () => {
    const { desk, door } = await twoNodes();
    const atDesk = await signedInAdmin(desk);
    await atDesk.ok('staff.create', { username: 'boris', displayName: 'Bo Desk', role: 'staff', password: 'bo password 123' });
    await until('Bo reached the door', () => staffId(door, 'boris') !== undefined);

    const bo = client(door);
    await bo.ok('auth.login', { username: 'boris', password: 'bo password 123' });
    const ended: string[] = [];
    const closed = new Promise<void>((resolve) => {
      door.delivery.open({ token: () => bo.ctx.sessionToken, send: (event) => void ended.push(event), close: resolve });
    });
    expect((await bo.call('recipients.search', { query: '' })).ok).toBe(true);

    await atDesk.ok('staff.setActive', { id: staffId(desk, 'boris')!, active: false });
    await closed;
    expect(ended).toContain('session.ended');
    expect(door.auth.current(bo.ctx.sessionToken)).toBeNull();
    const again = await client(door).call('auth.login', { username: 'boris', password: 'bo password 123' });
    expect(again.ok).toBe(false);
    await until('both outboxes are sent', () => settled(desk, door));
    await until('both hold the same tables', () => sameTables(desk, door));
  });

  it("a site setting changed at the desk applies at the door; one PC's setting does not", async () => {
    const { desk, door } = await twoNodes();
    const atDesk = await signedInAdmin(desk);
    const doorPulse = door.settings.get().doorPulseSeconds;
    await atDesk.ok('settings.update', { siteName: 'Elm Court', doorPulseSeconds: doorPulse + 3, backupFolder: '/media/desk-stick' });
    await until('the site name reached the door', () => door.settings.get().siteName === 'Elm Court');
    await until('both outboxes are sent', () => settled(desk, door));
    expect(door.settings.get()).toMatchObject({ doorPulseSeconds: doorPulse, backupFolder: null });
    expect(desk.settings.get()).toMatchObject({ doorPulseSeconds: doorPulse + 3, backupFolder: '/media/desk-stick' });
  });

  it('an alert raised at the desk shows at the door; acknowledged at the door, it shows acknowledged at the desk', async () => {
    const { desk, door } = await twoNodes();
    await signedInAdmin(desk);
    const atDoor = await signedInAdmin(door);
    desk.alerts.raise('door.relay', message('text', { text: 'The desk relay did not switch off.' }));
    await until('the alert reached the door', () => alertId(door, 'The desk relay did not switch off.') !== undefined);
    const shown = await atDoor.ok('alerts.list', {});
    // Named by the node that raised it: a relay at another PC is not this one's.
    expect(shown.find((a) => a.kind === 'door.relay')).toMatchObject({ node: 'desk' });
    await atDoor.ok('alerts.acknowledge', { id: alertId(door, 'The desk relay did not switch off.')! });
    await until('the desk shows it acknowledged', () => desk.alerts.list().every((a) => a.kind !== 'door.relay'));
    const acknowledgedBy = desk.db
      .prepare('SELECT s.username FROM alerts a JOIN staff s ON s.id = a.acknowledged_by WHERE a.kind = ?')
      .pluck()
      .get('door.relay');
    expect(acknowledgedBy).toBe('ada');
  });

  it('after both sides worked while the server was down, every shared row and every audit chain is equal, by the rules', async () => {
    const { desk, door } = await twoNodes();
    const atDesk = await signedInAdmin(desk);
    const atDoor = await signedInAdmin(door);
    await atDesk.ok('staff.create', { username: 'cyril', displayName: 'Cy', role: 'staff', password: 'cy password 123' });
    desk.alerts.raise('door.failures', message('text', { text: 'Many wrong PINs at the desk keypad.' }));
    await until(
      'Cy and the alert reached the door',
      () => staffId(door, 'cyril') !== undefined && alertId(door, 'Many wrong PINs at the desk keypad.') !== undefined,
    );

    await nats.stop();
    // The desk renames the site, deactivates Cy and acknowledges the alert; a minute later (by the door's clock) the
    // door renames the site too, resets Cy's password, acknowledges the same alert and adds Dee. Each works alone.
    await atDesk.ok('settings.update', { siteName: 'Elm (desk)' });
    await atDesk.ok('staff.setActive', { id: staffId(desk, 'cyril')!, active: false });
    await atDesk.ok('alerts.acknowledge', { id: alertId(desk, 'Many wrong PINs at the desk keypad.')! });
    door.clock.advance(60_000);
    await atDoor.ok('settings.update', { siteName: 'Elm (door)' });
    await atDoor.ok('staff.resetPassword', { id: staffId(door, 'cyril')!, password: 'cy new password 456' });
    await atDoor.ok('alerts.acknowledge', { id: alertId(door, 'Many wrong PINs at the desk keypad.')! });
    await atDoor.ok('staff.create', { username: 'deena', displayName: 'Dee', role: 'admin', password: 'dee password 123' });
    expect(sameTables(desk, door)).toBe(false);

    await nats.start();
    await until('every change crossed', () => settled(desk, door) && staffId(desk, 'deena') !== undefined);
    await until('both nodes hold the same rows', () => sameTables(desk, door));
    expect(sharedTables(door)).toEqual(sharedTables(desk));
    // Settings: the later writer. Cy: the desk's deactivation holds, with the door's newer password. The alert: the
    // desk's acknowledgement, the first.
    expect(desk.settings.get().siteName).toBe('Elm (door)');
    expect(door.settings.get().siteName).toBe('Elm (door)');
    for (const core of [desk, door]) {
      expect(core.repos.staff.byUsername('cyril')).toMatchObject({ active: false });
      expect(core.repos.staff.byUsername('deena')).toMatchObject({ active: true, role: 'admin' });
    }
    const acknowledged = desk.db.prepare("SELECT acknowledged_at FROM alerts WHERE kind = 'door.failures'").pluck().get() as number;
    expect(acknowledged).toBeLessThan(door.clock.now() - 30_000);
    // Each node verifies its own chain and the other's copy.
    for (const core of [desk, door]) {
      const chains = verifyAuditChains(core.repos.audit, core.repos.sync);
      expect(chains).toHaveLength(2);
      expect(chains.every((c) => c.report.ok)).toBe(true);
    }
  });

  it("`packroom audit verify` at the door checks the desk's chain in its copy, and finds a row of it tampered with", async () => {
    const { desk, door, deskDir, doorDir } = await twoNodes();
    const atDesk = await signedInAdmin(desk);
    await signedInAdmin(door);
    for (const name of ['Ana', 'Bo', 'Cy']) await atDesk.ok('recipients.create', { firstName: name, lastName: 'Elm', unit: '1A' });
    await until('every change crossed', () => settled(desk, door) && sameTables(desk, door));
    // The desk's own chain as the desk itself verifies it: its rows and its last.
    const deskChain = verifyAuditChains(desk.repos.audit, desk.repos.sync)[0]!.report;
    if (!deskChain.ok || !deskChain.last) throw new Error("the desk's own chain does not verify");

    const ok = auditVerify(doorDir);
    expect(ok.err).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/^This node's audit log \(door\) verifies: \d+ rows checked/m);
    expect(ok.out).toContain(
      `The audit log of node desk verifies: ${deskChain.checked} rows checked, the last is row ${deskChain.last.id} (${new Date(deskChain.last.at).toISOString()}) with hash ${deskChain.last.hash}.`,
    );
    // The Activity screen at the door shows the desk's rows, with the node's name, and the recipient they are about here.
    const activity = door.audit.list({ limit: 100 }).items.filter((e) => e.node === 'desk' && e.action === 'recipient.create');
    expect(activity).toHaveLength(3);
    expect(activity.every((e) => e.recipientId !== null && e.subjectLabel?.endsWith('Elm, 1A'))).toBe(true);

    const raw = new Database(join(doorDir, 'packroom.db'));
    onTestFinished(() => void raw.close());
    const tampered = raw
      .prepare("SELECT chain_id FROM audit_log WHERE origin IS NOT NULL AND action = 'recipient.create' ORDER BY chain_id LIMIT 1 OFFSET 1")
      .pluck()
      .get() as number;
    raw.prepare("UPDATE audit_log SET details = json_set(details, '$.unit', '9Z') WHERE origin IS NOT NULL AND chain_id = ?").run(tampered);
    const bad = auditVerify(doorDir);
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/^This node's audit log \(door\) verifies/m);
    expect(bad.err).toMatch(
      new RegExp(`^The audit log of node desk does not verify: row ${tampered} \\(.+\\) does not match the chain`, 'm'),
    );
    // The desk's own chain is untouched.
    expect(auditVerify(deskDir).code).toBe(0);
  });
});

/** Everything in `from`'s outbox handed to `to`'s applier in order, as the stream would (no NATS); the outbox is emptied. */
function deliver(from: Core, to: Core): void {
  const self = from.repos.sync.node();
  const applier = new Applier({ repos: to.repos, tx: to.tx, clock: to.clock, events: to.events, alerts: to.alerts });
  for (const row of from.repos.sync.pending(10_000)) {
    from.repos.sync.published(row.seq);
    const event = eventFrom(row, { site: self.site!, nodeUid: self.nodeUid, nodeName: self.nodeName! });
    expect(applier.receive(JSON.parse(JSON.stringify(event)))).toBe('applied');
  }
}

describe('two nodes apart that each made the same username', () => {
  it('end alike: the account made first keeps it, the other is renamed on both, and each still signs in', async () => {
    const nodes = ['desk', 'door'].map((name) => {
      const core = createCore({ dataDir: tempDir(), dataKey, env: {} });
      onTestFinished(() => core.close());
      core.repos.sync.configure('pine', name, 'nats://127.0.0.1:1');
      return core;
    });
    const [desk, door] = nodes as [Core, Core];
    await signedInAdmin(desk);
    door.clock.advance(60_000);
    await signedInAdmin(door);
    const doorUid = door.db.prepare("SELECT uid FROM staff WHERE username = 'ada'").pluck().get() as string;
    deliver(desk, door);
    deliver(door, desk);
    expect(sharedTables(door).staff).toEqual(sharedTables(desk).staff);
    const renamed = `ada-${doorUid.slice(0, 6)}`;
    expect(
      desk.auth
        .listStaff()
        .map((s) => s.username)
        .sort(),
    ).toEqual(['ada', renamed]);
    for (const core of nodes) {
      await client(core).ok('auth.login', { username: 'ada', password: 'correct horse battery' });
      await client(core).ok('auth.login', { username: renamed, password: 'correct horse battery' });
    }
  });
});

describe('a demotion at one node and a promotion at another that had not seen it', () => {
  it('end with the account demoted on both; a promotion made after seeing every demotion wins', async () => {
    const [desk, door] = ['desk', 'door'].map((name) => {
      const core = createCore({ dataDir: tempDir(), dataKey, env: {} });
      onTestFinished(() => core.close());
      core.repos.sync.configure('birch', name, 'nats://127.0.0.1:1');
      return core;
    }) as [Core, Core];
    const admin = await signedInAdmin(desk);
    await admin.ok('staff.create', { username: 'gil', displayName: 'Gil', role: 'admin', password: 'gil password 123' });
    deliver(desk, door);
    // No screen changes a role yet: the statements a future one would run, which the triggers capture as any write.
    const setRole = (core: Core, role: string) => core.db.prepare("UPDATE staff SET role = ? WHERE username = 'gil'").run(role);
    setRole(desk, 'staff');
    door.clock.advance(60_000);
    setRole(door, 'staff');
    setRole(door, 'admin');
    deliver(desk, door);
    deliver(door, desk);
    expect(sharedTables(door).staff).toEqual(sharedTables(desk).staff);
    expect(desk.repos.staff.byUsername('gil')!.role).toBe('staff');
    // The desk, having seen both demotions, promotes Gil again: that holds everywhere.
    setRole(desk, 'admin');
    deliver(desk, door);
    expect(door.repos.staff.byUsername('gil')!.role).toBe('admin');
  });
});

describe('a node of a site from before staff, settings, alerts and audit were shared', () => {
  it('shares what it has once upgraded, its audit chain from the first row, as `site init` does', () => {
    const dir = tempDir();
    const old = new Database(databaseFile(dir));
    migrate(
      old,
      migrations.findIndex((m) => m.name === '0020_sync_shared'),
    );
    old.prepare("UPDATE sync_node SET site = 'cedar', node_name = 'desk', url = 'nats://127.0.0.1:1', capturing = 1").run();
    old.prepare("INSERT INTO staff (username, display_name, role, password_hash, created_at) VALUES ('hal', 'Hal', 'staff', 'h', 1)").run();
    old.prepare(`INSERT INTO settings (key, value) VALUES ('siteName', '"Cedar"'), ('backupFolder', '"/mnt/x"')`).run();
    const row = { id: 1, at: 2, actorStaffId: 1, actor: 'hal', action: 'staff.setup', subject: 'staff:1', details: null };
    old
      .prepare('INSERT INTO audit_log (id, at, actor_staff_id, actor, action, subject, details, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(row.id, row.at, row.actorStaffId, row.actor, row.action, row.subject, row.details, auditHash(null, row));
    old.prepare('DELETE FROM sync_outbox').run();
    old.close();

    const desk = createCore({ dataDir: dir, dataKey, env: {} });
    onTestFinished(() => desk.close());
    const queued = desk.repos.sync.pending(100);
    expect(queued.map((r) => r.entity)).toEqual(expect.arrayContaining(['staff', 'settings', 'audit']));
    expect(JSON.parse(queued.find((r) => r.entity === 'settings')!.fields)).toEqual({ siteName: '"Cedar"' });
    const door = createCore({ dataDir: tempDir(), dataKey, env: {} });
    onTestFinished(() => door.close());
    door.repos.sync.configure('cedar', 'door', 'nats://127.0.0.1:1');
    deliver(desk, door);
    expect(door.repos.staff.byUsername('hal')).toMatchObject({ role: 'staff', active: true });
    expect(door.settings.get().siteName).toBe('Cedar');
    const copy = verifyAuditChains(door.repos.audit, door.repos.sync).find((c) => c.node === 'desk')!;
    expect(copy.report).toMatchObject({ ok: true, checked: expect.any(Number) as number, last: { id: expect.any(Number) as number } });
    expect([...door.repos.audit.chain(desk.repos.sync.node().nodeUid)][0]).toMatchObject({ id: 1, actor: 'hal', subject: 'staff:1' });
  });
});

describe('what one PC keeps to itself', () => {
  it('the capture triggers leave out exactly the per-PC settings and the standing alerts the code lists', async () => {
    const core = createCore({ dataDir: tempDir(), dataKey, env: {} });
    onTestFinished(() => core.close());
    core.repos.sync.configure('oak', 'desk', 'nats://127.0.0.1:1');
    const outbox = () => core.db.prepare('SELECT entity, fields FROM sync_outbox').all() as { entity: string; fields: string }[];
    const write = (key: string) => core.repos.settings.set(key, 'x');
    for (const key of localSettingKeys) write(key);
    expect(outbox()).toEqual([]);
    // Every setting the service knows that is not in the list is the site's.
    const siteKeys = Object.keys(core.settings.values()).filter((k) => !(localSettingKeys as readonly string[]).includes(k));
    for (const key of siteKeys) write(key);
    expect(outbox().map((row) => Object.keys(JSON.parse(row.fields) as object)[0])).toEqual(siteKeys);

    core.db.prepare('DELETE FROM sync_outbox').run();
    for (const kind of localAlertKinds) core.repos.alerts.insert({ at: 1, kind, message: message('text', { text: kind }) });
    expect(outbox()).toEqual([]);
    core.repos.alerts.insert({ at: 1, kind: 'door.relay', message: message('text', { text: 'relay' }) });
    expect(outbox().map((row) => row.entity)).toEqual(['alert']);
  });
});
