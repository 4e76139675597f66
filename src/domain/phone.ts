import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { message, type Message } from '../contract/messages';

export type PhoneResult = { ok: true; e164: string } | { ok: false; reason: Message };

/** Any common way of writing a phone number, read in the site's country, to E.164. */
export function normalizePhone(input: string, defaultCountry: string): PhoneResult {
  const parsed = parsePhoneNumberFromString(input, defaultCountry as CountryCode);
  if (!parsed || !parsed.isValid()) return { ok: false, reason: message('recipients.invalidPhone', { phone: input }) };
  return { ok: true, e164: parsed.number };
}
