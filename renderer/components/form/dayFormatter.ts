import type { DateFormatter } from '@mantine/dates';
import { formatDate } from '../../i18n';

/**
 * Writes the days a date picker holds as every screen writes a date (formatDate: "Dec 8, 2026", "8 dic 2026"),
 * a range as "from – to".
 */
export const dayFormatter: DateFormatter = ({ date, labelSeparator }) => {
  const days = (Array.isArray(date) ? date : [date]).filter((d): d is string | Date => d !== null && d !== undefined);
  return days.map((d) => formatDate(d instanceof Date ? d : String(d))).join(` ${labelSeparator} `);
};
