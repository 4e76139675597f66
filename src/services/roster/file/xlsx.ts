import { Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { message } from '../../../contract';
import type { RawRow, RawTable } from '../../../domain/roster/types';
import { RosterFileError, emptyFile, headerOnlyFile } from './errors';
import { rosterFileLimits, tooManyCells, tooManyColumns, tooManyRows } from './limits';
import { toTable } from './table';
import { checkWorkbookArchive } from './zip';

/**
 * Reads the first worksheet. Date cells become YYYY-MM-DD; everything else becomes its displayed text.
 * The archive is checked first (see checkWorkbookArchive), then the sheet is read as a stream, a row at
 * a time, within rosterFileLimits: a workbook never has to be unpacked whole, and a sheet that claims
 * or fills a billion cells is refused when it crosses a limit, not after. A merged cell reads as a CSV
 * export of it would: its text in its first cell, the others empty.
 */
export async function parseXlsx(bytes: Uint8Array): Promise<RawTable> {
  await checkWorkbookArchive(bytes);
  // Loaded here, not with the core: exceljs took longer to load than all the rest of a `packroom` command.
  const { default: excel } = await import('exceljs');
  const input = Readable.from([Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)]);
  const workbook = new excel.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    // Styles tell a date from a number; hyperlinks and the rest are not needed.
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  let sheetRows: RawRow[] | null = null;
  try {
    for await (const sheet of workbook) {
      sheetRows = await readRows(sheet);
      break;
    }
  } catch (error) {
    if (error instanceof RosterFileError) throw error;
    throw new RosterFileError('unreadable-excel', message('roster.file.damagedExcel'));
  } finally {
    input.destroy();
  }
  if (!sheetRows) throw emptyFile();
  const table = await toTable(sheetRows);
  if (!table) throw emptyFile();
  if (table.rows.length === 0) throw headerOnlyFile();
  return table;
}

async function readRows(sheet: AsyncIterable<ExcelJS.Row>): Promise<RawRow[]> {
  const rows: RawRow[] = [];
  let cells = 0;
  for await (const row of sheet) {
    const values: string[] = [];
    // Only the cells the sheet has: a row that merely touches column XFD is not 16,384 empty strings.
    row.eachCell((cell, column) => {
      const text = cellText(cell.value);
      if (text === '') return;
      if (column > rosterFileLimits.columns) throw tooManyColumns(row.number);
      values[column - 1] = text;
      cells += 1;
    });
    if (cells > rosterFileLimits.cells) throw tooManyCells();
    // Rows the sheet leaves out are blank rows, as a CSV export writes them (they count as spacers).
    for (let line = (rows.at(-1)?.line ?? 0) + 1; line < row.number; line += 1) {
      if (rows.length >= rosterFileLimits.rows) throw tooManyRows();
      rows.push({ line, cells: [] });
    }
    if (rows.length >= rosterFileLimits.rows) throw tooManyRows();
    rows.push({ line: row.number, cells: Array.from(values, (value) => value ?? '') });
  }
  return rows;
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  // exceljs hands date cells over as UTC midnight of the calendar day shown in Excel.
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if (typeof value !== 'object') return String(value);
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('hyperlink' in value) return cellText(value.text);
  if ('formula' in value || 'sharedFormula' in value) return cellText(value.result);
  return ''; // an error value such as #N/A
}
