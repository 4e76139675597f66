import { statSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { BackgroundCheckpoints } from '../../src/db/checkpoints';
import { openDatabase } from '../../src/db/open';
import { tempDir } from '../helpers/core';

const mb = 1024 * 1024;

describe('background checkpoints during bulk writes', () => {
  it('switch the automatic checkpoint off, keep the WAL from growing from a worker thread, keep statement journals in memory, and switch both back', async () => {
    const memoryTempStore = 2;
    const file = join(tempDir(), 'packroom.db');
    const db = openDatabase(file);
    try {
      db.exec('CREATE TABLE bulk (payload BLOB) STRICT');
      const insert = db.prepare('INSERT INTO bulk (payload) VALUES (?)');
      const checkpoints = new BackgroundCheckpoints(db, file);
      let during = -1;
      let tempStore = -1;
      await checkpoints.during(async () => {
        during = db.pragma('wal_autocheckpoint', { simple: true }) as number;
        tempStore = db.pragma('temp_store', { simple: true }) as number;
        // 24 MB in transactions of 2 MB, with breaks in which the worker can catch up.
        for (let batch = 0; batch < 12; batch += 1) {
          db.transaction(() => {
            for (let i = 0; i < 32; i += 1) insert.run(Buffer.alloc(64 * 1024, batch));
          })();
          await sleep(120);
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
