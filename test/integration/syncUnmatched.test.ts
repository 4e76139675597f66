/**
 * Put aside on a site of several PCs (issue 21): an unmatched package travels with no recipient and with what was
 * read (candidates by uid), is assigned at another desk (which alone sends the notice), and two desks cut off from
 * each other that assign it to two people end with the later assignment everywhere and an alert on each naming both.
 * A real `nats-server -js` and a real SMTP server.
 */
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { messageText } from '../../src/contract';
import { createCore, type Core } from '../../src/core';
import { cliActor, type Actor } from '../../src/services/audit/service';
import { tempDir } from '../helpers/core';
import { startNatsServer, type TestNatsServer } from '../helpers/natsServer';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtpServer';
import { sharedRecipients } from '../helpers/sync';
import { sharedPackageTables } from '../helpers/syncPackages';

const dataKey = Buffer.alloc(32, 7);
const minute = 60_000;
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
  const core = createCore({
    dataDir: dir,
    dataKey,
    env: { PACKROOM_SMTP_URL: mail.url, PACKROOM_MAIL_FROM: 'Desk <desk@example.test>' },
    timeZone: 'UTC',
  });
  onTestFinished(() => core.close());
  core.notifications.start();
  core.sync?.start();
  return core;
}

/** Two nodes: the first made by `site init`, the second joined empty. */
async function site(): Promise<[Core, Core]> {
  const name = `unmatched-${++sites}`;
  const dirs = [tempDir(), tempDir()];
  const first = createCore({ dataDir: dirs[0]!, dataKey, env: {} });
  await first.site.init({ url: nats.url, site: name, node: 'desk' });
  await first.close();
  const empty = createCore({ dataDir: dirs[1]!, dataKey, env: {} });
  empty.repos.sync.configure(name, 'lobby', nats.url);
  await empty.close();
  return [open(dirs[0]!), open(dirs[1]!)];
}

/** Waits for a state the nodes reach by themselves, checking it every 50 ms. */
async function until(what: string, check: () => boolean, timeoutMs = 150_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const same = (nodes: Core[], read: (core: Core) => unknown) =>
  nodes.every((c) => JSON.stringify(read(c)) === JSON.stringify(read(nodes[0]!)));
const converged = (nodes: Core[]) =>
  nodes.every((c) => c.repos.sync.pendingCount() === 0) && same(nodes, sharedRecipients) && same(nodes, sharedPackageTables);
const idByUid = (core: Core, table: 'packages' | 'recipients', uid: string) =>
  core.db.prepare(`SELECT id FROM ${table} WHERE uid = ?`).pluck().get(uid) as number | undefined;
const uidOf = (core: Core, table: 'packages' | 'recipients', id: number) =>
  core.db.prepare(`SELECT uid FROM ${table} WHERE id = ?`).pluck().get(id) as string;
const noticesTo = (to: string) =>
  mail.messages.filter((m) => /^You have \d+ packages? at/.test(m.subject ?? '') && JSON.stringify(m.to).includes(to));
const deskOf = (name: string): Actor => ({ staffId: null, label: name });

/** Two residents named Smith at the desk, arrived at the lobby, and a parcel for "A SMITH" put aside at the desk. */
async function smithsAndAParcel(nodes: [Core, Core], tag: string) {
  const [desk] = nodes;
  const ann = desk.recipients.create(cliActor, {
    firstName: 'Ann',
    lastName: 'Smith',
    unit: '4B',
    email: `ann.${tag}@example.org`,
    phone: null,
  });
  const amy = desk.recipients.create(cliActor, {
    firstName: 'Amy',
    lastName: 'Smith',
    unit: '7C',
    email: `amy.${tag}@example.org`,
    phone: null,
  });
  await until('the Smiths are at the lobby', () => converged(nodes));
  const aside = await desk.packages.putAside(deskOf('desk ada'), {
    tracking: ups,
    carrier: 'ups',
    size: 'small',
    perishable: false,
    reading: {
      outcome: 'several',
      shipTo: ['A SMITH', '100 MAIN ST'],
      candidates: [
        { recipientId: ann.id, score: 0.6, why: ['initial', 'noUnit'] },
        { recipientId: amy.id, score: 0.6, why: ['initial', 'noUnit'] },
      ],
    },
  });
  const packageUid = uidOf(desk, 'packages', aside.id);
  await until('the parcel is at the lobby', () => converged(nodes));
  return { ann: uidOf(desk, 'recipients', ann.id), amy: uidOf(desk, 'recipients', amy.id), packageUid, tag };
}

describe('unmatched packages shared by the nodes of a site', { timeout: 300_000 }, () => {
  it('a parcel put aside at the desk is unmatched at the lobby with its reading, assigned there, and one notice goes', async () => {
    const nodes = await site();
    const [desk, lobby] = nodes;
    const { ann, amy, packageUid, tag } = await smithsAndAParcel(nodes, 'one');
    const there = idByUid(lobby, 'packages', packageUid)!;
    expect(lobby.packages.unmatchedCount()).toBe(1);
    const seen = lobby.packages.get(there);
    expect(seen).toMatchObject({ recipient: null, putAside: { by: 'desk ada', outcome: 'several', shipTo: ['A SMITH', '100 MAIN ST'] } });
    // The candidates are the lobby's own rows of the same people.
    expect(seen.putAside!.candidates.map((c) => c.recipient.id)).toEqual([
      idByUid(lobby, 'recipients', ann),
      idByUid(lobby, 'recipients', amy),
    ]);

    lobby.packages.assign(deskOf('lobby bo'), { id: there, recipientId: idByUid(lobby, 'recipients', amy)! });
    await until('assigned at the desk too', () => desk.packages.unmatchedCount() === 0);
    expect(desk.packages.get(idByUid(desk, 'packages', packageUid)!)).toMatchObject({
      recipient: { firstName: 'Amy', unit: '7C' },
      putAside: { assigned: { by: 'lobby bo' } },
    });
    await until('both nodes hold the same rows', () => converged(nodes));

    // The batching window ends on both: the lobby, which assigned it, sends the one notice.
    for (const core of nodes) core.clock.advance(11 * minute);
    await Promise.all(nodes.map((c) => c.notifications.drain()));
    await until('the notice arrived', () => noticesTo(`amy.${tag}@`).length === 1);
    await Promise.all(nodes.map((c) => c.notifications.drain()));
    expect(noticesTo(`amy.${tag}@`)).toHaveLength(1);
    expect(noticesTo(`ann.${tag}@`)).toHaveLength(0);
  });

  it('assigned to two people at two desks cut off from each other: the later stands everywhere, and each alerts naming both', async () => {
    const nodes = await site();
    const [desk, lobby] = nodes;
    const { ann, amy, packageUid } = await smithsAndAParcel(nodes, 'two');

    await nats.stop();
    // The desk assigns it to Ann; a minute later (by the lobby's clock) the lobby assigns it to Amy.
    desk.packages.assign(deskOf('desk ada'), {
      id: idByUid(desk, 'packages', packageUid)!,
      recipientId: idByUid(desk, 'recipients', ann)!,
    });
    lobby.clock.advance(minute);
    lobby.packages.assign(deskOf('lobby bo'), {
      id: idByUid(lobby, 'packages', packageUid)!,
      recipientId: idByUid(lobby, 'recipients', amy)!,
    });

    await nats.start();
    await until('every change crossed and both hold the same rows', () => converged(nodes));
    for (const core of nodes) {
      expect(core.packages.get(idByUid(core, 'packages', packageUid)!)).toMatchObject({
        recipient: { firstName: 'Amy' },
        putAside: { assigned: { by: 'lobby bo' } },
      });
      const alerts = core.alerts.list().filter((a) => a.kind === 'package.assignedTwice');
      expect(alerts, core === desk ? 'desk' : 'lobby').toHaveLength(1);
      const text = messageText(alerts[0]!.message);
      expect(text).toContain('to Ann Smith (4B) by desk ada and to Amy Smith (7C) by lobby bo');
      expect(text).toContain("It is now Amy Smith (7C)'s");
    }
  });
});
