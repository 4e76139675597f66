/** Days as people at the desk count them: this computer's time zone, midnight to midnight. */

export const localMidnight = (time: number, dayOffset = 0): number => {
  const d = new Date(time);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + dayOffset).getTime();
};

/** A number that is the same for two times on the same local day. */
export const localDay = (time: number): number => {
  const d = new Date(time);
  return d.getFullYear() * 10_000 + (d.getMonth() + 1) * 100 + d.getDate();
};

const pad = (n: number) => String(n).padStart(2, '0');

export const localDate = (time: number): string => {
  const d = new Date(time);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};

/** "2026-11-26" → that day's local midnight. */
export const parseLocalDate = (day: string): number => {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d).getTime();
};
