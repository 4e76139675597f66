// The full metadata: the small one takes numbers for valid that are not (a German mobile prefix that does not
// exist), and the roster import needs the full one anyway to tell a landline.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { message, type Message } from '../contract/messages';

export type PhoneResult = { ok: true; e164: string } | { ok: false; reason: Message };

/**
 * The one rule for a phone number, wherever it comes from (the recipient form, a roster file, a PIN request):
 * any common way of writing it, read in the site's country, as E.164; null when it is not a number in service.
 */
export function phoneE164(input: string, defaultCountry: string): string | null {
  const parsed = parsePhoneNumberFromString(input, defaultCountry as CountryCode);
  return parsed?.isValid() ? parsed.number : null;
}

/** phoneE164 with the sentence staff read when they typed a number it refuses. */
export function normalizePhone(input: string, defaultCountry: string): PhoneResult {
  const e164 = phoneE164(input, defaultCountry);
  return e164 === null ? { ok: false, reason: message('recipients.invalidPhone', { phone: input }) } : { ok: true, e164 };
}
