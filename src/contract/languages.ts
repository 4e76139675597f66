/**
 * The languages Packroom speaks, for the staff screens and for messages to recipients. Adding one is
 * this one line plus its catalogs (see docs/development.md, "Adding a language"); a unit test fails until every catalog
 * has every key English has.
 */
export const languages = {
  en: 'English',
  es: 'Español',
} as const;

export type Language = keyof typeof languages;

export const languageIds = Object.keys(languages) as [Language, ...Language[]];

export const isLanguage = (value: unknown): value is Language => typeof value === 'string' && Object.hasOwn(languages, value);
