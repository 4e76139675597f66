/**
 * Door decision latency: from the last key report (the '#' press) entering the HID decoder to the
 * relay "on" command leaving, with 100,000 recipients and 1,000,000 audit rows in the database.
 * The floor is a bare better-sqlite3 indexed lookup plus an audit insert in one transaction, on
 * the same data: how close the whole door path gets to what SQLite alone costs. Both are measured
 * with synchronous = FULL (what Packroom runs) and NORMAL (what it ran before), in one run. One recipient in ten
 * has a person allowed to collect with a proxy PIN (issue 22), so the door's lookup runs over a table that holds
 * them; a proxy PIN's own decision (its proxy and the packages waiting, in the same statement) is measured apart.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { encodeBootKeyboard } from '../native/hid/bootKeyboard';
import { createSimulator } from '../native/sim/simulator';
import { createCore } from '../src/core';
import { random } from '../src/random';
import { cliActor } from '../src/services/audit/service';
import { percentile, type BenchResult } from './stats';

const recipients = 100_000;
/** One recipient in `proxyEvery` has a proxy with a proxy PIN. */
const proxyEvery = 10;
const auditRows = 1_000_000;
const trials = 2_000;
const proxyTrialsPerBlock = 50;
const blocks = 10;

export async function benchDoor(log: (line: string) => void): Promise<BenchResult[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'packroom-bench-'));
  const core = createCore({ dataDir, env: {} });
  try {
    log(`seeding ${recipients.toLocaleString()} recipients with PINs and ${auditRows.toLocaleString()} audit rows…`);
    const { pins, proxyPins } = seed(core);

    const sim = createSimulator(() => core.clock.now());
    await core.devices.start('sim', sim);
    // Only the keypad is real here: the relay command is timed at the driver boundary.
    await core.devices.unassign(cliActor, 'relay');
    await core.devices.unassign(cliActor, 'reader');
    let relayAt = 0;
    await core.door.setRelay({ id: 'bench', set: async (_channel, on) => void (on && (relayAt = performance.now())) }, 1);

    const hashReports = encodeBootKeyboard('#', { keypad: true });
    let trial = 0;
    /** Key in → relay command out, and key in → the decision committed (on the disk, with FULL). */
    const doorTrials = async (count: number): Promise<{ relay: number[]; committed: number[] }> => {
      const relay: number[] = [];
      const committed: number[] = [];
      for (let i = 0; i < count; i++, trial++) {
        const pin = pins[(trial * 7919) % pins.length]!;
        sim.keypad.type(pin);
        relayAt = 0;
        const start = performance.now();
        for (const report of hashReports) sim.keypad.sendReport(report);
        const end = performance.now();
        if (relayAt === 0) throw new Error(`PIN ${trial} did not open the door`);
        relay.push(relayAt - start);
        committed.push(end - start);
        await core.door.settled();
      }
      return { relay, committed };
    };

    // A proxy PIN opens only while a package waits, and its grant collects it: one is logged before each try.
    const addPackage = core.db.prepare(
      "INSERT INTO packages (tracking, carrier, recipient_id, logged_at, logged_by_name, updated_at) VALUES (?, 'ups', ?, ?, 'bench', ?)",
    );
    const proxyTrials = async (count: number): Promise<number[]> => {
      const relay: number[] = [];
      for (let i = 0; i < count; i++, trial++) {
        const proxy = proxyPins[(trial * 7919) % proxyPins.length]!;
        addPackage.run(`BENCH${trial}`, proxy.recipientId, core.clock.now(), core.clock.now());
        sim.keypad.type(proxy.pin);
        relayAt = 0;
        const start = performance.now();
        for (const report of hashReports) sim.keypad.sendReport(report);
        if (relayAt === 0) throw new Error(`proxy PIN ${trial} did not open the door`);
        relay.push(relayAt - start);
        await core.door.settled();
        await core.packages.settled();
      }
      return relay;
    };

    const lookup = core.db.prepare(
      "SELECT k.id, r.status FROM access_keys k JOIN recipients r ON r.id = k.recipient_id WHERE k.pin_hash = ? AND k.status = 'active'",
    );
    const insert = core.db.prepare('INSERT INTO audit_log (at, actor, action, subject, details) VALUES (?, ?, ?, ?, ?)');
    const both = core.db.transaction((hash: Buffer) => {
      const row = lookup.get(hash) as { id: number } | undefined;
      insert.run(Date.now(), 'door', 'door.granted', `recipient:${row?.id}`, '{"device":"keypad"}');
    });
    const hashes = pins.map((p) => core.keys.lookupHash('pin', p));
    const floorTrials = (count: number): number[] => {
      const samples: number[] = [];
      for (let i = 0; i < count; i++, trial++) {
        const start = performance.now();
        both(hashes[(trial * 7919) % hashes.length]!);
        samples.push(performance.now() - start);
      }
      return samples;
    };

    // Packroom runs with synchronous = FULL (every commit reaches the disk before the relay moves);
    // NORMAL is measured in the same run, on the same file, to show what that durability costs.
    const modes = () => ({ FULL: [] as number[], NORMAL: [] as number[] });
    const samples = { door: modes(), committed: modes(), floor: modes(), proxy: modes() };
    await doorTrials(200);
    // Alternating blocks, so a neighbour's burst on the shared machine lands on both modes alike.
    for (let block = 0; block < blocks; block++) {
      for (const mode of ['FULL', 'NORMAL'] as const) {
        core.db.pragma(`synchronous = ${mode}`);
        const { relay, committed } = await doorTrials(trials / blocks);
        samples.door[mode].push(...relay);
        samples.committed[mode].push(...committed);
        samples.floor[mode].push(...floorTrials(trials / blocks));
        samples.proxy[mode].push(...(await proxyTrials(proxyTrialsPerBlock)));
      }
    }
    core.db.pragma('synchronous = FULL');
    const result = (name: string, values: number[]): BenchResult => ({
      name,
      samples: values,
      p50: percentile(values, 50),
      p99: percentile(values, 99),
    });
    return [
      result('door decision, synchronous = FULL (last key report in → relay command out)', samples.door.FULL),
      result('door decision, synchronous = NORMAL', samples.door.NORMAL),
      result('key in → decision committed, FULL (the relay command is already out)', samples.committed.FULL),
      result('key in → decision committed, NORMAL', samples.committed.NORMAL),
      result('floor: bare indexed lookup + audit insert (better-sqlite3), FULL', samples.floor.FULL),
      result('floor: bare indexed lookup + audit insert (better-sqlite3), NORMAL', samples.floor.NORMAL),
      result('door decision for a proxy PIN, a package waiting, FULL', samples.proxy.FULL),
    ];
  } finally {
    await core.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Bulk rows straight through SQL: the bench measures the door, not the seeding. */
function seed(core: ReturnType<typeof createCore>): { pins: string[]; proxyPins: { pin: string; recipientId: number }[] } {
  const now = Date.now();
  const pins: string[] = [];
  const proxyPins: { pin: string; recipientId: number }[] = [];
  const addProxy = core.db.prepare(
    "INSERT INTO proxies (recipient_id, name, created_at, created_by, updated_at) VALUES (?, 'Proxy', ?, 'bench', ?)",
  );
  const addProxyKey = core.db.prepare(
    "INSERT INTO access_keys (recipient_id, kind, pin_hash, pin_enc, qr_hash, qr_enc, created_at, proxy_id) VALUES (?, 'permanent', ?, ?, ?, ?, ?, ?)",
  );
  const addRecipient = core.db.prepare(
    "INSERT INTO recipients (first_name, last_name, unit, status, created_at, updated_at) VALUES (?, ?, ?, 'active', ?, ?)",
  );
  const addKey = core.db.prepare(
    "INSERT INTO access_keys (recipient_id, kind, pin_hash, pin_enc, qr_hash, qr_enc, created_at) VALUES (?, 'permanent', ?, ?, ?, ?, ?)",
  );
  const addAudit = core.db.prepare('INSERT INTO audit_log (at, actor, action, subject, details) VALUES (?, ?, ?, ?, ?)');
  core.db.transaction(() => {
    for (let i = 0; i < recipients; i++) {
      const id = Number(addRecipient.run(`First${i}`, `Last${i}`, `${i % 900}`, now, now).lastInsertRowid);
      const pin = String(10_000_000 + i * 877 + (i % 7));
      const qr = random.token(16);
      addKey.run(id, core.keys.lookupHash('pin', pin), core.keys.seal(pin), core.keys.lookupHash('qr', qr), core.keys.seal(qr), now);
      if (i % 50 === 0) pins.push(pin);
      if (i % proxyEvery === 3) {
        const proxyId = addProxy.run(id, now, now).lastInsertRowid;
        // Another range than the residents' PINs (10,000,000 + i × 877 stays below 98,000,000).
        const proxyPin = String(98_000_000 + i * 13);
        const proxyQr = random.token(16);
        addProxyKey.run(
          id,
          core.keys.lookupHash('pin', proxyPin),
          core.keys.seal(proxyPin),
          core.keys.lookupHash('qr', proxyQr),
          core.keys.seal(proxyQr),
          now,
          proxyId,
        );
        if (i % 500 === 3) proxyPins.push({ pin: proxyPin, recipientId: id });
      }
    }
    for (let i = 0; i < auditRows; i++) {
      addAudit.run(
        now - i,
        'door',
        i % 3 ? 'door.granted' : 'door.denied',
        `recipient:${(i % recipients) + 1}`,
        '{"device":"keypad","via":"pin"}',
      );
    }
  })();
  return { pins, proxyPins };
}
