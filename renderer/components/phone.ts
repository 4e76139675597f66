import { getCountryCallingCode, isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js/min';

/**
 * A stored phone number (E.164, as the core keeps it and exports write it) as people write it: in the site's
 * country the national way, "(415) 555-0187" in the US, "612 34 56 78" in Spain; a number from another country
 * with its +code, "+34 612 34 56 78". Numbers sharing the site's calling code (Canada on a US site) are dialled
 * like the site's own, so they read nationally too. Null (no site country yet): every number with its +code.
 */
export function formatPhone(e164: string, siteCountry: string | null): string {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return e164;
  const national =
    siteCountry !== null && isSupportedCountry(siteCountry) && parsed.countryCallingCode === getCountryCallingCode(siteCountry);
  return national ? parsed.formatNational() : parsed.formatInternational();
}
