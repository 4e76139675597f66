import type { CountryCode } from 'libphonenumber-js/max';
import type { ColumnMapping, RosterColumn } from './columns';
import type { ImportedRecipient, ParsedRow, RawRow, RawTable, RowError } from './types';
import { cleanText, knownPhone, parseDate, parseEmail, parseLanguage, parsePhone, parseStatus, splitFullName, type Parsed } from './values';

export interface NormalizeOptions {
  /** Country assumed for phone numbers written without a +country code. */
  defaultCountry?: CountryCode;
  /** E.164 numbers already in Packroom: recognised without full validation (see knownPhone). */
  knownPhones?: ReadonlySet<string>;
}

interface RowReading {
  recipient: ImportedRecipient | null;
  externalId: string | null;
  errors: RowError[];
}

export function normalizeRow(
  row: RawRow,
  headers: readonly string[],
  mapping: ColumnMapping,
  options: NormalizeOptions = {},
): ImportedRecipient | RowError[] {
  const { recipient, errors } = readRow(row, headers, mapping, options);
  return recipient ?? errors;
}

/**
 * Normalizes every row and flags duplicates: a row identical to an earlier one gets a single
 * "same as line N" error; a different row reusing an earlier ID gets "duplicate ID". In both
 * cases the first occurrence is the one imported.
 */
export function normalizeTable(table: RawTable, mapping: ColumnMapping, options: NormalizeOptions = {}): ParsedRow[] {
  return table.rows.map(createRowNormalizer(table.headers, mapping, options));
}

/**
 * normalizeTable one row at a time, remembering earlier rows for the duplicate checks, so a caller
 * can work through a large file in slices and let other work run in between.
 */
export function createRowNormalizer(
  headers: readonly string[],
  mapping: ColumnMapping,
  options: NormalizeOptions = {},
): (row: RawRow) => ParsedRow {
  const lineByContent = new Map<string, number>();
  const lineById = new Map<string, number>();
  return (row: RawRow): ParsedRow => {
    const content = row.cells.join('\u001f');
    const identicalLine = lineByContent.get(content);
    if (identicalLine !== undefined) {
      const reason = `duplicated row, same as line ${identicalLine}`;
      return { line: row.line, ok: false, externalId: null, errors: [{ line: row.line, column: null, reason }] };
    }
    lineByContent.set(content, row.line);

    const { recipient, externalId, errors } = readRow(row, headers, mapping, options);
    if (!recipient) return { line: row.line, ok: false, externalId, errors };
    const firstLine = lineById.get(recipient.externalId);
    if (firstLine !== undefined) {
      const error = duplicateIdError(recipient, firstLine, headers, mapping);
      return { line: row.line, ok: false, externalId: recipient.externalId, errors: [error] };
    }
    lineById.set(recipient.externalId, row.line);
    return { line: row.line, ok: true, recipient };
  };
}

function duplicateIdError(
  recipient: ImportedRecipient,
  firstLine: number,
  headerNames: readonly string[],
  mapping: ColumnMapping,
): RowError {
  if (recipient.externalIdDerived) {
    return { line: recipient.line, column: null, reason: `same unit and name as line ${firstLine}` };
  }
  const column = headerNames[mapping.externalId ?? -1] ?? null;
  return { line: recipient.line, column, reason: `duplicate ID, first seen on line ${firstLine}` };
}

function readRow(row: RawRow, headerNames: readonly string[], mapping: ColumnMapping, options: NormalizeOptions): RowReading {
  const errors: RowError[] = [];
  const header = (column: RosterColumn): string | null => headerNames[mapping[column] ?? -1] ?? null;
  const fail = (column: RosterColumn | null, reason: string): void => {
    errors.push({ line: row.line, column: column ? header(column) : null, reason });
  };
  /** Cleaned cell text: undefined when the file has no such column, '' when the cell is blank. */
  const cell = (column: RosterColumn): string | undefined => {
    const index = mapping[column];
    return index === undefined ? undefined : cleanText(row.cells[index] ?? '');
  };
  const optional = <T>(column: RosterColumn, parse: (text: string) => Parsed<T>): T | null | undefined => {
    const text = cell(column);
    if (!text) return text === undefined ? undefined : null;
    const parsed = parse(text);
    if ('error' in parsed) {
      fail(column, parsed.error);
      return null;
    }
    return parsed.value;
  };

  const name = readName(cell);
  if (!name.firstName && !name.lastName) fail(nameColumn(mapping), 'missing name');
  const unit = cell('unit') ?? '';
  if (!unit) fail('unit', 'missing unit');

  const fileId = cell('externalId');
  if (fileId === '') fail('externalId', 'missing resident ID');
  const externalIdDerived = fileId === undefined;
  const externalId = externalIdDerived ? derivedExternalId(unit, name.lastName, name.firstName) : fileId || null;

  const email = optional('email', parseEmail);
  const country = options.defaultCountry ?? 'US';
  const phone = optional('phone', (text) => {
    const known = options.knownPhones && knownPhone(text, country, options.knownPhones);
    return known ? { value: known } : parsePhone(text, country);
  });
  const status = optional('status', parseStatus) ?? 'active';
  const moveIn = optional('moveIn', parseDate);
  const moveOut = optional('moveOut', parseDate);
  const language = optional('language', parseLanguage);

  if (errors.length > 0 || externalId === null) return { recipient: null, externalId, errors };
  const recipient: ImportedRecipient = {
    line: row.line,
    externalId,
    externalIdDerived,
    ...name,
    unit,
    status,
    ...(email !== undefined && { email }),
    ...(phone !== undefined && { phone }),
    ...(moveIn !== undefined && { moveIn }),
    ...(moveOut !== undefined && { moveOut }),
    ...(language !== undefined && { language }),
  };
  return { recipient, externalId, errors };
}

function readName(cell: (column: RosterColumn) => string | undefined): { firstName: string; lastName: string } {
  const firstName = cell('firstName') ?? '';
  const lastName = cell('lastName') ?? '';
  const fullName = cell('fullName');
  if (firstName || lastName || !fullName) return { firstName, lastName };
  return splitFullName(fullName);
}

function nameColumn(mapping: ColumnMapping): RosterColumn | null {
  if (mapping.fullName !== undefined) return 'fullName';
  if (mapping.lastName !== undefined) return 'lastName';
  return mapping.firstName !== undefined ? 'firstName' : null;
}

/**
 * Stand-in ID for exports without an ID column: unit, last and first name, lowercased with
 * punctuation and spacing removed so "O'Brien" in 4-B and "OBrien" in 4B are the same person.
 * Limits: a name change or unit transfer reads as one resident leaving and another arriving,
 * and two people with the same name in one unit collide (reported as a duplicate row).
 * Returns null when unit or name is missing, since the key would match unrelated people.
 */
export function derivedExternalId(unit: string, lastName: string, firstName: string): string | null {
  const key = (part: string) =>
    part
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '');
  const parts = [unit, lastName, firstName].map(key);
  if (!parts[0] || (!parts[1] && !parts[2])) return null;
  return parts.join('|');
}
