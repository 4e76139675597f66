import { plain, unitKey } from './text';

/** The ship-to block of a label as the matcher reads it. */
export interface ShipTo {
  /** Lines that may name the person (or a business): before the street line. */
  names: string[];
  /** The unit, compared as unitKey gives it; null when the label gives none. */
  unit: string | null;
  /** Found under a SHIP TO / TO heading: only then may the desk fill the recipient in by itself. */
  anchored: boolean;
}

const heading = /^(?:SHIP\s*TO|DELIVER\s*TO|DELIVER|TO)\b\s*:?\s*(.*)$/u;
// A city line ends the block: a state and a ZIP code.
const cityLine = /\b[A-Z]{2}\s+\d{5}(?:\s*-\s*\d{4})?$/u;
const streetLine = /^\d+[A-Z]?\s+[A-Z]/u;
const unitWords = '(?:APARTMENT|APT|UNIT|SUITE|STE|RM|ROOM)';
const unitAlone = new RegExp(`^(?:${unitWords}\\s*#?|#)\\s*([A-Z0-9-]+)$`, 'u');
const unitAtEnd = new RegExp(`(?:\\b${unitWords}\\s*#?|#)\\s*([A-Z0-9-]+)$`, 'u');
// "120 HARBOR ST 4B": a bare unit after the street's own word (never the building's number at the start).
const bareUnit =
  /\b(?:ST|STREET|AVE|AVENUE|RD|ROAD|BLVD|DR|DRIVE|LN|LANE|WAY|CT|COURT|PL|PLACE|PKWY|HWY|TER|SQ|CIR)\s+(\d+[A-Z]?|[A-Z]\d+)$/u;
const notNames = /^(?:ATTN|C\s*O|CO)\b\s*:?\s*/u;

/**
 * The ship-to block in a label's text lines (OCR's, top to bottom): the lines under the SHIP TO heading down to
 * the city line, the street line's unit and the name lines. Without a heading, every line is read, unanchored.
 */
export function readShipTo(lines: readonly string[]): ShipTo {
  const clean = lines.map(plain).filter((l) => l !== '');
  let start = clean.findIndex((l) => heading.test(l));
  const anchored = start !== -1;
  let block: string[];
  if (anchored) {
    const rest = heading.exec(clean[start]!)![1]!;
    block = rest === '' ? [] : [rest];
    start += 1;
  } else {
    start = 0;
    block = [];
  }
  for (const line of clean.slice(start, start + 6)) {
    if (cityLine.test(line)) break;
    block.push(line);
  }
  const names: string[] = [];
  let unit: string | null = null;
  let street = false;
  for (const line of block) {
    const alone = unitAlone.exec(line);
    if (alone) {
      unit = unitKey(alone[1]!);
      continue;
    }
    if (streetLine.test(line)) {
      street = true;
      const found = unitAtEnd.exec(line) ?? bareUnit.exec(line);
      if (found) unit = unitKey(found[1]!);
      continue;
    }
    if (!street) names.push(line.replace(notNames, ''));
  }
  return { names: names.filter((n) => n !== ''), unit, anchored };
}
