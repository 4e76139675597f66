import { message } from '../../../contract';
import { rosterUploadLimits } from '../../../contract/roster';
import { RosterFileError } from './errors';

/**
 * How much a roster file may hold, whatever its format, set from the 60 MB upload limit so that any
 * export that fits in it is read, while a crafted one (a few KB that claim a billion cells, a zip that
 * unpacks to gigabytes) is refused within seconds and never takes more than a few hundred megabytes.
 */
export const rosterFileLimits = {
  /** Every part of a workbook unpacked, together: ~4× the largest upload, as sheet XML is ~4× its CSV. */
  inflatedBytes: 4 * rosterUploadLimits.maxBytes,
  /** Rows read: Excel's own limit, and about what a 60 MB CSV of the shortest roster lines (~60 bytes) holds. */
  rows: 1_048_576,
  /** The last filled column a row may use: a roster report has a few dozen; Excel allows 16,384. */
  columns: 512,
  /**
   * Cells kept in the whole file, what the parsed file costs (~50 bytes each, so ≈ 250 MB): a 60 MB
   * CSV of eight-column rows has about 4 million; a workbook could pack several times more in 60 MB.
   */
  cells: 5_000_000,
  /** Characters in one CSV record (a quoted field may span lines): a roster line is a few hundred. */
  recordChars: 1 << 20,
} as const;

export const tooManyRows = (): RosterFileError =>
  new RosterFileError('too-large', message('roster.file.tooManyRows', { limit: rosterFileLimits.rows }));

export const tooManyColumns = (line: number): RosterFileError =>
  new RosterFileError('too-large', message('roster.file.tooManyColumns', { line, limit: rosterFileLimits.columns }));

export const tooManyCells = (): RosterFileError =>
  new RosterFileError('too-large', message('roster.file.tooManyCells', { limit: rosterFileLimits.cells }));

export const recordTooLong = (line: number): RosterFileError =>
  new RosterFileError('too-large', message('roster.file.lineTooLong', { line, limit: rosterFileLimits.recordChars }));
