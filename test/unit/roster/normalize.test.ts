import { describe, expect, it } from 'vitest';
import { detectColumns, type PresetId } from '../../../src/domain/roster/columns';
import { derivedExternalId, normalizeRow, normalizeTable } from '../../../src/domain/roster/normalize';
import type { ImportedRecipient, RowError } from '../../../src/domain/roster/types';
import { parseDate, parseEmail, parsePhone, parseStatus, splitFullName } from '../../../src/domain/roster/values';
import { messageText } from '../../../src/contract';
import { importFixture, inEnglish, readAs, recipientsOf, rowInEnglish } from './helpers';

describe('splitFullName', () => {
  it.each([
    ['Smith, John', 'John', 'Smith'],
    ['García Márquez, Lucía', 'Lucía', 'García Márquez'],
    ['Schmidt Jr., Robert', 'Robert', 'Schmidt Jr.'],
    ['John Smith', 'John', 'Smith'],
    ['Mary Ann Smith', 'Mary Ann', 'Smith'],
    ['John Smith, Jr.', 'John', 'Smith Jr.'],
    ['John Smith Jr.', 'John', 'Smith Jr.'],
    ['山田, 太郎', '太郎', '山田'],
    ['김민지', '', '김민지'],
  ])('"%s" is first "%s", last "%s"', (fullName, firstName, lastName) => {
    expect(splitFullName(fullName)).toEqual({ firstName, lastName });
  });
});

describe('parsePhone', () => {
  it.each([
    ['(212) 555-0101', '+12125550101'],
    ['212.555.0101', '+12125550101'],
    ['212-555-0101', '+12125550101'],
    ['2125550101', '+12125550101'],
    ['1-212-555-0101', '+12125550101'],
    ['+1 212 555 0101', '+12125550101'],
    ['(212)555-0101 ext. 2', '+12125550101'],
    ['+44 20 7946 0958', '+442079460958'],
  ])('reads "%s" as %s', (text, e164) => {
    expect(parsePhone(text, 'US')).toEqual({ value: e164 });
  });

  it('uses the default country for numbers without a country code', () => {
    expect(parsePhone('020 7946 0958', 'GB')).toEqual({ value: '+442079460958' });
    expect(readAs(parsePhone('020 7946 0958', 'US'))).toEqual({ error: 'bad phone number "020 7946 0958"' });
  });

  it.each(['555-1234', '(555) 123-4567', 'n/a', '212-555-0101 / 646-555-0102'])('rejects "%s"', (text) => {
    expect(readAs(parsePhone(text, 'US'))).toEqual({ error: `bad phone number "${text}"` });
  });
});

describe('parseEmail', () => {
  it('lowercases a valid address', () => {
    expect(parseEmail('Lucia.Garcia@Example.COM')).toEqual({ value: 'lucia.garcia@example.com' });
  });

  it.each(['not-an-email', 'a@b', 'a b@example.com', 'a@example.com; b@example.com'])('rejects "%s"', (text) => {
    expect(readAs(parseEmail(text))).toEqual({ error: `bad email address "${text}"` });
  });
});

describe('parseDate', () => {
  it.each([
    ['2024-01-31', '2024-01-31'],
    ['2024-1-5', '2024-01-05'],
    ['2024-01-31T00:00:00Z', '2024-01-31'],
    ['1/31/2024', '2024-01-31'],
    ['01/05/2024', '2024-01-05'],
    ['1/31/2024 12:00:00 AM', '2024-01-31'],
    ['1-31-2024', '2024-01-31'],
    ['1/31/24', '2024-01-31'],
    ['6/1/95', '1995-06-01'],
    ['45322', '2024-01-31'],
    ['45322.5', '2024-01-31'],
    ['2024-02-29', '2024-02-29'],
  ])('reads "%s" as %s', (text, iso) => {
    expect(parseDate(text)).toEqual({ value: iso });
  });

  it.each(['2023-02-29', '13/01/2024', '31/01/2024', 'next week', '2024', '12', '20240131'])('rejects "%s"', (text) => {
    expect(readAs(parseDate(text))).toEqual({ error: `bad date "${text}" (expected a date like 2024-01-31 or 1/31/2024)` });
  });
});

describe('parseStatus', () => {
  it.each(['Current', 'ACTIVE', 'Notice', 'On Notice', 'Future', 'Eviction', 'Month-to-Month', 'Yes'])('"%s" is active', (text) => {
    expect(parseStatus(text)).toEqual({ value: 'active' });
  });

  it.each(['Past', 'Former', 'Moved Out', 'moved-out', 'Evicted', 'Inactive', 'Cancelled', 'Denied', 'No'])('"%s" is inactive', (text) => {
    expect(parseStatus(text)).toEqual({ value: 'inactive' });
  });

  it('rejects what it does not know rather than guess', () => {
    expect(readAs(parseStatus('Sabbatical'))).toEqual({ error: 'unknown status "Sabbatical" (expected e.g. Current, Notice, Past)' });
  });
});

describe('derivedExternalId', () => {
  it('ignores case, spacing and punctuation but keeps non-Latin letters', () => {
    expect(derivedExternalId('4-B', "O'Brien", 'Siobhan')).toBe('4b|obrien|siobhan');
    expect(derivedExternalId(' 4b ', 'OBRIEN', 'siobhan')).toBe('4b|obrien|siobhan');
    expect(derivedExternalId('103', '山田', '太郎')).toBe('103|山田|太郎');
  });

  it('refuses to build a key without a unit or without any name', () => {
    expect(derivedExternalId('', 'Lee', 'Ann')).toBeNull();
    expect(derivedExternalId('101', '', '')).toBeNull();
  });
});

describe('normalizeRow', () => {
  const headers = ['Resident ID', 'Name', 'Unit', 'Email', 'Phone', 'Status', 'Move In', 'Move Out'];
  const mapping = detectColumns(headers);
  const row = (cells: string[]) => ({ line: 7, cells });

  it('produces a recipient with cleaned values', () => {
    const cells = ['R1', '  Nguyễn,   Thị  Mai ', '105', 'MAI@EXAMPLE.COM', '1-917-555-0105', 'Current', '11/20/2023', ''];
    expect(normalizeRow(row(cells), headers, mapping)).toEqual({
      line: 7,
      externalId: 'R1',
      externalIdDerived: false,
      firstName: 'Thị Mai',
      lastName: 'Nguyễn',
      unit: '105',
      email: 'mai@example.com',
      phone: '+19175550105',
      status: 'active',
      moveIn: '2023-11-20',
      moveOut: null,
    } satisfies ImportedRecipient);
  });

  it('puts names in NFC so the same name typed two ways compares equal', () => {
    const decomposed = 'Zoe\u0308, Rene\u0301e';
    const result = normalizeRow(row(['R1', decomposed, '1', '', '', '', '', '']), headers, mapping) as ImportedRecipient;
    expect([result.firstName, result.lastName]).toEqual(['Ren\u00e9e', 'Zo\u00eb']);
  });

  it('reports every problem in a row, naming the column as the file does', () => {
    const cells = ['R1', '', '', 'nope', '123', 'Sabbatical', 'soon', '2/30/2024'];
    expect(inEnglish(normalizeRow(row(cells), headers, mapping) as RowError[])).toEqual([
      { line: 7, column: 'Name', reason: 'missing name' },
      { line: 7, column: 'Unit', reason: 'missing unit' },
      { line: 7, column: 'Email', reason: 'bad email address "nope"' },
      { line: 7, column: 'Phone', reason: 'bad phone number "123"' },
      { line: 7, column: 'Status', reason: 'unknown status "Sabbatical" (expected e.g. Current, Notice, Past)' },
      { line: 7, column: 'Move In', reason: 'bad date "soon" (expected a date like 2024-01-31 or 1/31/2024)' },
      { line: 7, column: 'Move Out', reason: 'bad date "2/30/2024" (expected a date like 2024-01-31 or 1/31/2024)' },
    ]);
  });

  it('leaves fields the file has no column for undefined, so the import keeps what Packroom has', () => {
    const result = normalizeRow({ line: 2, cells: ['R1', 'Ann Lee', '101'] }, ['ID', 'Name', 'Unit'], {
      externalId: 0,
      fullName: 1,
      unit: 2,
    });
    expect(result).toEqual({
      line: 2,
      externalId: 'R1',
      externalIdDerived: false,
      firstName: 'Ann',
      lastName: 'Lee',
      unit: '101',
      status: 'active',
    });
  });

  it('reads phone numbers in the given default country', () => {
    const result = normalizeRow(
      { line: 2, cells: ['Ann Lee', '101', '020 7946 0958'] },
      ['Name', 'Unit', 'Phone'],
      { fullName: 0, unit: 1, phone: 2 },
      { defaultCountry: 'GB' },
    ) as ImportedRecipient;
    expect(result.phone).toBe('+442079460958');
  });

  it('builds the ID from unit and name when the file has no ID column', () => {
    const result = normalizeRow({ line: 2, cells: ['Lee, Ann', '4-B'] }, ['Name', 'Unit'], { fullName: 0, unit: 1 }) as ImportedRecipient;
    expect(result).toMatchObject({ externalId: '4b|lee|ann', externalIdDerived: true });
  });
});

describe('normalizeTable with the fixtures', () => {
  const presetFixtures: [PresetId, string, number][] = [
    ['yardi', 'yardi-tenant-directory.csv', 10],
    ['onesite', 'onesite-resident-directory.csv', 10],
    ['entrata', 'entrata-resident-contacts.csv', 10],
    ['salesforce', 'salesforce-contacts.csv', 10],
    ['generic', 'generic-residents.csv', 10],
  ];

  it.each(presetFixtures)('%s: every row of %s imports', async (preset, fixture, count) => {
    const { rows } = await importFixture(fixture, preset);
    expect(rows.filter((row) => !row.ok)).toEqual([]);
    const recipients = recipientsOf(rows);
    expect(recipients).toHaveLength(count);
    for (const recipient of recipients) {
      expect(recipient.phone === null || /^\+[1-9]\d{6,14}$/.test(recipient.phone ?? '')).toBe(true);
      expect(recipient.moveIn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(recipient.lastName).not.toBe('');
    }
  });

  it('yardi: splits "Last, First", keeps non-Latin names and reads assorted phone formats', async () => {
    const recipients = recipientsOf((await importFixture('yardi-tenant-directory.csv', 'yardi')).rows);
    const byId = new Map(recipients.map((recipient) => [recipient.externalId, recipient]));
    expect(byId.get('t0001002')).toMatchObject({ firstName: 'Lucía', lastName: 'García Márquez', email: 'lucia.garcia@example.com' });
    expect(byId.get('t0001003')).toMatchObject({ firstName: '太郎', lastName: '山田', phone: '+16465550103' });
    expect(byId.get('t0001009')).toMatchObject({ firstName: 'Анна', lastName: 'Иванова', phone: '+19295550109' });
    expect(byId.get('t0001006')).toMatchObject({ lastName: 'Schmidt Jr.', phone: '+13475550106' });
    expect(byId.get('t0001005')).toMatchObject({ email: null, phone: '+19175550105' });
    // Only a home number: landlines cannot take text messages, so it is not used.
    expect(byId.get('t0001007')).toMatchObject({ phone: null, status: 'active', moveIn: '2025-06-15' });
    expect(byId.get('t0001008')).toMatchObject({ status: 'inactive', moveOut: '2025-03-31' });
  });

  it('onesite: separate name columns, international numbers', async () => {
    const recipients = recipientsOf((await importFixture('onesite-resident-directory.csv', 'onesite')).rows);
    expect(recipients[2]).toMatchObject({
      externalId: 'R100203',
      firstName: 'Ελένη',
      lastName: 'Χατζηδάκη',
      unit: '01-0103',
      phone: '+306912345678',
    });
    expect(recipients[5]).toMatchObject({ firstName: 'Amélie', status: 'inactive', phone: '+33612345678' });
  });

  it('entrata: roommates on one lease stay two recipients; "First Last" and "Last, First" both split', async () => {
    const recipients = recipientsOf((await importFixture('entrata-resident-contacts.csv', 'entrata')).rows);
    expect(recipients.filter((recipient) => recipient.unit === 'A-101').map((recipient) => recipient.firstName)).toEqual([
      'Maria',
      'Jorge',
    ]);
    expect(recipients[2]).toMatchObject({ firstName: 'Astrid', lastName: 'Lindqvist', moveIn: '2022-03-15' });
    expect(recipients[4]).toMatchObject({ firstName: '', lastName: '김민지' });
  });

  it('salesforce: 18-character contact IDs and non-Latin last names', async () => {
    const recipients = recipientsOf((await importFixture('salesforce-contacts.csv', 'salesforce')).rows);
    expect(recipients[2]).toMatchObject({ externalId: '0035e00000AbCdE003', firstName: 'Yuki', lastName: '佐藤', phone: '+819012345678' });
  });

  it('gives each bad row a plain-words error and keeps its ID', async () => {
    const { rows } = await importFixture('row-errors.csv');
    // Issue 10: a field Packroom cannot use no longer drops the resident; it is left empty with a warning.
    const warned = (row: (typeof rows)[number]) => (row.ok ? (row.warnings ?? []).map((w) => `${w.column}: ${messageText(w.reason)}`) : []);
    expect(
      rows.map((row) =>
        row.ok ? ['ok', ...warned(row)] : [row.externalId, ...row.errors.map((error) => `${error.column}: ${messageText(error.reason)}`)],
      ),
    ).toEqual([
      ['ok'],
      ['ok', 'Phone: phone left empty: "555-1234" is not a phone number Packroom can use'],
      ['ok', 'Email: email left empty: "not-an-email" is not a valid address'],
      ['ok', 'Move In: move-in date left empty: "2024-02-30" is not a date (expected a date like 2024-01-31 or 1/31/2024)'],
      ['E5', 'Status: unknown status "Sabbatical" (expected e.g. Current, Notice, Past)'],
      ['E6', 'Last Name: missing name'],
      ['E7', 'Unit: missing unit'],
      [null, 'Resident ID: missing resident ID'],
    ]);
    expect(rows.map((row) => row.line)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('flags an exact duplicate row once and a reused ID with the line it was first seen on', async () => {
    const { rows } = await importFixture('duplicates.csv');
    expect(inEnglish(rows.flatMap((row) => (row.ok ? [] : row.errors)))).toEqual([
      { line: 4, column: null, reason: 'duplicated row, same as line 2' },
      { line: 6, column: 'Resident ID', reason: 'duplicate ID, first seen on line 3' },
    ]);
    expect(recipientsOf(rows).map((recipient) => [recipient.externalId, recipient.firstName])).toEqual([
      ['R1', 'Ann'],
      ['R2', 'Bo'],
      ['R3', 'Cy'],
    ]);
  });

  it('reports two people with the same name in one unit when there is no ID column', () => {
    const table = {
      headers: ['Name', 'Unit', 'Phone'],
      rows: [
        { line: 2, cells: ['John Smith', '4B', '212-555-0101'] },
        { line: 3, cells: ['John Smith', '4B', '212-555-0102'] },
      ],
    };
    const rows = normalizeTable(table, detectColumns(table.headers));
    expect(rowInEnglish(rows[1]!)).toEqual({
      line: 3,
      ok: false,
      externalId: '4b|smith|john',
      errors: [{ line: 3, column: null, reason: 'same unit and name as line 2' }],
    });
  });

  it('imports the semicolon, BOM + CRLF and quoted multi-line fixtures', async () => {
    const semicolon = recipientsOf((await importFixture('semicolon.csv')).rows);
    expect(semicolon.map((recipient) => [recipient.externalId, recipient.firstName, recipient.lastName])).toEqual([
      ['101|smith|john', 'John', 'Smith'],
      ['102|müller|anna', 'Anna', 'Müller'],
      ['103|rossi|luca', 'Luca', 'Rossi'],
    ]);
    const bom = recipientsOf((await importFixture('bom-crlf.csv')).rows);
    expect(bom.map((recipient) => [recipient.externalId, recipient.firstName, recipient.phone])).toEqual([
      ['B1', 'Zoë', '+12125550181'],
      ['B2', 'Ren', '+12125550182'],
    ]);
    const quoted = recipientsOf((await importFixture('quoted-multiline.csv')).rows);
    expect(quoted.map((recipient) => [recipient.line, recipient.lastName, recipient.firstName])).toEqual([
      [2, 'Smith', 'John'],
      [4, 'Lee', '"Danny"'],
      [5, 'Novak', 'Petra'],
      [8, 'Ortiz', 'Ana'],
    ]);
  });
});
