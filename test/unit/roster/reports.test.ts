import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { mapColumns } from '../../../src/domain/roster/columns';
import { diffRoster } from '../../../src/domain/roster/diff';
import { normalizeTable } from '../../../src/domain/roster/normalize';
import { statusVocabulary } from '../../../src/domain/roster/status';
import type { ParsedRow } from '../../../src/domain/roster/types';
import { parseRosterFile } from '../../../src/services/roster/file/parse';
import { csvFrom, recipientsOf, TODAY, xlsxFrom } from './helpers';

const blank: string[] = [];

/** A Yardi-style Rent Roll report: title rows, a two-row header, sections, charge lines, a vacant unit, totals and a summary. */
const rentRoll: string[][] = [
  ['Rent Roll'],
  ['Harbor View Apartments (hbr)'],
  ['As Of = 10/31/2023'],
  ['Unit', 'Unit Type', 'Unit', 'Resident', 'Name', 'Market', 'Charge', 'Amount', 'Resident', 'Move In', 'Lease', 'Move Out', 'Balance'],
  ['', '', 'Sq Ft', '', '', 'Rent', 'Code', '', 'Deposit', '', 'Expiration', '', ''],
  ['Current/Notice/Vacant Residents'],
  ['101', '2BR', '950', 't0001001', 'Okafor, Chidi', '1800', 'rent', '1750', '500', '03/01/2022', '02/28/2024', '', '0'],
  ['', '', '', '', '', '', 'parking', '75', '', '', '', '', ''],
  ['', '', '', '', '', '', 'storage', '25', '', '', '', '', ''],
  blank,
  ['102', '1BR', '700', 't0001002', 'García Márquez, Lucía', '1500', 'rent', '1500', '400', '06/15/2023', '06/14/2024', '', '0'],
  ['103', '1BR', '700', '', 'VACANT', '1500', '', '', '', '', '', '', ''],
  ['Future Residents/Applicants'],
  ['104', '2BR', '950', 't0001004', 'Lee, Ann', '1800', 'rent', '1800', '500', '12/01/2025', '11/30/2026', '', '0'],
  ['Past Residents'],
  ['105', '1BR', '700', 't0001005', 'Kowalczyk, Piotr', '1500', 'rent', '1450', '0', '01/01/2020', '', '09/30/2023', '0'],
  ['Total', '', '2350', '', '', '4800', '', '5300', '1400', '', '', '', '0'],
  blank,
  ['Summary Groups', 'Square Footage', 'Market Rent'],
  ['Current/Notice/Vacant Residents', '2350', '4800'],
  ['Future Residents/Applicants', '950', '1800'],
];

const formats = [
  ['CSV', (rows: string[][]) => Promise.resolve(csvFrom(rows)), 'rent-roll.csv'],
  ['XLSX', xlsxFrom, 'rent-roll.xlsx'],
] as const;

const skippedKinds = (rows: ParsedRow[]) =>
  rows.reduce<Record<string, number>>((acc, row) => {
    if (!row.ok && row.skipped) acc[row.skipped] = (acc[row.skipped] ?? 0) + 1;
    return acc;
  }, {});

describe.each(formats)('a report-style export (%s)', (_format, build, name) => {
  it('finds the header under the title rows and joins its two rows', async () => {
    const table = await parseRosterFile(await build(rentRoll), name);
    expect(table.headers).toEqual([
      'Unit',
      'Unit Type',
      'Unit Sq Ft',
      'Resident',
      'Name',
      'Market Rent',
      'Charge Code',
      'Amount',
      'Resident Deposit',
      'Move In',
      'Lease Expiration',
      'Move Out',
      'Balance',
    ]);
    expect(table.layout).toEqual({ headerLines: [4, 5], titleRows: 3, spacerRows: 2 });
    expect(table.rows[0]?.line).toBe(6);
  });

  it('skips section, charge, vacant and total rows, saying how many, and takes the status from the section', async () => {
    const table = await parseRosterFile(await build(rentRoll), name);
    const rows = normalizeTable(table, mapColumns(table.headers, 'yardi'), { statusWords: statusVocabulary('yardi') });
    expect(rows.filter((row) => !row.ok && !row.skipped)).toEqual([]);
    expect(skippedKinds(rows)).toEqual({ section: 3, charge: 2, vacant: 1, total: 4 });
    expect(recipientsOf(rows).map((r) => [r.externalId, r.firstName, r.lastName, r.unit, r.status, r.moveIn ?? null])).toEqual([
      ['t0001001', 'Chidi', 'Okafor', '101', 'active', '2022-03-01'],
      ['t0001002', 'Lucía', 'García Márquez', '102', 'active', '2023-06-15'],
      ['t0001004', 'Ann', 'Lee', '104', 'active', '2025-12-01'],
      ['t0001005', 'Piotr', 'Kowalczyk', '105', 'inactive', '2020-01-01'],
    ]);
    const diff = diffRoster([], rows, { today: TODAY, manualPolicy: 'keep-manual' });
    expect(diff.added.map((r) => r.externalId)).toEqual(['t0001001', 't0001002', 't0001004']);
    expect(diff.skippedInactive).toBe(1);
    expect(diff.skipped).toMatchObject({ section: 3, charge: 2, vacant: 1, total: 4 });
  });

  it('lets a status in the row win over its section', async () => {
    const rows = [['Unit', 'Name', 'Status'], ['Past Residents'], ['201', 'Ortiz, Ana', 'Current'], ['202', 'Novak, Petra', '']];
    const table = await parseRosterFile(await build(rows), name);
    const recipients = recipientsOf(normalizeTable(table, mapColumns(table.headers, 'generic')));
    expect(recipients.map((r) => [r.lastName, r.status])).toEqual([
      ['Ortiz', 'active'],
      ['Novak', 'inactive'],
    ]);
  });

  it('does not take the header repeated after a page break for a resident', async () => {
    const rows = [
      ['Resident Directory'],
      ['Unit', 'Name', 'Email'],
      ['301', 'Chen, Bo', 'bo@example.com'],
      ['Unit', 'Name', 'Email'],
      ['302', 'Ito, Mai', 'mai@example.com'],
    ];
    const table = await parseRosterFile(await build(rows), name);
    const parsed = normalizeTable(table, mapColumns(table.headers, 'generic'));
    expect(table.layout?.titleRows).toBe(1);
    expect(recipientsOf(parsed).map((r) => r.unit)).toEqual(['301', '302']);
    expect(skippedKinds(parsed)).toEqual({ 'repeated-header': 1 });
  });

  it('takes a section heading repeated in every cell of its row for a heading, not a person', async () => {
    const repeated = rentRoll.map((row) => (row.length === 1 && row[0]!.endsWith('Residents') ? Array<string>(13).fill(row[0]!) : row));
    const table = await parseRosterFile(await build(repeated), name);
    const rows = normalizeTable(table, mapColumns(table.headers, 'yardi'), { statusWords: statusVocabulary('yardi') });
    expect(skippedKinds(rows)).toEqual({ section: 3, charge: 2, vacant: 1, total: 4 });
    expect(recipientsOf(rows).map((r) => [r.externalId, r.status])).toEqual([
      ['t0001001', 'active'],
      ['t0001002', 'active'],
      ['t0001004', 'active'],
      ['t0001005', 'inactive'],
    ]);
  });
});

describe('a report-style workbook with merged cells (Yardi "Rent Roll with Lease Charges" saved as .xlsx)', () => {
  /** The rent roll as Yardi's Excel export lays it out: each section heading merged across the row. */
  async function mergedRentRoll(): Promise<Uint8Array> {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Rent Roll');
    rentRoll.forEach((row, i) => {
      row.forEach((text, c) => {
        if (text !== '') sheet.getCell(i + 1, c + 1).value = text;
      });
      if (row.length === 1 && /Residents|Applicants/.test(row[0]!)) sheet.mergeCells(i + 1, 1, i + 1, 13);
    });
    return new Uint8Array(await workbook.xlsx.writeBuffer());
  }

  it('reads a merged heading as the CSV export does, in its first cell, and takes no heading for a person', async () => {
    const fromXlsx = await parseRosterFile(await mergedRentRoll(), 'rent-roll.xlsx');
    const fromCsv = await parseRosterFile(csvFrom(rentRoll), 'rent-roll.csv');
    expect(fromXlsx).toEqual(fromCsv);
    const rows = normalizeTable(fromXlsx, mapColumns(fromXlsx.headers, 'yardi'), { statusWords: statusVocabulary('yardi') });
    expect(skippedKinds(rows)).toEqual({ section: 3, charge: 2, vacant: 1, total: 4 });
    expect(recipientsOf(rows).map((r) => r.externalId)).toEqual(['t0001001', 't0001002', 't0001004', 't0001005']);
  });
});

describe('presets for more systems', () => {
  const cases = [
    {
      preset: 'appfolio',
      rows: [
        ['Tenant Directory'],
        ['Property', 'Unit', 'Tenant', 'Status', 'Phone Numbers', 'Emails', 'Move-in', 'Move-out'],
        [
          'Harbor',
          '1A',
          'Chidi Okafor',
          'Current',
          'Mobile: (212) 555-0101, Home: (212) 555-0102',
          'chidi@example.com, c.okafor@example.com',
          '03/01/2022',
          '',
        ],
        ['Harbor', '1B', 'Lucía García', 'Notice-Unrented', 'Home: (212) 555-0103', 'lucia@example.com', '06/15/2023', '12/31/2025'],
        ['Harbor', '1C', 'Ann Lee', 'Evict', '', '', '01/01/2021', ''],
      ],
      mapping: {
        fullName: 'Tenant',
        unit: 'Unit',
        status: 'Status',
        phone: 'Phone Numbers',
        email: 'Emails',
        moveIn: 'Move-in',
        moveOut: 'Move-out',
      },
      expected: [
        ['1a|okafor|chidi', 'Chidi', 'Okafor', 'active', '+12125550101', 'chidi@example.com'],
        ['1b|garcía|lucía', 'Lucía', 'García', 'active', '+12125550103', 'lucia@example.com'],
        ['1c|lee|ann', 'Ann', 'Lee', 'active', null, null],
      ],
    },
    {
      preset: 'buildium',
      rows: [
        [
          'Tenant ID',
          'First name',
          'Last name',
          'Property',
          'Unit',
          'Email',
          'Mobile phone',
          'Home phone',
          'Lease status',
          'Move-in date',
          'Move-out date',
        ],
        ['B-1', 'Chidi', 'Okafor', 'Harbor', '101', 'chidi@example.com', '212-555-0101', '', 'Active', '2022-03-01', ''],
        ['B-2', 'Lucía', 'García', 'Harbor', '102', 'lucia@example.com', '', '212-555-0102', 'Future', '2026-01-01', ''],
        ['B-3', 'Ann', 'Lee', 'Harbor', '103', '', '', '', 'Past', '2020-01-01', '2024-12-31'],
      ],
      mapping: {
        externalId: 'Tenant ID',
        firstName: 'First name',
        lastName: 'Last name',
        unit: 'Unit',
        email: 'Email',
        phone: 'Mobile phone',
        status: 'Lease status',
        moveIn: 'Move-in date',
        moveOut: 'Move-out date',
      },
      expected: [
        ['B-1', 'Chidi', 'Okafor', 'active', '+12125550101', 'chidi@example.com'],
        ['B-2', 'Lucía', 'García', 'active', null, 'lucia@example.com'],
        ['B-3', 'Ann', 'Lee', 'inactive', null, null],
      ],
    },
    {
      preset: 'rentmanager',
      rows: [
        ['Tenant ID', 'Name', 'Unit', 'Property', 'Status', 'Move In', 'Move Out', 'Email', 'Cell Phone', 'Home Phone'],
        ['1001', 'Okafor, Chidi', '101', 'HBR', 'Current', '3/1/2022', '', 'chidi@example.com', '(212) 555-0101', ''],
        ['1002', 'García, Lucía', '102', 'HBR', 'Prospect', '', '', '', '', ''],
        ['1003', 'Lee, Ann', '103', 'HBR', 'Past', '1/1/2020', '12/31/2024', '', '', ''],
      ],
      mapping: {
        externalId: 'Tenant ID',
        fullName: 'Name',
        unit: 'Unit',
        status: 'Status',
        moveIn: 'Move In',
        moveOut: 'Move Out',
        email: 'Email',
        phone: 'Cell Phone',
      },
      expected: [
        ['1001', 'Chidi', 'Okafor', 'active', '+12125550101', 'chidi@example.com'],
        ['1003', 'Ann', 'Lee', 'inactive', null, null],
      ],
    },
    {
      preset: 'resman',
      rows: [
        ['Person ID', 'Unit', 'Resident', 'Status', 'Move In', 'Move Out', 'Email', 'Mobile Phone', 'Home Phone'],
        ['P1', '101', 'Chidi Okafor', 'Current', '03/01/2022', '', 'chidi@example.com', '212.555.0101', ''],
        ['P2', '102', 'Lucía García', 'Notice to Vacate', '06/15/2023', '12/31/2025', 'lucia@example.com', '', ''],
        ['P3', '103', 'Ann Lee', 'Under Eviction', '01/01/2021', '', '', '', ''],
        ['P4', '104', 'Bo Chen', 'Former', '01/01/2019', '01/01/2020', '', '', ''],
      ],
      mapping: {
        externalId: 'Person ID',
        unit: 'Unit',
        fullName: 'Resident',
        status: 'Status',
        moveIn: 'Move In',
        moveOut: 'Move Out',
        email: 'Email',
        phone: 'Mobile Phone',
      },
      expected: [
        ['P1', 'Chidi', 'Okafor', 'active', '+12125550101', 'chidi@example.com'],
        ['P2', 'Lucía', 'García', 'active', null, 'lucia@example.com'],
        ['P3', 'Ann', 'Lee', 'active', null, null],
        ['P4', 'Bo', 'Chen', 'inactive', null, null],
      ],
    },
    {
      preset: 'mri',
      rows: [
        ['NameID', 'Resident Name', 'Bldg-Unit', 'Occupancy Status', 'Move In Date', 'Move Out Date', 'Email Address', 'Cell Phone'],
        ['R0001', 'OKAFOR CHIDI N', '01-101', 'C', '03/01/2022', '', 'chidi@example.com', '2125550101'],
        ['R0002', 'GARCIA LUCIA M', '01-102', 'N', '06/15/2023', '12/31/2025', '', ''],
        ['R0003', 'LEE ANN B', '01-103', 'P', '01/01/2020', '12/31/2024', '', ''],
      ],
      mapping: {
        externalId: 'NameID',
        fullName: 'Resident Name',
        unit: 'Bldg-Unit',
        status: 'Occupancy Status',
        moveIn: 'Move In Date',
        moveOut: 'Move Out Date',
        email: 'Email Address',
        phone: 'Cell Phone',
      },
      expected: [
        ['R0001', 'Chidi N', 'Okafor', 'active', '+12125550101', 'chidi@example.com'],
        ['R0002', 'Lucia M', 'Garcia', 'active', null, null],
        ['R0003', 'Ann B', 'Lee', 'inactive', null, null],
      ],
    },
  ] as const;

  describe.each(formats)('%s', (_format, build, name) => {
    it.each(cases)('$preset: maps its columns, reads its statuses, and the generic detector finds the same columns', async (c) => {
      const table = await parseRosterFile(await build(c.rows.map((r) => [...r])), name);
      const mapping = mapColumns(table.headers, c.preset);
      const byName = Object.fromEntries(Object.entries(mapping).map(([column, index]) => [column, table.headers[index]]));
      expect(byName).toEqual(c.mapping);
      expect(mapColumns(table.headers, 'generic')).toEqual(mapping);
      const rows = normalizeTable(table, mapping, { statusWords: statusVocabulary(c.preset) });
      expect(rows.filter((row) => !row.ok && !row.skipped)).toEqual([]);
      expect(recipientsOf(rows).map((r) => [r.externalId, r.firstName, r.lastName, r.status, r.phone ?? null, r.email ?? null])).toEqual(
        c.expected.map((e) => [...e]),
      );
    });
  });
});
