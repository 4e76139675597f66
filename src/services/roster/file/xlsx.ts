import ExcelJS from 'exceljs';
import { message } from '../../../contract';
import type { RawRow, RawTable } from '../../../domain/roster/types';
import { RosterFileError, emptyFile, headerOnlyFile } from './errors';
import { toTable } from './table';

/** Reads the first worksheet. Date cells become YYYY-MM-DD; everything else becomes its displayed text. */
export async function parseXlsx(bytes: Uint8Array): Promise<RawTable> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs types its input as an ArrayBuffer; slice() gives one holding exactly these bytes.
    await workbook.xlsx.load(bytes.slice().buffer);
  } catch {
    throw new RosterFileError('unreadable-excel', message('roster.file.damagedExcel'));
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw emptyFile();

  const sheetRows: RawRow[] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    const cells: string[] = [];
    for (let column = 1; column <= row.cellCount; column += 1) cells.push(cellText(row.getCell(column).value));
    sheetRows.push({ line: row.number, cells });
  });
  const table = await toTable(sheetRows);
  if (!table) throw emptyFile();
  if (table.rows.length === 0) throw headerOnlyFile();
  return table;
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  // exceljs hands date cells over as UTC midnight of the calendar day shown in Excel.
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value !== 'object') return String(value);
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('hyperlink' in value) return cellText(value.text);
  if ('formula' in value || 'sharedFormula' in value) return cellText(value.result);
  return ''; // an error value such as #N/A
}
