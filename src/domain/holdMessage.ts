/**
 * A hold asked for by text message (issue 22, "by message"): "HOLD 12/20-01/05", "HOLD 12/20 TO 1/5",
 * "AWAY UNTIL 5 JAN", "AWAY UNTIL JAN 5" (English or Spanish month names; days as month/day, as the US writes them).
 * A day without a year is its next occurrence from today; a last day before the first is in the next year.
 */

export type HoldRequest = { kind: 'hold'; from: string; until: string } | { kind: 'badDates' } | { kind: 'notAHold' };

const months: Record<string, number> = {
  JAN: 1,
  ENE: 1,
  FEB: 2,
  MAR: 3,
  APR: 4,
  ABR: 4,
  MAY: 5,
  JUN: 6,
  JUL: 7,
  AUG: 8,
  AGO: 8,
  SEP: 9,
  SEPT: 9,
  SET: 9,
  OCT: 10,
  NOV: 11,
  DEC: 12,
  DIC: 12,
};

const pad = (n: number) => String(n).padStart(2, '0');

/** "12/20", "20 DEC", "DEC 20", "20 DICIEMBRE" → [month, day], or null. */
function monthDay(text: string): [number, number] | null {
  const t = text.trim().replace(/[.,]/g, '');
  let m = /^(\d{1,2})\/(\d{1,2})$/.exec(t);
  if (m) return [Number(m[1]), Number(m[2])];
  m = /^(\d{1,2})\s*(?:DE\s+)?([A-Z]{3,})$/.exec(t);
  if (m) return named(m[2]!, Number(m[1]));
  m = /^([A-Z]{3,})\s*(\d{1,2})$/.exec(t);
  if (m) return named(m[1]!, Number(m[2]));
  return null;
}

function named(word: string, day: number): [number, number] | null {
  const month = months[word.slice(0, 4)] ?? months[word.slice(0, 3)];
  return month ? [month, day] : null;
}

/** The day (YYYY-MM-DD) of `md` on or after `onOrAfter`, or null when it is no calendar day (2/30). */
function nextOccurrence([month, day]: [number, number], onOrAfter: string): string | null {
  const year = Number(onOrAfter.slice(0, 4));
  for (const y of [year, year + 1]) {
    const date = new Date(Date.UTC(y, month - 1, day));
    if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
    const text = `${y}-${pad(month)}-${pad(day)}`;
    if (text >= onOrAfter) return text;
  }
  return null;
}

export function parseHoldRequest(body: string, today: string): HoldRequest {
  const text = body.trim().toUpperCase().replace(/\s+/g, ' ');
  const until = /^(?:AWAY|HOLD|FUERA|AUSENTE)\s+(?:UNTIL|TILL|TO|HASTA(?:\s+EL)?)\s+(.+)$/.exec(text);
  const range = /^(?:HOLD|AWAY|FUERA|AUSENTE)\s+(.+?)\s*(?:-|–|\bTO\b|\bAL\b|\bHASTA\b)\s*(.+)$/.exec(text);
  let from: string | null;
  let last: string | null;
  if (until) {
    const md = monthDay(until[1]!);
    if (!md) return { kind: 'badDates' };
    from = today;
    last = nextOccurrence(md, today);
  } else if (range) {
    const a = monthDay(range[1]!);
    const b = monthDay(range[2]!);
    if (!a || !b) return { kind: 'badDates' };
    from = nextOccurrence(a, today);
    last = from && nextOccurrence(b, from);
  } else {
    return /^(HOLD|AWAY|FUERA|AUSENTE)\b/.test(text) ? { kind: 'badDates' } : { kind: 'notAHold' };
  }
  return from && last ? { kind: 'hold', from, until: last } : { kind: 'badDates' };
}
