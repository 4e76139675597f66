import { setImmediate } from 'node:timers/promises';
import { locateHeader } from '../../../domain/roster/layout';
import type { RawRow, RawTable } from '../../../domain/roster/types';

// Rows handled between two breaks for the event loop: a large export has hundreds of thousands.
const slice = 5000;

/**
 * Turns rows as read from a sheet into a RawTable: the header is found among the first rows (see
 * locateHeader: title rows above it are skipped, a two-row header is joined), blank rows are dropped and
 * counted, and every row gets exactly one cell per header. Null when there is no header at all.
 * Reuses the given rows and their cell arrays, which the readers hand over and never touch again:
 * copying half a million rows of a large export would double its memory for nothing.
 */
export async function toTable(sheetRows: RawRow[]): Promise<RawTable | null> {
  const nonBlank: RawRow[] = [];
  const blankLines: number[] = [];
  for (let start = 0; start < sheetRows.length; start += slice) {
    for (const row of sheetRows.slice(start, start + slice)) {
      if (row.cells.some((cell) => cell.trim() !== '')) nonBlank.push(row);
      else blankLines.push(row.line);
    }
    await setImmediate();
  }
  const location = locateHeader(nonBlank);
  if (!location) return null;
  const headerEnd = location.headerRows.at(-1)!;
  const headers = location.headers;
  while (headers.at(-1) === '') headers.pop();
  const dataRows = nonBlank.slice(headerEnd + 1);
  for (let start = 0; start < dataRows.length; start += slice) {
    for (const row of dataRows.slice(start, start + slice)) {
      while (row.cells.length < headers.length) row.cells.push('');
      row.cells.length = headers.length;
    }
    await setImmediate();
  }
  const headerLines = location.headerRows.map((i) => nonBlank[i]!.line);
  const firstLine = headerLines.at(-1)!;
  const lastLine = dataRows.at(-1)?.line ?? firstLine;
  const spacerRows = blankLines.filter((line) => line > firstLine && line < lastLine).length;
  const titleRows = location.headerRows[0]!;
  // Only a report-shaped file carries its layout; a plain table is just headers and rows.
  const plain = titleRows === 0 && headerLines.length === 1 && spacerRows === 0;
  return plain ? { headers, rows: dataRows } : { headers, rows: dataRows, layout: { headerLines, titleRows, spacerRows } };
}
