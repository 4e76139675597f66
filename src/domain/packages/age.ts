const dayMs = 86_400_000;

/** Whole days a package has waited (0 on the day it was logged, counted in 24-hour steps). */
export const ageDays = (loggedAt: number, now: number): number => Math.max(0, Math.floor((now - loggedAt) / dayMs));

export interface AgeBuckets {
  '0-2': number;
  '3-7': number;
  '8-14': number;
  '15+': number;
}

/** Waiting packages by how long they have waited, as the Overview shows them. */
export function ageBuckets(loggedAts: readonly number[], now: number): AgeBuckets {
  const buckets: AgeBuckets = { '0-2': 0, '3-7': 0, '8-14': 0, '15+': 0 };
  for (const at of loggedAts) {
    const days = ageDays(at, now);
    buckets[days <= 2 ? '0-2' : days <= 7 ? '3-7' : days <= 14 ? '8-14' : '15+']++;
  }
  return buckets;
}

/**
 * Counts times per day. `dayStarts` are the local midnights of consecutive days, oldest first, and
 * one more for the end of the last day (days are not all 24 hours long across a clock change).
 */
export function countPerDay(times: readonly number[], dayStarts: readonly number[]): number[] {
  const counts = new Array<number>(Math.max(0, dayStarts.length - 1)).fill(0);
  for (const t of times) {
    let lo = 0;
    let hi = dayStarts.length - 1;
    if (t < dayStarts[0]! || t >= dayStarts[hi]!) continue;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (t >= dayStarts[mid]!) lo = mid;
      else hi = mid;
    }
    counts[lo]!++;
  }
  return counts;
}
