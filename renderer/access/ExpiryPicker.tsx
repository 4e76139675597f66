import { DateTimePicker } from '@mantine/dates';
import dayjs from 'dayjs';
import { formatDate, useTranslation } from '../i18n';
import type { ReactNode } from 'react';

/** The format the picker hands back: local time, which dayjs reads as local time. */
export const pickerFormat = 'YYYY-MM-DD HH:mm:ss';

interface Props {
  value: string | null;
  onChange: (value: string | null) => void;
  defaultHours: number;
  error?: ReactNode;
}

/** "Access expires": the date and time a Single Access PIN stops working. */
export function ExpiryPicker({ value, onChange, defaultHours, error }: Props) {
  const { t } = useTranslation();
  // The calendar's controls are icons or bare numbers: give each a name a screen reader can say.
  const calendarLabels = {
    nextMonth: t('access.expiry.nextMonth'),
    previousMonth: t('access.expiry.previousMonth'),
    nextYear: t('access.expiry.nextYear'),
    previousYear: t('access.expiry.previousYear'),
    nextDecade: t('access.expiry.nextDecade'),
    previousDecade: t('access.expiry.previousDecade'),
    monthLevelControl: t('access.expiry.monthLevel'),
    yearLevelControl: t('access.expiry.yearLevel'),
  };
  return (
    <DateTimePicker
      label={t('access.expiry.label')}
      description={t('access.expiry.description', { count: defaultHours })}
      valueFormat="ddd D MMM YYYY, HH:mm"
      // Past days are greyed out, but no minDate: Mantine moves a value before it up to "now" when the calendar
      // closes (09:00 became 23:00). A time typed in the past stays as typed and the core refuses it on the field.
      excludeDate={(date) => dayjs(date).isBefore(dayjs(), 'day')}
      value={value}
      onChange={onChange}
      error={error}
      ariaLabels={calendarLabels}
      getDayAriaLabel={formatDate}
      timePickerProps={{ hoursInputLabel: t('access.expiry.hours'), minutesInputLabel: t('access.expiry.minutes') }}
      submitButtonProps={{ 'aria-label': t('access.expiry.set') }}
      // The calendar is not a dialog (no focus trap, Escape closes it): without roles axe needs no dialog name for it.
      popoverProps={{ withinPortal: true, withRoles: false }}
      // Mantine paints weekends red-6, below AA contrast; a weekend is no different for a PIN's expiry.
      weekendDays={[]}
    />
  );
}
