/**
 * Holds and vacations (docs/architecture.md, "Holds"): a recipient away for some days. Pure rules; days are
 * YYYY-MM-DD of the computer's calendar, turned into times by the `Calendar` the caller passes (the service's
 * localTime.ts), so a hold from 10 to 14 Dec runs from the 10th's midnight to the 15th's, whatever the zone.
 */

export type HoldMode = 'keep' | 'return';

export interface Hold {
  id: number;
  recipientId: number;
  fromDay: string;
  untilDay: string;
  mode: HoldMode;
  /** For `return`: days after arriving that a package goes back. */
  returnDays: number | null;
  cancelledAt: number | null;
  endNoticeAt: number | null;
}

/** The computer's calendar: the day a time falls on, and when a day starts. */
export interface Calendar {
  dayOf(time: number): string;
  startOf(day: string): number;
}

/** The longest hold one can set: a season away, not a move (a recipient who left is deactivated). */
export const maxHoldDays = 180;
export const maxReturnDays = 60;
/** An end notice this late is no longer news (Packroom was off, or a backup was restored): it is not sent. */
export const endNoticeWithinMs = 3 * 86_400_000;

const dayMs = 86_400_000;

/** "2026-12-14" + 3 → "2026-12-17" (calendar arithmetic, no zone involved). */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Days from `a` to `b` (b − a). */
export function daysBetween(a: string, b: string): number {
  const at = (day: string) => {
    const [y, m, d] = day.split('-').map(Number) as [number, number, number];
    return Date.UTC(y, m - 1, d);
  };
  return Math.round((at(b) - at(a)) / dayMs);
}

/**
 * When a hold is in force: from its first day's midnight to the midnight after its last day, cut short by a
 * cancellation. Null when it never was (cancelled before it started, or its days are the wrong way round: two nodes
 * cannot make that, but a hold read from anywhere is treated safely).
 */
export function holdSpan(hold: Hold, cal: Calendar): { start: number; end: number } | null {
  const start = cal.startOf(hold.fromDay);
  let end = cal.startOf(addDays(hold.untilDay, 1));
  if (hold.cancelledAt !== null) end = Math.min(end, hold.cancelledAt);
  return end > start ? { start, end } : null;
}

/** The hold in force at `time`, or null. Of two that overlap (set at two desks apart), the one that ends later. */
export function holdAt<H extends Hold>(holds: readonly H[], time: number, cal: Calendar): H | null {
  let found: { hold: H; end: number } | null = null;
  for (const hold of holds) {
    const span = holdSpan(hold, cal);
    if (span && span.start <= time && time < span.end && (!found || span.end > found.end)) found = { hold, end: span.end };
  }
  return found?.hold ?? null;
}

/** What staff see: the hold in force now, else the next one to start; null when there is none. */
export function currentOrNext<H extends Hold>(holds: readonly H[], now: number, cal: Calendar): H | null {
  const current = holdAt(holds, now, cal);
  if (current) return current;
  let next: { hold: H; start: number } | null = null;
  for (const hold of holds) {
    const span = holdSpan(hold, cal);
    if (span && span.start > now && (!next || span.start < next.start)) next = { hold, start: span.start };
  }
  return next?.hold ?? null;
}

/**
 * The time a package's reminders and escalation count its waiting from, or null while its recipient is on hold
 * (nothing is sent). After a hold, waiting counts again from the hold's end: the reminders "missed" during it are
 * not sent in a burst (the end-of-hold notice says what waits); the next one goes when the first reminder day has
 * passed since the end, and so on.
 */
export function waitingSince(loggedAt: number, holds: readonly Hold[], now: number, cal: Calendar): number | null {
  if (holdAt(holds, now, cal)) return null;
  let since = loggedAt;
  for (const hold of holds) {
    const span = holdSpan(hold, cal);
    if (span && span.end <= now && span.end > since) since = span.end;
  }
  return since;
}

/** Whether the one notice at the end of `hold` is due now: it ended (or was cancelled while in force), not long ago, and none went. */
export function endNoticeDue(hold: Hold, now: number, cal: Calendar): boolean {
  if (hold.endNoticeAt !== null) return false;
  const span = holdSpan(hold, cal);
  return span !== null && span.end <= now && now - span.end < endNoticeWithinMs;
}

/**
 * The day a package goes back: it arrived while a `return` hold of its recipient was in force, and `returnDays`
 * after the day it arrived. Null for any other package.
 */
export function returnBy(loggedAt: number, holds: readonly Hold[], cal: Calendar): string | null {
  const hold = holdAt(
    holds.filter((h) => h.mode === 'return'),
    loggedAt,
    cal,
  );
  return hold ? addDays(cal.dayOf(loggedAt), hold.returnDays ?? 1) : null;
}

export type HoldRefusal = 'untilBeforeFrom' | 'fromPast' | 'tooLong' | 'overlaps' | 'returnDays';

/**
 * Whether a new hold may be set: its days the right way round, not starting before today, at most `maxHoldDays`,
 * a `return` hold with its days, and not overlapping a hold of the same recipient still to come or in force
 * (cancel that one first: two holds at once would leave staff wondering which applies).
 */
export function checkNewHold(
  input: { fromDay: string; untilDay: string; mode: HoldMode; returnDays: number | null },
  existing: readonly Hold[],
  now: number,
  cal: Calendar,
): HoldRefusal | null {
  if (input.untilDay < input.fromDay) return 'untilBeforeFrom';
  if (input.fromDay < cal.dayOf(now)) return 'fromPast';
  if (daysBetween(input.fromDay, input.untilDay) + 1 > maxHoldDays) return 'tooLong';
  if (input.mode === 'return' && (input.returnDays === null || input.returnDays < 1 || input.returnDays > maxReturnDays)) {
    return 'returnDays';
  }
  for (const hold of existing) {
    const span = holdSpan(hold, cal);
    if (!span || span.end <= now) continue;
    if (input.fromDay <= hold.untilDay && hold.fromDay <= input.untilDay) return 'overlaps';
  }
  return null;
}
