/**
 * A catch-up's commits do not wait for the disk (the door's thread would wait with them); its changes are
 * acknowledged to JetStream only once an fsync after their commit is done, so a power cut before it makes the
 * stream deliver them again (issue 20, "each door still decides locally within its latency budget").
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { createCore, type Core } from '../../src/core';
import { BackgroundCheckpoints } from '../../src/db/checkpoints';
import { DeferredDurability } from '../../src/db/durability';
import { openDatabase } from '../../src/db/open';
import { Applier } from '../../src/sync/applier';
import { consumerName, SyncEngine } from '../../src/sync/engine';
import { streamName } from '../../src/sync/event';
import { tempDir } from '../helpers/core';
import { startNatsServer, type TestNatsServer } from '../helpers/natsServer';
import { sharedRecipients } from '../helpers/sync';

const dataKey = Buffer.alloc(32, 7);
const full = 2;
const normal = 1;
let nats: TestNatsServer;

beforeAll(async () => {
  nats = await startNatsServer();
});
afterAll(async () => {
  await nats?.dispose();
});

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('deferred durability', () => {
  it('commits without waiting for the disk only inside relaxed, and goes back to FULL even when the work throws', async () => {
    const file = join(tempDir(), 'packroom.db');
    const db = openDatabase(file);
    try {
      const durability = new DeferredDurability(db, file);
      expect(durability.relaxed(() => db.pragma('synchronous', { simple: true }))).toBe(normal);
      expect(db.pragma('synchronous', { simple: true })).toBe(full);
      expect(() =>
        durability.relaxed(() => {
          throw new Error('refused');
        }),
      ).toThrow('refused');
      expect(db.pragma('synchronous', { simple: true })).toBe(full);
      db.exec('CREATE TABLE t (x INTEGER)');
      durability.relaxed(() => db.prepare('INSERT INTO t VALUES (1)').run());
      expect(existsSync(`${file}-wal`)).toBe(true);
      await durability.flushed();
    } finally {
      db.close();
    }
    // The last connection closed: no WAL left, nothing to flush.
    expect(existsSync(`${file}-wal`)).toBe(false);
    await expect(new DeferredDurability(db, file).flushed()).resolves.toBeUndefined();
  });
});

describe("a burst's acknowledgements", { timeout: 180_000 }, () => {
  it('wait for the flush after the commits; the changes are applied meanwhile', async () => {
    const site = 'durable';
    const originDir = tempDir();
    const made = createCore({ dataDir: originDir, dataKey, env: {} });
    await made.site.init({ url: nats.url, site, node: 'origin' });
    // A burst: more changes than one pull of the consumer (100), so the engine applies them as one.
    const add = made.db.prepare(
      "INSERT INTO recipients (first_name, last_name, unit, created_at, updated_at) VALUES (?, 'Lee', '1A', 0, 0)",
    );
    made.db.transaction(() => {
      for (let i = 0; i < 300; i++) add.run(`P${i}`);
    })();
    await made.close();
    // Opened again, as `packroom serve` after `site init`: the engine is built for a folder that is a node.
    const origin = createCore({ dataDir: originDir, dataKey, env: {} });
    onTestFinished(() => origin.close());
    origin.sync!.start();
    await until('the origin published its burst', () => origin.repos.sync.pendingCount() === 0);

    const dir = tempDir();
    const node: Core = createCore({ dataDir: dir, dataKey, env: {} });
    onTestFinished(() => node.close());
    node.repos.sync.configure(site, 'door', nats.url);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const real = new DeferredDurability(node.db, join(dir, 'packroom.db'));
    let flushes = 0;
    const engine = new SyncEngine({
      repos: node.repos,
      clock: node.clock,
      events: node.events,
      url: nats.url,
      auth: {},
      bulk: new BackgroundCheckpoints(node.db, join(dir, 'packroom.db'), node.clock),
      durability: {
        relaxed: (fn) => real.relaxed(fn),
        flushed: async () => {
          flushes += 1;
          await gate;
          await real.flushed();
        },
      },
      applier: new Applier({ repos: node.repos, tx: node.tx, clock: node.clock, events: node.events, alerts: node.alerts }),
    });
    onTestFinished(async () => {
      release();
      await engine.stop();
    });
    const nc = await connect({ servers: nats.url });
    onTestFinished(() => nc.close());
    const jsm = await jetstreamManager(nc);
    const last = (await jsm.streams.info(streamName(site))).state.last_seq;
    engine.start();
    await until('the burst is applied', () => JSON.stringify(sharedRecipients(node)) === JSON.stringify(sharedRecipients(origin)));
    const consumer = () => jsm.consumers.info(streamName(site), consumerName(node.repos.sync.node().nodeUid));
    // Applied, not acknowledged: the flush has not ended.
    expect(flushes).toBeGreaterThan(0);
    expect((await consumer()).ack_floor.stream_seq).toBeLessThan(last);
    release();
    await until('every change is acknowledged after the flush', async () => (await consumer()).ack_floor.stream_seq >= last);
    expect(sharedRecipients(node)).toHaveLength(300);
  });
});
