import { splitFullName } from './values';

export interface PersonName {
  firstName: string;
  lastName: string;
}

// Courtesy and professional titles before a name: not part of it.
const TITLE = /^(?:dr|mr|mrs|ms|miss|mx|prof|rev)\.?\s+/iu;
// Two residents in one cell: "Smith, John & Jane", "John and Jane Smith", "Lee, Ann + Bo".
const HOUSEHOLD = /\s+(?:\+|and)\s+|\s*&\s*/iu;
const ROMAN = /^(?:ii|iii|iv|vi{0,3})\.?$/iu;

/**
 * The people in a name cell. One person in every form but a household: "Smith, John", "John Smith",
 * "Dr. John Smith Jr.", "SMITH JOHN A" (capitals, surname first, as MRI-style reports write it). A
 * household ("Smith, John & Jane", "John & Jane Smith", "Ann Lee & Bo Chen") is one person per name,
 * and a first name alone takes the surname of the name beside it.
 */
export function readPeople(cell: string): PersonName[] {
  const parts = cell.split(HOUSEHOLD).map((part) => part.trim());
  if (parts.length < 2 || parts.some((part) => part === '')) return [readPerson(cell)];
  const people = parts.map(readPerson);
  const alone = parts.map((part) => !part.includes(',') && !/\s/u.test(part));
  // The surname a lone first name takes: from "Smith, John" in the cell, else from the nearest full "Jane Smith".
  const withComma = parts.findIndex((part) => part.includes(','));
  const anchor = withComma !== -1 ? withComma : alone.lastIndexOf(false);
  if (anchor === -1) return people;
  const surname = people[anchor]!.lastName;
  return people.map((person, i) => (alone[i] ? { firstName: person.lastName, lastName: surname } : person));
}

/** One person's name from a single cell; see readPeople. */
export function readPerson(cell: string): PersonName {
  let text = cell.replace(TITLE, '');
  const shouting = isAllCapitals(text);
  if (shouting) text = titleCase(text);
  const words = text.split(' ').filter(Boolean);
  // "SMITH JOHN A": a report that writes names in capitals with a trailing middle initial puts the surname first.
  if (shouting && !text.includes(',') && words.length >= 3 && /^\p{L}\.?$/u.test(words.at(-1)!)) {
    return { lastName: words[0]!, firstName: words.slice(1).join(' ') };
  }
  const name = splitFullName(text);
  return { firstName: name.firstName.replace(TITLE, ''), lastName: name.lastName };
}

function isAllCapitals(text: string): boolean {
  const letters = text.replace(/[^\p{L}]/gu, '');
  return letters.length >= 2 && letters === letters.toUpperCase() && letters !== letters.toLowerCase();
}

/** "O'BRIEN-SMITH III" → "O'Brien-Smith III". Names that keep inner capitals (McDonald) come out as Mcdonald. */
function titleCase(text: string): string {
  return text
    .split(' ')
    .map((word) =>
      ROMAN.test(word)
        ? word.toUpperCase()
        : word.toLowerCase().replace(/(^|[-'’])(\p{L})/gu, (_m, sep: string, ch: string) => sep + ch.toUpperCase()),
    )
    .join(' ');
}
