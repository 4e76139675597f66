/**
 * What the applier watches for besides merging (issue 20), with real SQLite and two or three nodes handed each
 * other's outbox through the applier (as test/integration/syncCapture.test.ts): two records claiming one external
 * id, a change that cannot be written held long enough to alert, and a node whose clock runs ahead.
 */
import { describe, expect, it } from 'vitest';
import { messageText, type Alert } from '../../src/contract';
import type { Core } from '../../src/core';
import { clockAheadLimitMs, heldAlertAfterMs } from '../../src/domain/sync/watch';
import { Applier, type ApplyResult } from '../../src/sync/applier';
import { eventFrom, type ChangeEvent } from '../../src/sync/event';
import { signedInAdmin, testCore } from '../helpers/core';
import { sharedRecipients } from '../helpers/sync';

const dataKey = Buffer.alloc(32, 9);
const site = 'maple';

function node(name: string): Core {
  const core = testCore({ dataKey });
  core.repos.sync.configure(site, name, 'nats://127.0.0.1:1');
  return core;
}

const applierOf = (core: Core) =>
  new Applier({ repos: core.repos, tx: core.tx, clock: core.clock, events: core.events, alerts: core.alerts });

/** `from`'s outbox as the stream carries it, emptied. */
function sent(from: Core): ChangeEvent[] {
  const self = from.repos.sync.node();
  return from.repos.sync.pending(10_000).map((row) => {
    from.repos.sync.published(row.seq);
    return JSON.parse(JSON.stringify(eventFrom(row, { site, nodeUid: self.nodeUid, nodeName: self.nodeName! }))) as ChangeEvent;
  });
}

/** Every event handed over in order; what became of the recipients' changes (staff accounts and audit rows travel too). */
const deliver = (events: ChangeEvent[], applier: Applier): ApplyResult[] =>
  events.map((e) => [e.entity, applier.receive(e)] as const).flatMap(([entity, result]) => (entity === 'recipient' ? [result] : []));

/** A roster line imported at `core`: a recipient with the resident id the property system gave them. */
function imported(core: Core, firstName: string, externalId: string): void {
  const now = core.clock.now();
  core.db
    .prepare(
      "INSERT INTO recipients (external_id, first_name, last_name, unit, manually_edited, created_at, updated_at) VALUES (?, ?, 'Lopez', '1A', 0, ?, ?)",
    )
    .run(externalId, firstName, now, now);
}

const alertsOf = (core: Core, kind: string) =>
  core.alerts
    .list()
    .filter((a: Alert) => a.kind === kind)
    .map((a) => messageText(a.message));
const externalIds = (core: Core) =>
  Object.fromEntries(
    (core.db.prepare('SELECT first_name, external_id FROM recipients').all() as { first_name: string; external_id: string | null }[]).map(
      (r) => [r.first_name, r.external_id],
    ),
  );

describe('two records claiming one external id', () => {
  it('leave it with the record created first, on every node whatever the order the creations arrive in, and tell staff to merge them', () => {
    const a = node('desk');
    const b = node('mailroom');
    const c = node('lobby');
    // Offline, both import the same resident: the desk a minute before the mailroom.
    imported(a, 'Ana', 'YARDI-17');
    b.clock.advance(60_000);
    imported(b, 'Anita', 'YARDI-17');
    const fromA = sent(a);
    const fromB = sent(b);
    // Before this rule the unique index refused the second creation at every node: held, and every later change
    // of that node behind it, forever.
    expect(deliver(fromB, applierOf(a))).toEqual(['applied']);
    expect(deliver(fromA, applierOf(b))).toEqual(['applied']);
    const atC = applierOf(c);
    expect(deliver([...fromB, ...fromA], atC)).toEqual(['applied', 'applied']);
    for (const core of [a, b, c]) {
      expect(externalIds(core)).toEqual({ Ana: 'YARDI-17', Anita: null });
      expect(sharedRecipients(core)).toEqual(sharedRecipients(a));
    }
    expect(alertsOf(b, 'sync.duplicate')).toEqual([
      'Two records of Anita Lopez: two computers created them with the same resident ID (YARDI-17), each from its own roster import. The one created first keeps the ID; merge the two records by hand.',
    ]);
    expect(alertsOf(a, 'sync.duplicate')).toHaveLength(1);
    expect(alertsOf(c, 'sync.duplicate')).toHaveLength(1);
  });

  it('take it from an edit that gives a later record the id an earlier one holds', async () => {
    const a = node('desk');
    const b = node('mailroom');
    imported(a, 'Ana', 'YARDI-17');
    const admin = await signedInAdmin(b);
    b.clock.advance(60_000);
    await admin.ok('recipients.create', { firstName: 'Bo', lastName: 'Diaz', unit: '2B' });
    b.db.prepare("UPDATE recipients SET external_id = 'YARDI-17', updated_at = ? WHERE first_name = 'Bo'").run(b.clock.now());
    const fromB = sent(b);
    const fromA = sent(a);
    expect(deliver(fromB, applierOf(a))).toEqual(['applied', 'applied']);
    expect(deliver(fromA, applierOf(b))).toEqual(['applied']);
    expect(externalIds(a)).toEqual({ Ana: 'YARDI-17', Bo: null });
    expect(sharedRecipients(b)).toEqual(sharedRecipients(a));
  });
});

describe('a change that cannot be written', () => {
  it('is held; after a few minutes a standing alert names the node and the record, and closes when the change applies', async () => {
    const a = node('desk');
    const b = node('mailroom');
    const admin = await signedInAdmin(a);
    await admin.ok('recipients.create', { firstName: 'Ana', lastName: 'Lopez', unit: '1A' });
    await admin.ok('recipients.create', { firstName: 'Bo', lastName: 'Diaz', unit: '2B' });
    const events = sent(a);
    const at = events.findIndex((e) => e.entity === 'recipient' && (e.fields as Record<string, unknown>).first_name === 'Ana');
    const [ana, ...later] = events.slice(at) as [ChangeEvent, ...ChangeEvent[]];
    // Something this node's database refuses that no rule foresaw (here a test's trigger).
    b.db.exec("CREATE TRIGGER refuse BEFORE INSERT ON recipients WHEN new.first_name = 'Ana' BEGIN SELECT RAISE(ABORT, 'refused'); END");
    const atB = applierOf(b);
    deliver(events.slice(0, at), atB);
    expect(atB.receive(ana)).toBe('held');
    // The desk's later changes wait behind it.
    expect(atB.receive(later[0]!)).toBe('held');
    b.clock.advance(heldAlertAfterMs - 1_000);
    expect(atB.receive(ana)).toBe('held');
    expect(alertsOf(b, 'sync.changeHeld')).toEqual([]);
    b.clock.advance(1_000);
    expect(atB.receive(ana)).toBe('held');
    const [said] = alertsOf(b, 'sync.changeHeld');
    expect(said).toMatch(/^Since .+ a change that computer desk made to recipient Ana Lopez \(1A\) cannot be saved on this computer/);
    // Redelivered again: still one alert.
    expect(atB.receive(ana)).toBe('held');
    expect(alertsOf(b, 'sync.changeHeld')).toHaveLength(1);

    b.db.exec('DROP TRIGGER refuse');
    expect(atB.receive(ana)).toBe('applied');
    expect(deliver(later, atB)).toEqual(['applied']);
    expect(alertsOf(b, 'sync.changeHeld')).toEqual([]);
    expect(sharedRecipients(b)).toEqual(sharedRecipients(a));
  });
});

describe('a change only a newer Packroom can apply', () => {
  it("is held with its node's later changes, and a standing alert says at once to update this computer", async () => {
    const a = node('desk');
    const b = node('mailroom');
    const admin = await signedInAdmin(a);
    await admin.ok('recipients.create', { firstName: 'Ana', lastName: 'Lopez', unit: '1A' });
    await admin.ok('recipients.create', { firstName: 'Bo', lastName: 'Diaz', unit: '2B' });
    const events = sent(a);
    const at = events.findIndex((e) => e.entity === 'recipient' && (e.fields as Record<string, unknown>).first_name === 'Ana');
    const atB = applierOf(b);
    // A node of the previous version writes version 1: read and applied here.
    expect(events.slice(0, at).map((e) => atB.receive({ ...e, v: 1 }))).not.toContain('held');
    const rest = events.slice(at);
    const [ana, next] = rest as [ChangeEvent, ChangeEvent];
    // A kind of record this Packroom does not know; the same node's next change waits behind it.
    expect(atB.receive({ ...ana, entity: 'locker' })).toBe('held');
    expect(atB.receive(next)).toBe('held');
    const [said] = alertsOf(b, 'sync.changeHeld');
    expect(said).toMatch(
      /^Since .+ computer desk sends changes that only a newer Packroom can read; .+ Update Packroom on this computer\.$/,
    );
    // A change of a newer event version: the same standing alert, not a second one.
    expect(atB.receive({ ...ana, v: 99 })).toBe('held');
    expect(alertsOf(b, 'sync.changeHeld')).toHaveLength(1);

    // This computer updated (here: the changes as this version writes them): they apply, and the alert closes.
    expect(deliver(rest, atB)).toEqual(['applied', 'applied']);
    expect(alertsOf(b, 'sync.changeHeld')).toEqual([]);
    expect(sharedRecipients(b)).toEqual(sharedRecipients(a));
  });
});

describe('a node whose clock runs ahead', () => {
  it('raises one alert naming it, once its changes are stamped more than five minutes ahead of this clock', async () => {
    const a = node('desk');
    const b = node('mailroom');
    const admin = await signedInAdmin(a);
    await admin.ok('recipients.create', { firstName: 'Ana', lastName: 'Lopez', unit: '1A' });
    a.clock.advance(clockAheadLimitMs - 60_000);
    await admin.ok('recipients.create', { firstName: 'Bo', lastName: 'Diaz', unit: '2B' });
    const atB = applierOf(b);
    expect(deliver(sent(a), atB)).toEqual(['applied', 'applied']);
    expect(alertsOf(b, 'sync.clockAhead')).toEqual([]);
    a.clock.advance(2 * 60_000);
    await admin.ok('recipients.create', { firstName: 'Cy', lastName: 'Ng', unit: '3C' });
    await admin.ok('recipients.create', { firstName: 'Dee', lastName: 'Quinn', unit: '4D' });
    expect(deliver(sent(a), atB)).toEqual(['applied', 'applied']);
    expect(alertsOf(b, 'sync.clockAhead')).toEqual([
      "Computer desk stamps its changes more than 5 minutes ahead of this computer's clock. Check its clock and this one's: both should take their time from the internet (NTP).",
    ]);
  });
});
