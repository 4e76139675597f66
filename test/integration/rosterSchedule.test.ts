import { utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { i18n, sentenceText } from '../../renderer/i18n';
import { messageText } from '../../src/contract';
import { cliActor } from '../../src/services/audit/service';
import { englishAlerts, tempDir, testCore } from '../helpers/core';
import { rosterFixture, runsInEnglish, yardiFile, yardiText } from '../helpers/roster';

const hour = 3_600_000;
const day = 24 * hour;

/** A core whose daily import is due in one hour, watching an empty temp folder. */
async function scheduled() {
  const core = testCore();
  // Keep "in one hour" on today's calendar, so the test means the same at any time of day.
  if (new Date(core.clock.now()).getHours() >= 22) core.clock.advance(3 * hour);
  const inAnHour = new Date(core.clock.now() + hour);
  const timeOfDay = `${String(inAnHour.getHours()).padStart(2, '0')}:${String(inAnHour.getMinutes()).padStart(2, '0')}`;
  const folder = tempDir('packroom-roster-');
  core.start();
  const status = await core.rosterSchedule.configure(cliActor, { enabled: true, folder, timeOfDay, preset: 'yardi' });
  const runDue = async (ms = hour + 60_000) => {
    core.clock.advance(ms);
    await core.rosterSchedule.settled();
  };
  return { core, folder, status, runDue };
}

/** Writes an export with a modification time, as the property-management system would. */
function drop(folder: string, name: string, content: Buffer | string, ageMs = 0) {
  const path = join(folder, name);
  writeFileSync(path, content);
  const at = (Date.now() - ageMs) / 1000;
  utimesSync(path, at, at);
}

const activeCount = (core: ReturnType<typeof testCore>) =>
  core.recipients.search({ query: '', status: 'active', limit: 200, offset: 0 }).items.length;

describe('the daily roster import', () => {
  afterEach(() => i18n.changeLanguage('en'));

  it('imports the newest export in the folder at the configured time, and records it', async () => {
    const { core, folder, status, runDue } = await scheduled();
    expect(Date.parse(status.schedule.nextRunAt!) - core.clock.now()).toBeGreaterThan(hour - 120_000);
    drop(folder, 'old.csv', 'Unit,Name\n1,Someone Else\n', day);
    drop(folder, yardiFile, rosterFixture(yardiFile));
    drop(folder, 'notes.txt', 'not an export');

    await runDue(30 * 60_000);
    expect(core.rosterSchedule.status().runs).toEqual([]);

    await runDue(31 * 60_000);
    expect(core.rosterSchedule.status().runs).toMatchObject([
      { trigger: 'schedule', actor: 'daily import', outcome: 'applied', fileName: yardiFile, counts: { added: 8 } },
    ]);
    expect(activeCount(core)).toBe(8);
    expect(core.audit.list({ limit: 200 }).items.find((e) => e.action === 'roster.import')).toMatchObject({ actor: 'daily import' });
    expect(core.alerts.list()).toEqual([]);

    await runDue(day);
    expect(core.rosterSchedule.status().runs).toHaveLength(2);
  });

  it('does not apply a run over the safety threshold: it records it and alerts staff', async () => {
    const { core, folder, runDue } = await scheduled();
    drop(folder, yardiFile, rosterFixture(yardiFile), hour);
    await runDue();
    drop(folder, 'truncated.csv', yardiText().split('\n').slice(0, 3).join('\n'));

    await runDue(day);
    expect(runsInEnglish(core.rosterSchedule.status().runs)[0]).toMatchObject({
      outcome: 'blocked',
      fileName: 'truncated.csv',
      message: expect.stringContaining('6 of 8 active residents (75%)'),
    });
    expect(activeCount(core)).toBe(8);
    expect(englishAlerts(core.alerts.list())).toEqual([
      expect.objectContaining({
        kind: 'import',
        message: expect.stringMatching(/^The daily roster import of truncated.csv was not applied: it would deactivate 6 of 8/),
      }),
    ]);
  });

  it('alerts staff when the folder is empty or the file cannot be read, changing nothing', async () => {
    const { core, folder, runDue } = await scheduled();
    await runDue();
    expect(runsInEnglish(core.rosterSchedule.status().runs)[0]).toMatchObject({
      outcome: 'failed',
      message: `There is no CSV or Excel (.xlsx) file in ${folder}.`,
    });

    drop(folder, 'residents.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
    await runDue(day);
    expect(core.alerts.list().map((a) => messageText(a.message))).toContain(
      'The daily roster import did not run (residents.csv): This does not look like a CSV or Excel file (it contains binary data). Nothing was changed.',
    );
    expect(activeCount(core)).toBe(0);
  });

  it('records why a run stopped as a sentence, which the Import screen shows in Spanish to staff working in Spanish', async () => {
    const { core, folder, runDue } = await scheduled();
    await runDue();
    drop(folder, yardiFile, rosterFixture(yardiFile), hour);
    await runDue(day);
    drop(folder, 'truncated.csv', yardiText().split('\n').slice(0, 3).join('\n'));
    await runDue(day);

    const [blocked, applied, failed] = core.rosterSchedule.status().runs;
    expect([blocked?.outcome, applied?.outcome, failed?.outcome]).toEqual(['blocked', 'applied', 'failed']);
    expect(applied?.message).toBeNull();
    void i18n.changeLanguage('es');
    expect(sentenceText(failed!.message!)).toBe(`No hay ningún archivo CSV ni de Excel (.xlsx) en ${folder}.`);
    expect(sentenceText(blocked!.message!)).toBe(
      'No se aplicó: desactivaría a 6 de 8 residentes activos (75\u00a0%), más que el límite del 20\u00a0%.',
    );
  });

  it('alerts staff about rows with errors but applies the rest', async () => {
    const { core, folder, runDue } = await scheduled();
    drop(folder, 'residents.csv', rosterFixture('row-errors.csv'));
    await runDue();
    // Issue 10: the bad phone, email and date rows now import without that field (warnings), so 4 rows are skipped, not 7.
    expect(core.rosterSchedule.status().runs[0]).toMatchObject({ outcome: 'applied', counts: { added: 4, errors: 4, warnings: 3 } });
    expect(englishAlerts(core.alerts.list())[0]?.message).toMatch(/skipped 4 rows with errors/);
  });

  it('refuses a folder that does not exist, and needs a folder to be switched on', async () => {
    const core = testCore();
    await expect(
      core.rosterSchedule.configure(cliActor, { enabled: true, folder: '/no/such/folder', timeOfDay: '02:00', preset: 'generic' }),
    ).rejects.toMatchObject({
      field: 'folder',
      message: 'The folder /no/such/folder does not exist on this computer, or Packroom cannot open it.',
    });
    await expect(
      core.rosterSchedule.configure(cliActor, { enabled: true, folder: null, timeOfDay: '02:00', preset: 'generic' }),
    ).rejects.toMatchObject({ field: 'folder' });
    const off = await core.rosterSchedule.configure(cliActor, { enabled: false, folder: null, timeOfDay: '02:00', preset: 'generic' });
    expect(off.schedule).toEqual({ enabled: false, folder: null, timeOfDay: '02:00', preset: 'generic', nextRunAt: null, elsewhere: null });
  });
});
