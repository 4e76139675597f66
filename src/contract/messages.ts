import i18next from 'i18next';
import { addFormats } from './formats';
import type { Language } from './languages';
import en from './messages/en.json';
import es from './messages/es.json';

/**
 * Every sentence the core writes for staff (errors, door event reasons, alerts, device, backup and roster
 * problems) is a key in these catalogs plus its parameters, so each screen shows it in its own language.
 * English is the reference: it is also the text of `ApiError.message`, the log and the command line.
 */
export const coreCatalogs: Record<Language, typeof en> = { en, es };

/** The i18next namespace the catalogs are loaded under, here and in the renderer. */
export const coreNamespace = 'core';

type PluralSuffix = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other';
type WithoutPlural<K extends string> = K extends `${infer Base}_${PluralSuffix}` ? Base : K;
type Keys<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${WithoutPlural<K>}` : Keys<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** A dotted path to one sentence, e.g. `request.signIn`; a plural is named without its `_one`/`_other`. */
export type MessageKey = Keys<typeof en>;
/** A parameter may itself be a sentence (e.g. why a send failed, inside the alert about it): it is translated first. */
export type MessageParams = { [name: string]: string | number | Message };

/** A sentence for staff, not yet in any language: what crosses the API for the renderer to translate. */
export interface Message {
  key: MessageKey;
  params?: MessageParams;
}

export const message = (key: MessageKey, params?: MessageParams): Message => (params ? { key, params } : { key });

/** True when this Packroom's catalog has the key (a plural by its `_other` form), e.g. for a key read back from the database. */
export function isMessageKey(key: string): key is MessageKey {
  const path = key.split('.');
  const last = path.pop()!;
  let node: unknown = coreCatalogs.en;
  for (const part of path) node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined;
  if (typeof node !== 'object' || node === null) return false;
  const leaves = node as Record<string, unknown>;
  return typeof leaves[last] === 'string' || typeof leaves[`${last}_other`] === 'string';
}

// Its own instance, loaded synchronously from the bundled catalogs, so it never touches the renderer's or the recipients'.
const i18n = i18next.createInstance();
void i18n.init({
  resources: Object.fromEntries(Object.entries(coreCatalogs).map(([language, catalog]) => [language, { [coreNamespace]: catalog }])),
  ns: [coreNamespace],
  defaultNS: coreNamespace,
  lng: 'en',
  fallbackLng: 'en',
  initAsync: false,
  interpolation: { escapeValue: false },
});
addFormats(i18n);

const isMessage = (value: unknown): value is Message => typeof value === 'object' && value !== null && 'key' in value;

/** A sentence's params ready for i18next: those that are sentences themselves rendered with `render`. */
export function renderParams(params: MessageParams | undefined, render: (m: Message) => string): Record<string, string | number> {
  if (!params) return {};
  return Object.fromEntries(Object.entries(params).map(([name, value]) => [name, isMessage(value) ? render(value) : value]));
}

/** The sentence in a language (English unless told), e.g. for the log, the command line or `ApiError.message`. */
export const messageText = (m: Message, language: Language = 'en'): string =>
  i18n.getFixedT(language)(
    m.key,
    renderParams(m.params, (inner) => messageText(inner, language)),
  );

const zodMarker = 'core:';

/**
 * A schema's error as a catalog sentence: zod carries only a string, so the sentence rides in it as JSON
 * and `sentenceOf` reads it back when the call is refused.
 */
export const says = (key: MessageKey, params?: MessageParams): string => zodMarker + JSON.stringify(message(key, params));

/** The sentence a schema's error carries, or null for zod's own words. */
export function sentenceOf(zodMessage: string): Message | null {
  if (!zodMessage.startsWith(zodMarker)) return null;
  try {
    return JSON.parse(zodMessage.slice(zodMarker.length)) as Message;
  } catch {
    return null;
  }
}
