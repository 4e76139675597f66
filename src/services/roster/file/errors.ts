import { message, messageText, type Message } from '../../../contract';

export type RosterFileProblem = 'empty' | 'header-only' | 'binary' | 'old-excel' | 'unreadable-excel' | 'malformed-csv' | 'too-large';

/** A file that cannot be read at all. `sentence` is written for front-desk staff; `message` is its English. */
export class RosterFileError extends Error {
  override readonly name = 'RosterFileError';

  constructor(
    readonly problem: RosterFileProblem,
    readonly sentence: Message,
  ) {
    super(messageText(sentence));
  }
}

export const emptyFile = (): RosterFileError => new RosterFileError('empty', message('roster.file.empty'));

export const headerOnlyFile = (): RosterFileError => new RosterFileError('header-only', message('roster.file.headerOnly'));
