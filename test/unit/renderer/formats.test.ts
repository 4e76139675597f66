import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { message, messageText } from '../../../src/contract';
import { dayFormatter } from '../../../renderer/components/form/dayFormatter';
import { formatDate, formatDateTime, formatNumber, formatPercent, formatTime, i18n, sentenceText } from '../../../renderer/i18n';

// ICU writes a narrow or a no-break space in places ("8:05 PM", "12,5 %"): compare the words, not the space kind.
const plain = (text: string) => text.replace(/\s/g, ' ');

// Built from local parts, so the expectations hold in any time zone the suite runs in.
const evening = new Date(2026, 10, 8, 20, 5);

describe('one format per kind, in the screen’s language', () => {
  afterEach(() => i18n.changeLanguage('en'));

  it('writes dates, times, numbers and shares the English way', () => {
    expect(formatDate(evening.toISOString())).toBe('Nov 8, 2026');
    expect(plain(formatTime(evening.toISOString()))).toBe('8:05 PM');
    expect(plain(formatDateTime(evening.getTime()))).toBe('Nov 8, 2026, 8:05 PM');
    expect(formatNumber(12345.67)).toBe('12,345.7');
    expect(formatNumber(0.1)).toBe('0.1');
    expect(formatPercent(0.125)).toBe('12.5%');
  });

  it('writes them the Spanish way', async () => {
    await i18n.changeLanguage('es');
    expect(formatDate(evening.toISOString())).toBe('8 nov 2026');
    expect(formatTime(evening.toISOString())).toBe('20:05');
    expect(formatDateTime(evening)).toBe('8 nov 2026, 20:05');
    expect(formatNumber(12345.67)).toBe('12.345,7');
    expect(formatNumber(0.1)).toBe('0,1');
    expect(plain(formatPercent(0.125))).toBe('12,5 %');
  });

  it('writes the days a date picker holds as formatDate does, a range with its separator', async () => {
    const write = (date: string | [string, string], labelSeparator = '–') =>
      dayFormatter({ type: Array.isArray(date) ? 'range' : 'default', date, locale: i18n.language, format: '', labelSeparator });
    expect(write('2026-12-08')).toBe('Dec 8, 2026');
    expect(write(['2026-12-01', '2026-12-08'])).toBe('Dec 1, 2026 – Dec 8, 2026');
    await i18n.changeLanguage('es');
    expect(write('2026-12-08')).toBe('8 dic 2026');
  });

  it('reads a calendar day as that day here, not as midnight in UTC (the day before in America)', async () => {
    expect(formatDate('2026-11-08')).toBe('Nov 8, 2026');
    await i18n.changeLanguage('es');
    expect(formatDate('2026-11-08')).toBe('8 nov 2026');
  });

  it('gives the core’s sentences the same styles, on the screen and in the core’s English', async () => {
    const locked = message('door.reason.lockedOut', { until: evening.getTime() });
    expect(plain(messageText(locked))).toBe('Too many wrong tries: locked until 8:05 PM');
    await i18n.changeLanguage('es');
    expect(sentenceText(locked)).toContain('20:05');
    expect(plain(messageText(locked, 'es'))).toBe(plain(sentenceText(locked)));
    const limit = message('roster.file.tooManyRows', { limit: 50000 });
    expect(sentenceText(limit)).toContain('50.000');
  });
});

/**
 * Everything else on the screens formats through those five: a `toLocale…` call, an `Intl` formatter or a
 * dayjs display pattern anywhere else in renderer/ would be a sixth style.
 */
describe('the renderer formats only through renderer/i18n', () => {
  const root = join(import.meta.dirname, '..', '..', '..');
  const home = join(root, 'renderer', 'i18n', 'index.ts');
  const sources = (folder: string): string[] =>
    readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) return sources(path);
      return /\.tsx?$/.test(entry.name) && path !== home ? [path] : [];
    });
  // A native date input writes its day in the operating system's format, whatever the screen's language.
  const stray = [/\.toLocale\w*String\(/, /\bIntl\.\w+/, /\.format\(\s*['"`]/, /\.locale\(/, /type=["']date["']/];

  it('finds no other date or number formatting', () => {
    const found = sources(join(root, 'renderer')).flatMap((path) =>
      readFileSync(path, 'utf8')
        .split('\n')
        .flatMap((line, i) => (stray.some((pattern) => pattern.test(line)) ? [`${relative(root, path)}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(found).toEqual([]);
  });

  it('would find one', () => {
    const lines = [
      "new Date(at).toLocaleTimeString('es')",
      'new Intl.NumberFormat(language)',
      "dayjs(d).format('D MMM')",
      '<TextInput type="date" label={t(\'x\')} />',
    ];
    expect(lines.filter((line) => stray.some((pattern) => pattern.test(line)))).toEqual(lines);
  });
});
