/**
 * Turns what staff type in a search box into an FTS5 query: every word must match the start
 * of a first name, last name or unit word. Quoting each word keeps FTS5 syntax characters
 * typed by a person (", *, -, :, parentheses) from ever being read as operators.
 */
export function toFtsQuery(text: string): string | null {
  const words = text.normalize('NFKC').match(/[\p{L}\p{N}]+/gu);
  if (!words) return null;
  return words
    .slice(0, 8)
    .map((w) => `"${w}"*`)
    .join(' ');
}
