import { weekdayIds, type CarrierCode, type Weekday } from '../../src/contract';
import { formatTime, i18n } from '../i18n';

const t = i18n.t.bind(i18n);

export const weekdayLabel = (day: Weekday) => t(`carriers.weekdays.${day}`);

/** Days as staff read them: "Every day", "Mon–Sat", "Mon, Wed, Fri". */
export function describeDays(days: readonly Weekday[]): string {
  const chosen = new Set(days);
  if (chosen.size === 7) return t('carriers.everyDay');
  const runs: string[] = [];
  for (let i = 0; i < 7; i++) {
    if (!chosen.has(weekdayIds[i]!)) continue;
    let j = i;
    while (j + 1 < 7 && chosen.has(weekdayIds[j + 1]!)) j++;
    const run = weekdayIds.slice(i, j + 1).map(weekdayLabel);
    runs.push(run.length >= 3 ? `${run[0]}–${run[run.length - 1]}` : run.join(', '));
    i = j;
  }
  return runs.join(', ');
}

/** "HH:MM" as the screen's language writes a time of day ("8:00 AM", "8:00"). */
function timeOfDay(text: string): string {
  const [hours = 0, minutes = 0] = text.split(':').map(Number);
  return formatTime(new Date(2000, 0, 1, hours, minutes));
}

export const describeHours = (c: Pick<CarrierCode, 'from' | 'until'>) =>
  t(c.until < c.from ? 'carriers.windowNextDay' : 'carriers.window', { from: timeOfDay(c.from), until: timeOfDay(c.until) });
