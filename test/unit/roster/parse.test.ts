import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { RosterFileError, parseRosterFile } from '../../../src/services/roster/file/parse';
import { csvBytes, fixtureBytes } from './helpers';

async function rejection(promise: Promise<unknown>): Promise<RosterFileError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(RosterFileError);
  return error as RosterFileError;
}

async function xlsxBytes(rows: ExcelJS.CellValue[][], prepare?: (sheet: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Residents');
  for (const row of rows) sheet.addRow(row);
  prepare?.(sheet);
  workbook.addWorksheet('Ignored').addRow(['not', 'read']);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

describe('parseRosterFile: files that cannot be imported', () => {
  it('says an empty file is empty', async () => {
    const error = await rejection(parseRosterFile(fixtureBytes('empty.csv'), 'empty.csv'));
    expect(error.message).toBe('This file is empty.');
    expect(error.problem).toBe('empty');
  });

  it('treats a file of blank lines and bare delimiters as empty', async () => {
    const error = await rejection(parseRosterFile(csvBytes('\r\n  \n,,,\n'), 'blank.csv'));
    expect(error.message).toBe('This file is empty.');
  });

  it('says a header-only file has no residents', async () => {
    const error = await rejection(parseRosterFile(fixtureBytes('header-only.csv'), 'header-only.csv'));
    expect(error.message).toBe('This file has a header row but no residents.');
  });

  it('recognises a PNG renamed .csv as binary', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0]);
    const error = await rejection(parseRosterFile(png, 'residents.csv'));
    expect(error.message).toBe('This does not look like a CSV or Excel file (it contains binary data).');
    expect(error.problem).toBe('binary');
  });

  it('recognises random bytes as binary', async () => {
    let seed = 42;
    const noise = Uint8Array.from({ length: 4096 }, () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) & 0xff);
    expect((await rejection(parseRosterFile(noise, 'residents.csv'))).problem).toBe('binary');
  });

  it('asks for an old .xls or password-protected workbook to be re-saved', async () => {
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    const error = await rejection(parseRosterFile(ole, 'residents.xls'));
    expect(error.problem).toBe('old-excel');
    expect(error.message).toMatch(/save it as \.xlsx or CSV/);
  });

  it('rejects a file named .xlsx that is not a workbook', async () => {
    const error = await rejection(parseRosterFile(csvBytes('Unit,Name\n1,A\n'), 'residents.xlsx'));
    expect(error.problem).toBe('unreadable-excel');
  });

  it('rejects a damaged workbook', async () => {
    const truncated = (
      await xlsxBytes([
        ['Unit', 'Name'],
        ['1', 'A'],
      ])
    ).slice(0, 200);
    const error = await rejection(parseRosterFile(truncated, 'residents.xlsx'));
    expect(error.message).toBe('This Excel file could not be opened. It may be damaged.');
  });

  it('points at the line where a quote is left open', async () => {
    const text = 'Unit,Name\n101,"Smith, John"\n102,"Lee, Ann\n103,Ortiz\n';
    const error = await rejection(parseRosterFile(csvBytes(text), 'residents.csv'));
    expect(error.problem).toBe('malformed-csv');
    expect(error.message).toBe('This file could not be read: a quote (") opened on or after line 3 is never closed.');
  });

  it('points at an open quote even when the rest of the file is too long to be one value', async () => {
    const text = 'Unit,Name\n101,A\n102,"Lee\n' + '103,B\n'.repeat(40_000);
    const error = await rejection(parseRosterFile(csvBytes(text), 'residents.csv'));
    expect(error.message).toBe('This file could not be read: a quote (") opened on or after line 3 is never closed.');
  });

  it('reads a stray quote inside an unquoted value as text', async () => {
    const table = await parseRosterFile(csvBytes('Unit,Name\n101,Jo "JJ" Lee\n'), 'residents.csv');
    expect(table.rows[0]?.cells).toEqual(['101', 'Jo "JJ" Lee']);
  });
});

describe('parseRosterFile: CSV', () => {
  it('strips the BOM and handles CRLF', async () => {
    const table = await parseRosterFile(fixtureBytes('bom-crlf.csv'), 'bom-crlf.csv');
    expect(table.headers).toEqual(['Resident ID', 'First Name', 'Last Name', 'Unit', 'Phone']);
    expect(table.rows).toEqual([
      { line: 2, cells: ['B1', 'Zoë', 'Adams', '101', '(212) 555-0181'] },
      { line: 3, cells: ['B2', 'Ren', 'Okoye', '102', '212.555.0182'] },
    ]);
  });

  it('detects a semicolon delimiter, leaving commas inside names alone', async () => {
    const table = await parseRosterFile(fixtureBytes('semicolon.csv'), 'semicolon.csv');
    expect(table.headers).toEqual(['Unit', 'Name', 'Email', 'Phone']);
    expect(table.rows[0]?.cells).toEqual(['101', 'Smith, John', 'john.smith@example.com', '(212) 555-0161']);
  });

  it.each([
    ['tab', '\t'],
    ['pipe', '|'],
  ])('detects a %s delimiter', async (_name, delimiter) => {
    const text = ['Unit', 'Name', 'Email'].join(delimiter) + '\n' + ['101', 'Smith, John', 'j@example.com'].join(delimiter) + '\n';
    const table = await parseRosterFile(csvBytes(text), 'residents.txt');
    expect(table.rows[0]?.cells).toEqual(['101', 'Smith, John', 'j@example.com']);
  });

  it('keeps commas, quotes and line breaks inside quoted fields and reports where each record starts', async () => {
    const table = await parseRosterFile(fixtureBytes('quoted-multiline.csv'), 'quoted-multiline.csv');
    expect(table.rows.map((row) => row.line)).toEqual([2, 4, 5, 8]);
    expect(table.rows[0]?.cells).toEqual(['R1', 'Smith, John', '101', 'john@example.com', 'Leave packages\nwith the doorman, please']);
    expect(table.rows[1]?.cells[1]).toBe('Lee, "Danny"');
    expect(table.rows[2]?.cells[4]).toBe('Line one\nline two\nline three');
  });

  it('counts lines correctly with mixed line endings, blank lines and CRLF inside quotes', async () => {
    const text = 'Unit,Name,Notes\r\n101,A,x\n\n102,B,"one\r\ntwo\r\n\r\nthree"\r103,C,y\r\n\r\n104,D,z';
    const table = await parseRosterFile(csvBytes(text), 'mixed.csv');
    expect(table.rows.map((row) => [row.line, row.cells[1]])).toEqual([
      [2, 'A'],
      [4, 'B'],
      [8, 'C'],
      [10, 'D'],
    ]);
    expect(table.rows[1]?.cells[2]).toBe('one\ntwo\n\nthree');
  });

  it('pads short rows, cuts long ones and drops unnamed trailing header cells', async () => {
    const table = await parseRosterFile(csvBytes(' Unit , Name ,,\n101\n102,B,extra,more\n'), 'ragged.csv');
    expect(table.headers).toEqual(['Unit', 'Name']);
    expect(table.rows.map((row) => row.cells)).toEqual([
      ['101', ''],
      ['102', 'B'],
    ]);
  });

  it('reads Windows-1252 text (Excel "CSV" on Windows) instead of calling it binary', async () => {
    const latin1 = Uint8Array.from(
      [...'Unit,Name\n101,Jos', 0xe9, ...' Pe', 0xf1, 'a', '\n'].flatMap((part) =>
        typeof part === 'number' ? [part] : [...part].map((char) => char.charCodeAt(0)),
      ),
    );
    const table = await parseRosterFile(latin1, 'residents.csv');
    expect(table.rows[0]?.cells[1]).toBe('José Peña');
  });

  it('reads UTF-16 text (Excel "Unicode Text")', async () => {
    const text = '\ufeffUnit\tName\r\n101\t山田 太郎\r\n';
    const utf16 = new Uint8Array(text.length * 2);
    for (let i = 0; i < text.length; i += 1) new DataView(utf16.buffer).setUint16(i * 2, text.charCodeAt(i), true);
    const table = await parseRosterFile(utf16, 'residents.txt');
    expect(table).toEqual({ headers: ['Unit', 'Name'], rows: [{ line: 2, cells: ['101', '山田 太郎'] }] });
  });

  it('parses a 50 MB export, keeping line numbers exact', async () => {
    const header = 'Tenant Code,Tenant Name,Unit,Email,Phone (Cell),Status,Move In,Move Out\r\n';
    const lines: string[] = [header];
    let size = header.length;
    let count = 0;
    while (size < 50 * 1024 * 1024) {
      const note = count % 1000 === 0 ? '"Smith,\r\nJohn"' : `"Smith, John ${count}"`;
      const line = `t${count},${note},${count % 700},john${count}@example.com,(212) 555-${String(count % 10_000).padStart(4, '0')},Current,01/15/2023,\r\n`;
      lines.push(line);
      size += line.length;
      count += 1;
    }
    const bytes = csvBytes(lines.join(''));

    const started = performance.now();
    const table = await parseRosterFile(bytes, 'big.csv');
    const seconds = (performance.now() - started) / 1000;
    console.info(`parsed ${(bytes.length / 1024 / 1024).toFixed(1)} MB, ${table.rows.length} rows in ${seconds.toFixed(2)} s`);

    expect(table.rows).toHaveLength(count);
    // Every 1000th record spans two lines, so line numbers drift by one per thousand rows.
    const last = table.rows.at(-1);
    expect(last?.line).toBe(count + 1 + Math.ceil(count / 1000));
    expect(last?.cells[0]).toBe(`t${count - 1}`);
  }, 60_000);
});

describe('parseRosterFile: Excel', () => {
  it('reads the first worksheet, turning date cells, rich text and formulas into text', async () => {
    const bytes = await xlsxBytes(
      [
        [],
        ['Resident ID', 'Name', 'Unit', 'Move In', 'Move Out', 'Phone', 'Notes'],
        [
          'R1',
          'Smith, John',
          101,
          new Date(Date.UTC(2024, 0, 15)),
          45_688,
          2_125_550_101,
          { richText: [{ text: 'Ring ' }, { text: 'twice' }] },
        ],
        [],
        [
          'R2',
          { text: 'Lee, Ann', hyperlink: 'mailto:ann@example.com' },
          '4B',
          new Date(Date.UTC(2023, 5, 1, 13, 30)),
          null,
          '(212) 555-0102',
          { formula: '1+1', result: 2 },
        ],
      ],
      (sheet) => {
        sheet.getCell('E3').numFmt = 'mm/dd/yyyy';
      },
    );
    const table = await parseRosterFile(bytes, 'directory.xlsx');
    expect(table.headers).toEqual(['Resident ID', 'Name', 'Unit', 'Move In', 'Move Out', 'Phone', 'Notes']);
    expect(table.rows).toEqual([
      { line: 3, cells: ['R1', 'Smith, John', '101', '2024-01-15', '2025-01-31', '2125550101', 'Ring twice'] },
      { line: 5, cells: ['R2', 'Lee, Ann', '4B', '2023-06-01', '', '(212) 555-0102', '2'] },
    ]);
  });

  it('opens a workbook whatever the file is called', async () => {
    const bytes = await xlsxBytes([
      ['Unit', 'Name'],
      ['101', 'A'],
    ]);
    expect((await parseRosterFile(bytes, 'export.csv')).rows).toHaveLength(1);
  });

  it('reports an empty sheet and a header-only sheet in plain words', async () => {
    const empty = await rejection(parseRosterFile(await xlsxBytes([]), 'empty.xlsx'));
    expect(empty.message).toBe('This file is empty.');
    const headerOnly = await rejection(parseRosterFile(await xlsxBytes([['Unit', 'Name']]), 'header.xlsx'));
    expect(headerOnly.message).toBe('This file has a header row but no residents.');
  });
});
