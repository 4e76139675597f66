import { locateHeader } from '../../../domain/roster/layout';
import type { RawRow, RawTable } from '../../../domain/roster/types';

/**
 * Turns rows as read from a sheet into a RawTable: the header is found among the first rows (see
 * locateHeader: title rows above it are skipped, a two-row header is joined), blank rows are dropped and
 * counted, and every row gets exactly one cell per header. Null when there is no header at all.
 * Reuses the given rows and their cell arrays, which the readers hand over and never touch again:
 * copying half a million rows of a large export would double its memory for nothing.
 */
export function toTable(sheetRows: RawRow[]): RawTable | null {
  const nonBlank = sheetRows.filter((row) => row.cells.some((cell) => cell.trim() !== ''));
  const location = locateHeader(nonBlank);
  if (!location) return null;
  const headerEnd = location.headerRows.at(-1)!;
  const headers = location.headers;
  while (headers.at(-1) === '') headers.pop();
  const dataRows = nonBlank.slice(headerEnd + 1);
  for (const row of dataRows) {
    while (row.cells.length < headers.length) row.cells.push('');
    row.cells.length = headers.length;
  }
  const headerLines = location.headerRows.map((i) => nonBlank[i]!.line);
  const firstLine = headerLines.at(-1)!;
  const lastLine = dataRows.at(-1)?.line ?? firstLine;
  const spacerRows = sheetRows.filter(
    (row) => row.line > firstLine && row.line < lastLine && row.cells.every((cell) => cell.trim() === ''),
  ).length;
  const titleRows = location.headerRows[0]!;
  // Only a report-shaped file carries its layout; a plain table is just headers and rows.
  const plain = titleRows === 0 && headerLines.length === 1 && spacerRows === 0;
  return plain ? { headers, rows: dataRows } : { headers, rows: dataRows, layout: { headerLines, titleRows, spacerRows } };
}
