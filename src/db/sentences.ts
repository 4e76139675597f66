import { isMessageKey, message, messageText, type Message, type MessageParams } from '../contract';

/**
 * A sentence kept in the database: its English in the old text column (for the log, the command line and
 * Packroom versions before sentences), and beside it `…_key` and `…_params` (JSON).
 */
export const sentenceColumns = (sentence: Message | null): { english: string | null; key: string | null; params: string | null } => ({
  english: sentence && messageText(sentence),
  key: sentence?.key ?? null,
  params: sentence?.params ? JSON.stringify(sentence.params) : null,
});

/**
 * The sentence a row holds. A row from before sentences, or with a key this version's catalog lacks (saved by a
 * newer Packroom that was then rolled back), reads as the English it was saved with.
 */
export function readSentence(english: string | null, key: string | null, params: string | null): Message | null {
  if (key !== null && isMessageKey(key)) {
    try {
      return params === null ? message(key) : message(key, JSON.parse(params) as MessageParams);
    } catch {
      // Unreadable parameters: the English below still says it.
    }
  }
  return english === null ? null : message('text', { text: english });
}
