import { expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

type Tree = { [key: string]: string | Tree };
const root = join(import.meta.dirname, '..', '..');
/** The staff UI's words and the core's sentences for staff: everything a screen shows comes from these or from data. */
const catalogs = ['renderer/i18n/locales', 'src/contract/messages'];

const values = (tree: Tree): string[] => Object.values(tree).flatMap((v) => (typeof v === 'string' ? [v] : values(v)));
const catalog = (folder: string, language: string) => JSON.parse(readFileSync(join(root, folder, `${language}.json`), 'utf8')) as Tree;
const load = (folder: string, language: string) => values(catalog(folder, language));

/** Words as a reader sees them: placeholders, nested keys and tags are not words of the text. */
const words = (text: string): string[] =>
  (text.replace(/\{\{[^}]*\}\}|\$t\([^)]*\)|<\/?\w+\s*\/?>/g, ' ').match(/\p{L}[\p{L}'’]*/gu) ?? []).map((w) =>
    w.toLowerCase().replace(/['’]s$/, ''),
  );

/**
 * Common English words a screen could show without the catalogs having them (a library's own label, a value the
 * core wrote in English); none of them is also a Spanish word.
 */
const commonEnglish =
  'the of and to in is it you that was for on are with as his they be at one have this from or had by but what some we can out other were all there when up use your how said an each she which their time will way about many then them write would like so these her long make thing see him two has look more day could go did number sound most people my over know water than call first who may down side been now find any new work part take get place made live where after back little only round man year came show every good give our under name very through just form sentence great think say help low line differ turn cause much mean before move right boy old too same tell does set three want air well also play small end put home read hand port large spell add even land here must big high such follow act why ask men change went light kind off need house picture try us again point mother world near build self earth father head stand own page should country found answer school grow study still learn plant cover food sun four between state keep eye never last let thought city tree cross farm hard start might story saw far draw left late run while press close night life few north open seem together next white children begin got walk example ease paper group always music those both mark often letter until mile river car feet care second book carry took science eat room friend began fish mountain stop hear horse cut sure watch face wood main enough plain girl usual young ready above ever list though feel talk bird soon body dog family direct pose leave song measure door product black short numeral class wind question happen complete ship area half rock order fire south problem piece told knew pass since top whole king space heard best hour better true during hundred five remember step early hold west ground interest reach fast verb sing listen six table travel less morning ten simple several vowel toward war lay against pattern slow center love person money serve appear road map rain rule govern pull cold notice voice unit power town fine certain fly fall lead cry dark machine note wait figure star box noun field rest correct able pound done beauty drive stood contain front teach week gave green oh quick develop ocean warm free minute strong special mind behind clear tail produce fact street inch multiply nothing course stay wheel full force blue object decide surface deep moon island foot system busy test record boat common gold possible plane stead dry wonder laugh thousand ago ran check game shape equate hot miss brought heat snow tire bring yes distant fill east paint language among next previous today tomorrow yesterday loading close cancel save delete edit search filter sort show hide more less none nothing yes submit choose select clear reset sign logged waiting picked returned missing staff admin settings account recipient recipients package packages activity import door'.split(
    ' ',
  );

/**
 * English a screen in `language` must not show: every word of the English catalogs and the common words above,
 * less every word the language's own catalogs use (so a word both languages share, or a name kept as it is, like
 * "Twilio", never counts) and the names the catalogs list under `names` (Packroom, UPS, PIN, CSV…).
 */
function englishWords(language: string): Set<string> {
  const own = new Set(catalogs.flatMap((folder) => load(folder, language)).flatMap(words));
  const names = new Set(values((catalog('renderer/i18n/locales', language).names as Tree | undefined) ?? {}).flatMap(words));
  const english = [...catalogs.flatMap((folder) => load(folder, 'en')).flatMap(words), ...commonEnglish];
  return new Set(english.filter((w) => w.length > 1 && !own.has(w) && !names.has(w)));
}

const cache = new Map<string, Set<string>>();

/** What a person sees or hears on the page as it is now (an open dialog included): its text and its labels. */
async function shownText(page: Page): Promise<string[]> {
  const attributes = ['aria-label', 'title', 'placeholder', 'alt'];
  // The page's own element type is not in this (Node) program's types: only getAttribute is used.
  const labels = await page
    .locator(attributes.map((name) => `[${name}]`).join(', '))
    .evaluateAll(
      (elements, names) =>
        elements.flatMap((element) =>
          names.map((name) => (element as unknown as { getAttribute(n: string): string | null }).getAttribute(name) ?? ''),
        ),
      attributes,
    );
  return [await page.title(), ...(await page.locator('body').innerText()).split('\n'), ...labels.filter(Boolean)];
}

/**
 * The English words on the page, each with the line it is in. `data` is text shown as it came, in no language of
 * ours (the test's own recipients, what staff typed, the name a USB device gives itself).
 */
export async function englishOnPage(page: Page, data: string[] = [], language = 'es'): Promise<string[]> {
  if (!cache.has(language)) cache.set(language, englishWords(language));
  const english = cache.get(language)!;
  const lines = await shownText(page);
  return [
    ...new Set(
      lines.flatMap((line) => {
        const rest = data.reduce((text, value) => text.replaceAll(value, ' '), line);
        return words(rest)
          .filter((w) => english.has(w))
          .map((w) => `"${w}" in "${line.trim().slice(0, 160)}"`);
      }),
    ),
  ];
}

/** Fails when the page as it is now shows an English word the catalogs translate (see englishOnPage). */
export async function expectNoEnglish(page: Page, screen: string, data: string[] = [], language = 'es'): Promise<void> {
  await expect(page.locator('html')).toHaveAttribute('lang', language);
  expect(await englishOnPage(page, data, language), `English on the ${screen} screen in ${language}`).toEqual([]);
}
