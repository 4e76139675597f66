import { describe, expect, it } from 'vitest';
import { cliActor } from '../../src/services/audit/service';
import { testCore } from '../helpers/core';
import {
  importRoster,
  opensDoor,
  pinOf,
  preview,
  recipientByExternalId,
  rosterFixture,
  withoutTenant,
  yardiFile,
  yardiText,
} from '../helpers/roster';

type Core = ReturnType<typeof testCore>;

/** Imports the Yardi fixture, then staff change Chidi Okafor's phone by hand. */
async function importThenEditByHand(core: Core) {
  await importRoster(core, rosterFixture(yardiFile));
  const okafor = recipientByExternalId(core, 't0001001');
  core.recipients.update(cliActor, okafor.id, {
    firstName: 'Chidi',
    lastName: 'Okafor',
    unit: '101',
    email: 'chidi.okafor@example.com',
    phone: '(917) 555-0000',
  });
  return okafor.id;
}

const fileWithNewPhone = () => yardiText().replace('(212) 555-0101', '646-555-0199').replace('03/01/2022', '03/02/2022');

describe('roster import: recipients edited by hand', () => {
  it('keep-manual (the default) shows the conflict and keeps the hand edit, applying the rest', async () => {
    const core = testCore();
    const id = await importThenEditByHand(core);
    const dryRun = await preview(core, fileWithNewPhone());
    expect(dryRun.diff?.changed).toEqual([
      expect.objectContaining({
        recipientId: id,
        conflict: true,
        changes: [
          { field: 'phone', from: '+19175550000', to: '+16465550199', applied: false },
          { field: 'moveIn', from: '2022-03-01', to: '2022-03-02', applied: true },
        ],
      }),
    ]);
    const run = await core.roster.apply(cliActor, dryRun.id!, { confirmLargeDeactivation: false, trigger: 'cli' });
    expect(run.counts).toMatchObject({ changed: 1, keptManual: 1, conflicts: 1 });
    expect(recipientByExternalId(core, 't0001001')).toMatchObject({ phone: '+19175550000', moveIn: '2022-03-02', manuallyEdited: true });
  });

  it('import-wins applies the file over the hand edit and clears the mark', async () => {
    const core = testCore({ env: { PACKROOM_IMPORT_MANUAL_POLICY: 'import-wins' } });
    await importThenEditByHand(core);
    const { dryRun } = await importRoster(core, fileWithNewPhone());
    expect(dryRun.diff?.changed[0]).toMatchObject({
      conflict: true,
      changes: [
        { field: 'phone', applied: true },
        { field: 'moveIn', applied: true },
      ],
    });
    expect(recipientByExternalId(core, 't0001001')).toMatchObject({ phone: '+16465550199', manuallyEdited: false });
  });

  it('keep-manual does not switch back on a resident staff switched off; import-wins does, with a new PIN', async () => {
    for (const [policy, reactivated] of [
      ['keep-manual', false],
      ['import-wins', true],
    ] as const) {
      const core = testCore({ env: { PACKROOM_IMPORT_MANUAL_POLICY: policy } });
      await importRoster(core, rosterFixture(yardiFile));
      const id = recipientByExternalId(core, 't0001002').id;
      const oldPin = pinOf(core, id);
      core.recipients.setStatus(cliActor, id, 'inactive');
      const { dryRun } = await importRoster(core, rosterFixture(yardiFile));
      expect(dryRun.diff?.reactivated).toEqual([expect.objectContaining({ recipientId: id, conflict: true })]);
      expect(core.recipients.get(id).status).toBe(reactivated ? 'active' : 'inactive');
      expect(opensDoor(core, oldPin)).toBe(false);
      if (reactivated) expect(opensDoor(core, pinOf(core, id))).toBe(true);
    }
  });
});

describe('roster import: residents who come back, and welcome messages', () => {
  it('gives a returning resident new credentials, never the old ones', async () => {
    const core = testCore();
    await importRoster(core, rosterFixture(yardiFile));
    const id = recipientByExternalId(core, 't0001003').id;
    const oldPin = pinOf(core, id);
    await importRoster(core, withoutTenant(yardiText(), 't0001003'));
    expect(opensDoor(core, oldPin)).toBe(false);

    const { run } = await importRoster(core, rosterFixture(yardiFile));
    expect(run.counts).toMatchObject({ reactivated: 1 });
    const newPin = pinOf(core, id);
    expect(newPin).not.toBe(oldPin);
    expect(opensDoor(core, newPin)).toBe(true);
    expect(opensDoor(core, oldPin)).toBe(false);
  });

  it('queues no messages by default', async () => {
    const core = testCore();
    await importRoster(core, rosterFixture(yardiFile));
    expect(core.credentials.overview(recipientByExternalId(core, 't0001001').id).notifications).toEqual([]);
    expect(core.audit.list({ limit: 100 }).items.find((e) => e.action === 'roster.added')?.details).toMatchObject({ notified: 'none' });
  });

  it('sends new residents their PIN and QR code through the outbox when the site turns it on', async () => {
    const core = testCore({ env: { PACKROOM_IMPORT_WELCOME: 'true' } });
    await importRoster(core, rosterFixture(yardiFile));
    const okafor = recipientByExternalId(core, 't0001001');
    const notifications = core.credentials.overview(okafor.id).notifications;
    expect(notifications.map((n) => [n.channel, n.destination, n.template, n.status])).toEqual(
      expect.arrayContaining([
        ['email', 'chidi.okafor@example.com', 'new_pin', 'pending'],
        ['sms', '+12125550101', 'new_pin', 'pending'],
      ]),
    );
  });
});

describe('credentials issued in bulk', () => {
  it('draws a new PIN when a sealed one became active before it was stored', async () => {
    const core = testCore();
    const [sealed] = await core.credentials.sealMany(1);
    const first = core.recipients.create(cliActor, { firstName: 'First', lastName: 'Holder', unit: '1', email: null, phone: null });
    const second = core.recipients.create(cliActor, { firstName: 'Second', lastName: 'Holder', unit: '2', email: null, phone: null });
    core.tx.run(() => core.credentials.revokeAll(cliActor, second.id));
    core.repos.accessKeys.insertMany([
      { recipientId: first.id, kind: 'permanent', ...sealed!, expiresAt: null, createdAt: core.clock.now(), createdBy: null },
    ]);

    core.tx.run(() => core.credentials.issueSealed(cliActor, [{ recipient: second, credential: sealed! }], { notify: false }));
    const secondPin = pinOf(core, second.id);
    expect(opensDoor(core, secondPin)).toBe(true);
    expect(core.repos.accessKeys.activePermanent(second.id)!.pinEnc.equals(sealed!.pinEnc)).toBe(false);
  });

  it('gives two recipients of one batch different PINs even when handed the same sealed one', async () => {
    const core = testCore();
    const [sealed] = await core.credentials.sealMany(1);
    const first = core.recipients.create(cliActor, { firstName: 'First', lastName: 'Holder', unit: '1', email: null, phone: null });
    const second = core.recipients.create(cliActor, { firstName: 'Second', lastName: 'Holder', unit: '2', email: null, phone: null });
    core.tx.run(() => {
      core.credentials.revokeAll(cliActor, first.id);
      core.credentials.revokeAll(cliActor, second.id);
    });

    core.tx.run(() =>
      core.credentials.issueSealed(
        cliActor,
        [
          { recipient: first, credential: sealed! },
          { recipient: second, credential: sealed! },
        ],
        { notify: false },
      ),
    );
    const [firstPin, secondPin] = [pinOf(core, first.id), pinOf(core, second.id)];
    expect(firstPin).not.toBe(secondPin);
    expect(opensDoor(core, firstPin)).toBe(true);
    expect(opensDoor(core, secondPin)).toBe(true);
  });
});
