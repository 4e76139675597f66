import { message, type Message } from '../../contract';
import { emailAddress } from '../../contract/email';
import { isLanguage, languageIds, languages, type Language } from '../../contract/languages';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { phoneE164 } from '../phone';
import { statusKey, statusOf, statusVocabulary, type StatusVocabulary } from './status';
import type { RecipientStatus } from './types';

/** A value read from a cell, or why it cannot be used (a row error's reason). */
export type Parsed<T> = { value: T } | { error: Message };

/** Trims, collapses runs of whitespace and puts text in NFC so the same name typed two ways compares equal. */
export function cleanText(text: string): string {
  return text.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

const NAME_SUFFIX = /^(jr|sr|ii|iii|iv|v|md|phd|esq)\.?$/i;

/**
 * Splits "Last, First" at the first comma, otherwise "First Last" at the last space.
 * "First Last" is a guess: "Mary de la Cruz" becomes first "Mary de la", last "Cruz", and a
 * single word ("王小明") becomes the last name. Exports with separate name columns avoid both.
 */
export function splitFullName(fullName: string): { firstName: string; lastName: string } {
  const comma = fullName.indexOf(',');
  const afterComma = comma === -1 ? '' : fullName.slice(comma + 1).trim();
  if (comma !== -1 && !NAME_SUFFIX.test(afterComma)) {
    return { lastName: fullName.slice(0, comma).trim(), firstName: afterComma };
  }
  const words = fullName.replace(',', '').split(' ').filter(Boolean);
  if (words.length <= 1) return { firstName: '', lastName: words[0] ?? '' };
  if (NAME_SUFFIX.test(words.at(-1) ?? '') && words.length > 2) {
    return { firstName: words.slice(0, -2).join(' '), lastName: words.slice(-2).join(' ') };
  }
  return { firstName: words.slice(0, -1).join(' '), lastName: words.at(-1) ?? '' };
}

/** The recipient form's rule (phoneE164), with the sentence a row's warning gives. */
export function parsePhone(text: string, defaultCountry: CountryCode): Parsed<string> {
  const e164 = phoneE164(text, defaultCountry);
  return e164 === null ? { error: message('roster.row.badPhone', { text }) } : { value: e164 };
}

/** True for a number that is certainly a fixed line (not one that may be mobile, as every US number may). */
export function isLandline(e164: string): boolean {
  return parsePhoneNumberFromString(e164)?.getType() === 'FIXED_LINE';
}

const PHONE_LAYOUT = /^\+?[\d\s().-]+$/;

/**
 * The E.164 form of `text` when it is plainly one of the `known` numbers (already validated on the way
 * into Packroom), else null. A daily import re-reads thousands of unchanged numbers and full validation
 * is most of its work; only layouts whose E.164 form is unambiguous qualify, the rest go to parsePhone.
 */
export function knownPhone(text: string, defaultCountry: CountryCode, known: ReadonlySet<string>): string | null {
  if (!PHONE_LAYOUT.test(text)) return null;
  const digits = text.replace(/\D/g, '');
  let e164: string | null = null;
  if (text.startsWith('+')) e164 = `+${digits}`;
  else if (defaultCountry === 'US' || defaultCountry === 'CA') {
    if (digits.length === 10) e164 = `+1${digits}`;
    else if (digits.length === 11 && digits.startsWith('1')) e164 = `+${digits}`;
  }
  return e164 !== null && known.has(e164) ? e164 : null;
}

/** The recipient form's rule (emailAddress), with the sentence a row's warning gives. */
export function parseEmail(text: string): Parsed<string> {
  const email = emailAddress(text);
  return email === null ? { error: message('roster.row.badEmail', { text }) } : { value: email };
}

const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/;
// Excel's US short date, optionally followed by the time Excel appends ("1/31/2024 12:00:00 AM").
const US_DATE = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4}|\d{2})(?: .*)?$/;
const SERIAL = /^\d+(?:\.\d+)?$/;
// Only serials between 1950 and 2100 are taken as dates: a bare "2024" or "12" is far more
// likely a typo than a move-in in 1905 or 1900.
const SERIAL_MIN = 18_264;
const SERIAL_MAX = 73_051;
const MS_PER_DAY = 86_400_000;
// Excel serial 1 is 1900-01-01, but Excel counts a 29 February 1900 that never existed, so from
// March 1900 on (all serials we accept) day 0 is effectively 1899-12-30.
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

export function parseDate(text: string): Parsed<string> {
  const iso = ISO_DATE.exec(text);
  if (iso) return calendarDate(Number(iso[1]), Number(iso[2]), Number(iso[3]), text);
  const us = US_DATE.exec(text);
  if (us) return calendarDate(fourDigitYear(us[3] ?? ''), Number(us[1]), Number(us[2]), text);
  if (SERIAL.test(text)) {
    const serial = Math.floor(Number(text));
    if (serial >= SERIAL_MIN && serial <= SERIAL_MAX) {
      return { value: new Date(EXCEL_EPOCH_MS + serial * MS_PER_DAY).toISOString().slice(0, 10) };
    }
  }
  return badDate(text);
}

// Excel's own two-digit-year rule: 00-29 is 20xx, 30-99 is 19xx.
function fourDigitYear(year: string): number {
  const value = Number(year);
  if (year.length === 4) return value;
  return value < 30 ? 2000 + value : 1900 + value;
}

function calendarDate(year: number, month: number, day: number, text: string): Parsed<string> {
  const date = new Date(Date.UTC(year, month - 1, day));
  const real = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return real ? { value: date.toISOString().slice(0, 10) } : badDate(text);
}

function badDate(text: string): Parsed<string> {
  return { error: message('roster.row.badDate', { text }) };
}

/**
 * A status word through a vocabulary (see statusVocabulary): active or inactive, 'ignore' for a row that
 * is not a resident (a vacant unit), or an error for a word the vocabulary does not have.
 */
export function parseStatus(text: string, vocabulary: StatusVocabulary = statusVocabulary('generic')): Parsed<RecipientStatus | 'ignore'> {
  const choice = vocabulary[statusKey(text)];
  if (!choice) return { error: message('roster.row.unknownStatus', { text }) };
  return { value: choice === 'ignore' ? 'ignore' : statusOf(choice) };
}

const languageKey = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}]+/gu, '');

// "es", "es-MX", "Spanish", "Español", "Espanol", "Inglés": a language's code and its name in English and in itself.
const LANGUAGE_WORDS: ReadonlyMap<string, Language> = new Map(
  languageIds.flatMap((id) => {
    const names = [new Intl.DisplayNames(['en'], { type: 'language' }).of(id), languages[id]];
    const inOthers = languageIds.map((other) => new Intl.DisplayNames([other], { type: 'language' }).of(id));
    return [id, ...names, ...inOthers].filter((w): w is string => Boolean(w)).map((w) => [languageKey(w), id] as const);
  }),
);

/** A language Packroom has no messages in is not an error: that resident gets the site language. */
export function parseLanguage(text: string): Parsed<Language | null> {
  const tag = /^([a-z]{2})(?:[-_][a-z0-9]+)*$/i.exec(text.trim());
  const byTag = tag ? tag[1]!.toLowerCase() : null;
  if (byTag && isLanguage(byTag)) return { value: byTag };
  return { value: LANGUAGE_WORDS.get(languageKey(text)) ?? null };
}
