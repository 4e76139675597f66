/**
 * Packages at a busy site: 100,000 recipients with PINs and 1,000,000 packages in the log (2,000 of
 * them waiting). Logging a package (validate, detect the carrier, insert, audit, queue the notice),
 * the list's first page and a tracking-number search, each beside a floor of bare better-sqlite3
 * statements doing the same rows' work in the same run; and the door decision with and without
 * the 1,000,000 packages, with pickup marking on (it runs after the relay command, off the path).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { encodeBootKeyboard } from '../native/hid/bootKeyboard';
import { createSimulator } from '../native/sim/simulator';
import { packageListInput, packageLogInput } from '../src/contract/packages';
import { createCore, type Core } from '../src/core';
import { random } from '../src/random';
import { cliActor } from '../src/services/audit/service';
import { percentile } from './stats';

const recipients = 100_000;
const packages = 1_000_000;
const waiting = 2_000;
const trials = 2_000;
const doorTrials = 2_000;

const ms = (v: number) => `${v.toFixed(3)} ms`;
const tracking = (i: number) => `BENCH${String(i).padStart(10, '0')}`;

interface Timing {
  p50: number;
  p99: number;
}
const timing = (samples: number[]): Timing => ({ p50: percentile(samples, 50), p99: percentile(samples, 99) });

export async function benchPackages(log: (line: string) => void): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'packroom-bench-packages-'));
  const core = createCore({ dataDir, env: {} });
  try {
    log(`packages: seeding ${recipients.toLocaleString()} recipients with PINs…`);
    const pins = seedRecipients(core);
    const door = await doorRig(core, pins);
    const doorBefore = await door();

    log(`packages: seeding ${packages.toLocaleString()} packages…`);
    const seedStart = performance.now();
    seedPackages(core);
    log(`packages: seeded in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);
    const doorAfter = await door();

    const logged = timeLogging(core);
    const list = timeList(core);
    const search = timeSearch(core);
    const row = (what: string, t: Timing, floor: Timing, target: string) =>
      `| ${what} | ${ms(t.p50)} | ${ms(t.p99)} | ${ms(floor.p99)} | ×${(t.p99 / floor.p99).toFixed(1)} | ${target} |`;
    const change = (a: number, b: number) => `${b >= a ? '+' : ''}${(((b - a) / a) * 100).toFixed(1)} %`;
    return `## Packages (${recipients.toLocaleString('en-US')} recipients, ${packages.toLocaleString('en-US')} packages in the log, ${waiting.toLocaleString('en-US')} waiting)

${trials.toLocaleString('en-US')} samples each. The floor is bare better-sqlite3 statements doing the same rows' work, on the same data, in the same run.

| What | p50 | p99 | Floor p99 | p99 / floor | Target (p99) |
| --- | --- | --- | --- | --- | --- |
${row('log a package (validate, detect carrier, insert, audit, queue notice) — floor: package insert + audit insert in one transaction', logged.service, logged.floor, '≤ 5 ms')}
${row('list, first page (Waiting, newest first, 50 rows) — floor: the same indexed SELECT … LIMIT 51', list.service, list.floor, '≤ 10 ms')}
${row('tracking-number search (a scanned number) — floor: indexed lookup of the number joined to its recipient', search.service, search.floor, '≤ 10 ms')}

Door decision (last key report in → relay command out), ${doorTrials.toLocaleString('en-US')} PINs each, pickup marking on:

| Log | p50 | p99 |
| --- | --- | --- |
| without packages | ${ms(doorBefore.p50)} | ${ms(doorBefore.p99)} |
| with ${packages.toLocaleString('en-US')} packages | ${ms(doorAfter.p50)} | ${ms(doorAfter.p99)} |
| change | ${change(doorBefore.p50, doorAfter.p50)} | ${change(doorBefore.p99, doorAfter.p99)} |

The target is within 10 %: the pickup marking runs after the relay command, on a later turn of the event loop.
`;
  } finally {
    await core.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Bulk rows straight through SQL: the bench measures packages, not the seeding. */
function seedRecipients(core: Core): string[] {
  const now = Date.now();
  const pins: string[] = [];
  const addRecipient = core.db.prepare(
    "INSERT INTO recipients (first_name, last_name, unit, email, status, created_at, updated_at) VALUES (?, ?, ?, ?, 'active', ?, ?)",
  );
  const addKey = core.db.prepare(
    "INSERT INTO access_keys (recipient_id, kind, pin_hash, pin_enc, qr_hash, qr_enc, created_at) VALUES (?, 'permanent', ?, ?, ?, ?, ?)",
  );
  core.db.transaction(() => {
    for (let i = 0; i < recipients; i++) {
      const id = Number(addRecipient.run(`First${i}`, `Last${i}`, `${i % 900}`, `r${i}@example.com`, now, now).lastInsertRowid);
      const pin = String(10_000_000 + i * 877 + (i % 7));
      const qr = random.token(16);
      addKey.run(id, core.keys.lookupHash('pin', pin), core.keys.seal(pin), core.keys.lookupHash('qr', qr), core.keys.seal(qr), now);
      if (i % 50 === 0) pins.push(pin);
    }
  })();
  return pins;
}

/** Three years of deliveries, oldest first; the newest few thousand still waiting. */
function seedPackages(core: Core): void {
  const now = Date.now();
  const span = 3 * 365 * 86_400_000;
  const carriers = ['ups', 'fedex', 'usps', 'amazon', 'dhl'];
  const add = core.db.prepare(
    `INSERT INTO packages (tracking, carrier, recipient_id, shelf, status, logged_at, logged_by_name, picked_up_at, picked_up_via,
       picked_up_credential, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, 'desk', ?, ?, ?, ?)`,
  );
  core.db.transaction(() => {
    for (let i = 0; i < packages; i++) {
      const loggedAt = now - span + Math.floor((i / packages) * span);
      const isWaiting = i >= packages - waiting;
      add.run(
        tracking(i),
        carriers[i % carriers.length]!,
        ((i * 7919) % recipients) + 1,
        `S${i % 40}`,
        isWaiting ? 'waiting' : 'picked_up',
        loggedAt,
        isWaiting ? null : loggedAt + 20 * 3_600_000,
        isWaiting ? null : 'door',
        isWaiting ? null : 'pin',
        loggedAt,
      );
    }
  })();
  core.db.pragma('optimize');
}

/** The door bench's rig: a simulated keypad, the relay command timed at the driver boundary. */
async function doorRig(core: Core, pins: string[]): Promise<() => Promise<Timing>> {
  const sim = createSimulator(() => core.clock.now());
  await core.devices.start('sim', sim);
  await core.devices.unassign(cliActor, 'relay');
  await core.devices.unassign(cliActor, 'reader');
  let relayAt = 0;
  await core.door.setRelay({ id: 'bench', set: async (_channel, on) => void (on && (relayAt = performance.now())) }, 1);
  const hash = encodeBootKeyboard('#', { keypad: true });
  let round = 0;
  return async () => {
    const samples: number[] = [];
    round++;
    for (let i = 0; i < doorTrials; i++) {
      const pin = pins[(i * 7919 + round) % pins.length]!;
      sim.keypad.type(pin);
      relayAt = 0;
      const start = performance.now();
      for (const report of hash) sim.keypad.sendReport(report);
      if (relayAt === 0) throw new Error(`PIN ${i} did not open the door`);
      samples.push(relayAt - start);
      await core.door.settled();
      await core.packages.settled();
    }
    return timing(samples);
  };
}

function timeLogging(core: Core): { service: Timing; floor: Timing } {
  const service: number[] = [];
  for (let i = 0; i < trials; i++) {
    const raw = {
      tracking: i % 2 ? `TBA${String(900_000_000_000 + i)}` : `1Z${String(i).padStart(16, '0')}\t`,
      carrier: 'amazon',
      recipientId: ((i * 31) % recipients) + 1,
      shelf: 'B2',
    };
    const start = performance.now();
    core.packages.log(cliActor, packageLogInput.parse(raw));
    service.push(performance.now() - start);
  }
  const insert = core.db.prepare(
    "INSERT INTO packages (tracking, carrier, recipient_id, shelf, logged_at, logged_by_name, updated_at) VALUES (?, 'ups', ?, 'B2', ?, 'cli', ?)",
  );
  const audit = core.db.prepare('INSERT INTO audit_log (at, actor, action, subject, details) VALUES (?, ?, ?, ?, ?)');
  const both = core.db.transaction((i: number) => {
    const now = Date.now();
    insert.run(`FLOOR${i}`, (i % recipients) + 1, now, now);
    audit.run(now, 'cli', 'package.logged', `recipient:${(i % recipients) + 1}`, `{"tracking":"FLOOR${i}"}`);
  });
  const floor: number[] = [];
  for (let i = 0; i < trials; i++) {
    const start = performance.now();
    both(i);
    floor.push(performance.now() - start);
  }
  return { service: timing(service), floor: timing(floor) };
}

function timeList(core: Core): { service: Timing; floor: Timing } {
  const service: number[] = [];
  const input = packageListInput.parse({ status: 'waiting' });
  for (let i = 0; i < trials; i++) {
    const start = performance.now();
    core.packages.list(input);
    service.push(performance.now() - start);
  }
  const bare = core.db.prepare(
    "SELECT p.*, r.first_name, r.last_name FROM packages p JOIN recipients r ON r.id = p.recipient_id WHERE p.status = 'waiting' ORDER BY p.logged_at DESC, p.id DESC LIMIT 51",
  );
  const floor: number[] = [];
  for (let i = 0; i < trials; i++) {
    const start = performance.now();
    bare.all();
    floor.push(performance.now() - start);
  }
  return { service: timing(service), floor: timing(floor) };
}

function timeSearch(core: Core): { service: Timing; floor: Timing } {
  const service: number[] = [];
  for (let i = 0; i < trials; i++) {
    const query = tracking((i * 7919) % packages);
    const start = performance.now();
    const page = core.packages.list(packageListInput.parse({ status: 'all', query }));
    service.push(performance.now() - start);
    if (page.items.length !== 1) throw new Error(`search for ${query} found ${page.items.length}`);
  }
  const bare = core.db.prepare(
    'SELECT p.*, r.first_name, r.last_name FROM packages p JOIN recipients r ON r.id = p.recipient_id WHERE p.tracking = ?',
  );
  const floor: number[] = [];
  for (let i = 0; i < trials; i++) {
    const query = tracking((i * 7919) % packages);
    const start = performance.now();
    bare.all(query);
    floor.push(performance.now() - start);
  }
  return { service: timing(service), floor: timing(floor) };
}
