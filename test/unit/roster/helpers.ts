import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { messageText } from '../../../src/contract';
import { mapColumns, type PresetId } from '../../../src/domain/roster/columns';
import { normalizeTable } from '../../../src/domain/roster/normalize';
import type { ExistingRecipient, ImportedRecipient, ParsedRow, RawTable } from '../../../src/domain/roster/types';
import type { Parsed } from '../../../src/domain/roster/values';
import { parseRosterFile } from '../../../src/services/roster/file/parse';
import { inEnglish } from '../../helpers/roster';

/** "Today" for every test that needs one: fixtures' move-out dates are written around it. */
export const TODAY = '2025-06-01';

const FIXTURES = new URL('../../fixtures/roster/', import.meta.url);

export function fixtureBytes(name: string): Uint8Array {
  return readFileSync(new URL(name, FIXTURES));
}

export function fixtureText(name: string): string {
  return readFileSync(new URL(name, FIXTURES), 'utf8');
}

export function csvBytes(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

export interface Imported {
  table: RawTable;
  rows: ParsedRow[];
}

export async function importBytes(bytes: Uint8Array, fileName: string, preset: PresetId = 'generic'): Promise<Imported> {
  const table = await parseRosterFile(bytes, fileName);
  return { table, rows: normalizeTable(table, mapColumns(table.headers, preset)) };
}

export function importFixture(name: string, preset: PresetId = 'generic'): Promise<Imported> {
  return importBytes(fixtureBytes(name), name, preset);
}

export { inEnglish };

/** A parsed row with the reasons of its errors and warnings in English. */
export function rowInEnglish(row: ParsedRow) {
  if (!row.ok) return { ...row, errors: inEnglish(row.errors) };
  return row.warnings ? { ...row, warnings: inEnglish(row.warnings) } : row;
}

/** A value read from a cell, with why it cannot be used in English. */
export function readAs<T>(parsed: Parsed<T>): { value: T } | { error: string } {
  return 'error' in parsed ? { error: messageText(parsed.error) } : parsed;
}

export function recipientsOf(rows: readonly ParsedRow[]): ImportedRecipient[] {
  return rows.flatMap((row) => (row.ok ? [row.recipient] : []));
}

/** What the database would hold after importing these rows once on TODAY. */
export function asExisting(rows: readonly ParsedRow[], overrides: Partial<ExistingRecipient> = {}): ExistingRecipient[] {
  return recipientsOf(rows).map((recipient) => ({
    externalId: recipient.externalId,
    firstName: recipient.firstName,
    lastName: recipient.lastName,
    unit: recipient.unit,
    email: recipient.email ?? null,
    phone: recipient.phone ?? null,
    status: recipient.status === 'active' && !(recipient.moveOut && recipient.moveOut < TODAY) ? 'active' : 'inactive',
    moveIn: recipient.moveIn ?? null,
    moveOut: recipient.moveOut ?? null,
    language: recipient.language ?? null,
    manuallyEdited: false,
    ...overrides,
  }));
}

/** A CSV file from rows of cells, quoting where needed. */
export function csvFrom(rows: readonly (readonly string[])[]): Uint8Array {
  const quote = (cell: string) => (/[",\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
  return csvBytes(rows.map((row) => row.map(quote).join(',')).join('\r\n') + '\r\n');
}

/** The same rows as an Excel workbook (first sheet), blank rows kept as empty rows. */
export async function xlsxFrom(rows: readonly (readonly string[])[]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Report');
  rows.forEach((row, i) => {
    const sheetRow = sheet.getRow(i + 1);
    row.forEach((cell, c) => {
      if (cell !== '') sheetRow.getCell(c + 1).value = cell;
    });
    sheetRow.commit();
  });
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
