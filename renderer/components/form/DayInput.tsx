import { DatePickerInput, type DateFormatter, type DatePickerInputProps } from '@mantine/dates';
import { formatDate } from '../../i18n';

/**
 * Writes the days a date picker holds as every screen writes a date (formatDate: "Dec 8, 2026", "8 dic 2026"),
 * a range as "from – to".
 */
export const dayFormatter: DateFormatter = ({ date, labelSeparator }) => {
  const days = (Array.isArray(date) ? date : [date]).filter((d): d is string | Date => d !== null && d !== undefined);
  return days.map((d) => formatDate(d instanceof Date ? d : String(d))).join(` ${labelSeparator} `);
};

type Props = Omit<DatePickerInputProps<'default'>, 'type' | 'value' | 'onChange' | 'valueFormatter'> & {
  /** YYYY-MM-DD, or '' (or nothing) for no day: a clearable input. */
  value?: string;
  onChange: (value: string) => void;
};

/**
 * One day from a calendar, in the screen's language. Not the browser's native date input: that one writes the
 * day in the operating system's format, so a Spanish screen on an English PC showed "12/08/2026".
 */
export function DayInput({ value, onChange, ...props }: Props) {
  return <DatePickerInput {...props} value={value || null} valueFormatter={dayFormatter} onChange={(day) => onChange(day ?? '')} />;
}
