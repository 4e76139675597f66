/**
 * When a carrier code opens the door: on chosen weekdays, from one local time of day until another
 * (a window may cross midnight), up to an optional last date. Times are wall-clock times in the site's
 * time zone, so a window means the same hours on either side of a daylight-saving change.
 */
import { weekdayIds, type Weekday } from '../contract/carriers';

export interface CarrierWindow {
  days: readonly Weekday[];
  /** Minutes after local midnight, 0–1439; the window opens at `fromMinute` and closes at `untilMinute`. */
  fromMinute: number;
  untilMinute: number;
  /** The last local date (YYYY-MM-DD) a window may start on; null when the code has no end date. */
  untilDate: string | null;
}

/** A window belongs to the day it starts on: "Sat 22:00–02:00" is open early on Sunday, not early on Saturday. */
export type WindowVerdict = 'inside' | 'outside-hours' | 'ended';

export interface LocalMoment {
  /** YYYY-MM-DD */
  date: string;
  weekday: Weekday;
  /** Minutes after local midnight. */
  minute: number;
}

const formats = new Map<string, Intl.DateTimeFormat>();
const jsWeekdays: Record<string, Weekday> = { Mon: 'mon', Tue: 'tue', Wed: 'wed', Thu: 'thu', Fri: 'fri', Sat: 'sat', Sun: 'sun' };

function formatFor(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    formats.set(timeZone, format);
  }
  return format;
}

/** The wall-clock date, weekday and time of day at `at` (ms since the epoch) in `timeZone` (an IANA name). */
export function localMoment(at: number, timeZone: string): LocalMoment {
  const parts: Record<string, string> = {};
  for (const part of formatFor(timeZone).formatToParts(at)) parts[part.type] = part.value;
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekday: jsWeekdays[parts.weekday!]!,
    minute: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

/** The calendar day before `date`, by the calendar rather than by subtracting 24 hours (which DST days break). */
function dayBefore(date: string): { date: string; weekday: Weekday } {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const previous = new Date(Date.UTC(y, m - 1, d - 1));
  return { date: previous.toISOString().slice(0, 10), weekday: weekdayIds[(previous.getUTCDay() + 6) % 7]! };
}

export function windowVerdict(window: CarrierWindow, at: number, timeZone: string): WindowVerdict {
  const now = localMoment(at, timeZone);
  const { fromMinute: from, untilMinute: until } = window;
  let start: { date: string; weekday: Weekday } | null = null;
  if (from < until) {
    if (now.minute >= from && now.minute < until) start = now;
  } else if (now.minute >= from) {
    start = now;
  } else if (now.minute < until) {
    start = dayBefore(now.date);
  }
  if (window.untilDate !== null && (start ?? now).date > window.untilDate) return 'ended';
  return start && window.days.includes(start.weekday) ? 'inside' : 'outside-hours';
}

/** "HH:MM" on a 24-hour clock → minutes after midnight; null when it is not such a time. */
export function parseTimeOfDay(text: string): number | null {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

export function formatTimeOfDay(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

/** Weekdays as a 7-bit mask, Monday = bit 0, the way the database stores them. */
export function daysToMask(days: readonly Weekday[]): number {
  return days.reduce((mask, day) => mask | (1 << weekdayIds.indexOf(day)), 0);
}

export function daysFromMask(mask: number): Weekday[] {
  return weekdayIds.filter((_, i) => (mask & (1 << i)) !== 0);
}

/**
 * Days as an installer types them: `mon-sat`, `mon,wed,fri`, `mon-fri,sun`, `sat-mon` (wrapping over the
 * weekend), `daily`. Returns the days in week order, or a message saying what is wrong.
 */
export function parseDays(text: string): { ok: true; days: Weekday[] } | { ok: false; message: string } {
  const spec = text.trim().toLowerCase();
  if (spec === 'daily' || spec === 'all') return { ok: true, days: [...weekdayIds] };
  const chosen = new Set<Weekday>();
  for (const item of spec.split(',')) {
    const [first, last, ...extra] = item.split('-').map((s) => s.trim().slice(0, 3));
    const a = weekdayIds.indexOf(first as Weekday);
    const b = last === undefined ? a : weekdayIds.indexOf(last as Weekday);
    if (extra.length > 0 || a < 0 || b < 0) {
      return {
        ok: false,
        message: `"${item.trim()}" is not a day or a range of days (use mon, tue, wed, thu, fri, sat, sun, e.g. mon-sat)`,
      };
    }
    for (let i = a; ; i = (i + 1) % 7) {
      chosen.add(weekdayIds[i]!);
      if (i === b) break;
    }
  }
  return { ok: true, days: weekdayIds.filter((d) => chosen.has(d)) };
}

/** The shortest way to write the days back: `daily`, `mon-sat`, `mon,wed,fri`. */
export function formatDays(days: readonly Weekday[]): string {
  const set = new Set(days);
  if (set.size === 7) return 'daily';
  const runs: string[] = [];
  let i = 0;
  while (i < 7) {
    if (!set.has(weekdayIds[i]!)) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < 7 && set.has(weekdayIds[j + 1]!)) j++;
    runs.push(j - i >= 2 ? `${weekdayIds[i]}-${weekdayIds[j]}` : weekdayIds.slice(i, j + 1).join(','));
    i = j + 1;
  }
  return runs.join(',');
}
