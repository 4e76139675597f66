import { describe, expect, it } from 'vitest';
import { mapColumns, type PresetId } from '../../../src/domain/roster/columns';
import { readPeople } from '../../../src/domain/roster/names';
import { normalizeTable } from '../../../src/domain/roster/normalize';
import { sectionStatus, statusVocabulary } from '../../../src/domain/roster/status';
import { parseEmail, parseStatus } from '../../../src/domain/roster/values';
import { parseRosterFile } from '../../../src/services/roster/file/parse';
import { csvFrom, inEnglish, readAs, recipientsOf, rowInEnglish, xlsxFrom } from './helpers';

const formats = [
  ['CSV', (rows: string[][]) => Promise.resolve(csvFrom(rows)), 'residents.csv'],
  ['XLSX', xlsxFrom, 'residents.xlsx'],
] as const;

describe('status vocabularies', () => {
  it.each([
    ['Current resident', 'active'],
    ['Notice resident', 'active'],
    ['Future resident', 'active'],
    ['Past resident', 'inactive'],
    ['Former', 'inactive'],
    ['Former Tenant', 'inactive'],
    ['Evicted', 'inactive'],
    ['Moved Out', 'inactive'],
    ['Applicant', 'inactive'],
    ['Approved', 'active'],
    ['Active', 'active'],
    ['Inactive', 'inactive'],
    ['CURRENT', 'active'],
    ['Notice to Vacate', 'active'],
    ['Vacant-Unrented', 'ignore'],
  ])('"%s" is %s whatever the system', (word, expected) => {
    expect(parseStatus(word)).toEqual({ value: expected });
  });

  it.each<[PresetId, string, string]>([
    ['appfolio', 'Evict', 'active'],
    ['appfolio', 'Notice-Rented', 'active'],
    ['rentmanager', 'Prospect', 'ignore'],
    ['resman', 'Under Eviction', 'active'],
    ['resman', 'Pending', 'active'],
    ['mri', 'N', 'active'],
    ['mri', 'P', 'inactive'],
    ['mri', 'H', 'active'],
    ['generic', 'N', 'inactive'],
  ])('%s reads "%s" as %s', (preset, word, expected) => {
    expect(parseStatus(word, statusVocabulary(preset))).toEqual({ value: expected });
  });

  it('takes what the admin taught it over the built-in words', () => {
    expect(parseStatus('Sabbatical', statusVocabulary('generic', { sabbatical: 'current' }))).toEqual({ value: 'active' });
    expect(parseStatus('Past', statusVocabulary('generic', { past: 'ignore' }))).toEqual({ value: 'ignore' });
  });

  it.each([
    ['Current/Notice/Vacant Residents', 'current'],
    ['Future Residents/Applicants', 'future'],
    ['Past Residents', 'moved-out'],
    ['Former Tenants', 'moved-out'],
    ['Harbor View Apartments', null],
  ])('section "%s" gives its rows the status %s', (heading, expected) => {
    expect(sectionStatus(heading)).toBe(expected);
  });

  describe.each(formats)('in a %s file', (_format, build, name) => {
    it('imports a file whose every row says "Current resident", and lists what it does not know', async () => {
      const rows = [
        ['Resident ID', 'Name', 'Unit', 'Status'],
        ['R1', 'Okafor, Chidi', '101', 'Current resident'],
        ['R2', 'Lee, Ann', '102', 'Current Resident'],
        ['R3', 'Chen, Bo', '103', 'Sabbatical'],
      ];
      const table = await parseRosterFile(await build(rows), name);
      const parsed = normalizeTable(table, mapColumns(table.headers, 'onesite'), { statusWords: statusVocabulary('onesite') });
      expect(recipientsOf(parsed).map((r) => [r.externalId, r.status])).toEqual([
        ['R1', 'active'],
        ['R2', 'active'],
      ]);
      expect(rowInEnglish(parsed[2]!)).toMatchObject({
        ok: false,
        externalId: 'R3',
        errors: [{ column: 'Status', reason: expect.stringContaining('Sabbatical') }],
      });
    });
  });
});

describe('names in one column', () => {
  it.each([
    ['Smith, John', [['John', 'Smith']]],
    ['John Smith', [['John', 'Smith']]],
    ['SMITH JOHN A', [['John A', 'Smith']]],
    ['JOHN SMITH', [['John', 'Smith']]],
    ["O'BRIEN-KELLY, SIOBHAN", [['Siobhan', "O'Brien-Kelly"]]],
    ['Dr. John Smith Jr.', [['John', 'Smith Jr.']]],
    ['Smith, Dr. John', [['John', 'Smith']]],
    [
      'Smith, John & Jane',
      [
        ['John', 'Smith'],
        ['Jane', 'Smith'],
      ],
    ],
    [
      'Smith, John and Jane',
      [
        ['John', 'Smith'],
        ['Jane', 'Smith'],
      ],
    ],
    [
      'John & Jane Smith',
      [
        ['John', 'Smith'],
        ['Jane', 'Smith'],
      ],
    ],
    [
      'Ann Lee & Bo Chen',
      [
        ['Ann', 'Lee'],
        ['Bo', 'Chen'],
      ],
    ],
    ['Ortega y Gasset, José', [['José', 'Ortega y Gasset']]],
  ])('"%s"', (cell, people) => {
    expect(readPeople(cell).map((p) => [p.firstName, p.lastName])).toEqual(people);
  });

  describe.each(formats)('in a %s file', (_format, build, name) => {
    it('makes two recipients of a household, the second with its own ID, sharing the contact details', async () => {
      const rows = [
        ['Tenant Code', 'Tenant Name', 'Unit', 'Email'],
        ['t1', 'Smith, John & Jane', '4B', 'smiths@example.com'],
        ['t2', 'SMITH JOHN A', '5C', ''],
        ['t3', 'Dr. Ann Lee', '6D', ''],
      ];
      const table = await parseRosterFile(await build(rows), name);
      const recipients = recipientsOf(normalizeTable(table, mapColumns(table.headers, 'yardi')));
      expect(recipients.map((r) => [r.externalId, r.firstName, r.lastName, r.unit, r.email ?? null])).toEqual([
        ['t1', 'John', 'Smith', '4B', 'smiths@example.com'],
        ['t1#2', 'Jane', 'Smith', '4B', 'smiths@example.com'],
        ['t2', 'John A', 'Smith', '5C', null],
        ['t3', 'Ann', 'Lee', '6D', null],
      ]);
    });
  });
});

describe('fields a resident can be imported without', () => {
  it('accepts internationalised addresses nodemailer can send to (SMTPUTF8)', () => {
    expect(parseEmail('José@Bücher.de')).toEqual({ value: 'josé@bücher.de' });
    expect(parseEmail('用户@例子.广告')).toEqual({ value: '用户@例子.广告' });
    expect(readAs(parseEmail('a..b@example.com'))).toEqual({ error: 'bad email address "a..b@example.com"' });
  });

  describe.each(formats)('in a %s file', (_format, build, name) => {
    it('leaves a bad email or phone empty with a warning, picks one of several, and still imports the resident', async () => {
      const rows = [
        ['Resident ID', 'Name', 'Unit', 'Email', 'Mobile'],
        ['R1', 'Okafor, Chidi', '101', 'chidi(at)example.com', '(212) 555-0101'],
        ['R2', 'Lee, Ann', '102', 'ann@example.com; ann.lee@example.com', '555-1234'],
        ['R3', 'Chen, Bo', '103', 'bo@example.com', '+44 20 7946 0958'],
      ];
      const table = await parseRosterFile(await build(rows), name);
      const parsed = normalizeTable(table, mapColumns(table.headers, 'generic'));
      expect(parsed.map((row) => row.ok && [row.recipient.email ?? null, row.recipient.phone ?? null])).toEqual([
        [null, '+12125550101'],
        ['ann@example.com', null],
        ['bo@example.com', '+442079460958'],
      ]);
      expect(inEnglish(parsed.flatMap((row) => (row.ok ? (row.warnings ?? []) : [])))).toEqual([
        { line: 2, column: 'Email', reason: 'email left empty: "chidi(at)example.com" is not a valid address' },
        { line: 3, column: 'Email', reason: 'email: used ann@example.com, the first of 2 addresses' },
        { line: 3, column: 'Mobile', reason: 'phone left empty: "555-1234" is not a phone number Packroom can use' },
        { line: 4, column: 'Mobile', reason: 'phone +442079460958 looks like a landline: text messages to it will not arrive' },
      ]);
    });
  });
});
