import { DateTimePicker } from '@mantine/dates';
import dayjs from 'dayjs';

/** The format the picker hands back: local time, which dayjs reads as local time. */
export const pickerFormat = 'YYYY-MM-DD HH:mm:ss';

// The calendar's controls are icons or bare numbers: give each a name a screen reader can say.
const calendarLabels = {
  nextMonth: 'Next month',
  previousMonth: 'Previous month',
  nextYear: 'Next year',
  previousYear: 'Previous year',
  nextDecade: 'Next decade',
  previousDecade: 'Previous decade',
  monthLevelControl: 'Choose a month',
  yearLevelControl: 'Choose a year',
};

interface Props {
  value: string | null;
  onChange: (value: string | null) => void;
  defaultHours: number;
  error?: string;
}

/** "Access expires": the date and time a Single Access PIN stops working. */
export function ExpiryPicker({ value, onChange, defaultHours, error }: Props) {
  return (
    <DateTimePicker
      label="Access expires"
      description={`The PIN stops working at this date and time (default: ${defaultHours} hours from now).`}
      valueFormat="ddd D MMM YYYY, HH:mm"
      minDate={new Date()}
      value={value}
      onChange={onChange}
      error={error}
      ariaLabels={calendarLabels}
      getDayAriaLabel={(date) => dayjs(date).format('dddd D MMMM YYYY')}
      timePickerProps={{ hoursInputLabel: 'Hours', minutesInputLabel: 'Minutes' }}
      submitButtonProps={{ 'aria-label': 'Set expiry' }}
      popoverProps={{ withinPortal: true }}
    />
  );
}
