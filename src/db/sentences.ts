import { message, type Message } from '../contract';

/**
 * A sentence kept in the database: as JSON in a `…_sentence` column beside the English one, which stays
 * for the log, the command line and rows written before sentences were stored.
 */
export const storeSentence = (sentence: Message): string => JSON.stringify(sentence);

export function readSentence(stored: string | null, english: string | null): Message | null {
  if (stored !== null) {
    try {
      const parsed = JSON.parse(stored) as Partial<Message> | null;
      if (parsed && typeof parsed.key === 'string') return parsed as Message;
    } catch {
      // A damaged cell reads as its English, below.
    }
  }
  return english === null ? null : message('text', { text: english });
}
