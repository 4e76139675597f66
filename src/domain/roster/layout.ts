import { detectColumns, normalizeHeader, type ColumnMapping } from './columns';
import type { RawRow } from './types';

/** Rows looked at for the header: report exports put a few title lines (report, property, "As Of") first. */
export const HEADER_SCAN_ROWS = 30;

export interface HeaderLocation {
  headers: string[];
  /** Positions (in the rows given) of the header row, or of both rows of a two-row header. */
  headerRows: number[];
}

// Words that make up column headings in property-management reports. A row made only of these words
// (and no digits) under a header row is the second half of a two-row header ("Sq Ft", "Rent",
// "Expiration"), never a resident. Status words are deliberately absent: "Current Residents" is a section.
const HEADER_WORDS = new Set(
  (
    'unit units apt apartment bldg building no number num nbr sq ft sqft square feet footage type market actual rent rents ' +
    'deposit deposits lease expiration expires exp start end from to move in out date dates name names first last full ' +
    'middle resident tenant code id email e mail address phone cell mobile home work status balance amount charge charges ' +
    'other misc notes gl account acct property prop nsf late days due bed bath bd ba size of the and or security pet ' +
    'concession concessions total'
  ).split(' '),
);

function headerScore(cells: readonly string[]): number {
  const mapping = detectColumns(cells);
  const hasName = mapping.fullName !== undefined || mapping.lastName !== undefined || mapping.firstName !== undefined;
  return Object.keys(mapping).length + (hasName && mapping.unit !== undefined ? 3 : 0);
}

function isHeaderWords(cells: readonly string[]): boolean {
  const filled = cells.map((cell) => cell.trim()).filter(Boolean);
  return (
    filled.length > 0 &&
    filled.every(
      (cell) =>
        cell.length <= 40 &&
        !/[\d@]/u.test(cell) &&
        cell
          .toLowerCase()
          .split(/[^\p{L}]+/u)
          .filter(Boolean)
          .every((word) => HEADER_WORDS.has(word)),
    )
  );
}

function joinRows(top: readonly string[], bottom: readonly string[]): string[] {
  const width = Math.max(top.length, bottom.length);
  return Array.from({ length: width }, (_, i) => [top[i]?.trim() ?? '', bottom[i]?.trim() ?? ''].filter(Boolean).join(' '));
}

/**
 * Finds the header among the first rows (all non-blank): the row where the most roster columns are
 * recognised, joined with the row below or above it when that row holds only heading words (a two-row
 * header). With nothing recognisable, the first row, so the mapping screen can show the file as it is.
 */
export function locateHeader(rows: readonly RawRow[]): HeaderLocation | null {
  if (rows.length === 0) return null;
  let best = 0;
  let bestScore = -1;
  for (let i = 0; i < Math.min(rows.length, HEADER_SCAN_ROWS); i += 1) {
    const score = headerScore(rows[i]!.cells);
    if (score > bestScore) [best, bestScore] = [i, score];
  }
  if (bestScore < 2) best = 0;
  const header = rows[best]!.cells;
  const below = rows[best + 1]?.cells;
  if (bestScore >= 2 && below && isHeaderWords(below) && headerScore(joinRows(header, below)) >= bestScore) {
    return { headers: joinRows(header, below), headerRows: [best, best + 1] };
  }
  const above = best > 0 ? rows[best - 1]!.cells : undefined;
  if (bestScore >= 2 && above && isHeaderWords(above) && headerScore(joinRows(above, header)) >= bestScore) {
    return { headers: joinRows(above, header), headerRows: [best - 1, best] };
  }
  return { headers: header.map((cell) => cell.trim()), headerRows: [best] };
}

/** What a row below the header is. Only 'data' rows can be residents; the rest are counted and skipped. */
export type RowKind = 'data' | 'section' | 'charge' | 'total' | 'repeated-header';

const TRAILER = /^(?:grand\s+totals?|summary)\b/iu;
const TOTAL = /^(?:sub-?)?totals?\b|\btotals?:?$/iu;

/**
 * Tells report rows from resident rows, one row at a time and in file order:
 * - total: a "Total …"/"… Total" row; from a "Summary" or "Grand Total" row on, everything (the report's trailer)
 * - repeated-header: the header again, as page breaks repeat it
 * - section: a lone heading without digits outside the name column ("Current/Notice/Vacant Residents")
 * - charge: a line under a resident with no name and no ID, its unit blank or the same (one line per charge code)
 */
export function createRowClassifier(headers: readonly string[], mapping: ColumnMapping): (cells: readonly string[]) => RowKind {
  const nameColumns = [mapping.fullName, mapping.firstName, mapping.lastName].filter((i): i is number => i !== undefined);
  const headerKey = headers.map(normalizeHeader).join('|');
  let inTrailer = false;
  let lastUnit: string | null = null;
  return (cells) => {
    if (inTrailer) return 'total';
    const filled = cells.flatMap((cell, i) => (cell.trim() ? [{ i, text: cell.trim() }] : []));
    const first = filled[0]?.text ?? '';
    if (TRAILER.test(first)) {
      inTrailer = true;
      return 'total';
    }
    if (TOTAL.test(first)) return 'total';
    if (cells.map(normalizeHeader).join('|') === headerKey) return 'repeated-header';
    if (filled.length === 1 && !/[\d@]/u.test(first) && !nameColumns.includes(filled[0]!.i)) return 'section';
    // A heading some exports repeat in every cell of its row (or a spreadsheet's merged cell read whole):
    // no person has the same text for a name, a unit and an ID.
    if (filled.length > 1 && !/[\d@]/u.test(first) && filled.every((cell) => cell.text === first)) return 'section';
    const text = (index: number | undefined) => (index === undefined ? '' : (cells[index] ?? '').trim());
    const unit = text(mapping.unit);
    const noName = nameColumns.every((i) => text(i) === '');
    if (lastUnit !== null && noName && text(mapping.externalId) === '' && (unit === '' || unit === lastUnit)) return 'charge';
    lastUnit = unit;
    return 'data';
  };
}
