import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { benchDoor } from './door';
import { benchPackages } from './packages';
import { benchRoster } from './roster';
import type { BenchResult } from './stats';

const ms = (v: number) => `${v.toFixed(3)} ms`;

const log = (line: string) => process.stdout.write(`${line}\n`);
const results: BenchResult[] = await benchDoor(log);
const rosterSection = await benchRoster(log);
const packagesSection = await benchPackages(log);

const [door, floor] = results;
const rows = results.map((r) => `| ${r.name} | ${r.samples.length} | ${ms(r.p50)} | ${ms(r.p99)} |`);
const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${process.platform}`;
const report = `# Benchmarks

Produced by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}. Machine: ${machine}.
Timings on shared machines are noisy: compare the ratio to the floor measured in the same run, not absolute numbers.

## Door decision (100,000 recipients with PINs, 1,000,000 audit rows)

| What | Samples | p50 | p99 |
| --- | --- | --- | --- |
${rows.join('\n')}

Ratio to the floor: p50 ×${(door!.p50 / floor!.p50).toFixed(1)}, p99 ×${(door!.p99 / floor!.p99).toFixed(1)}.
The door path adds the HID report decoding, the keypad entry rules, the throttle check, the HMAC of the PIN,
the expiry and recipient checks and the audit row's JSON on top of the floor's lookup and insert.

${rosterSection}
${packagesSection}`;
writeFileSync(join(import.meta.dirname, 'RESULTS.md'), report);
log(report);
