import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { benchDoor } from './door';
import { benchLabels } from './labels';
import { benchPackages } from './packages';
import { benchRoster } from './roster';
import { benchSignIn } from './signin';
import { benchSync } from './sync';
import { benchSyncScale } from './syncScale';
import type { BenchResult } from './stats';

const ms = (v: number) => `${v.toFixed(3)} ms`;

const log = (line: string) => process.stdout.write(`${line}\n`);
const resultsFile = join(import.meta.dirname, 'RESULTS.md');
const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${process.platform}`;
const load = () =>
  loadavg()
    .map((v) => v.toFixed(2))
    .join(', ');

// `npm run bench -- roster` runs the roster part alone (about a minute and a half) and replaces its section of RESULTS.md.
if (process.argv[2] === 'roster') {
  const loadBefore = load();
  const section = await benchRoster(log);
  const note = `Roster section rerun alone (\`npm run bench -- roster\`) on ${new Date().toISOString().slice(0, 10)}: ${machine}; load average (1, 5, 15 min) ${loadBefore} before, ${load()} after.\n\n`;
  const report = readFileSync(resultsFile, 'utf8');
  const start = report.indexOf('## Roster import');
  const end = report.indexOf('\n## ', start + 1);
  if (start === -1 || end === -1)
    throw new Error('bench/RESULTS.md has no roster section to replace: run the whole `npm run bench` first.');
  const [heading, ...body] = section.split('\n\n');
  writeFileSync(resultsFile, `${report.slice(0, start)}${heading}\n\n${note}${body.join('\n\n')}${report.slice(end)}`);
  log(section);
  process.exit(0);
}

// `npm run bench -- signin` runs the sign-in flood alone (about half a minute) and replaces (or adds) its section.
if (process.argv[2] === 'signin') {
  const loadBefore = load();
  const section = await benchSignIn(log);
  const note = `Sign-in section rerun alone (\`npm run bench -- signin\`) on ${new Date().toISOString().slice(0, 10)}: ${machine}; load average (1, 5, 15 min) ${loadBefore} before, ${load()} after.\n\n`;
  const report = readFileSync(resultsFile, 'utf8');
  const [heading, ...body] = section.split('\n\n');
  const replaced = `${heading}\n\n${note}${body.join('\n\n')}`;
  const start = report.indexOf(heading!);
  const end = start === -1 ? -1 : report.indexOf('\n## ', start + 1);
  writeFileSync(
    resultsFile,
    start === -1 ? `${report.trimEnd()}\n\n${replaced}` : `${report.slice(0, start)}${replaced}${end === -1 ? '' : report.slice(end)}`,
  );
  log(section);
  process.exit(0);
}

// `npm run bench -- sync` runs the sync latency alone (about half a minute), `npm run bench -- sync-scale` the
// catch-up of 50,000 and the apply rate in sites of 2, 3 and 5 nodes (several minutes); each replaces (or adds) its section.
const syncParts: Record<string, (log: (line: string) => void) => Promise<string>> = { sync: benchSync, 'sync-scale': benchSyncScale };
const syncPart = syncParts[process.argv[2] ?? ''];
if (syncPart) {
  const loadBefore = load();
  const section = await syncPart(log);
  const note = `Section run alone (\`npm run bench -- ${process.argv[2]}\`) on ${new Date().toISOString().slice(0, 10)}: ${machine}; load average (1, 5, 15 min) ${loadBefore} before, ${load()} after.\n\n`;
  const report = readFileSync(resultsFile, 'utf8');
  const [heading, ...body] = section.split('\n\n');
  const replaced = `${heading}\n\n${note}${body.join('\n\n')}`;
  const start = report.indexOf(heading!);
  const end = start === -1 ? -1 : report.indexOf('\n## ', start + 1);
  writeFileSync(
    resultsFile,
    start === -1 ? `${report.trimEnd()}\n\n${replaced}` : `${report.slice(0, start)}${replaced}${end === -1 ? '' : report.slice(end)}`,
  );
  log(section);
  process.exit(0);
}

// `npm run bench -- labels` reads the label set alone (about three minutes) and replaces (or adds) its section.
if (process.argv[2] === 'labels') {
  const loadBefore = load();
  const section = await benchLabels(log);
  const note = `Labels section run alone (\`npm run bench -- labels\`) on ${new Date().toISOString().slice(0, 10)}: ${machine}; load average (1, 5, 15 min) ${loadBefore} before, ${load()} after.\n\n`;
  const report = readFileSync(resultsFile, 'utf8');
  const [heading, ...body] = section.split('\n\n');
  const replaced = `${heading}\n\n${note}${body.join('\n\n')}`;
  const start = report.indexOf(heading!);
  const end = start === -1 ? -1 : report.indexOf('\n## ', start + 1);
  writeFileSync(
    resultsFile,
    start === -1 ? `${report.trimEnd()}\n\n${replaced}` : `${report.slice(0, start)}${replaced}${end === -1 ? '' : report.slice(end)}`,
  );
  process.exit(0);
}

// `npm run bench -- door` runs the door decision alone (a few minutes) and prints its table; RESULTS.md is left as it is.
if (process.argv[2] === 'door') {
  const loadBefore = load();
  const door = await benchDoor(log);
  log(`${machine}; load average (1, 5, 15 min) ${loadBefore} before, ${load()} after.\n`);
  log(
    [
      '| What | Samples | p50 | p99 |',
      '| --- | --- | --- | --- |',
      ...door.map((r) => `| ${r.name} | ${r.samples.length} | ${ms(r.p50)} | ${ms(r.p99)} |`),
    ].join('\n'),
  );
  process.exit(0);
}

const loadBefore = load();
const results: BenchResult[] = await benchDoor(log);
const rosterSection = await benchRoster(log);
const packagesSection = await benchPackages(log);
const signInSection = await benchSignIn(log);
const syncSection = await benchSync(log);
const labelsSection = await benchLabels(log);
const syncScaleSection = await benchSyncScale(log);

const [door, doorNormal, committed, committedNormal, floor, floorNormal] = results;
const rows = results.map((r) => `| ${r.name} | ${r.samples.length} | ${ms(r.p50)} | ${ms(r.p99)} |`);
const report = `# Benchmarks

Produced by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}. Machine: ${machine}.
Load average (1, 5, 15 min) ${loadBefore} before, ${load()} after.
Timings on shared machines are noisy: compare the ratio to the floor measured in the same run, not absolute numbers.

## Door decision (100,000 recipients with PINs, 1,000,000 audit rows)

| What | Samples | p50 | p99 |
| --- | --- | --- | --- |
${rows.join('\n')}

Packroom runs with \`synchronous = FULL\`: a commit returns only once it is on the disk, so a power cut loses no
committed door decision. The relay command goes out inside the decision's transaction, after its writes and just
before the commit, so the door does not wait for the disk: key in → relay command out, p99 ${ms(door!.p99)} with FULL
(${ms(doorNormal!.p99)} with NORMAL); the limit is 1 ms, ${door!.p99 < 1 ? 'met' : '**not met**'}. The wait for the disk follows it: key in →
decision committed, p50 ${ms(committed!.p50)} / p99 ${ms(committed!.p99)} with FULL against ${ms(committedNormal!.p50)} / ${ms(committedNormal!.p99)} with NORMAL.
Nobody is told of a decision before it is on the disk; a power cut inside that gap can lose the one decision in it.

Ratio to the floor at the same setting (decision committed vs bare lookup + insert): FULL p50 ×${(committed!.p50 / floor!.p50).toFixed(1)},
p99 ×${(committed!.p99 / floor!.p99).toFixed(1)}; NORMAL p50 ×${(committedNormal!.p50 / floorNormal!.p50).toFixed(1)}, p99 ×${(committedNormal!.p99 / floorNormal!.p99).toFixed(1)}.
The door path adds the HID report decoding, the keypad entry rules, the throttle check, the HMAC of the PIN,
the expiry and recipient checks, the throttle's saved state and the audit row's JSON on top of the floor's lookup and insert.

${rosterSection}
${packagesSection}
${signInSection}
${syncSection}
${labelsSection}
${syncScaleSection}`;
writeFileSync(resultsFile, report);
log(report);
