/** Migration 0013_backup_run_sentences: A backup run's failure as a sentence. See test/helpers/migrations.ts for how the upgrade is checked. */
import { expect } from 'vitest';
import { messageText } from '../../../src/contract';
import { type Fixture, upgradeTests, t0 } from '../../helpers/migrations';

export const fixture: Fixture = {
  migration: '0013_backup_run_sentences',
  seed(db) {
    db.prepare(
      `INSERT INTO backup_runs (started_at, finished_at, trigger, outcome, file, bytes, message, message_key, message_params)
       VALUES (?, ?, 'schedule', 'failed', NULL, NULL, ?, 'backups.folderFull', ?)`,
    ).run(
      t0 + 2000,
      t0 + 2100,
      'The backup folder F:\\ is full. Free some space or choose another folder.',
      JSON.stringify({ folder: 'F:\\' }),
    );
  },
  survived(core) {
    const run = core.backups.runs(50).find((r) => r.at === new Date(t0 + 2000).toISOString());
    expect(run?.message).toEqual({ key: 'backups.folderFull', params: { folder: 'F:\\' } });
    expect(messageText(run!.message!, 'es')).toBe('La carpeta de las copias F:\\ está llena. Libere espacio o elija otra carpeta.');
  },
  olderRows(core) {
    // A failure recorded before sentences were stored reads back as the English it was written in.
    const english = core.db
      .prepare('SELECT message FROM backup_runs WHERE message IS NOT NULL AND message_key IS NULL ORDER BY id DESC')
      .pluck()
      .all();
    const read = core.backups.runs(50).filter((r) => r.message?.key === 'text');
    expect(read.map((r) => r.message)).toEqual(english.map((text) => ({ key: 'text', params: { text } })));
  },
};

upgradeTests(fixture);
