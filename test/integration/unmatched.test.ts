/**
 * Put aside and the Unmatched queue (issue 21): a package logged with no recipient, listed and counted, kept out of
 * reminders, escalations, door pickups and the shelf check, exported with an empty recipient, and assigned, which
 * tells the recipient once at a real SMTP server, as logging does.
 */
import sharp from 'sharp';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createSimulator } from '../../native/sim/simulator';
import { messageText } from '../../src/contract';
import { cliActor } from '../../src/services/audit/service';
import { adminPassword, signedInAdmin, testCore } from '../helpers/core';
import { startSmtpServer } from '../helpers/smtpServer';

const minute = 60_000;
const day = 86_400_000;
const ups = '1Z999AA10123456784';
const amazon = 'TBA123456789012';

async function desk() {
  const mailbox = await startSmtpServer();
  onTestFinished(() => mailbox.close());
  const core = testCore({ env: { PACKROOM_SMTP_URL: mailbox.url, PACKROOM_MAIL_FROM: 'Desk <desk@example.test>' } });
  onTestFinished(() => core.close());
  const sim = createSimulator(() => core.clock.now());
  await core.devices.start('sim', sim);
  await core.door.settled();
  core.start();
  const staff = await signedInAdmin(core);
  const ann = core.recipients.create(cliActor, { firstName: 'Ann', lastName: 'Smith', unit: '4B', email: 'ann@example.com', phone: null });
  const amy = core.recipients.create(cliActor, { firstName: 'Amy', lastName: 'Smith', unit: '7C', email: 'amy@example.com', phone: null });
  await core.notifications.drain();
  const welcome = mailbox.messages.length;
  const packageMail = () => mailbox.messages.slice(welcome);
  const later = async (ms: number) => {
    core.clock.advance(ms);
    await staff.ok('auth.unlock', { password: adminPassword });
  };
  return { core, sim, staff, ann, amy, packageMail, later };
}

const mailTo = (m: { to?: unknown }) => /<(.+)>/.exec((m.to as { text?: string } | undefined)?.text ?? '')?.[1];

describe('put aside: the Unmatched queue', () => {
  it('puts a package aside with what was read, lists and counts it apart, and tells nobody', async () => {
    const { core, staff, ann, amy, packageMail, later } = await desk();
    const aside = await staff.ok('packages.putAside', {
      tracking: ups,
      carrier: 'ups',
      shelf: 'U1',
      reading: {
        outcome: 'several',
        shipTo: ['A SMITH', '100 MAIN ST', ''],
        // Given worst first: kept best first.
        candidates: [
          { recipientId: amy.id, score: 0.5, why: ['initial', 'noUnit'] },
          { recipientId: ann.id, score: 0.6, why: ['initial', 'noUnit'] },
        ],
      },
    });
    expect(aside).toMatchObject({
      tracking: ups,
      recipient: null,
      status: 'waiting',
      shelf: 'U1',
      putAside: { by: 'ada', outcome: 'several', shipTo: ['A SMITH', '100 MAIN ST'], assigned: null },
    });
    expect(aside.putAside!.candidates.map((c) => [c.recipient.firstName, c.score, c.why])).toEqual([
      ['Ann', 0.6, ['initial', 'noUnit']],
      ['Amy', 0.5, ['initial', 'noUnit']],
    ]);
    await staff.ok('packages.log', { tracking: amazon, carrier: 'amazon', recipientId: ann.id });

    expect(await staff.ok('packages.unmatchedCount', {})).toBe(1);
    expect((await staff.ok('packages.list', { status: 'unmatched' })).items.map((p) => p.tracking)).toEqual([ups]);
    expect((await staff.ok('packages.list', { status: 'unmatched', query: ups.slice(0, 8) })).items).toHaveLength(1);
    expect((await staff.ok('packages.list', { status: 'unmatched', query: amazon })).items).toHaveLength(0);
    // The other filters list assigned packages only.
    expect((await staff.ok('packages.list', { status: 'waiting' })).items.map((p) => p.tracking)).toEqual([amazon]);
    expect((await staff.ok('packages.get', { id: aside.id })).putAside?.shipTo).toEqual(['A SMITH', '100 MAIN ST']);

    // The same number again, put aside or logged: refused while it waits in the queue.
    const again = await staff.call('packages.log', { tracking: ups, carrier: 'ups', recipientId: ann.id });
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT', field: 'tracking' } });
    expect(!again.ok && again.error.message).toMatch(/Already put aside/);
    expect((await staff.call('packages.putAside', { tracking: ups, carrier: 'ups' })).ok).toBe(false);

    // Nothing can be done to it but assigning it.
    const handOver = await staff.call('packages.handOver', { id: aside.id });
    expect(!handOver.ok && handOver.error).toMatchObject({ code: 'CONFLICT' });
    expect(!handOver.ok && handOver.error.message).toMatch(/assign it to a recipient first/);

    await later(15 * minute);
    await core.notifications.drain();
    expect(packageMail().map(mailTo)).toEqual(['ann@example.com']);
    const entry = core.audit.list({ limit: 5 }).items.find((e) => e.action === 'package.put_aside');
    expect(entry).toMatchObject({ subject: `package:${aside.id}`, details: { tracking: ups, shipTo: 'A SMITH / 100 MAIN ST' } });
  });

  it('refuses a reading whose candidate is not on the roster, and bad input, saving nothing', async () => {
    const { staff, ann } = await desk();
    const gone = await staff.call('packages.putAside', {
      tracking: ups,
      carrier: 'ups',
      reading: { shipTo: ['X'], candidates: [{ recipientId: 9999, score: 0.4, why: ['name'] }] },
    });
    expect(gone).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'reading' } });
    const bad = [
      { tracking: 'Ann', carrier: 'ups' },
      { tracking: ups, carrier: 'plane' },
      { tracking: ups, carrier: 'other' },
      { tracking: ups, carrier: 'ups', reading: { shipTo: Array.from({ length: 13 }, () => 'L') } },
      { tracking: ups, carrier: 'ups', reading: { shipTo: ['x'.repeat(201)] } },
      { tracking: ups, carrier: 'ups', reading: { candidates: [{ recipientId: ann.id, score: 0.5, why: ['guess'] }] } },
      { tracking: ups, carrier: 'ups', reading: { candidates: [{ recipientId: ann.id, score: -1 }] } },
    ];
    for (const input of bad) expect((await staff.call('packages.putAside', input)).ok, JSON.stringify(input)).toBe(false);
    expect(await staff.ok('packages.unmatchedCount', {})).toBe(0);
  });

  it('assigns it: the recipient is told once, the assignment is audited, and it waits for them', async () => {
    const { core, staff, ann, amy, packageMail, later } = await desk();
    const aside = await staff.ok('packages.putAside', {
      tracking: ups,
      carrier: 'ups',
      reading: { outcome: 'several', shipTo: ['A SMITH'], candidates: [{ recipientId: ann.id, score: 0.6, why: ['initial'] }] },
    });
    const assigned = await staff.ok('packages.assign', { id: aside.id, recipientId: amy.id });
    expect(assigned).toMatchObject({
      recipient: { id: amy.id, firstName: 'Amy' },
      status: 'waiting',
      putAside: { assigned: { by: 'ada' } },
    });
    expect(await staff.ok('packages.unmatchedCount', {})).toBe(0);
    expect((await staff.ok('packages.list', { status: 'waiting', recipientId: amy.id })).items.map((p) => p.tracking)).toEqual([ups]);

    // Assigned once: a second desk's (or a double click's) assignment is refused, and nothing more is sent.
    const twice = await staff.call('packages.assign', { id: aside.id, recipientId: ann.id });
    expect(!twice.ok && twice.error).toMatchObject({ code: 'CONFLICT' });
    expect(!twice.ok && twice.error.message).toMatch(/already assigned to Amy Smith \(7C\)/);

    await later(15 * minute);
    await core.notifications.drain();
    expect(packageMail().map(mailTo)).toEqual(['amy@example.com']);
    expect(packageMail()[0]!.text).toContain(ups);

    const history = await staff.ok('activity.list', { recipientId: amy.id, limit: 10 });
    expect(history.items.find((e) => e.action === 'package.assigned')?.details).toMatchObject({
      tracking: ups,
      recipient: 'Amy Smith (7C)',
      // Found by search, not among the label's candidates.
      candidate: null,
    });
  });

  it('refuses an inactive recipient and an unknown package', async () => {
    const { staff, ann, amy } = await desk();
    const aside = await staff.ok('packages.putAside', { tracking: ups, carrier: 'ups' });
    await staff.ok('recipients.setStatus', { id: ann.id, status: 'inactive' });
    expect(await staff.call('packages.assign', { id: aside.id, recipientId: ann.id })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(await staff.call('packages.assign', { id: 9999, recipientId: amy.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await staff.ok('packages.unmatchedCount', {})).toBe(1);
  });

  it('reminders, escalations, door pickups and the shelf check pass an unmatched package by', async () => {
    const { core, sim, staff, ann, packageMail, later } = await desk();
    const aside = await staff.ok('packages.putAside', { tracking: ups, carrier: 'ups', shelf: 'U1' });
    await staff.ok('packages.log', { tracking: amazon, carrier: 'amazon', recipientId: ann.id, shelf: 'B1' });
    await later(15 * minute);
    await core.notifications.drain();
    const before = packageMail().length;

    // Eight days: reminders and the escalation are about Ann's package only.
    for (let d = 0; d < 8; d++) {
      await later(day);
      core.packages.runDue();
    }
    await core.notifications.drain();
    const reminders = packageMail().slice(before);
    expect(reminders.length).toBeGreaterThan(0);
    for (const m of reminders) expect(m.text).not.toContain(ups);
    const waiting = (await staff.ok('alerts.list', {})).filter((a) => a.kind === 'package.waiting');
    expect(waiting.map((a) => messageText(a.message)).join(' ')).not.toContain(ups);
    expect(core.repos.packages.anyById(aside.id)).toMatchObject({ remindersSent: 0, escalatedAt: null });

    // Ann at the door takes hers; the unmatched one stays.
    const pin = core.keys.open(core.repos.accessKeys.activePermanent(ann.id)!.pinEnc);
    sim.keypad.type(`${pin}#`);
    await core.door.settled();
    await core.packages.settled();
    expect((await staff.ok('packages.get', { id: aside.id })).status).toBe('waiting');
    expect(await staff.ok('packages.unmatchedCount', {})).toBe(1);

    // A shelf check that does not find it does not call it missing: it belongs to no one yet.
    const check = await staff.ok('packages.shelfCheckStart', {});
    const result = await staff.ok('packages.shelfCheckFinish', { checkId: check.id });
    expect(result.waitingNotFound.map((p) => p.tracking)).not.toContain(ups);
  });

  it("keeps the label's photo with it, and refuses a file that is not a picture, saving nothing", async () => {
    const { core, staff } = await desk();
    const label = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#f4f1e8' } })
      .jpeg()
      .toBuffer();
    const aside = await staff.ok('packages.putAside', { tracking: ups, carrier: 'ups', photo: label.toString('base64') });
    const uid = aside.putAside!.photoUid!;
    expect(uid).toMatch(/^[0-9a-f]{32}$/);
    expect(await staff.ok('attachments.get', { uid })).toMatchObject({
      kind: 'label',
      takenByName: 'ada',
      dataUrl: expect.stringMatching(/^data:image\/jpeg;base64,/),
    });
    expect(core.audit.list({ limit: 5 }).items.find((e) => e.action === 'attachment.label')).toMatchObject({
      subject: `package:${aside.id}`,
    });

    const text = Buffer.from('this is a text file, not a picture').toString('base64');
    const refused = await staff.call('packages.putAside', { tracking: amazon, carrier: 'amazon', photo: text });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'photo' } });
    expect(await staff.ok('packages.unmatchedCount', {})).toBe(1);
  });

  it('exports it with an empty recipient and unit', async () => {
    const { core, staff, ann } = await desk();
    await staff.ok('packages.putAside', { tracking: ups, carrier: 'ups', shelf: 'U1', note: 'Dented' });
    await staff.ok('packages.log', { tracking: amazon, carrier: 'amazon', recipientId: ann.id });
    const today = new Date(core.clock.now());
    const date = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
    const exported = await staff.ok('packages.export', { from: date, to: date });
    expect(exported.rows).toBe(2);
    const lines = exported.csv.trim().split('\r\n');
    expect(lines[1]!.startsWith(`${ups},UPS,,,U1,Small,No,Dented,Waiting,`)).toBe(true);
    expect(lines[2]).toContain(`${amazon},Amazon,Ann Smith,4B,`);
  });
});
