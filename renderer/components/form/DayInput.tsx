import { DatePickerInput, type DatePickerInputProps } from '@mantine/dates';
import { dayFormatter } from './dayFormatter';

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
