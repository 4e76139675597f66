import { describe, expect, it } from 'vitest';
import { createSimulator } from '../../native/sim/simulator';
import type { AuditEntry } from '../../src/contract';
import { cliActor } from '../../src/services/audit/service';
import { adminPassword, client, signedInAdmin, testCore } from '../helpers/core';

const hour = 3_600_000;

/**
 * A morning at the desk through the dispatcher: two staff members, two recipients, the door granting a PIN,
 * refusing a wrong one and a used Single Access PIN, a package logged.
 */
async function morning() {
  const core = testCore();
  const sim = createSimulator(() => core.clock.now());
  await core.devices.start('sim', sim);
  await core.door.settled();
  const type = async (keys: string) => {
    sim.keypad.type(keys);
    await core.door.settled();
  };
  const ada = await signedInAdmin(core);
  const bob = await ada.ok('staff.create', { username: 'bob', displayName: 'Bob Desk', password: 'another long password', role: 'staff' });
  const ana = core.recipients.create(cliActor, { firstName: 'Ana', lastName: 'Lopez', unit: '4B', email: 'ana@example.com', phone: null });
  const bo = core.recipients.create(cliActor, { firstName: 'Bo', lastName: 'Park', unit: '7C', email: 'bo@example.com', phone: null });
  const { pin } = core.credentials.issuePermanent(cliActor, ana.id);
  const start = core.clock.now();

  // Time passes at the desk: the screen locks after a while, so Ada unlocks it again.
  const later = async () => {
    core.clock.advance(hour);
    await ada.ok('auth.unlock', { password: adminPassword });
  };
  await later();
  await type(`${pin}#`);
  await type('000000#');
  const single = await ada.ok('access.sendSingleAccessPin', {
    recipientId: bo.id,
    notifyVia: 'email',
    expiresAt: new Date(core.clock.now() + hour).toISOString(),
  });
  await type(`${single.pin}#`);
  await type(`${single.pin}#`);

  await later();
  const bobDesk = client(core);
  await bobDesk.ok('auth.login', { username: 'bob', password: 'another long password' });
  await bobDesk.ok('packages.log', { tracking: '1Z999AA10123456784', carrier: 'ups', recipientId: bo.id, shelf: 'B1' });
  return { core, ada, bob, ana, bo, start, type };
}

const all = async (staff: Awaited<ReturnType<typeof morning>>['ada'], filter: Record<string, unknown> = {}) =>
  (await staff.ok('activity.list', { limit: 500, ...filter })).items;

describe('the Activity feed', () => {
  it('names who did it and whom it is about, and keeps the door reason as a sentence', async () => {
    const { ada, ana, bo } = await morning();
    const entries = await all(ada);

    const logged = entries.find((e) => e.action === 'package.logged')!;
    expect(logged).toMatchObject({
      kind: 'packages',
      actorKind: 'staff',
      actorName: 'Bob Desk',
      recipientId: bo.id,
      subjectLabel: 'Bo Park, 7C',
    });
    const granted = entries.find((e) => e.action === 'door.granted' && e.recipientId === ana.id)!;
    expect(granted).toMatchObject({ kind: 'door', actorKind: 'door', actorName: null, recipientId: ana.id, subjectLabel: 'Ana Lopez, 4B' });

    const denials = entries.filter((e) => e.action === 'door.denied');
    expect(denials.map((e) => e.details)).toEqual([
      expect.objectContaining({ reason: 'Single Access PIN already used', reasonKey: 'door.reason.singleUsed' }),
      expect.objectContaining({ reason: 'Unknown PIN', reasonKey: 'door.reason.unknownPin' }),
    ]);
    // A code that matches no one is about no one: the door does not say whose it was.
    expect(denials[0]).toMatchObject({ recipientId: null, subjectLabel: null });

    const created = entries.find((e) => e.action === 'staff.create')!;
    expect(created).toMatchObject({ kind: 'staff', actorName: 'Ada Admin', subjectLabel: 'Bob Desk' });
    expect(entries.find((e) => e.action === 'recipient.create')).toMatchObject({ actorKind: 'cli', actorName: null });
    // No entry reads as a stored reference or a username where a name is known.
    expect(entries.filter((e) => e.actorKind === 'staff').map((e) => e.actorName)).not.toContain('ada');
  });

  it('narrows by kind, recipient, staff member, date range and words, and pages through a filter', async () => {
    const { core, ada, bob, bo, start } = await morning();
    const everything = await all(ada);

    const door = await all(ada, { kind: 'door' });
    expect(door.length).toBeGreaterThanOrEqual(4);
    expect(door.every((e) => e.action.startsWith('door.'))).toBe(true);
    expect(door.map((e) => e.id)).toEqual(everything.filter((e) => e.kind === 'door').map((e) => e.id));
    expect((await all(ada, { kind: 'packages' })).map((e) => e.action)).toEqual(['package.logged']);
    expect(new Set((await all(ada, { kind: 'staff' })).map((e) => e.action.split('.')[0]))).toEqual(new Set(['staff', 'auth']));

    const aboutBo = await all(ada, { recipientId: bo.id });
    expect(aboutBo.length).toBeGreaterThan(2);
    expect(aboutBo.every((e) => e.recipientId === bo.id)).toBe(true);
    expect((await all(ada, { recipientId: bo.id, kind: 'door' })).map((e) => e.action)).toEqual(['door.granted']);

    expect((await all(ada, { staffId: bob.id })).map((e) => e.action)).toEqual(['package.logged', 'auth.login']);

    // The last hour only: Ada's screen locking and unlocking, Bob's sign-in and his package.
    const lastHour = { from: new Date(start + 2 * hour).toISOString(), to: new Date(core.clock.now() + 1).toISOString() };
    expect((await all(ada, lastHour)).map((e) => e.action)).toEqual(['package.logged', 'auth.login', 'auth.unlock', 'auth.lock']);
    expect((await ada.call('activity.list', { from: lastHour.to, to: lastHour.from })).ok).toBe(false);

    // Words in a resolved name, a detail, or the actor's name; a % is a percent sign, not "anything".
    expect((await all(ada, { query: 'lopez' })).every((e) => e.subjectLabel === 'Ana Lopez, 4B')).toBe(true);
    expect((await all(ada, { query: 'lopez' })).length).toBeGreaterThan(1);
    expect((await all(ada, { query: '1Z999AA' })).map((e) => e.action)).toEqual(['package.logged']);
    expect((await all(ada, { query: 'bob desk', kind: 'packages' })).map((e) => e.action)).toEqual(['package.logged']);
    expect(await all(ada, { query: '%' })).toEqual([]);

    // One entry at a time through the door's events, by the cursor, gives the same list.
    const paged: AuditEntry[] = [];
    let beforeId: number | undefined;
    for (;;) {
      const page = await ada.ok('activity.list', { limit: 1, kind: 'door', ...(beforeId === undefined ? {} : { beforeId }) });
      paged.push(...page.items);
      if (!page.more) break;
      beforeId = page.items.at(-1)!.id;
    }
    expect(paged.map((e) => e.id)).toEqual(door.map((e) => e.id));
  });

  it('sends a live entry with the names resolved, and offers every staff member to filter by', async () => {
    const { core, ada, type } = await morning();
    const live: AuditEntry[] = [];
    core.events.on('activity.appended', (e) => live.push(e));
    await type('111111#');
    await ada.ok('recipients.create', { firstName: 'Cy', lastName: 'Ng', unit: '2A', email: null, phone: null });
    expect(live.find((e) => e.action === 'door.denied')).toMatchObject({
      actorKind: 'door',
      kind: 'door',
      details: { reasonKey: 'door.reason.unknownPin' },
    });
    expect(live.find((e) => e.action === 'recipient.create')).toMatchObject({ actorName: 'Ada Admin', subjectLabel: 'Cy Ng, 2A' });
    expect((await ada.ok('activity.staff', {})).map((s) => s.name)).toEqual(['Ada Admin', 'Bob Desk']);
  });

  it('reads a bounded span of a long log per filtered call, and says where to go on from until the start', async () => {
    const core = testCore();
    const ada = await signedInAdmin(core);
    core.tx.run(() => core.audit.record(cliActor, 'roster.import', null, { file: 'roster.csv' }));
    const filler = Array.from({ length: 25_000 }, (_, i) => ({ action: 'test.row', subject: null, details: { i } }));
    core.tx.run(() => core.audit.recordBatch(cliActor, filler));

    const pages = [await ada.ok('activity.list', { kind: 'imports' })];
    while (pages.at(-1)!.more) pages.push(await ada.ok('activity.list', { kind: 'imports', beforeId: pages.at(-1)!.next! }));
    // Nothing in the newest spans, the import in the oldest: three calls, none of them a scan of the whole log.
    expect(pages.map((p) => p.items.map((e) => e.action))).toEqual([[], [], ['roster.import']]);
    expect(pages.at(-1)!.next).toBeNull();
    // Unfiltered, a page is full at once.
    expect((await ada.ok('activity.list', { limit: 50 })).items).toHaveLength(50);
  });
});
