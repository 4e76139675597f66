/**
 * Workbooks made the way an attacker would make them: each is refused in plain words, within seconds
 * and a few hundred megabytes, or read as the real file it pretends to be. The heavy ones are parsed
 * in a process of their own (parseInChild) so their time and peak memory are measured alone.
 */
import { describe, expect, it } from 'vitest';
import { messageText } from '../../../src/contract';
import { parseRosterFile, RosterFileError } from '../../../src/services/roster/file/parse';
import { rosterFileLimits } from '../../../src/services/roster/file/limits';
import { parseInChild } from '../../helpers/hostile';
import { cell, repeatedSheet, sheetPart, workbookParts, zipArchive } from '../../helpers/zip';
import { xlsxFrom } from './helpers';

// Margins for a loaded 2-core machine: the parses below take well under a tenth of these when idle.
const refusedWithinMs = 30_000;
const peakMemoryMb = 500;
// The child compiles the parser before it starts: on a loaded machine that alone can take many seconds.
const childTestMs = 180_000;

async function refusal(bytes: Uint8Array, name = 'roster.xlsx'): Promise<RosterFileError> {
  const error = await parseRosterFile(bytes, name).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RosterFileError);
  return error as RosterFileError;
}

const header = `<row r="1">${cell('A1', 'Name')}${cell('B1', 'Unit')}${cell('C1', 'Resident ID')}</row>`;
const person = (n: number, extra = '') =>
  `<row r="${n}">${cell(`A${n}`, `Lee, Ann ${n}`)}${cell(`B${n}`, String(100 + n))}${cell(`C${n}`, `t${n}`)}${extra}</row>`;

function sheetOf(rows: number, extra: (n: number) => string): Uint8Array {
  let xml = header;
  for (let n = 2; n <= rows + 1; n += 1) xml += person(n, extra(n));
  return zipArchive([...workbookParts(), sheetPart(xml)]);
}

describe('hostile workbooks', () => {
  it(
    'refuses 3,000 rows that each fill column XFD, in seconds and little memory',
    async () => {
      const bytes = sheetOf(3000, (n) => cell(`XFD${n}`, 'x'));
      expect(bytes.length).toBeLessThan(100 * 1024);
      const parsed = await parseInChild(bytes, 'xfd.xlsx');
      console.info(
        `XFD workbook (${(bytes.length / 1024).toFixed(0)} KB): ${parsed.ms.toFixed(0)} ms, peak ${parsed.maxRssMb.toFixed(0)} MB`,
      );
      expect(parsed).toMatchObject({ read: false, problem: 'too-large' });
      expect(parsed.message).toMatch(/more than 5,000,000 cells/);
      expect(parsed.ms).toBeLessThan(refusedWithinMs);
      expect(parsed.maxRssMb).toBeLessThan(peakMemoryMb);
    },
    childTestMs,
  );

  it(
    'refuses rows that only touch column XFD with an empty formatted cell, as exceljs walks every column up to it',
    async () => {
      const parsed = await parseInChild(
        sheetOf(3000, (n) => `<c r="XFD${n}" s="0"/>`),
        'formatted.xlsx',
      );
      console.info(`XFD formatted cells: ${parsed.ms.toFixed(0)} ms, peak ${parsed.maxRssMb.toFixed(0)} MB`);
      expect(parsed).toMatchObject({ read: false, problem: 'too-large' });
      expect(parsed.ms).toBeLessThan(refusedWithinMs);
      expect(parsed.maxRssMb).toBeLessThan(peakMemoryMb);
    },
    childTestMs,
  );

  it(
    'refuses a small workbook whose sheet unpacks to 400 MB, naming the limit',
    async () => {
      let rows = '';
      for (let n = 2; n < 42; n += 1) rows += person(n);
      const bytes = zipArchive([...workbookParts(), repeatedSheet(400 * 1024 * 1024, rows)]);
      expect(bytes.length).toBeLessThan(4 * 1024 * 1024);
      const parsed = await parseInChild(bytes, 'bomb.xlsx');
      console.info(
        `zip bomb (${(bytes.length / 1024 / 1024).toFixed(1)} MB → 400 MB): ${parsed.ms.toFixed(0)} ms, peak ${parsed.maxRssMb.toFixed(0)} MB`,
      );
      expect(parsed).toMatchObject({ read: false, problem: 'too-large' });
      expect(parsed.message).toBe(
        `This workbook unpacks to more than ${rosterFileLimits.inflatedBytes / 1024 / 1024} MB, far more than a roster. Save only the roster sheet as a new workbook or as CSV, then try again.`,
      );
      expect(parsed.ms).toBeLessThan(refusedWithinMs);
      expect(parsed.maxRssMb).toBeLessThan(peakMemoryMb);
    },
    childTestMs,
  );

  it('reads a sheet whose dimension claims a billion cells by the cells it has', async () => {
    const bytes = zipArchive([...workbookParts(), sheetPart(header + person(2), 'A1:XFD1048576')]);
    const table = await parseRosterFile(bytes, 'claims.xlsx');
    expect(table.rows).toEqual([{ line: 2, cells: ['Lee, Ann 2', '102', 't2'] }]);
  });

  it('refuses a filled cell beyond the last column a roster may use, naming the row', async () => {
    const bytes = sheetOf(3, (n) => (n === 3 ? cell(`ZZ${n}`, 'stray') : ''));
    expect(messageText((await refusal(bytes)).sentence)).toMatch(/^Row 3 has a filled cell beyond column 512/);
  });

  it('refuses more rows than the limit without reading on', async () => {
    // Blank rows the sheet leaves out count as rows: one row at the limit's end is enough.
    const far = rosterFileLimits.rows + 2;
    const bytes = zipArchive([...workbookParts(), sheetPart(header + person(2) + person(far))]);
    expect((await refusal(bytes)).problem).toBe('too-large');
  });

  it('refuses a picture or a text file named .xlsx', async () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    expect((await refusal(png)).problem).toBe('unreadable-excel');
    expect((await refusal(new TextEncoder().encode('Name,Unit\nLee,101\n'))).problem).toBe('unreadable-excel');
  });

  it('refuses a truncated workbook, whether cut in its data or in its directory', async () => {
    const whole = await xlsxFrom([
      ['Name', 'Unit'],
      ['Lee, Ann', '101'],
    ]);
    for (const length of [whole.length - 10, Math.floor(whole.length / 2), 40]) {
      const error = await refusal(whole.subarray(0, length));
      expect(error.problem).toBe('unreadable-excel');
      expect(messageText(error.sentence)).toBe('This Excel file could not be opened. It may be damaged.');
    }
  });

  it('refuses an archive with an entry hidden between the listed ones, or a deflate stream that is garbage', async () => {
    const sheet = sheetPart(header + person(2));
    const listed = zipArchive([...workbookParts(), sheet]);
    const hidden = zipArchive([{ name: 'xl/worksheets/sheet9.xml', data: new TextEncoder().encode('<x/>') }]);
    // The hidden entry's own directory is dropped: only its local header and data stay, in front.
    const smuggled = Buffer.concat([hidden.subarray(0, hidden.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]))), listed]);
    expect((await refusal(smuggled)).problem).toBe('unreadable-excel');

    const garbage = zipArchive([
      ...workbookParts(),
      { name: sheet.name, data: new Uint8Array(), deflated: { bytes: Buffer.alloc(64, 0xff), size: 1000, crc: 0 } },
    ]);
    expect((await refusal(garbage)).problem).toBe('unreadable-excel');
  });

  it('reads NUL bytes and stray control characters in a cell as text, not as a crash', async () => {
    const bytes = await xlsxFrom([
      ['Name', 'Unit'],
      ['Lee,\u0000 Ann', '101\u0007'],
    ]);
    const table = await parseRosterFile(bytes, 'nul.xlsx');
    expect(table.rows).toHaveLength(1);
  });
});
