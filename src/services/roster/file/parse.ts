import { message } from '../../../contract';
import type { RawTable } from '../../../domain/roster/types';
import { parseCsv, type ParseProgress } from './csv';
import { RosterFileError } from './errors';
import { parseXlsx } from './xlsx';

export type { RawRow, RawTable } from '../../../domain/roster/types';
export { RosterFileError, type RosterFileProblem } from './errors';
export type { ParseProgress } from './csv';

const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];
// Compound File Binary: legacy .xls, and also any password-protected Excel workbook.
const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/**
 * Reads a roster export into a header row plus data rows. The content decides the format, so an
 * Excel workbook renamed .csv still opens; the file name only shapes error messages.
 * Throws RosterFileError, whose sentence can be shown to front-desk staff as is. `onProgress` follows a
 * CSV through its slices; a workbook is read in one go.
 */
export async function parseRosterFile(bytes: Uint8Array, fileName: string, onProgress?: ParseProgress): Promise<RawTable> {
  if (startsWith(bytes, ZIP_SIGNATURE)) return parseXlsx(bytes);
  if (startsWith(bytes, OLE_SIGNATURE)) {
    throw new RosterFileError('old-excel', message('roster.file.oldExcel'));
  }
  if (/\.xls[xm]$/i.test(fileName) && bytes.length > 0) {
    throw new RosterFileError('unreadable-excel', message('roster.file.notExcel'));
  }
  return parseCsv(bytes, onProgress);
}

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return signature.every((byte, i) => bytes[i] === byte);
}
