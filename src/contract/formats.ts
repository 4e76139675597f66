import type { i18n as I18n } from 'i18next';

/**
 * One style per kind of value, in the reader's language: a date ("Nov 8, 2026", "8 nov 2026"), a time
 * ("8:05 PM", "20:05"), both ("Nov 8, 2026, 8:05 PM", "8 nov 2026, 20:05"), a number ("0.1", "0,1"; "1,234",
 * "1234") and a share ("12.5%", "12,5 %"). The screens call the renderer's formatDate … formatPercent; the
 * catalogs' sentences write `{{at, date}}`, `{{at, time}}`, `{{at, datetime}}`, `{{n, number}}` and
 * `{{share, percent}}`, the same styles on either side.
 */
const styles = {
  date: { dateStyle: 'medium' },
  time: { timeStyle: 'short' },
  datetime: { dateStyle: 'medium', timeStyle: 'short' },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

const numberStyles = {
  number: { maximumFractionDigits: 1 },
  percent: { style: 'percent', maximumFractionDigits: 1 },
} satisfies Record<string, Intl.NumberFormatOptions>;

/** A moment as the API carries it (ISO text or epoch milliseconds), or a calendar day as YYYY-MM-DD. */
export type Moment = string | number | Date;

const calendarDay = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A day without a time is that day in this computer's zone (as an ISO date alone would be midnight UTC, the day before in America). */
function toDate(value: Moment): Date {
  if (typeof value !== 'string') return new Date(value);
  const day = calendarDay.exec(value);
  return day ? new Date(Number(day[1]), Number(day[2]) - 1, Number(day[3])) : new Date(value);
}

// Building an Intl formatter costs far more than using one: each language and style is built once.
const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function formatter<T extends Intl.DateTimeFormat | Intl.NumberFormat>(kind: string, language: string, make: () => T): T {
  const key = `${kind}|${language}`;
  let found = cache.get(key) as T | undefined;
  if (!found) cache.set(key, (found = make()));
  return found;
}

const dateFormat = (kind: keyof typeof styles) => (value: Moment, language: string) =>
  formatter(kind, language, () => new Intl.DateTimeFormat(language, styles[kind])).format(toDate(value));

const numberFormat = (kind: keyof typeof numberStyles) => (value: number, language: string) =>
  formatter(kind, language, () => new Intl.NumberFormat(language, numberStyles[kind])).format(value);

export const formats = {
  date: dateFormat('date'),
  time: dateFormat('time'),
  datetime: dateFormat('datetime'),
  number: numberFormat('number'),
  percent: numberFormat('percent'),
};

/**
 * Gives an i18next instance the five formats by name, replacing its built-in `datetime` and `number` so a
 * catalog cannot ask for a style of its own.
 */
export function addFormats(instance: I18n): void {
  for (const [name, format] of Object.entries(formats)) {
    instance.services.formatter?.add(name, (value: unknown, language: string | undefined) =>
      format(value as never, language ?? instance.language),
    );
  }
}
