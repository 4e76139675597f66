export type RosterFileProblem = 'empty' | 'header-only' | 'binary' | 'old-excel' | 'unreadable-excel' | 'malformed-csv';

/** A file that cannot be read at all. `message` is written for front-desk staff and safe to show as is. */
export class RosterFileError extends Error {
  override readonly name = 'RosterFileError';

  constructor(
    readonly problem: RosterFileProblem,
    message: string,
  ) {
    super(message);
  }
}

export const emptyFile = (): RosterFileError => new RosterFileError('empty', 'This file is empty.');

export const headerOnlyFile = (): RosterFileError => new RosterFileError('header-only', 'This file has a header row but no residents.');
