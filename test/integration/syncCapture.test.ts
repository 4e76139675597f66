/**
 * Sync without a network (issue 20): what the triggers of migration 0015 capture, and two nodes handed each other's
 * outbox directly, through the applier. test/integration/sync.test.ts does the same over real NATS servers.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../src/core';
import { tick } from '../../src/domain/sync/hlc';
import { eventFrom } from '../../src/sync/event';
import { Applier } from '../../src/sync/applier';
import { signedInAdmin, testCore } from '../helpers/core';
import { sharedRecipients } from '../helpers/sync';

const dataKey = Buffer.alloc(32, 3);
const site = 'maple';

function node(name: string): Core {
  const core = testCore({ dataKey });
  core.repos.sync.configure(site, name, 'nats://127.0.0.1:1');
  return core;
}

/**
 * Everything in `from`'s outbox, handed to `to`'s applier in order, as the stream would; the outbox is emptied.
 * Returns what became of the recipients' changes (the staff accounts and audit rows that go with them apply too).
 */
function deliver(from: Core, to: Core): string[] {
  const self = from.repos.sync.node();
  const applier = new Applier({ repos: to.repos, tx: to.tx, clock: to.clock, events: to.events, alerts: to.alerts });
  const rows = from.repos.sync.pending(10_000);
  const results = rows.map((row) => {
    from.repos.sync.published(row.seq);
    return applier.receive(JSON.parse(JSON.stringify(eventFrom(row, { site, nodeUid: self.nodeUid, nodeName: self.nodeName! }))));
  });
  return results.filter((_, i) => rows[i]!.entity === 'recipient');
}

/** The recipients' changes waiting in the outbox. */
const outbox = (core: Core) =>
  core.repos.sync
    .pending(1000)
    .filter((r) => r.entity === 'recipient')
    .map((r) => ({ ...r, fields: JSON.parse(r.fields) as Record<string, unknown> }));

describe('capturing changes', () => {
  it('captures nothing on a single PC', async () => {
    const core = testCore({ dataKey });
    // No sync settings: no engine is built, so nothing connects or runs.
    expect(core.sync).toBeNull();
    const admin = await signedInAdmin(core);
    const r = await admin.ok('recipients.create', { firstName: 'Ana', lastName: 'Lopez', unit: '1A' });
    await admin.ok('recipients.update', { id: r.id, firstName: 'Ana', lastName: 'López', unit: '1A' });
    expect(core.repos.sync.pendingCount()).toBe(0);
    expect(core.db.prepare('SELECT count(*) FROM sync_stamps').pluck().get()).toBe(0);
    expect(core.db.prepare('SELECT uid FROM recipients WHERE id = ?').pluck().get(r.id)).toMatch(/^[0-9a-f]{32}$/);
  });

  it('records a creation whole, an edit by its changed fields, and a status change with what its writer knew', async () => {
    const core = node('desk');
    const admin = await signedInAdmin(core);
    const r = await admin.ok('recipients.create', { firstName: 'Ana', lastName: 'Lopez', unit: '1A', email: 'ana@example.org' });
    const uid = core.db.prepare('SELECT uid FROM recipients WHERE id = ?').pluck().get(r.id);
    await admin.ok('recipients.update', { id: r.id, firstName: 'Ana', lastName: 'López', unit: '1A', email: 'ana@example.org' });
    await admin.ok('recipients.setStatus', { id: r.id, status: 'inactive' });
    await admin.ok('recipients.setStatus', { id: r.id, status: 'active' });
    const changes = outbox(core);
    expect(changes[0]).toMatchObject({
      uid,
      status: 'active',
      fields: { first_name: 'Ana', last_name: 'Lopez', email: 'ana@example.org' },
    });
    expect(changes[1]).toMatchObject({ uid, status: null, fields: { last_name: 'López' } });
    expect(Object.keys(changes[1]!.fields)).toEqual(['last_name']);
    const deactivation = changes.find((c) => c.status === 'inactive')!;
    const reactivation = changes.find((c, i) => i > 0 && c.status === 'active')!;
    const self = core.repos.sync.node().nodeUid;
    expect(JSON.parse(reactivation.base!)).toEqual({ [self]: deactivation.hlc });
    // Stamps rise with each change, and the node's clock is the last of them.
    const stamps = changes.map((c) => c.hlc);
    expect(stamps).toEqual([...stamps].sort((a, b) => a - b));
    expect(new Set(stamps).size).toBe(stamps.length);
    // (the audit row that follows each change is stamped after it)
    expect(core.repos.sync.node().hlc).toBe(core.repos.sync.pending(1000).at(-1)!.hlc);
  });

  it("stamps each change as the domain clock ticks, from the row's updated_at", () => {
    const core = node('desk');
    const insert = core.db.prepare(
      "INSERT INTO recipients (first_name, last_name, unit, created_at, updated_at) VALUES ('A', 'B', '1', ?, ?)",
    );
    const update = core.db.prepare("UPDATE recipients SET unit = unit || 'x', updated_at = ? WHERE id = ?");
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1_700_000_000_000, max: 1_800_000_000_000 }), { minLength: 1, maxLength: 20 }), (times) => {
        const id = Number(insert.run(times[0], times[0]).lastInsertRowid);
        let expected = core.repos.sync.node().hlc;
        for (const at of times.slice(1)) {
          expected = tick(expected, at);
          update.run(at, id);
          expect(core.repos.sync.node().hlc).toBe(expected);
        }
      }),
      { numRuns: 30 },
    );
  });

  it("queues the recipients already there when a single PC becomes a site's first node", async () => {
    const core = testCore({ dataKey });
    const admin = await signedInAdmin(core);
    await admin.ok('recipients.create', { firstName: 'Ana', lastName: 'Lopez', unit: '1A' });
    const gone = await admin.ok('recipients.create', { firstName: 'Bo', lastName: 'Gone', unit: '2B' });
    await admin.ok('recipients.setStatus', { id: gone.id, status: 'inactive' });
    core.tx.run(() => {
      core.repos.sync.configure(site, 'desk', 'nats://127.0.0.1:1');
      core.repos.sync.queueExisting(tick(core.repos.sync.node().hlc, core.clock.now()));
    });
    const second = testCore({ dataKey });
    second.repos.sync.configure(site, 'door', 'nats://127.0.0.1:1');
    expect(deliver(core, second)).toEqual(['applied', 'applied']);
    expect(sharedRecipients(second)).toEqual(sharedRecipients(core));
    expect(sharedRecipients(second).map((r) => r.status)).toEqual(expect.arrayContaining(['active', 'inactive']));
  });
});

describe("two nodes handed each other's changes", () => {
  it('end equal after concurrent edits, each field to its later writer, and apply nothing twice', async () => {
    const a = node('desk');
    const b = node('door');
    const adminA = await signedInAdmin(a);
    const adminB = await signedInAdmin(b);
    const r = await adminA.ok('recipients.create', { firstName: 'Ana', lastName: 'Lopez', unit: '1A' });
    expect(deliver(a, b)).toEqual(['applied']);
    const atB = b.db.prepare("SELECT id FROM recipients WHERE first_name = 'Ana'").pluck().get() as number;
    // Offline, both edit: A the unit, B the unit later and the email.
    await adminA.ok('recipients.update', { id: r.id, firstName: 'Ana', lastName: 'Lopez', unit: '7A' });
    b.clock.advance(60_000);
    await adminB.ok('recipients.update', { id: atB, firstName: 'Ana', lastName: 'Lopez', unit: '9B', email: 'ana@example.org' });
    const sentByA = outbox(a);
    expect(deliver(a, b)).toEqual(['applied']);
    expect(deliver(b, a)).toEqual(['applied']);
    expect(sharedRecipients(a)).toEqual(sharedRecipients(b));
    expect(sharedRecipients(a)[0]).toMatchObject({ unit: '9B', email: 'ana@example.org' });
    // A redelivery of what B already applied changes nothing.
    const applier = new Applier({ repos: b.repos, tx: b.tx, clock: b.clock, events: b.events, alerts: b.alerts });
    const self = a.repos.sync.node();
    expect(
      applier.receive(
        eventFrom(
          { ...sentByA[0]!, fields: JSON.stringify(sentByA[0]!.fields) },
          {
            site,
            nodeUid: self.nodeUid,
            nodeName: self.nodeName!,
          },
        ),
      ),
    ).toBe('duplicate');
  });

  it('keep someone moved out at one desk inactive everywhere, though the other desk switched them off and on again meanwhile', async () => {
    const a = node('desk');
    const b = node('door');
    const adminA = await signedInAdmin(a);
    const adminB = await signedInAdmin(b);
    const r = await adminA.ok('recipients.create', { firstName: 'Ana', lastName: 'Lopez', unit: '1A' });
    deliver(a, b);
    const atB = b.db.prepare("SELECT id FROM recipients WHERE first_name = 'Ana'").pluck().get() as number;
    // Offline: A moves them out; a minute later B switches them off and on again, not knowing about A's.
    await adminA.ok('recipients.setStatus', { id: r.id, status: 'inactive' });
    b.clock.advance(60_000);
    await adminB.ok('recipients.setStatus', { id: atB, status: 'inactive' });
    await adminB.ok('recipients.setStatus', { id: atB, status: 'active' });
    deliver(a, b);
    deliver(b, a);
    expect(sharedRecipients(a)).toEqual(sharedRecipients(b));
    // B's reactivation had seen B's own deactivation, not A's (earlier by the clock): A's wins, on both.
    expect(sharedRecipients(a)[0]!.status).toBe('inactive');
    expect(a.recipients.get(r.id).status).toBe('inactive');
  });

  it('skip their own changes and hold a change that comes before the one it follows', async () => {
    const a = node('desk');
    const b = node('door');
    const adminA = await signedInAdmin(a);
    await adminA.ok('recipients.create', { firstName: 'Ana', lastName: 'Lopez', unit: '1A' });
    await adminA.ok('recipients.create', { firstName: 'Bo', lastName: 'Lee', unit: '2B' });
    const self = a.repos.sync.node();
    const [first, second] = a.repos.sync.pending(10).map((row) => eventFrom(row, { site, nodeUid: self.nodeUid, nodeName: 'desk' }));
    const atB = new Applier({ repos: b.repos, tx: b.tx, clock: b.clock, events: b.events, alerts: b.alerts });
    const atA = new Applier({ repos: a.repos, tx: a.tx, clock: a.clock, events: a.events, alerts: a.alerts });
    expect(atA.receive(first)).toBe('own');
    expect(atB.receive(second)).toBe('held');
    expect(atB.receive(first)).toBe('applied');
    expect(atB.receive(second)).toBe('applied');
    expect(atB.receive({ ...first!, site: 'elsewhere' })).toBe('skipped');
    expect(b.repos.sync.applied()).toEqual([expect.objectContaining({ nodeName: 'desk', seq: 2 })]);
  });

  it("hold a kind of record a newer Packroom shares, and skip a change its entity's schema refuses", async () => {
    const a = node('desk');
    const b = node('door');
    const adminA = await signedInAdmin(a);
    await adminA.ok('recipients.create', { firstName: 'Ana', lastName: 'Lopez', unit: '1A' });
    const self = a.repos.sync.node();
    const [created] = a.repos.sync.pending(10).map((row) => eventFrom(row, { site, nodeUid: self.nodeUid, nodeName: 'desk' }));
    const atB = new Applier({ repos: b.repos, tx: b.tx, clock: b.clock, events: b.events, alerts: b.alerts });
    // Not applied and not acknowledged: it waits for this node to be updated, and so do the origin's later changes.
    expect(atB.receive({ ...created!, entity: 'hologram' })).toBe('held');
    expect(b.repos.sync.appliedSeq(self.nodeUid)).toBe(0);
    // A recipient whose unit is not text is not a recipient: acknowledged, never half-applied.
    expect(atB.receive({ ...created!, fields: { ...created!.fields, unit: 42 } })).toBe('skipped');
    expect(b.db.prepare('SELECT count(*) FROM recipients WHERE uid = ?').pluck().get(created!.uid)).toBe(0);
  });
});
