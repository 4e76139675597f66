import type { RawRow, RawTable } from '../../../domain/roster/types';

/**
 * Turns rows as read from a sheet into a RawTable: the first non-blank row is the header, blank rows
 * are dropped and every row gets exactly one cell per header. Null when there is no header at all.
 * Reuses the given rows and their cell arrays, which the readers hand over and never touch again:
 * copying half a million rows of a large export would double its memory for nothing.
 */
export function toTable(sheetRows: RawRow[]): RawTable | null {
  const nonBlank = sheetRows.filter((row) => row.cells.some((cell) => cell.trim() !== ''));
  const [headerRow, ...dataRows] = nonBlank;
  if (!headerRow) return null;
  const headers = headerRow.cells.map((cell) => cell.trim());
  while (headers.at(-1) === '') headers.pop();
  for (const row of dataRows) {
    while (row.cells.length < headers.length) row.cells.push('');
    row.cells.length = headers.length;
  }
  return { headers, rows: dataRows };
}
