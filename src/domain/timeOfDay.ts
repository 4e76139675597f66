/** The latest moment at or before `now` when the clock showed HH:MM (local time). */
export function lastTimeOfDay(now: number, hhmm: string): number {
  const [hours = 0, minutes = 0] = hhmm.split(':').map(Number);
  const at = new Date(now);
  at.setHours(hours, minutes, 0, 0);
  if (at.getTime() > now) at.setDate(at.getDate() - 1);
  return at.getTime();
}

/** The first moment after `now` when the clock shows HH:MM (local time). */
export function nextTimeOfDay(now: number, hhmm: string): number {
  const at = new Date(lastTimeOfDay(now, hhmm));
  at.setDate(at.getDate() + 1);
  return at.getTime();
}
