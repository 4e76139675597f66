import { once } from 'node:events';
import { setImmediate } from 'node:timers/promises';
import { CsvError, parse, type Parser } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import { message } from '../../../contract';
import type { RawRow, RawTable } from '../../../domain/roster/types';
import { RosterFileError, emptyFile, headerOnlyFile } from './errors';
import { recordTooLong, rosterFileLimits, tooManyCells, tooManyColumns, tooManyRows } from './limits';
import { toTable } from './table';
import { decodeText } from './text';

const DELIMITERS = [',', ';', '\t', '|'] as const;
// Parsed a slice at a time so that a 50 MB export does not freeze the kiosk: a slice is about 4 ms of
// work, well inside the 20 ms a key press at the door may wait behind an import.
const CHUNK_CHARS = 1 << 14;

/** Reports characters read so far out of the total, once per slice. */
export type ParseProgress = (done: number, total: number) => void;

export async function parseCsv(bytes: Uint8Array, onProgress?: ParseProgress): Promise<RawTable> {
  const decoded = decodeText(bytes);
  if (!/\S/u.test(decoded)) throw emptyFile();
  await setImmediate();
  // One line-ending style makes csv-parse's line count match what a text editor shows.
  const text = decoded.replace(/\r\n?/g, '\n');
  await setImmediate();
  // Before anything looks for the header: a 50 MB line would otherwise be split four ways to guess
  // the delimiter, and held whole by the parser.
  checkLineLengths(text);

  const records: RawRow[] = [];
  let lastRecordEnd = 0;
  let cells = 0;
  let overLimit: RosterFileError | null = null;
  const parser = parse({
    delimiter: detectDelimiter(text),
    record_delimiter: '\n',
    relax_column_count: true,
    relax_quotes: true,
    // A quoted field can span lines: this bounds what one record may hold, line breaks and all.
    max_record_size: rosterFileLimits.recordChars,
    // Blank lines come through so that toTable can count them as spacer rows.
    skip_empty_lines: false,
    // Collected here rather than read off the stream: this runs synchronously inside the parser, so at
    // a parse error `records` already holds everything before it, and no record pays for stream plumbing.
    on_record: (row, info) => {
      if (overLimit) return null;
      // info.lines is where the record ends; step back over line breaks inside quoted fields.
      const line = info.lines - countLineBreaks(row);
      lastRecordEnd = info.lines;
      overLimit = withinLimits(row, line, records.length, (cells += row.length));
      if (!overLimit) records.push({ line, cells: row });
      return null;
    },
  });
  try {
    await feed(parser, text, onProgress, () => overLimit);
  } catch (error) {
    throw error instanceof CsvError ? malformedCsv(error, lastRecordEnd + 1) : error;
  }
  const table = await toTable(records);
  if (!table) throw emptyFile();
  if (table.rows.length === 0) throw headerOnlyFile();
  return table;
}

/** The candidate that splits the header line into the most columns; comma on a tie. */
function detectDelimiter(text: string): string {
  const headerLine = /^.*\S.*$/m.exec(text)?.[0] ?? '';
  let best: string = DELIMITERS[0];
  let bestCount = 0;
  for (const delimiter of DELIMITERS) {
    const [fields = []] = parseSync(headerLine, { delimiter, relax_quotes: true, relax_column_count: true }) as string[][];
    if (fields.length > bestCount) {
      best = delimiter;
      bestCount = fields.length;
    }
  }
  return best;
}

/** Refuses a file with a line longer than a record may be, naming the first. */
function checkLineLengths(text: string): void {
  let line = 1;
  for (let start = 0; start < text.length; line += 1) {
    const end = text.indexOf('\n', start);
    const stop = end === -1 ? text.length : end;
    if (stop - start > rosterFileLimits.recordChars) throw recordTooLong(line);
    start = stop + 1;
  }
}

/**
 * Null while a record keeps the file within the limits; trailing empty cells beyond the last column a
 * roster may use are dropped (a sheet saved as CSV pads every row out to its widest one).
 */
function withinLimits(row: string[], line: number, rowsBefore: number, cellsSoFar: number): RosterFileError | null {
  if (rowsBefore >= rosterFileLimits.rows) return tooManyRows();
  if (cellsSoFar > rosterFileLimits.cells) return tooManyCells();
  if (row.length > rosterFileLimits.columns) {
    let last = row.length - 1;
    while (last >= 0 && row[last]!.trim() === '') last -= 1;
    if (last >= rosterFileLimits.columns) return tooManyColumns(line);
    row.length = rosterFileLimits.columns;
  }
  return null;
}

async function feed(
  parser: Parser,
  text: string,
  onProgress: ParseProgress | undefined,
  overLimit: () => RosterFileError | null,
): Promise<void> {
  let failure: unknown;
  parser.on('error', (error) => (failure ??= error));
  for (let start = 0; start < text.length; start += CHUNK_CHARS) {
    parser.write(text.slice(start, start + CHUNK_CHARS));
    // A macrotask break, not just a microtask one, so keypad and UI events get through on a huge file.
    await setImmediate();
    if (failure !== undefined) throw failure;
    const refused = overLimit();
    if (refused) throw refused;
    onProgress?.(Math.min(start + CHUNK_CHARS, text.length), text.length);
  }
  const finishing = once(parser, 'finish');
  parser.end();
  await finishing;
  const refused = overLimit();
  if (refused) throw refused;
}

function countLineBreaks(cells: readonly string[]): number {
  let count = 0;
  for (const cell of cells) {
    for (let at = cell.indexOf('\n'); at !== -1; at = cell.indexOf('\n', at + 1)) count += 1;
  }
  return count;
}

// With relax_quotes on, an unclosed quote is how a CSV fails: it swallows the rest of the file, so
// csv-parse notices at the end (or once the record outgrows its limit). Point at where it starts.
function malformedCsv(error: CsvError, brokenRecordLine: number): RosterFileError {
  const unclosedQuote = error.code === 'CSV_QUOTE_NOT_CLOSED' || error.code === 'CSV_MAX_RECORD_SIZE';
  return new RosterFileError(
    'malformed-csv',
    message(unclosedQuote ? 'roster.file.unclosedQuote' : 'roster.file.brokenLayout', { line: brokenRecordLine }),
  );
}
