import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BackgroundCheckpoints } from '../../src/db/checkpoints';
import { openDatabase } from '../../src/db/open';
import { tempDir } from '../helpers/core';
import { ManualTimers } from '../helpers/manualTimers';

const mb = 1024 * 1024;

describe('background checkpoints during bulk writes', () => {
  it('switch the automatic checkpoint off, keep the WAL from growing from a worker thread, keep statement journals in memory, and switch both back', async () => {
    const memoryTempStore = 2;
    const file = join(tempDir(), 'packroom.db');
    const db = openDatabase(file);
    try {
      db.exec('CREATE TABLE bulk (payload BLOB) STRICT');
      const insert = db.prepare('INSERT INTO bulk (payload) VALUES (?)');
      const timers = new ManualTimers();
      const checkpoints = new BackgroundCheckpoints(db, file, timers);
      /** Asks the worker for a checkpoint and waits for its answer (after which it sets the timer for the next). */
      const checkpointed = async () => {
        const answered = timers.nextTimer();
        timers.advance(1_000);
        await answered;
      };
      let during = -1;
      let tempStore = -1;
      await checkpoints.during(async () => {
        during = db.pragma('wal_autocheckpoint', { simple: true }) as number;
        tempStore = db.pragma('temp_store', { simple: true }) as number;
        // 24 MB in transactions of 2 MB, each followed by one of the worker's checkpoints, however long it takes.
        for (let batch = 0; batch < 12; batch += 1) {
          db.transaction(() => {
            for (let i = 0; i < 32; i += 1) insert.run(Buffer.alloc(64 * 1024, batch));
          })();
          await checkpointed();
        }
      });
      expect(during).toBe(0);
      expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
      expect(tempStore).toBe(memoryTempStore);
      expect(db.pragma('temp_store', { simple: true })).toBe(0);
      // Without checkpoints the WAL would hold all 24 MB; the worker's let SQLite reuse it from the start.
      expect(statSync(`${file}-wal`).size).toBeLessThan(12 * mb);
      expect(db.prepare('SELECT count(*) FROM bulk').pluck().get()).toBe(12 * 32);
    } finally {
      db.close();
    }
  });
});
