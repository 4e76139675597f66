import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

export type PhoneResult = { ok: true; e164: string } | { ok: false; reason: string };

/** Any common way of writing a phone number, read in the site's country, to E.164. */
export function normalizePhone(input: string, defaultCountry: string): PhoneResult {
  const parsed = parsePhoneNumberFromString(input, defaultCountry as CountryCode);
  if (!parsed || !parsed.isValid()) {
    return { ok: false, reason: `"${input}" is not a valid phone number. Include the area code, e.g. (415) 555-0123 or +44 20 7946 0958.` };
  }
  return { ok: true, e164: parsed.number };
}
