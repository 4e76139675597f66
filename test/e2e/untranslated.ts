import { expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

type Tree = { [key: string]: string | Tree };
const root = join(import.meta.dirname, '..', '..');
const catalogs = ['renderer/i18n/locales', 'src/contract/messages'];

const values = (tree: Tree): string[] => Object.values(tree).flatMap((v) => (typeof v === 'string' ? [v] : values(v)));
const load = (folder: string, language: string) => values(JSON.parse(readFileSync(join(root, folder, `${language}.json`), 'utf8')) as Tree);

/**
 * Phrases of the English catalogs (the staff UI's and the core's sentences) that a screen in another
 * language must not show: the literal text between placeholders, at least two words long, and not
 * found anywhere in that language's catalogs (so names of products, like "Twilio", do not count).
 */
function englishPhrases(language: string): string[] {
  const translated = catalogs.flatMap((folder) => load(folder, language)).join('\n');
  const english = catalogs.flatMap((folder) => load(folder, 'en'));
  const phrases = english
    .flatMap((text) => text.split(/\{\{[^}]*\}\}|\$t\([^)]*\)|<\/?\w+\s*\/?>/))
    .map((fragment) => fragment.replace(/^[\s,.;:()"'—–-]+|[\s,.;:()"'—–-]+$/g, ''))
    .filter((fragment) => /\w+\s+\w+/.test(fragment) && fragment.length >= 8 && !translated.includes(fragment));
  return [...new Set(phrases)];
}

const cache = new Map<string, string[]>();

/**
 * Fails when the page as it is now (an open dialog included) shows English the catalogs have a translation for.
 * `data` is text shown as it came, in no language of ours (e.g. the name a USB device gives itself).
 */
export async function expectNoEnglish(page: Page, screen: string, data: string[] = [], language = 'es'): Promise<void> {
  if (!cache.has(language)) cache.set(language, englishPhrases(language));
  const phrases = cache.get(language)!;
  await expect(page.locator('html')).toHaveAttribute('lang', language);
  const shown = data.reduce((text, value) => text.replaceAll(value, ''), await page.locator('body').innerText());
  const leaks = phrases.filter((phrase) => shown.includes(phrase));
  expect(leaks, `English on the ${screen} screen in ${language}`).toEqual([]);
}
