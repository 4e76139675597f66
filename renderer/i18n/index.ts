/// <reference types="vite/client" />
import i18next, { type Resource } from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import {
  addFormats,
  ApiError,
  coreCatalogs,
  formats,
  coreNamespace,
  isLanguage,
  languageIds,
  languages,
  renderParams,
  type Language,
  type Message,
  type Moment,
} from '../../src/contract';
import type en from './locales/en.json';

type Catalog = typeof en;

// Every file in locales/ is a language: adding one is adding its file (and its line in src/contract/languages.ts).
const files = import.meta.glob<Catalog>('./locales/*.json', { eager: true, import: 'default' });
const resources: Resource = Object.fromEntries(
  Object.entries(files).map(([path, catalog]) => {
    const language = /([^/]+)\.json$/.exec(path)![1]!;
    // The core's sentences (errors, door reasons, alerts, problems) beside the screens' own words.
    return [language, { translation: catalog, [coreNamespace]: isLanguage(language) ? coreCatalogs[language] : {} }];
  }),
);

void i18next.use(initReactI18next).init({
  resources,
  lng: 'en',
  fallbackLng: 'en',
  supportedLngs: languageIds,
  initAsync: false,
  interpolation: { escapeValue: false },
  react: { transSupportBasicHtmlNodes: true, transKeepBasicHtmlNodesFor: ['strong'] },
});
// The catalogs' {{at, datetime}}, {{n, number}}… in the styles the screens' own formatDate … formatPercent use.
addFormats(i18next);

export const i18n = i18next;
export { useTranslation };

/** A sentence the core wrote, in the screen's language. */
export const sentenceText = (m: Message): string =>
  String(i18next.t(m.key, { ...renderParams(m.params, sentenceText), ns: coreNamespace }));

/** What went wrong, in the screen's language when the core said it from its catalogs (else its English). */
export const errorText = (error: Error) => {
  const sentence = error instanceof ApiError ? error.sentence : null;
  return sentence ? sentenceText(sentence) : error.message;
};

export const currentLanguage = (): Language => (isLanguage(i18next.language) ? i18next.language : 'en');

/** Languages as offered in a Select: each in its own name. */
export const languageOptions = () => languageIds.map((id) => ({ value: id, label: languages[id] }));

/** A date in the screen's language: "Nov 8, 2026", "8 nov 2026" (a YYYY-MM-DD day is that day here, not in UTC). */
export const formatDate = (value: Moment) => formats.date(value, currentLanguage());

/** A time of day: "8:05 PM", "20:05". */
export const formatTime = (value: Moment) => formats.time(value, currentLanguage());

/** A moment: "Nov 8, 2026, 8:05 PM", "8 nov 2026, 20:05". */
export const formatDateTime = (value: Moment) => formats.datetime(value, currentLanguage());

/** A count or a measure, to one decimal: "1,234.5", "1234,5". */
export const formatNumber = (value: number) => formats.number(value, currentLanguage());

/** A share of 1 as a percentage, to one decimal: "12.5%", "12,5 %". */
export const formatPercent = (share: number) => formats.percent(share, currentLanguage());

const agoSteps: [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', Infinity],
];

/** How long ago `at` was, seen from `now` (epoch ms), in the largest whole unit: "5 minutes ago", "hace 5 minutos", "now". */
export function formatAgo(at: number, now: number): string {
  let amount = Math.max(0, Math.round((now - at) / 1000));
  let unit: Intl.RelativeTimeFormatUnit = 'second';
  for (const [step, per] of agoSteps) {
    unit = step;
    if (amount < per) break;
    amount = Math.floor(amount / per);
  }
  return new Intl.RelativeTimeFormat(currentLanguage(), { numeric: 'auto' }).format(-amount, unit);
}

/** "3 and 4", "3 y 4": a list joined the way the screen's language joins one. */
export const formatList = (items: string[]) => new Intl.ListFormat(currentLanguage(), { type: 'conjunction' }).format(items);
