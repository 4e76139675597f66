/** Migration 0017_sync_entities: the outbox takes every shared kind of record, and keeps its sequence. See test/helpers/migrations.ts. */
import { expect } from 'vitest';
import { type Fixture, upgradeTests, t0 } from '../../helpers/migrations';

const uid = 'e'.repeat(32);

export const fixture: Fixture = {
  migration: '0017_sync_entities',
  seed(db) {
    // A node of a site with one change waiting and 41 sent before (their rows deleted, the counter at 42).
    db.prepare("UPDATE sync_node SET site = 'maple', node_name = 'desk', url = 'nats://127.0.0.1:1', capturing = 1").run();
    db.prepare(
      `INSERT INTO recipients (external_id, first_name, last_name, unit, created_at, updated_at, uid) VALUES ('SYNC-17', 'Eve', 'Entity', '17B', ?, ?, ?)`,
    ).run(t0, t0, uid);
    db.prepare('DELETE FROM sync_outbox WHERE uid <> ?').run(uid);
    db.prepare('UPDATE sync_outbox SET seq = 42 WHERE uid = ?').run(uid);
    db.prepare("UPDATE sqlite_sequence SET seq = 42 WHERE name = 'sync_outbox'").run();
    // Capture off again, as the fixtures before this one expect of the folder.
    db.prepare('UPDATE sync_node SET capturing = 0').run();
  },
  survived(core) {
    const waiting = core.repos.sync.pending(10);
    expect(waiting.map((r) => [r.seq, r.entity, r.uid])).toEqual([[42, 'recipient', uid]]);
    core.db.prepare('UPDATE sync_node SET capturing = 1').run();
    // The next change follows the counter: a sequence number is never given twice.
    core.db.prepare("UPDATE recipients SET first_name = 'Eva', updated_at = ? WHERE uid = ?").run(t0 + 1, uid);
    expect(core.repos.sync.pending(10).map((r) => [r.seq, JSON.parse(r.fields)])).toEqual([
      [42, expect.objectContaining({ first_name: 'Eve' })],
      [43, { first_name: 'Eva' }],
    ]);
    // Another kind of record may use the outbox now.
    core.db.prepare("INSERT INTO sync_outbox (hlc, entity, uid, fields) VALUES (1, 'package', ?, '{}')").run(uid);
    expect(core.db.prepare("SELECT seq FROM sync_outbox WHERE entity = 'package'").pluck().get()).toBe(44);
  },
};

upgradeTests(fixture);
