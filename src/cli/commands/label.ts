import { existsSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { openDatabase } from '../../db/open';
import { databaseFile, resolveDataDir } from '../../paths';
import { imageLimits, type ImageProblem } from '../../services/labels/limits';
import type { LabelReading } from '../../services/labels/reading';
import { enginePaths, LabelReader } from '../../services/labels/thread';
import { parse, UsageError } from '../args';
import type { CliHost } from '../host';

export const labelUsage = `packroom label read FILE... [--data DIR] [--json]
      Reads each picture of a shipping label as the desk's camera would (barcode, tracking number, carrier,
      the ship-to block matched against that folder's roster), offline. One line per file (--json: one JSON
      object); a file that cannot be read gets its own line and the others go on (exit 1 when any could not).`;

type Problem = ImageProblem | 'unreadableFile';

const problemText: Record<Problem, string> = {
  empty: 'the file is empty',
  tooLarge: `the file is too large for a picture of a label (over ${imageLimits.maxBytes / 1024 / 1024} MB or ${imageLimits.maxPixels / 1_000_000} megapixels)`,
  notImage: 'not a picture (JPEG, PNG, WebP, TIFF or HEIC)',
  tooSmall: `the picture is too small to hold a label (under ${imageLimits.minSide} pixels a side)`,
  unreadableFile: 'the file cannot be opened',
};

/** A file's bytes, or why they were not read: a huge file is refused before it is read into memory. */
async function bytesOf(file: string): Promise<Uint8Array | Problem> {
  let handle;
  try {
    handle = await open(file, 'r');
    const { size, isFile } = await handle.stat().then((s) => ({ size: s.size, isFile: s.isFile() }));
    if (!isFile) return 'unreadableFile';
    if (size === 0) return 'empty';
    if (size > imageLimits.maxBytes) return 'tooLarge';
    const bytes = new Uint8Array(size);
    await handle.read(bytes, 0, size, 0);
    return bytes;
  } catch {
    return 'unreadableFile';
  } finally {
    await handle?.close();
  }
}

function jsonLine(file: string, r: LabelReading | null, problem: Problem | null): string {
  return JSON.stringify({
    file,
    tracking: r?.tracking ?? null,
    carrier: r?.carrier ?? null,
    recipient: r?.recipient ?? null,
    candidates: (r?.candidates ?? []).map(({ id, residentId, name, unit, score, why }) => ({ id, residentId, name, unit, score, why })),
    confidence: r?.confidence ?? 0,
    ms: r?.ms ?? 0,
    outcome: r?.outcome ?? 'unreadable',
    problem: problem === null ? null : { kind: problem, text: problemText[problem] },
    carrierName: r?.carrierName ?? null,
    trackingFrom: r?.trackingFrom ?? null,
    shipTo: r?.shipTo ?? [],
    formerResident: r?.formerResident ?? null,
  });
}

function textLine(file: string, r: LabelReading | null, problem: Problem | null): string {
  const name = basename(file);
  if (problem !== null || r === null) return `${name}: not read: ${problemText[problem ?? 'unreadableFile']}`;
  const parcel = `${r.carrierName ?? r.carrier?.toUpperCase() ?? 'carrier unknown'} ${r.tracking ?? '(no tracking number)'}`;
  const who = (p: { name: string; unit: string }) => `${p.name} (${p.unit})`;
  const list = r.candidates
    .slice(0, 3)
    .map((c) => `${who(c)} ${c.score.toFixed(2)}`)
    .join(', ');
  const outcome = {
    matched: () => `→ ${who(r.recipient!)}`,
    several: () => `several possible: ${list}`,
    partial: () => `partial match (the unit differs): ${list}`,
    none: () =>
      r.formerResident
        ? `nobody here: ${who(r.formerResident)} moved out${r.formerResident.moveOut ? ` ${r.formerResident.moveOut}` : ''}`
        : `nobody on the roster${list ? ` (closest: ${list})` : ''}`,
    unreadable: () => 'no ship-to block could be read',
  }[r.outcome]();
  return `${name}: ${parcel}, ${outcome} [confidence ${r.confidence.toFixed(2)}, ${r.ms} ms]`;
}

export async function labelCommand(args: string[], out: NodeJS.WritableStream, host: Pick<CliHost, 'nativeBinding'>): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'read')
    throw new UsageError(sub ? `unknown label command "${sub}" (try: packroom label read FILE...)` : 'label needs a command: read');
  const { values, positionals } = parse(rest, { data: { type: 'string' }, json: { type: 'boolean' } }, Number.MAX_SAFE_INTEGER);
  if (positionals.length === 0) throw new UsageError('label read needs at least one picture: packroom label read FILE...');
  const file = databaseFile(resolveDataDir(values.data));
  if (!existsSync(file)) throw new Error(`There is no Packroom database at ${file}.`);
  // Opened (and brought up to this version) here; the label thread reads the roster beside it, read-only.
  const db = openDatabase(file, host.nativeBinding ? { nativeBinding: host.nativeBinding } : {});
  const reader = new LabelReader({
    database: { file, ...(host.nativeBinding && { nativeBinding: host.nativeBinding }) },
    paths: enginePaths(),
  });
  let failed = 0;
  try {
    for (const path of positionals) {
      const bytes = await bytesOf(path);
      const reading = typeof bytes === 'string' ? null : await reader.read(bytes);
      const problem: Problem | null = typeof bytes === 'string' ? bytes : (reading?.problem ?? null);
      if (problem !== null) failed += 1;
      out.write(`${values.json ? jsonLine(path, reading, problem) : textLine(path, reading, problem)}\n`);
    }
    return failed > 0 ? 1 : 0;
  } finally {
    await reader.stop();
    db.close();
  }
}
