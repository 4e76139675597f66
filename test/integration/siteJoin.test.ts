/**
 * `packroom site invite` and `site join` (issue 20) against a real NATS server: a new, empty data folder joins a
 * site with a one-time code, gets the site's data key and roster, and its door refuses with "starting up" until it
 * has caught up; every refusal leaves the folder as it was.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { runCli } from '../../src/cli/run';
import { createCore, type Core } from '../../src/core';
import { parseJoinCode } from '../../src/domain/sync/joinCode';
import { keyFileName, writeKeyFile } from '../../src/secrets';
import { cliActor } from '../../src/services/audit/service';
import { useJoinCode } from '../../src/sync/join';
import { adminPassword, client, signedInAdmin, tempDir } from '../helpers/core';
import { startNatsServer, type TestNatsServer } from '../helpers/natsServer';
import { sharedRecipients } from '../helpers/sync';

let nats: TestNatsServer;
let sites = 0;

beforeAll(async () => {
  nats = await startNatsServer();
});
afterAll(async () => {
  await nats?.dispose();
});

/** The plain-Node host's way with keys: each folder's 0600 key file, written by `site join` for a new node. */
async function packroom(...argv: string[]) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const code = await runCli(argv, {
    stdout,
    stderr,
    staticDir: tempDir(),
    storeDataKey(dataDir, key) {
      mkdirSync(dataDir, { recursive: true });
      writeKeyFile(dataDir, key);
    },
    openCore: (dataDir, options) => createCore({ dataDir, env: {}, ...options }),
  });
  return { code, stdout: out, stderr: err };
}

function open(dir: string): Core {
  const core = createCore({ dataDir: dir, env: {} });
  onTestFinished(() => core.close());
  return core;
}

async function until(what: string, check: () => boolean, timeoutMs = 150_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Every file under `dir` with a hash of its bytes: equal before and after means the folder was not changed. */
function contents(dir: string): Record<string, string> | null {
  if (!existsSync(dir)) return null;
  const out: Record<string, string> = {};
  const walk = (at: string) => {
    for (const name of readdirSync(at)) {
      const path = join(at, name);
      if (statSync(path).isDirectory()) walk(path);
      else out[path.slice(dir.length)] = createHash('sha256').update(readFileSync(path)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

/** A site's first node with three recipients, its engine running and its roster in the stream; and a join code. */
async function siteWithRoster() {
  const site = `oak-${++sites}`;
  const deskDir = tempDir();
  const single = createCore({ dataDir: deskDir, env: {} });
  const admin = await signedInAdmin(single);
  for (const [firstName, unit] of [
    ['Ana', '1A'],
    ['Bo', '2B'],
    ['Cy', '3C'],
  ] as const) {
    await admin.ok('recipients.create', { firstName, lastName: 'Lopez', unit });
  }
  await single.close();
  expect(await packroom('site', 'init', '--sync', nats.url, '--site', site, '--node', 'desk', '--data', deskDir)).toMatchObject({
    code: 0,
  });
  const desk = open(deskDir);
  desk.sync!.start();
  await until('the roster is in the stream', () => desk.repos.sync.pendingCount() === 0);
  const invited = await packroom('site', 'invite', '--json', '--data', deskDir);
  expect(invited).toMatchObject({ code: 0, stderr: '' });
  const made = JSON.parse(invited.stdout) as { code: string; expiresAt: string; site: string; command: string };
  return { site, deskDir, desk, made };
}

describe('packroom site join', () => {
  it('brings an empty folder into the site with its data key and roster, once per code', async () => {
    const { site, deskDir, desk, made } = await siteWithRoster();
    expect(made.site).toBe(site);
    expect(made.command).toBe(`packroom site join ${made.code} --sync ${nats.url} --node NAME`);
    expect(Date.parse(made.expiresAt) - Date.now()).toBeGreaterThan(55 * 60_000);
    // Who made a code, and until when, is in the activity log; the code itself is not.
    const audit = desk.db.prepare("SELECT details FROM audit_log WHERE action = 'site.invite'").pluck().all() as string[];
    expect(audit).toHaveLength(1);
    expect(audit[0]).not.toContain(made.code);

    const doorDir = join(tempDir(), 'door');
    const joined = await packroom('site', 'join', made.code, '--sync', nats.url, '--node', 'door', '--data', doorDir);
    expect(joined).toMatchObject({ code: 0, stderr: '' });
    expect(joined.stdout).toContain(`node "door" of site "${site}"`);
    // Every change of the site's stream so far (the recipients, the staff account and the audit rows), counted to the end.
    expect(joined.stdout).toMatch(/catching up: ([\d,]+) of \1 changes/);
    expect(joined.stdout).toContain('Caught up.');

    const door = open(doorDir);
    expect(sharedRecipients(door)).toEqual(sharedRecipients(desk));
    expect(door.repos.sync.node()).toMatchObject({ site, nodeName: 'door', capturing: true, caughtUp: true });
    expect(door.repos.sync.node().nodeUid).not.toBe(desk.repos.sync.node().nodeUid);
    // The same data key: a PIN sealed at the desk opens, and matches, at the door.
    expect(readFileSync(join(doorDir, keyFileName), 'utf8')).toBe(readFileSync(join(deskDir, keyFileName), 'utf8'));
    const ana = desk.db.prepare("SELECT id FROM recipients WHERE first_name = 'Ana'").pluck().get() as number;
    const { pin } = desk.credentials.issuePermanent(cliActor, ana);
    const sealed = desk.db
      .prepare('SELECT pin_enc, pin_hash FROM access_keys WHERE recipient_id = ? ORDER BY id DESC LIMIT 1')
      .get(ana) as {
      pin_enc: Buffer;
      pin_hash: Buffer;
    };
    expect(door.keys.open(sealed.pin_enc)).toBe(pin);
    expect(door.keys.lookupHash('pin', pin)).toEqual(sealed.pin_hash);

    // The code is used: a second computer with it is refused, and its folder stays absent.
    const thirdDir = join(tempDir(), 'third');
    expect(await packroom('site', 'join', made.code, '--sync', nats.url, '--node', 'mailroom', '--data', thirdDir)).toMatchObject({
      code: 1,
      stderr: 'packroom: this join code was already used; make a new one with "packroom site invite"\n',
    });
    expect(existsSync(thirdDir)).toBe(false);
  });

  it('refuses a wrong, expired or used code, a taken name, a folder with data and an unreachable server, changing nothing', async () => {
    const { deskDir, desk, made } = await siteWithRoster();
    await desk.sync!.stop();
    const code = parseJoinCode(made.code)!;
    const newDir = join(tempDir(), 'new');
    const copyDir = join(tempDir(), 'copy');
    cpSync(deskDir, copyDir, { recursive: true });
    const before = { desk: contents(deskDir), copy: contents(copyDir) };
    // The secret's first character changed: the id finds the invitation, the secret does not open it.
    const wrongSecret = made.code.replace(/^(PKR-\w{4}-\w{4}-)(\w)/, (_, head: string, c: string) => head + (c === 'Z' ? 'Y' : 'Z'));
    const refusals: [string[], RegExp][] = [
      [['site', 'join', wrongSecret, '--sync', nats.url, '--node', 'door', '--data', newDir], /does not open any invitation/],
      [
        ['site', 'join', 'PKR-0000-0000-0000-0000-0000-0000-0000-0000-00', '--sync', nats.url, '--node', 'door', '--data', newDir],
        /does not open any invitation/,
      ],
      [['site', 'join', made.code, '--sync', nats.url, '--node', 'desk', '--data', newDir], /already has a node named "desk"/],
      [['site', 'join', made.code, '--sync', 'nats://127.0.0.1:1', '--node', 'door', '--data', newDir], /cannot reach the NATS server/],
      [
        ['site', 'join', made.code, '--sync', nats.url, '--node', 'door', '--data', deskDir],
        /already holds Packroom data \(packroom\.db\)/,
      ],
      // A copied folder is the same node as its original (same node_uid): refused as a folder with data.
      [['site', 'join', made.code, '--sync', nats.url, '--node', 'door', '--data', copyDir], /already holds Packroom data/],
    ];
    for (const [argv, message] of refusals) {
      const result = await packroom(...argv);
      expect(result.code, argv.join(' ')).toBe(1);
      expect(result.stderr).toMatch(message);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(existsSync(newDir)).toBe(false);
    }
    expect({ desk: contents(deskDir), copy: contents(copyDir) }).toEqual(before);

    // An hour later the code has expired (the expiry sealed in the invitation, against the joiner's clock).
    await expect(
      useJoinCode({ connection: { url: nats.url, auth: {} }, code, node: 'door', now: () => Date.now() + 61 * 60_000 }),
    ).rejects.toThrow(/this join code expired at/);
    // None of the refusals used the code: it still works once, and only once.
    await expect(
      useJoinCode({ connection: { url: nats.url, auth: {} }, code, node: 'door', now: () => Date.now() }),
    ).resolves.toMatchObject({
      nodes: [{ node: 'desk' }],
    });
    await expect(useJoinCode({ connection: { url: nats.url, auth: {} }, code, node: 'door-2', now: () => Date.now() })).rejects.toThrow(
      /already used/,
    );

    // Two computers with one code at the same moment: one joins, the other is told the code is used.
    const race = parseJoinCode((await desk.invites.invite(cliActor)).code)!;
    const results = await Promise.allSettled(
      ['tower-a', 'tower-b'].map((node) =>
        useJoinCode({ connection: { url: nats.url, auth: {} }, code: race, node, now: () => Date.now() }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { message: expect.stringMatching(/already used/) } });
  });

  it("keeps the door of a node that has not caught up refusing every code with 'starting up', not counting it as a wrong try", async () => {
    const { site, deskDir, desk } = await siteWithRoster();
    const ana = desk.db.prepare("SELECT id FROM recipients WHERE first_name = 'Ana'").pluck().get() as number;
    const { pin } = desk.credentials.issuePermanent(cliActor, ana);
    // A node whose join stopped before it caught up (the key and settings stored, the roster not yet received).
    const doorDir = tempDir();
    writeKeyFile(doorDir, Buffer.from(readFileSync(join(deskDir, keyFileName), 'utf8').trim(), 'base64'));
    const setUp = createCore({ dataDir: doorDir, env: {} });
    setUp.site.joined({ site, node: 'door', url: nats.url });
    await setUp.close();

    const door = open(doorDir);
    expect(door.sync!.catchingUp).toBe(true);
    for (let i = 0; i < 10; i++) {
      expect(door.access.decide({ via: 'pin', secret: pin, device: 'keypad' })).toMatchObject({
        result: 'denied',
        reason: { key: 'door.reason.startingUp' },
      });
    }
    expect(door.access.keypadLockedUntil()).toBeNull();

    const progress: [number, number][] = [];
    const caughtUp = door.sync!.caughtUp(({ done, total }) => progress.push([done, total]));
    door.sync!.start();
    await caughtUp;
    const [done, total] = progress.at(-1)!;
    expect(done).toBe(total);
    expect(total).toBeGreaterThanOrEqual(3);
    expect(door.sync!.catchingUp).toBe(false);
    expect(door.repos.sync.node().caughtUp).toBe(true);
    expect(sharedRecipients(door)).toEqual(sharedRecipients(desk));
    // Caught up, the door decides as any door, with the PINs the site shares: Ana's opens it.
    expect(door.access.decide({ via: 'pin', secret: pin, device: 'keypad' })).toMatchObject({
      result: 'granted',
      reason: { key: 'door.reason.pin' },
    });
  });

  it('gives an admin a join code in Settings → This computer, and says why not on a single PC', async () => {
    const singleDir = tempDir();
    const single = createCore({ dataDir: singleDir, env: {} });
    const admin = await signedInAdmin(single);
    const refused = await admin.call('site.invite');
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringMatching(/not part of a site yet/) } });
    await single.close();
    expect(await packroom('site', 'invite', '--data', singleDir)).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/^packroom: This computer is not part of a site yet/),
    });

    const { site, desk } = await siteWithRoster();
    // The node's admin, made before init, signs in at the desk.
    const deskAdmin = client(desk);
    await deskAdmin.ok('auth.login', { username: 'ada', password: adminPassword });
    const made = await deskAdmin.ok('site.invite', {});
    expect(made).toMatchObject({ site, code: expect.stringMatching(/^PKR-/), command: expect.stringContaining(`--sync ${nats.url}`) });
    const rows = desk.db.prepare("SELECT actor, actor_staff_id FROM audit_log WHERE action = 'site.invite' ORDER BY id").all();
    expect(rows).toEqual([
      { actor: 'cli', actor_staff_id: null },
      { actor: expect.any(String), actor_staff_id: expect.any(Number) },
    ]);
  });
});
