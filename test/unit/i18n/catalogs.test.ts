import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { languageIds } from '../../../src/contract';

/**
 * Every language's catalog has every key English has (plural keys in the forms that language's
 * Intl.PluralRules uses: es has one, many and other), no key English lacks, and in each string the
 * same {{placeholders}} and <tags> as English.
 */
const root = join(import.meta.dirname, '..', '..', '..');
const catalogFolders = {
  'staff UI': 'renderer/i18n/locales',
  'core sentences for staff': 'src/contract/messages',
  'recipient messages': 'src/services/notifications/locales',
};

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const pluralSuffix = /_(zero|one|two|few|many|other)$/;
const placeholders = (text: string) =>
  [...text.matchAll(/\{\{\s*([\w.]+)\s*(?:,[^}]*)?\}\}|<\/?(\w+)\s*\/?>/g)].map((m) => m[1] ?? `<${m[2]}>`).sort();

/** English's keys as another language must have them: a plural key in each of that language's plural forms. */
function expectedKeys(english: Map<string, string>, language: string): Map<string, string> {
  const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
  const out = new Map<string, string>();
  for (const [key, text] of english) {
    if (!pluralSuffix.test(key)) out.set(key, text);
    else if (key.endsWith('_other')) for (const c of categories) out.set(key.replace(pluralSuffix, `_${c}`), text);
  }
  return out;
}

const load = (folder: string, language: string) =>
  flatten(JSON.parse(readFileSync(join(root, folder, `${language}.json`), 'utf8')) as Tree);

describe.each(Object.entries(catalogFolders))('%s catalogs', (_name, folder) => {
  const english = load(folder, 'en');

  it('has one file per language, and a language for every file', () => {
    const files = readdirSync(join(root, folder))
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.replace(/\.json$/, ''));
    expect(files.sort()).toEqual([...languageIds].sort());
  });

  it('writes every English plural in its one and other forms', () => {
    const bases = [...english.keys()].filter((k) => pluralSuffix.test(k)).map((k) => k.replace(pluralSuffix, ''));
    for (const base of new Set(bases)) expect([english.has(`${base}_one`), english.has(`${base}_other`)], base).toEqual([true, true]);
  });

  it.each(languageIds.filter((l) => l !== 'en'))('%s has every key English has, and no other', (language) => {
    const catalog = load(folder, language);
    const expected = expectedKeys(english, language);
    const missing = [...expected.keys()].filter((k) => !catalog.has(k));
    const extra = [...catalog.keys()].filter((k) => !expected.has(k));
    expect({ missing, extra }).toEqual({ missing: [], extra: [] });
  });

  it.each(languageIds.filter((l) => l !== 'en'))('%s uses the same placeholders as English in every string', (language) => {
    const catalog = load(folder, language);
    const differing = [...expectedKeys(english, language)]
      .filter(([key, text]) => catalog.has(key) && placeholders(catalog.get(key)!).join() !== placeholders(text).join())
      .map(([key, text]) => `${key}: ${placeholders(text).join(', ')} ≠ ${placeholders(catalog.get(key)!).join(', ')}`);
    expect(differing).toEqual([]);
  });

  it.each(languageIds)('%s has no empty string', (language) => {
    expect([...load(folder, language)].filter(([, text]) => text.trim() === '').map(([key]) => key)).toEqual([]);
  });
});
