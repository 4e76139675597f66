import { useCallback } from 'react';
import { useSettings } from '../settings/useSettings';
import { formatPhone } from './phone';

/** formatPhone with this site's country, for any screen that shows a phone number. */
export function usePhoneFormat(): (e164: string) => string {
  const country = useSettings().data?.defaultCountry ?? null;
  return useCallback((e164: string) => formatPhone(e164, country), [country]);
}
