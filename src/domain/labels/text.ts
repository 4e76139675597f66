/** How label text and roster names are compared: capitals, no accents, no apostrophes, hyphens as spaces. */
export function plain(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[’'`´]/gu, '')
    .replace(/[^A-Z0-9#\s-]/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
}

/** The words of a name: hyphenated and two-part surnames become their parts. */
export function words(text: string): string[] {
  return plain(text)
    .split(/[\s-]+/u)
    .filter((w) => w !== '' && w !== '#');
}

/** A unit as both sides compare it: "Apt 04-B", "#4B" and "4b" are all 4B. */
export function unitKey(unit: string): string {
  return plain(unit)
    .replace(/^(?:APARTMENT|APT|UNIT|SUITE|STE|RM|ROOM|NO)\b\s*/u, '')
    .replace(/[#\s-]/gu, '')
    .replace(/^0+(?=\d)/u, '');
}

/** True when a and b differ by at most one letter (one replaced, added or removed). */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1);
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}
