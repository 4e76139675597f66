import type { Language } from '../../src/contract';
import { i18n } from './index';

/** Switches every screen to `language` and tells the browser (and screen readers) what the page is written in. */
export function applyLanguage(language: Language): void {
  if (i18n.language !== language) void i18n.changeLanguage(language);
  document.documentElement.lang = language;
}
