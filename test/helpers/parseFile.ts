/**
 * Reads one roster file as the preview does, in a process of its own, and prints what came of it with
 * the time it took and the process's peak memory (max RSS): how the hostile-file tests measure a parse
 * without the test runner's own heap in the figure. Usage: node --import tsx parseFile.ts FILE NAME
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseRosterFile, RosterFileError } from '../../src/services/roster/file/parse';

const [file, name] = process.argv.slice(2) as [string, string];
const bytes = readFileSync(file);
const started = performance.now();
let outcome: Record<string, unknown>;
try {
  const table = await parseRosterFile(bytes, name);
  outcome = { read: true, rows: table.rows.length, headers: table.headers };
} catch (error) {
  outcome = error instanceof RosterFileError ? { read: false, problem: error.problem, message: error.message } : { crashed: String(error) };
}
const ms = performance.now() - started;
process.stdout.write(`${JSON.stringify({ ...outcome, ms, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
