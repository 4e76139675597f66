import { plain, withinOneEdit, words } from './text';

/** Characters [start, end) of a line. */
export interface Span {
  start: number;
  end: number;
}

/**
 * The words of a ship-to line that name this person (their first name, a roster nickname, their surname or its parts,
 * one letter off in a long one, or the first name's initial), for the desk to highlight what it matched. Pure.
 */
export function nameMarks(line: string, personName: string): Span[] {
  const names = words(personName);
  const initial = names[0]?.[0];
  const spans: Span[] = [];
  for (const found of line.matchAll(/[\p{L}\p{N}'’]+/gu)) {
    const word = plain(found[0]);
    const named = names.some((n) => n === word || (n.length >= 5 && withinOneEdit(word, n))) || (word.length === 1 && word === initial);
    if (named) spans.push({ start: found.index, end: found.index + found[0].length });
  }
  return spans;
}
