import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { createSimulator } from '../../native/sim/simulator';
import { describeDetails } from '../../renderer/activity/describe';
import { i18n } from '../../renderer/i18n';
import { formats, messageText, type ApiErrorBody, type Envelope, type Message, type PackagePage } from '../../src/contract';
import { createCore, type Core } from '../../src/core';
import { cliActor } from '../../src/services/audit/service';
import { adminPassword, signedInAdmin, tempDir, testCore } from '../helpers/core';
import { startSmtpServer } from '../helpers/smtpServer';

const minute = 60_000;
const day = 86_400_000;
const ups = '1Z999AA10123456784';
const amazon = 'TBA123456789012';
const usps = '9400111202555842332669';

async function desk() {
  const mailbox = await startSmtpServer();
  onTestFinished(() => mailbox.close());
  const core = testCore({ env: { PACKROOM_SMTP_URL: mailbox.url, PACKROOM_MAIL_FROM: 'Desk <desk@example.test>' } });
  const sim = createSimulator(() => core.clock.now());
  await core.devices.start('sim', sim);
  await core.door.settled();
  core.start();
  const staff = await signedInAdmin(core);
  const ann = core.recipients.create(cliActor, { firstName: 'Ann', lastName: 'Lee', unit: '4B', email: 'ann@example.com', phone: null });
  const bo = core.recipients.create(cliActor, { firstName: 'Bo', lastName: 'Park', unit: '7C', email: 'bo@example.com', phone: null });
  await core.notifications.drain();
  const welcome = mailbox.messages.length;
  const packageMail = () => mailbox.messages.slice(welcome);
  /** Time passes at the desk: the screen locks after a while, so staff unlock it again. */
  const later = async (ms: number) => {
    core.clock.advance(ms);
    await staff.ok('auth.unlock', { password: adminPassword });
  };
  const type = async (keys: string) => {
    sim.keypad.type(keys);
    await core.door.settled();
    await core.packages.settled();
  };
  return { core, sim, staff, ann, bo, mailbox, packageMail, type, later };
}

const mailTo = (m: { to?: unknown }) => /<(.+)>/.exec((m.to as { text?: string } | undefined)?.text ?? '')?.[1];

const pinOf = (core: Core, recipientId: number) => {
  const key = core.repos.accessKeys.activePermanent(recipientId)!;
  return core.keys.open(key.pinEnc);
};

describe('packages: intake → notice → door pickup → reminders → escalation', () => {
  it('logs a batch, sends one notice with the PIN, and marks the packages picked up when the recipient opens the door', async () => {
    const { core, staff, ann, packageMail, type, sim, later } = await desk();
    const log = (tracking: string, carrier: 'ups' | 'amazon' | 'usps') =>
      staff.ok('packages.log', { tracking, carrier, recipientId: ann.id, shelf: 'A3' });

    const first = await log(`${ups}\t`, 'ups');
    expect(first).toMatchObject({ tracking: ups, carrierLabel: 'UPS', shelf: 'A3', status: 'waiting', loggedBy: 'ada' });
    core.clock.advance(3 * minute);
    await log(amazon, 'amazon');
    await log(`42090210${usps}`, 'usps');

    // Nothing before the batching window (10 minutes from the first) ends, then exactly one notice.
    await core.notifications.drain();
    expect(packageMail()).toHaveLength(0);
    await later(7 * minute);
    await core.notifications.drain();
    expect(packageMail()).toHaveLength(1);
    const notice = packageMail()[0]!;
    expect(notice.subject).toBe('You have 3 packages at Package Room');
    expect(notice.text).toContain(ups);
    expect(notice.text).toContain(usps);
    expect(notice.text).toContain(`PIN: ${pinOf(core, ann.id)}`);
    expect(notice.attachments.map((a) => a.contentType)).toEqual(['image/png']);

    // Her own PIN at the keypad: the door opens first, then the packages are marked picked up.
    await type(`${pinOf(core, ann.id)}#`);
    expect(sim.relayBoard.states[0]).toBe(true);
    const list = await staff.ok('packages.list', { status: 'picked_up' });
    expect(list.items).toHaveLength(3);
    expect(list.items[0]!.pickup).toMatchObject({ via: 'door', credential: 'pin' });
    const history = await staff.ok('activity.list', { recipientId: ann.id, limit: 20 });
    expect(history.items.map((e) => e.action)).toContain('package.picked_up');
  });

  it('sends package notices by the channels each recipient chose, every channel on file by default', async () => {
    const { core, staff } = await desk();
    const reachable = { email: 'cy@example.com', phone: '+14155550123' };
    const cy = core.recipients.create(cliActor, { firstName: 'Cy', lastName: 'Ng', unit: '2A', ...reachable, packageNotices: 'email' });
    // Sharing Cy's email and phone: added anyway, as staff can.
    const di = core.recipients.create(cliActor, { firstName: 'Di', lastName: 'Ruiz', unit: '2B', ...reachable, addAnyway: true });
    expect(di.packageNotices).toBeNull();
    await staff.ok('packages.log', { tracking: ups, carrier: 'ups', recipientId: cy.id });
    await staff.ok('packages.log', { tracking: amazon, carrier: 'amazon', recipientId: di.id });
    const channels = (recipientId: number) =>
      core.db
        .prepare("SELECT channel FROM outbox WHERE template = 'package_notice' AND recipient_id = ? ORDER BY channel")
        .pluck()
        .all(recipientId);
    expect(channels(cy.id)).toEqual(['email']);
    expect(channels(di.id)).toEqual(['email', 'sms']);

    const changed = core.recipients.update(cliActor, cy.id, {
      firstName: 'Cy',
      lastName: 'Ng',
      unit: '2A',
      ...reachable,
      packageNotices: 'sms',
    });
    expect(changed.packageNotices).toBe('sms');
    expect(core.audit.list({ limit: 1 }).items[0]!.details).toMatchObject({ packageNotices: { from: 'email', to: 'sms' } });
  });

  it('refuses the same tracking number while the first is waiting, naming the recipient and when', async () => {
    const { staff, ann, bo } = await desk();
    await staff.ok('packages.log', { tracking: ups, carrier: 'ups', recipientId: ann.id });
    const again = await staff.call('packages.log', { tracking: ups.toLowerCase(), carrier: 'ups', recipientId: bo.id });
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT', field: 'tracking' } });
    expect(!again.ok && again.error.message).toMatch(/waiting for Ann Lee \(4B\), logged .+ by ada/);
    const detected = await staff.ok('packages.detect', { tracking: ups });
    expect(detected.duplicate).toMatchObject({ recipientName: 'Ann Lee', unit: '4B' });
    expect((await staff.ok('packages.list', { status: 'all' })).items).toHaveLength(1);
  });

  it('validates every field and saves nothing on bad input', async () => {
    const { staff, ann } = await desk();
    const bad = [
      { tracking: 'Ann Lee', carrier: 'ups', recipientId: ann.id },
      { tracking: '12', carrier: 'ups', recipientId: ann.id },
      { tracking: ups, carrier: 'ups', recipientId: ann.id, shelf: 'X'.repeat(17) },
      { tracking: ups, carrier: 'ups', recipientId: ann.id, note: 'n'.repeat(501) },
      { tracking: ups, carrier: 'other', recipientId: ann.id },
      { tracking: ups, carrier: 'ups', recipientId: 999 },
    ];
    for (const input of bad) expect((await staff.call('packages.log', input)).ok, JSON.stringify(input)).toBe(false);
    expect((await staff.ok('packages.list', { status: 'all' })).items).toHaveLength(0);
  });

  it('reminds after 2 and 5 days, never twice a day, stops once picked up, and escalates at 7 days', async () => {
    const { core, staff, ann, bo, packageMail, later } = await desk();
    await staff.ok('packages.log', { tracking: ups, carrier: 'ups', recipientId: ann.id, shelf: 'B1' });
    await staff.ok('packages.log', { tracking: amazon, carrier: 'amazon', recipientId: bo.id, shelf: 'B2' });
    core.clock.advance(10 * minute);
    await core.notifications.drain();
    expect(packageMail()).toHaveLength(2);

    await later(2 * day);
    core.packages.runDue();
    core.packages.runDue();
    await core.notifications.drain();
    const reminders = () => packageMail().filter((m) => m.subject?.startsWith('Reminder'));
    expect(reminders().map(mailTo)).toEqual(['ann@example.com', 'bo@example.com']);

    // Bo collects his at the desk; only Ann is reminded on day 5.
    const boPackage = (await staff.ok('packages.list', { query: amazon })).items[0]!;
    await staff.ok('packages.handOver', { id: boPackage.id, collectedBy: null });
    await later(3 * day);
    core.packages.runDue();
    await core.notifications.drain();
    expect(reminders()).toHaveLength(3);
    expect(reminders()[2]!.text).toContain(ups);

    await later(2 * day);
    core.packages.runDue();
    const alerts = await staff.ok('alerts.list', {});
    const late = alerts.filter((a) => a.kind === 'package.waiting');
    expect(late).toHaveLength(1);
    expect(messageText(late[0]!.message)).toContain(`${ups} for Ann Lee (4B), shelf B1`);
    core.packages.runDue();
    expect((await staff.ok('alerts.list', {})).filter((a) => a.kind === 'package.waiting')).toHaveLength(1);
  });

  it('marks packages of a deactivated recipient "Return to sender?" and alerts staff', async () => {
    const { staff, ann } = await desk();
    await staff.ok('packages.log', { tracking: ups, carrier: 'ups', recipientId: ann.id });
    await staff.ok('recipients.setStatus', { id: ann.id, status: 'inactive' });
    const [item] = (await staff.ok('packages.list', { status: 'waiting' })).items;
    expect(item!.returnToSender).toBe(true);
    const alerts = (await staff.ok('alerts.list', {})).filter((a) => a.kind === 'package.inactive');
    expect(messageText(alerts[0]!.message)).toContain('Ann Lee (4B) is no longer active');
    const returned = await staff.ok('packages.returnToSender', { id: item!.id, reason: 'Moved out' });
    expect(returned).toMatchObject({ status: 'returned', returned: { reason: 'Moved out' } });
  });

  it('re-assigns a package logged to the wrong person, audits it and tells the right recipient', async () => {
    const { core, staff, ann, bo, packageMail, later } = await desk();
    const item = await staff.ok('packages.log', { tracking: ups, carrier: 'ups', recipientId: ann.id, shelf: 'A1' });
    const moved = await staff.ok('packages.update', { id: item.id, recipientId: bo.id, shelf: 'A2', size: 'large', note: 'Heavy' });
    expect(moved).toMatchObject({ recipient: { id: bo.id }, shelf: 'A2', size: 'large', note: 'Heavy' });
    await later(10 * minute);
    await core.notifications.drain();
    expect(packageMail().map(mailTo)).toEqual(['bo@example.com']);
    const history = await staff.ok('activity.list', { recipientId: ann.id, limit: 10 });
    expect(history.items.find((e) => e.action === 'package.updated')?.details).toMatchObject({
      recipient: { from: 'Ann Lee (4B)', to: 'Bo Park (7C)' },
    });
  });

  it('records a pickup with a Single Access PIN as such', async () => {
    const { core, staff, ann, type } = await desk();
    await staff.ok('packages.log', { tracking: ups, carrier: 'ups', recipientId: ann.id });
    const issued = await staff.ok('access.sendSingleAccessPin', {
      recipientId: ann.id,
      notifyVia: 'email',
      expiresAt: new Date(core.clock.now() + day).toISOString(),
    });
    await type(`${issued.pin}#`);
    const [picked] = (await staff.ok('packages.list', { status: 'picked_up' })).items;
    expect(picked!.pickup).toMatchObject({ via: 'door', credential: 'single-access-pin' });
  });
});

describe('refusals staff read in their own language', () => {
  /** A refused call's error as a screen gets it: its sentence, and that sentence in English and in Spanish. */
  const refusal = (result: Envelope) => {
    if (result.ok) throw new Error('The call was expected to be refused.');
    const error: ApiErrorBody = result.error;
    const sentence: Message = { key: error.key!, ...(error.params ? { params: error.params } : {}) };
    expect(messageText(sentence)).toBe(error.message);
    return { ...error, es: messageText(sentence, 'es') };
  };

  it('refuses Hand over to someone else without a name, on the field, and records nothing', async () => {
    const { core, staff, ann } = await desk();
    const item = await staff.ok('packages.log', { tracking: ups, carrier: 'ups', recipientId: ann.id });
    for (const collectedBy of ['', '   ', null]) {
      expect(refusal(await staff.call('packages.handOver', { id: item.id, someoneElse: true, collectedBy }))).toMatchObject({
        code: 'VALIDATION',
        field: 'collectedBy',
        message: 'Enter the name of the person collecting.',
        es: 'Escriba el nombre de quien lo recoge.',
      });
    }
    expect(core.packages.get(item.id)).toMatchObject({ status: 'waiting', pickup: null });
    expect(core.audit.list({ limit: 10 }).items.map((e) => e.action)).not.toContain('package.handed_over');

    const handed = await staff.ok('packages.handOver', { id: item.id, someoneElse: true, collectedBy: ' Ruth O’Neill ' });
    expect(handed.pickup).toMatchObject({ via: 'desk', collectedBy: 'Ruth O’Neill' });
  });

  it('says which recipient is inactive, that a package was already picked up, and why a number is not a tracking number', async () => {
    const { staff, ann } = await desk();
    await staff.ok('recipients.setStatus', { id: ann.id, status: 'inactive' });
    expect(refusal(await staff.call('packages.log', { tracking: ups, carrier: 'ups', recipientId: ann.id }))).toMatchObject({
      code: 'CONFLICT',
      field: 'recipientId',
      key: 'packages.recipientInactive',
      params: { name: 'Ann Lee' },
      message: 'Ann Lee is inactive. Choose an active recipient.',
      es: 'El destinatario Ann Lee está inactivo. Elija un destinatario activo.',
    });

    await staff.ok('recipients.setStatus', { id: ann.id, status: 'active' });
    const item = await staff.ok('packages.log', { tracking: ups, carrier: 'ups', recipientId: ann.id });
    await staff.ok('packages.handOver', { id: item.id, collectedBy: null });
    expect(refusal(await staff.call('packages.handOver', { id: item.id, collectedBy: null }))).toMatchObject({
      code: 'CONFLICT',
      key: 'packages.cannotBeDone.picked_up',
      message: `${ups} was already picked up, so that cannot be done. Reload the list.`,
      es: `${ups} ya se recogió, así que no se puede hacer eso. Vuelva a cargar la lista.`,
    });
    expect(refusal(await staff.call('packages.markMissing', { ids: [item.id] }))).toMatchObject({
      message: `${ups} was already picked up, so that cannot be done. Reload the list.`,
    });

    expect(refusal(await staff.call('packages.detect', { tracking: 'Ann Lee' }))).toMatchObject({
      code: 'VALIDATION',
      field: 'tracking',
      key: 'tracking.noDigits',
      es: 'Eso no parece un número de seguimiento (no tiene dígitos): ¿se escribió en el campo equivocado?',
    });
    expect(refusal(await staff.call('packages.get', { id: 999 }))).toMatchObject({
      code: 'NOT_FOUND',
      message: 'That package is not in the log any more. Reload the list.',
      es: 'Ese paquete ya no está en el registro. Vuelva a cargar la lista.',
    });
  });

  it('names when and by whom a duplicate was logged, as each language writes a date', async () => {
    const { core, staff, ann, bo } = await desk();
    const loggedAt = core.clock.now();
    await staff.ok('packages.log', { tracking: ups, carrier: 'ups', recipientId: ann.id });
    // The one date-and-time style of each language (renderer/i18n's formatDateTime writes it the same).
    const english = formats.datetime(loggedAt, 'en');
    const spanish = formats.datetime(loggedAt, 'es');
    expect(refusal(await staff.call('packages.log', { tracking: ups, carrier: 'ups', recipientId: bo.id }))).toMatchObject({
      key: 'packages.alreadyLogged',
      message: `Already logged: ${ups} is waiting for Ann Lee (4B), logged ${english} by ada. Check the label, or hand over or edit that package.`,
      es: `Ya registrado: ${ups} está en espera para Ann Lee (4B), registrado el ${spanish} por ada. Revise la etiqueta, o entregue o edite ese paquete.`,
    });
  });

  it('says a finished shelf check is over, and that an export range ends before it starts', async () => {
    const { staff } = await desk();
    const check = await staff.ok('packages.shelfCheckStart', {});
    await staff.ok('packages.shelfCheckCancel', { checkId: check.id });
    expect(refusal(await staff.call('packages.shelfCheckScan', { checkId: check.id, tracking: ups }))).toMatchObject({
      key: 'packages.shelfCheckEnded',
      es: 'Esa revisión de estantes ya se terminó o se canceló. Empiece una nueva.',
    });
    expect(refusal(await staff.call('packages.export', { from: '2026-03-02', to: '2026-03-01' }))).toMatchObject({
      field: 'to',
      message: 'The end date is before the start date.',
      es: 'La fecha de fin es anterior a la fecha de inicio.',
    });
  });
});

describe('what the core records, in the reader’s language', () => {
  afterEach(() => i18n.changeLanguage('en'));

  it('records a hand-over to the recipient as no other name, which each screen words in its language', async () => {
    const { core, staff, ann } = await desk();
    const mine = await staff.ok('packages.log', { tracking: ups, carrier: 'ups', recipientId: ann.id });
    const neighbours = await staff.ok('packages.log', { tracking: amazon, carrier: 'amazon', recipientId: ann.id });
    await staff.ok('packages.handOver', { id: mine.id, collectedBy: null });
    await staff.ok('packages.handOver', { id: neighbours.id, someoneElse: true, collectedBy: 'Kim Lee' });
    const handed = core.audit
      .list({ limit: 10 })
      .items.filter((e) => e.action === 'package.handed_over')
      .sort((a, b) => a.id - b.id);
    // It used to be stored as the English words "the recipient", which read as English on a Spanish screen.
    expect(handed.map((e) => e.details?.collectedBy)).toEqual([null, 'Kim Lee']);
    expect(describeDetails(handed[0]!)).toContain('Collected by: the recipient');
    await i18n.changeLanguage('es');
    expect(describeDetails(handed[0]!)).toContain('Recogido por: el destinatario');
    expect(describeDetails(handed[1]!)).toContain('Recogido por: Kim Lee');
  });
});

describe('shelf check', () => {
  it('finds packages picked up but on the shelf, waiting but missing, and never logged; actions are audited', async () => {
    const { core, staff, ann, bo } = await desk();
    const a = await staff.ok('packages.log', { tracking: ups, carrier: 'ups', recipientId: ann.id, shelf: 'A1' });
    const b = await staff.ok('packages.log', { tracking: amazon, carrier: 'amazon', recipientId: bo.id, shelf: 'A2' });
    await staff.ok('packages.handOver', { id: b.id, collectedBy: 'Kim (neighbour)' });
    const c = await staff.ok('packages.log', { tracking: usps, carrier: 'usps', recipientId: bo.id, shelf: 'A3' });
    core.clock.advance(minute);

    const check = await staff.ok('packages.shelfCheckStart', {});
    expect(await staff.ok('packages.shelfCheckStart', {})).toMatchObject({ id: check.id });
    expect(await staff.ok('packages.shelfCheckScan', { checkId: check.id, tracking: `${ups}\r` })).toMatchObject({
      known: { status: 'waiting', recipientName: 'Ann Lee' },
    });
    await staff.ok('packages.shelfCheckScan', { checkId: check.id, tracking: amazon });
    expect(await staff.ok('packages.shelfCheckScan', { checkId: check.id, tracking: 'JJD0099999999' })).toMatchObject({ known: null });
    const result = await staff.ok('packages.shelfCheckFinish', { checkId: check.id });
    expect(result.scanned).toBe(3);
    expect(result.notWaitingButFound.map((p) => p.id)).toEqual([b.id]);
    expect(result.waitingNotFound.map((p) => p.id)).toEqual([c.id]);
    expect(result.neverLogged).toEqual(['JJD0099999999']);
    expect(await staff.ok('packages.shelfCheckCurrent', {})).toBeNull();

    expect((await staff.ok('packages.restore', { ids: [b.id] }))[0]).toMatchObject({ status: 'waiting', pickup: null });
    expect((await staff.ok('packages.markMissing', { ids: [c.id] }))[0]).toMatchObject({ status: 'missing' });
    expect((await staff.ok('alerts.list', {})).some((x) => x.kind === 'package.missing' && messageText(x.message).includes(usps))).toBe(
      true,
    );
    const actions = (await staff.ok('activity.list', { limit: 50 })).items.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['package.shelf_check_finished', 'package.restored', 'package.missing']));
    expect((await staff.call('packages.shelfCheckScan', { checkId: check.id, tracking: ups })).ok).toBe(false);
    expect(a.status).toBe('waiting');
  });
});

describe('overview and search', () => {
  it('counts waiting by age, picked up today, the average time to pickup and per day', async () => {
    const { staff, ann, bo, later } = await desk();
    await staff.ok('packages.log', { tracking: ups, carrier: 'ups', recipientId: ann.id });
    await later(4 * day);
    const b = await staff.ok('packages.log', { tracking: amazon, carrier: 'amazon', recipientId: bo.id });
    await later(2 * 3_600_000);
    await staff.ok('packages.handOver', { id: b.id, collectedBy: null });
    const overview = await staff.ok('packages.overview', {});
    expect(overview.waiting).toBe(1);
    expect(overview.waitingByAge).toEqual({ '0-2': 0, '3-7': 1, '8-14': 0, '15+': 0 });
    expect(overview.averageHoursToPickup).toBe(2);
    expect(overview.perDay).toHaveLength(30);
    expect(overview.perDay.reduce((n, d) => n + d.logged, 0)).toBe(2);
    expect(overview.pickedUpToday + overview.perDay.at(-2)!.pickedUp).toBe(1);
  });

  it('finds packages by tracking number (also as scanned with a 420 prefix), recipient name or unit', async () => {
    const { staff, ann, bo } = await desk();
    await staff.ok('packages.log', { tracking: ups, carrier: 'ups', recipientId: ann.id });
    await staff.ok('packages.log', { tracking: usps, carrier: 'usps', recipientId: bo.id });
    const find = async (query: string) => (await staff.ok('packages.list', { status: 'all', query })).items.map((p) => p.tracking);
    expect(await find(`42090210${usps}`)).toEqual([usps]);
    expect(await find('1Z999')).toEqual([ups]);
    expect(await find('park')).toEqual([usps]);
    expect(await find('4B')).toEqual([ups]);
    const oldest = await staff.ok('packages.list', { status: 'all', sort: 'oldest' });
    expect(oldest.items.map((p) => p.tracking)).toEqual([ups, usps]);
  });

  it('counts packages logged for a carrier since a time', async () => {
    const { core, staff, ann } = await desk();
    const before = core.clock.now();
    await staff.ok('packages.log', { tracking: ups, carrier: 'ups', recipientId: ann.id });
    expect(core.repos.packages.countLoggedSince('ups', before)).toBe(1);
    expect(core.repos.packages.countLoggedSince('ups', core.clock.now() + 1)).toBe(0);
    expect(core.repos.packages.countLoggedSince('fedex', before)).toBe(0);
  });
});

describe('packroom packages export (built)', () => {
  const root = join(import.meta.dirname, '..', '..');
  const bin = join(root, 'bin', 'packroom.js');
  const run = (args: string[]) =>
    spawnSync(process.execPath, [bin, ...args], { env: { ...process.env, PACKROOM_DATA: '' }, encoding: 'utf8' });

  it('writes the log for a date range as CSV, and exits 2 on bad arguments', async () => {
    if (!existsSync(join(root, 'dist', 'core', 'cli.js'))) throw new Error('Run "npm run build" before the CLI tests (npm test does).');
    const data = tempDir();
    const core = createCore({ dataDir: data, env: {} });
    const ann = core.recipients.create(cliActor, { firstName: 'Ann', lastName: 'Lee', unit: '4B', email: null, phone: null });
    core.packages.log(cliActor, {
      tracking: ups,
      carrier: 'ups',
      recipientId: ann.id,
      shelf: 'A3',
      size: 'small',
      perishable: false,
      note: '=cmd',
    });
    await core.close();
    const today = new Date();
    const d = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;

    const out = join(data, 'log.csv');
    const ok = run(['packages', 'export', '--from', d, '--to', d, '--out', out, '--data', data]);
    expect(ok.status, ok.stderr).toBe(0);
    const csv = readFileSync(out, 'utf8').split('\r\n');
    expect(csv[0]).toMatch(/^Tracking number,Carrier,Recipient,Unit,Shelf/);
    expect(csv[1]).toMatch(new RegExp(`^${ups},UPS,Ann Lee,4B,A3,Small,No,'=cmd,Waiting,`));

    const toStdout = run(['packages', 'export', '--from', d, '--to', d, '--data', data]);
    expect(toStdout.stdout).toContain(ups);

    for (const args of [
      ['packages', 'export', '--from', d],
      ['packages', 'export', '--from', 'yesterday', '--to', d],
      ['packages', 'export', '--from', d, '--to', '2000-01-01'],
      ['packages', 'frobnicate'],
    ]) {
      const bad = run([...args, '--data', data]);
      expect(bad.status, args.join(' ')).toBe(2);
      expect(bad.stderr.trim().split('\n')).toHaveLength(1);
      expect(bad.stderr).toMatch(/^packroom: /);
    }
  });
});

describe('packages: the list pages with a cursor', () => {
  it('pages through any number of packages, in order, searched or not; Missing has its own filter', async () => {
    const core = testCore();
    const staff = await signedInAdmin(core);
    const ann = core.recipients.create(cliActor, { firstName: 'Ann', lastName: 'Lee', unit: '4B' });
    const bo = core.recipients.create(cliActor, { firstName: 'Bo', lastName: 'Park', unit: '7C' });
    const t0 = core.clock.now();
    const ids = Array.from({ length: 430 }, (_, i) =>
      core.repos.packages.insert({
        // Three packages per millisecond: the cursor must tell them apart by id.
        tracking: `TEST${String(i).padStart(6, '0')}`,
        carrier: 'other',
        carrierName: 'Test',
        recipientId: i % 2 === 0 ? ann.id : bo.id,
        shelf: null,
        size: 'small',
        perishable: false,
        note: null,
        loggedBy: null,
        loggedByName: 'ada',
        now: t0 + Math.floor(i / 3),
      }),
    );
    core.db.prepare(`UPDATE packages SET status = 'missing' WHERE id IN (${ids.slice(0, 5).join(',')})`).run();

    const all = async (input: {
      status?: 'waiting' | 'missing' | 'all';
      query?: string;
      sort?: 'newest' | 'oldest';
      recipientId?: number;
    }) => {
      const seen: number[] = [];
      let after: PackagePage['next'] = null;
      do {
        const page: PackagePage = await staff.ok('packages.list', { ...input, limit: 200, ...(after && { after }) });
        seen.push(...page.items.map((p) => p.id));
        expect(page.more).toBe(page.next !== null);
        after = page.next;
      } while (after);
      return seen;
    };
    expect(await all({ status: 'all' })).toEqual([...ids].reverse());
    expect(await all({ status: 'all', sort: 'oldest' })).toEqual(ids);
    expect(await all({ status: 'waiting', sort: 'oldest' })).toEqual(ids.slice(5));
    expect(await all({ status: 'missing', sort: 'oldest' })).toEqual(ids.slice(0, 5));
    expect(await all({ status: 'all', sort: 'oldest', recipientId: bo.id })).toEqual(ids.filter((_, i) => i % 2 === 1));
    // A search merges two queries (tracking numbers, recipients' names): each page after the cursor, merged.
    expect(await all({ status: 'all', query: 'Lee' })).toEqual(ids.filter((_, i) => i % 2 === 0).reverse());
    expect(await all({ status: 'all', query: 'TEST0001', sort: 'oldest' })).toEqual(ids.slice(100, 200));
  });
});
