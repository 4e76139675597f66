/** Migration 0012_roster_run_sentences: A roster run's message as a sentence. See test/helpers/migrations.ts for how the upgrade is checked. */
import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { message, messageText } from '../../../src/contract';
import { databaseFile } from '../../../src/paths';
import { dataFolderAt, fixtures, openUpgraded, t0, upgradeTests, versionOf, type Fixture } from '../../helpers/migrations';

export const fixture: Fixture = {
  migration: '0012_roster_run_sentences',
  seed(db) {
    // The applied import of tenants.csv left two recipients as edited: a sentence, with its English beside it.
    db.prepare(
      "UPDATE roster_runs SET message = ?, message_key = 'roster.run.editedMeanwhile', message_params = ? WHERE file_name = 'tenants.csv'",
    ).run(
      '2 recipient(s) edited while the import was applying were left as edited. Preview the file again to apply their rows.',
      JSON.stringify({ count: 2 }),
    );
  },
  survived(core) {
    expect(core.roster.runs(10).map((r) => r.message)).toEqual([message('roster.run.editedMeanwhile', { count: 2 })]);
  },
  olderRows(core) {
    // The runs saved before had no message (for one with an English message, see "reads a run message saved in English").
    expect(core.roster.runs(10).filter((r) => r.message !== null)).toEqual([]);
  },
};

upgradeTests(fixture, () => {
  it('reads a run message saved in English, before runs had sentences, as that English in every language', async () => {
    const dataDir = dataFolderAt(versionOf(fixture.migration) - 1, await fixtures());
    const db = new Database(databaseFile(dataDir));
    const english = 'There is no CSV or Excel (.xlsx) file in /exports.';
    db.prepare(
      `INSERT INTO roster_runs (started_at, finished_at, trigger, actor, file_name, outcome, message, counts)
       VALUES (?, ?, 'schedule', 'daily import', NULL, 'failed', ?, NULL)`,
    ).run(t0, t0, english);
    db.close();
    await openUpgraded(dataDir, (core) => {
      const [run] = core.roster.runs(1);
      expect(run?.message).toEqual(message('text', { text: english }));
      expect(messageText(run!.message!, 'es')).toBe(english);
    });
  });
});
