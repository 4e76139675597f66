/**
 * Several PCs, one building (issue 20): a change made at node A, visible at node B. Two cores on their own data
 * folders in this process, a real `nats-server -js` on a loopback port (the tests' harness). Each sample creates
 * one recipient at A through the recipients service and waits until B has applied it (B's `recipients.changed`);
 * one change at a time, so a sample is the whole path: A's commit and trigger, the publisher (woken by the change's
 * event), JetStream, B's durable consumer and its applying transaction.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createCore, type Core } from '../src/core';
import { systemActor } from '../src/services/audit/service';
import { startNatsServer } from '../test/helpers/natsServer';
import { percentile } from './stats';
import { singleUseWindow } from './syncAccess';

const samples = 300;
const singleUseSamples = 200;
const warmUp = 20;
const dataKey = Buffer.alloc(32, 1);

export async function benchSync(log: (line: string) => void): Promise<string> {
  const nats = await startNatsServer();
  const dirs = [mkdtempSync(join(tmpdir(), 'packroom-bench-a-')), mkdtempSync(join(tmpdir(), 'packroom-bench-b-'))];
  const cores: Core[] = [];
  try {
    const first = createCore({ dataDir: dirs[0]!, dataKey, env: {} });
    await first.site.init({ url: nats.url, site: 'bench', node: 'a' });
    await first.close();
    const second = createCore({ dataDir: dirs[1]!, dataKey, env: {} });
    second.repos.sync.configure('bench', 'b', nats.url);
    await second.close();
    const [a, b] = dirs.map((dataDir) => createCore({ dataDir, dataKey, env: {} }));
    cores.push(a!, b!);
    for (const core of cores) core.sync!.start();

    const times: number[] = [];
    for (let i = 0; i < warmUp + samples; i++) {
      const arrived = new Promise<void>((resolve) => {
        const off = b!.events.on('recipients.changed', () => {
          off();
          resolve();
        });
      });
      const started = performance.now();
      a!.recipients.create(systemActor, { firstName: `Bench${i}`, lastName: 'Sync', unit: String(i) });
      await arrived;
      if (i >= warmUp) times.push(performance.now() - started);
    }
    const p50 = percentile(times, 50);
    const p99 = percentile(times, 99);
    log(`sync A→B: p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms (${samples} samples)`);
    const uses = await singleUseWindow(a!, b!, singleUseSamples, warmUp);
    const [u50, u99, uMax] = [percentile(uses, 50), percentile(uses, 99), Math.max(...uses)];
    log(`Single Access PIN used at A, refused at B: p50 ${u50.toFixed(1)} ms, p99 ${u99.toFixed(1)} ms, max ${uMax.toFixed(1)} ms`);
    return `## Sync between two nodes (NATS JetStream on loopback)

Two nodes (cores on their own data folders) in one process and a real \`nats-server -js\` (${process.env.PACKROOM_NATS_SERVER ?? "Debian's"}) on
127.0.0.1. Each sample creates one recipient at A through the recipients service and waits until B applied it; one
change at a time, after ${warmUp} unmeasured ones.

| What | Samples | p50 | p99 | max |
| --- | --- | --- | --- | --- |
| a change at A visible at B (commit at A → applied at B) | ${samples} | ${p50.toFixed(1)} ms | ${p99.toFixed(1)} ms | ${Math.max(...times).toFixed(1)} ms |
| Single Access PIN used at A refused at B (A's door decision → the use applied at B) | ${singleUseSamples} | ${u50.toFixed(1)} ms | ${u99.toFixed(1)} ms | ${uMax.toFixed(1)} ms |

The target is p99 ≤ 1 s for both. For the Single Access PIN, each sample issues one at A and waits until B has it
(not measured), then A's door uses it; from the moment B has applied the use, B's door refuses it from its own
database. A change's event wakes A's publisher at once; a write that no event announces waits for its
next look at the outbox (every 500 ms when idle).
`;
  } finally {
    for (const core of cores) await core.close();
    await nats.dispose();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
}
