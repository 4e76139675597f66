import { utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { messageText } from '../../src/contract';
import { createCore } from '../../src/core';
import { cliActor } from '../../src/services/audit/service';
import { englishAlerts, tempDir, testCore } from '../helpers/core';
import {
  bigExport,
  count,
  expectEveryRecipientWhole,
  expectFinishedOnStart,
  expectStoppedPartWay,
  importRoster,
  inEnglish,
  opensDoor,
  pinOf,
  preview,
  recipientByExternalId,
  rosterFixture,
  runsInEnglish,
  yardiFile,
  yardiText,
} from '../helpers/roster';

const hour = 3_600_000;

/** A core that runs its daily import in one hour from a temp folder, with the given preset. */
async function scheduledCore(preset: 'yardi' | 'generic') {
  const core = testCore();
  if (new Date(core.clock.now()).getHours() >= 22) core.clock.advance(3 * hour);
  const inAnHour = new Date(core.clock.now() + hour);
  const timeOfDay = `${String(inAnHour.getHours()).padStart(2, '0')}:${String(inAnHour.getMinutes()).padStart(2, '0')}`;
  const folder = tempDir('packroom-roster-');
  core.start();
  await core.rosterSchedule.configure(cliActor, { enabled: true, folder, timeOfDay, preset });
  const runDue = async (ms = hour + 60_000) => {
    core.clock.advance(ms);
    await core.rosterSchedule.settled();
  };
  const drop = (name: string, content: string, ageMs = 0) => {
    const path = join(folder, name);
    writeFileSync(path, content);
    const at = (core.clock.now() - ageMs) / 1000;
    utimesSync(path, at, at);
  };
  return { core, runDue, drop };
}

describe('roster import: status words the admin maps once', () => {
  it('lists unknown words, applies the choice, and the daily import reuses it and the corrected columns', async () => {
    const { core, runDue, drop } = await scheduledCore('generic');
    const file = [
      'Resident ID,Name,Unit,Status,Cell Phone,Home Phone',
      'G1,"Okafor, Chidi",101,Sabbatical,,(212) 555-0101',
      'G2,"Lee, Ann",102,Current resident,,(212) 555-0102',
      'G3,"Chen, Bo",103,Guest,,(212) 555-0103',
    ].join('\n');
    const first = await core.roster.dryRun(Buffer.from(file), 'residents.csv', { preset: 'generic' });
    expect(first.unknownValues).toEqual([
      { column: 'status', value: 'Sabbatical', rows: 1, firstLine: 2, choice: null },
      { column: 'status', value: 'Guest', rows: 1, firstLine: 4, choice: null },
    ]);
    expect(first.diff?.counts).toMatchObject({ added: 1, errors: 2 });

    const homePhone = first.headers.indexOf('Home Phone');
    const mapped = await core.roster.dryRun(Buffer.from(file), 'residents.csv', {
      preset: 'generic',
      mapping: { ...first.mapping, phone: homePhone },
      statusValues: { Sabbatical: 'current', Guest: 'ignore' },
    });
    expect(mapped.unknownValues.map((v) => [v.value, v.choice])).toEqual([
      ['Sabbatical', 'current'],
      ['Guest', 'ignore'],
    ]);
    expect(mapped.diff?.counts).toMatchObject({ added: 2, errors: 0 });
    expect(mapped.diff?.skipped['ignored-status']).toBe(1);
    await core.roster.apply(cliActor, mapped.id!, { confirmLargeDeactivation: false, trigger: 'staff' });

    // The next export: a new resident on sabbatical and one who changed phone. Nobody maps anything.
    drop('residents.csv', `${file}\nG4,"Ito, Mai",104,SABBATICAL,,(212) 555-0104\n`.replace('(212) 555-0102', '(646) 555-0102'));
    await runDue();
    expect(core.rosterSchedule.status().runs[0]).toMatchObject({
      trigger: 'schedule',
      outcome: 'applied',
      counts: { added: 1, changed: 1, errors: 0 },
    });
    expect(recipientByExternalId(core, 'G4')).toMatchObject({ status: 'active', phone: '+12125550104' });
    expect(recipientByExternalId(core, 'G2').phone).toBe('+16465550102');
    expect(core.alerts.list()).toEqual([]);
  });
});

describe('roster import: a field Packroom cannot use', () => {
  it('imports the resident without it, lists the warning, and the resident can get in', async () => {
    const core = testCore();
    const file = [
      'Tenant Code,Tenant Name,Unit,Email,Phone (Cell)',
      't1,"Okafor, Chidi",101,chidi@@example.com,(212) 555-0101',
      't2,"Lee, Ann",102,ann@example.com,555-1234',
      't3,"Ito, Mai",103,用户@例子.广告,',
    ].join('\n');
    const { dryRun, run } = await importRoster(core, file);
    expect(inEnglish(dryRun.diff!.warnings)).toEqual([
      { line: 2, column: 'Email', reason: 'email left empty: "chidi@@example.com" is not a valid address' },
      { line: 3, column: 'Phone (Cell)', reason: 'phone left empty: "555-1234" is not a phone number Packroom can use' },
    ]);
    expect(run.counts).toMatchObject({ added: 3, errors: 0, warnings: 2 });
    const okafor = recipientByExternalId(core, 't1');
    expect(okafor).toMatchObject({ email: null, phone: '+12125550101' });
    expect(recipientByExternalId(core, 't3').email).toBe('用户@例子.广告');
    expect(opensDoor(core, pinOf(core, okafor.id))).toBe(true);
  });
});

describe('roster import: recipients added by hand', () => {
  it('links a hand-added recipient to the file row with the same unit and name, keeping their PIN', async () => {
    const core = testCore();
    const manual = core.recipients.create(cliActor, { firstName: 'CHIDI', lastName: 'OKAFOR', unit: '101', email: null, phone: null });
    const pin = core.credentials.issuePermanent(cliActor, manual.id).pin;

    const dryRun = await preview(core, rosterFixture(yardiFile));
    expect(dryRun.diff?.linked).toEqual([{ recipientId: manual.id, name: 'CHIDI OKAFOR', unit: '101', externalId: 't0001001', line: 2 }]);
    expect(dryRun.diff?.counts).toMatchObject({ added: 7, linked: 1 });
    await core.roster.apply(cliActor, dryRun.id!, { confirmLargeDeactivation: false, trigger: 'cli' });

    expect(count(core, 'SELECT count(*) FROM recipients')).toBe(8);
    expect(recipientByExternalId(core, 't0001001').id).toBe(manual.id);
    expect(opensDoor(core, pin)).toBe(true);
    // Hand edits are kept (keep-manual): the file's phone is held back, the link and the residency dates apply.
    expect(recipientByExternalId(core, 't0001001')).toMatchObject({ phone: null, moveIn: '2022-03-01' });
    const history = core.audit.list({ limit: 10, subject: `recipient:${manual.id}` }).items;
    expect(history.find((e) => e.action === 'roster.updated')?.details).toMatchObject({ linkedTo: 't0001001' });
  });

  it('never changes a field the file has no column for, and lists and audits each field a column changes', async () => {
    const core = testCore({ env: { PACKROOM_IMPORT_MANUAL_POLICY: 'import-wins' } });
    const manual = core.recipients.create(cliActor, { firstName: 'Chidi', lastName: 'Okafor', unit: '101', email: null, phone: null });
    core.recipients.update(cliActor, manual.id, {
      firstName: 'Chidi',
      lastName: 'Okafor',
      unit: '101',
      email: null,
      phone: null,
      language: 'es',
    });

    // The Yardi export has no language column: the hand-set Spanish stays, and the preview does not list it.
    const dryRun = await core.roster.dryRun(rosterFixture(yardiFile), yardiFile, { preset: 'yardi' });
    const listed = dryRun.diff!.changed.find((c) => c.recipientId === manual.id)!;
    expect(listed.changes.map((c) => c.field).sort()).toEqual(['email', 'moveIn', 'phone']);
    await core.roster.apply(cliActor, dryRun.id!, { confirmLargeDeactivation: false, trigger: 'cli' });
    expect(core.recipients.get(manual.id)).toMatchObject({ language: 'es', phone: '+12125550101', email: 'chidi.okafor@example.com' });
    const linkedAudit = core.audit.list({ limit: 10, subject: `recipient:${manual.id}` }).items.find((e) => e.action === 'roster.updated');
    expect(Object.keys(linkedAudit!.details!).sort()).toEqual(['email', 'line', 'linkedTo', 'moveIn', 'phone']);

    // A file with a language column that changes it: listed in the preview and audited, field by field.
    // The same export with a Language column: Spanish for Chidi Okafor (line 2), blank for the others.
    const withLanguage = yardiText()
      .trimEnd()
      .split('\n')
      .map((line, i) => `${line.trimEnd()},${i === 0 ? 'Language' : i === 1 ? 'English' : ''}`)
      .join('\n');
    const first = await core.roster.dryRun(Buffer.from(withLanguage), yardiFile, { preset: 'yardi' });
    const mapping = { ...first.mapping, language: first.headers.indexOf('Language') };
    const next = await core.roster.dryRun(Buffer.from(withLanguage), yardiFile, { preset: 'yardi', mapping });
    expect(next.diff!.changed.find((c) => c.recipientId === manual.id)?.changes).toEqual([
      { field: 'language', from: 'es', to: 'en', applied: true },
    ]);
    await core.roster.apply(cliActor, next.id!, { confirmLargeDeactivation: false, trigger: 'cli' });
    expect(core.recipients.get(manual.id)).toMatchObject({ language: 'en', phone: '+12125550101', email: 'chidi.okafor@example.com' });
    const updates = core.audit.list({ limit: 10, subject: `recipient:${manual.id}` }).items.filter((e) => e.action === 'roster.updated');
    expect(updates[0]!.details).toEqual({ line: 2, language: { from: 'es', to: 'en' } });
  });

  it('lets the admin unlink a match: the file row is then a new resident', async () => {
    const core = testCore();
    const manual = core.recipients.create(cliActor, { firstName: 'Chidi', lastName: 'Okafor', unit: '101', email: null, phone: null });
    const dryRun = await core.roster.dryRun(rosterFixture(yardiFile), yardiFile, { preset: 'yardi', unlink: [manual.id] });
    expect(dryRun.diff?.linked).toEqual([]);
    expect(dryRun.diff?.counts.added).toBe(8);
    await core.roster.apply(cliActor, dryRun.id!, { confirmLargeDeactivation: false, trigger: 'cli' });
    expect(core.recipients.get(manual.id)).toMatchObject({ status: 'active' });
    expect(count(core, 'SELECT count(*) FROM recipients')).toBe(9);
  });
});

describe('the daily import: a stale export', () => {
  it('alerts when the newest file is older than 36 hours', async () => {
    const { core, runDue, drop } = await scheduledCore('yardi');
    drop(yardiFile, rosterFixture(yardiFile).toString(), 40 * hour);
    await runDue();
    expect(core.alerts.list().map((a) => messageText(a.message))).toContainEqual(
      expect.stringMatching(
        /^The export from your property-management system seems to have stopped: .*yardi-tenant-directory\.csv, is 41 hours old/,
      ),
    );
  });

  it('does not alert for a fresh one', async () => {
    const { core, runDue, drop } = await scheduledCore('yardi');
    drop(yardiFile, rosterFixture(yardiFile).toString(), 30 * hour);
    await runDue();
    expect(core.alerts.list()).toEqual([]);
  });
});

describe('roster import: a crash in the middle of a chunked apply', () => {
  const size = 600;

  it('resumes on the next start and finishes exactly what was previewed, once', async () => {
    const dataDir = tempDir();
    const core = createCore({ dataDir, env: {} });
    const dryRun = await preview(core, bigExport(size));
    let chunks = 0;
    const issue = core.credentials.issueSealed.bind(core.credentials);
    vi.spyOn(core.credentials, 'issueSealed').mockImplementation((...args) => {
      chunks += 1;
      // The process dies during the third chunk: its transaction never commits.
      if (chunks === 3) {
        core.db.close();
        throw new Error('power cut');
      }
      return issue(...args);
    });
    await expect(core.roster.apply(cliActor, dryRun.id!, { confirmLargeDeactivation: false, trigger: 'cli' })).rejects.toThrow();

    const reopened = createCore({ dataDir, env: {} });
    try {
      expectStoppedPartWay(reopened, size);
      await expectFinishedOnStart(reopened, size);
      expect(reopened.audit.list({ limit: 2000 }).items.filter((e) => e.action === 'roster.import_resumed')).toHaveLength(1);
      expect(opensDoor(reopened, pinOf(reopened, recipientByExternalId(reopened, `t${size}`).id))).toBe(true);
    } finally {
      await reopened.close();
    }
  });

  it('after an error between chunks, says it stopped part-way, and the next start finishes it', async () => {
    const dataDir = tempDir();
    const core = createCore({ dataDir, env: {} });
    const dryRun = await preview(core, bigExport(size));
    const issue = core.credentials.issueSealed.bind(core.credentials);
    let chunks = 0;
    const spy = vi.spyOn(core.credentials, 'issueSealed').mockImplementation((...args) => {
      chunks += 1;
      if (chunks === 2) throw new Error('disk full');
      return issue(...args);
    });
    await expect(core.roster.apply(cliActor, dryRun.id!, { confirmLargeDeactivation: false, trigger: 'cli' })).rejects.toThrow(
      /stopped after \d+ of 600 recipients \(disk full\)/,
    );
    expectEveryRecipientWhole(core);
    expect(englishAlerts(core.alerts.list())[0]?.message).toMatch(/Packroom finishes the rest when it next starts/);
    spy.mockRestore();
    await core.close();

    const reopened = createCore({ dataDir, env: {} });
    try {
      reopened.start();
      await reopened.rosterSchedule.settled();
      expect(count(reopened, 'SELECT count(*) FROM recipients')).toBe(size);
      expectEveryRecipientWhole(reopened);
      expect(reopened.roster.runs(5)).toHaveLength(1);
    } finally {
      await reopened.close();
    }
  });

  it('rolls back completely when the crash comes while the changes are being staged', async () => {
    const dataDir = tempDir();
    const core = createCore({ dataDir, env: {} });
    const dryRun = await preview(core, bigExport(1500));
    const stage = core.repos.rosterApply.stage.bind(core.repos.rosterApply);
    let slices = 0;
    vi.spyOn(core.repos.rosterApply, 'stage').mockImplementation((...args) => {
      slices += 1;
      if (slices === 2) {
        core.db.close();
        throw new Error('power cut');
      }
      stage(...args);
    });
    await expect(core.roster.apply(cliActor, dryRun.id!, { confirmLargeDeactivation: false, trigger: 'cli' })).rejects.toThrow();

    const reopened = createCore({ dataDir, env: {} });
    try {
      expect(reopened.repos.rosterApply.current()?.state).toBe('staging');
      reopened.start();
      await reopened.rosterSchedule.settled();
      expect(count(reopened, 'SELECT count(*) FROM recipients')).toBe(0);
      expect(count(reopened, 'SELECT count(*) FROM roster_apply_items')).toBe(0);
      expect(runsInEnglish(reopened.roster.runs(5))).toMatchObject([
        { outcome: 'failed', message: expect.stringContaining('Nothing was changed') },
      ]);
    } finally {
      await reopened.close();
    }
  });

  it('applies one import at a time', async () => {
    const core = testCore();
    const first = await preview(core, bigExport(300));
    const second = await preview(core, bigExport(300));
    const applying = core.roster.apply(cliActor, first.id!, { confirmLargeDeactivation: false, trigger: 'cli' });
    await expect(core.roster.apply(cliActor, second.id!, { confirmLargeDeactivation: false, trigger: 'cli' })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'Another import is being applied right now. Wait for it to finish, then preview the file again.',
    });
    await applying;
    expect(count(core, 'SELECT count(*) FROM recipients')).toBe(300);
  });

  it('leaves a recipient edited while the import applies as edited', async () => {
    const core = testCore();
    await importRoster(core, bigExport(size));
    const target = recipientByExternalId(core, 't599');
    const dryRun = await preview(
      core,
      bigExport(size, (i) => (i > 500 ? 'Past' : 'Current')),
    );
    expect(dryRun.diff?.counts.movedOut).toBe(100);
    const issue = core.credentials.revokeAll.bind(core.credentials);
    let edited = false;
    vi.spyOn(core.credentials, 'revokeAll').mockImplementation((...args) => {
      // Staff edit t599 between two chunks of the apply.
      if (!edited) {
        edited = true;
        queueMicrotask(() => core.recipients.update(cliActor, target.id, { ...target, unit: '999' }));
      }
      return issue(...args);
    });
    const run = await core.roster.apply(cliActor, dryRun.id!, { confirmLargeDeactivation: true, trigger: 'cli' });
    expect(run.counts).toMatchObject({ editedMeanwhile: 1, movedOut: 99 });
    expect(recipientByExternalId(core, 't599')).toMatchObject({ unit: '999', status: 'active' });
  });
});
