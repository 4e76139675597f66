import type { CountryCode } from 'libphonenumber-js/max';
import { message, type Message } from '../../contract';
import type { ColumnMapping, RosterColumn } from './columns';
import { createRowClassifier } from './layout';
import { readPeople, type PersonName } from './names';
import { sectionStatus, statusKey, statusOf, statusVocabulary, type StatusVocabulary } from './status';
import type { ImportedRecipient, ParsedRow, RawRow, RawTable, RecipientStatus, RowError, SkipKind } from './types';
import { cleanText, isLandline, knownPhone, parseDate, parseEmail, parseLanguage, parsePhone, parseStatus, type Parsed } from './values';

export interface NormalizeOptions {
  /** Country assumed for phone numbers written without a +country code. */
  defaultCountry?: CountryCode;
  /** E.164 numbers already in Packroom: recognised without full validation (see knownPhone). */
  knownPhones?: ReadonlySet<string>;
  /** Status words and what they mean (statusVocabulary); the general words when absent. */
  statusWords?: StatusVocabulary;
}

/** A status word as the file writes it, and how often. */
export interface SeenStatus {
  value: string;
  key: string;
  rows: number;
  firstLine: number;
}

interface Problem {
  column: RosterColumn | null;
  /** Why, as a row error says it. */
  reason: Message;
  /** As a warning says it, for a field the resident can be imported without; null when the row cannot be. */
  warning: Message | null;
}

/** What a resident is imported without, or a value picked among several: a warning, never an error. */
interface Note {
  column: RosterColumn;
  warning: Message;
}

type RowReading =
  | { recipients: ImportedRecipient[]; externalId: string; problems: Problem[]; notes: Note[] }
  | { recipients: null; externalId: string | null; problems: Problem[]; notes: Note[]; skipped?: SkipKind };

export function normalizeRow(
  row: RawRow,
  headers: readonly string[],
  mapping: ColumnMapping,
  options: NormalizeOptions = {},
): ImportedRecipient | RowError[] {
  const reading = readRow(row, headers, mapping, options, null);
  const header = headerOf(headers, mapping);
  return reading.recipients?.[0] ?? reading.problems.map((p) => ({ line: row.line, column: header(p.column), reason: p.reason }));
}

/**
 * Normalizes every row and flags duplicates: a row identical to an earlier one gets a single
 * "same as line N" error; a different row reusing an earlier ID gets "duplicate ID". In both
 * cases the first occurrence is the one imported. A cell naming two residents gives two rows.
 */
export function normalizeTable(table: RawTable, mapping: ColumnMapping, options: NormalizeOptions = {}): ParsedRow[] {
  const normalizer = createRowNormalizer(table.headers, mapping, options);
  return table.rows.flatMap(normalizer.read);
}

export interface RowNormalizer {
  read(row: RawRow): ParsedRow[];
  /** Every status word met so far (a file has a handful), most frequent first. */
  statusWords(): SeenStatus[];
}

/**
 * normalizeTable one row at a time, remembering earlier rows for the duplicate checks and the report
 * section a row sits in, so a caller can work through a large file in slices and let other work run in between.
 */
export function createRowNormalizer(headers: readonly string[], mapping: ColumnMapping, options: NormalizeOptions = {}): RowNormalizer {
  const lineByContent = new Map<string, number>();
  const lineById = new Map<string, number>();
  const seenStatuses = new Map<string, SeenStatus>();
  const classify = createRowClassifier(headers, mapping);
  const header = headerOf(headers, mapping);
  const asErrors = (line: number, problems: readonly Problem[]) =>
    problems.map((p) => ({ line, column: header(p.column), reason: p.reason }));
  const asWarnings = (line: number, notes: readonly Note[]) => notes.map((n) => ({ line, column: header(n.column), reason: n.warning }));
  let section: RecipientStatus | null = null;

  const read = (row: RawRow): ParsedRow[] => {
    const skip = (skipped: SkipKind, externalId: string | null = null): ParsedRow[] => [
      { line: row.line, ok: false, externalId, errors: [], skipped },
    ];
    const kind = classify(row.cells);
    if (kind === 'section') {
      const heading = row.cells.find((cell) => cell.trim()) ?? '';
      const status = sectionStatus(heading);
      section = status && statusOf(status);
      return skip('section');
    }
    if (kind !== 'data') return skip(kind);

    const content = row.cells.join('\u001f');
    const identicalLine = lineByContent.get(content);
    if (identicalLine !== undefined) {
      const reason = message('roster.row.duplicateRow', { line: identicalLine });
      return [{ line: row.line, ok: false, externalId: null, errors: [{ line: row.line, column: null, reason }] }];
    }
    lineByContent.set(content, row.line);

    const reading = readRow(row, headers, mapping, options, section);
    const statusText = mapping.status === undefined ? '' : cleanText(row.cells[mapping.status] ?? '');
    if (statusText) {
      const key = statusKey(statusText);
      const seen = seenStatuses.get(key) ?? { value: statusText, key, rows: 0, firstLine: row.line };
      seen.rows += 1;
      seenStatuses.set(key, seen);
    }
    if (!reading.recipients) {
      if (reading.skipped) return skip(reading.skipped, reading.externalId);
      return [{ line: row.line, ok: false, externalId: reading.externalId, errors: asErrors(row.line, reading.problems) }];
    }
    return reading.recipients.map((recipient): ParsedRow => {
      const firstLine = lineById.get(recipient.externalId);
      if (firstLine !== undefined) {
        const error = duplicateIdError(recipient, firstLine, headers, mapping);
        return { line: row.line, ok: false, externalId: recipient.externalId, errors: [error] };
      }
      lineById.set(recipient.externalId, row.line);
      const warnings = asWarnings(row.line, reading.notes);
      return { line: row.line, ok: true, recipient, ...(warnings.length > 0 && { warnings }) };
    });
  };
  const statusWords = () => [...seenStatuses.values()].sort((a, b) => b.rows - a.rows || a.firstLine - b.firstLine);
  return { read, statusWords };
}

function headerOf(headers: readonly string[], mapping: ColumnMapping) {
  return (column: RosterColumn | null): string | null => (column === null ? null : (headers[mapping[column] ?? -1] ?? null));
}

function duplicateIdError(
  recipient: ImportedRecipient,
  firstLine: number,
  headerNames: readonly string[],
  mapping: ColumnMapping,
): RowError {
  if (recipient.externalIdDerived) {
    return { line: recipient.line, column: null, reason: message('roster.row.sameUnitAndName', { line: firstLine }) };
  }
  const column = headerNames[mapping.externalId ?? -1] ?? null;
  return { line: recipient.line, column, reason: message('roster.row.duplicateId', { line: firstLine }) };
}

/** The fields a resident can be imported without: each has its "left empty" warning. */
type OptionalColumn = 'email' | 'phone' | 'moveIn' | 'moveOut' | 'language';

function readRow(
  row: RawRow,
  headerNames: readonly string[],
  mapping: ColumnMapping,
  options: NormalizeOptions,
  sectionStatusOfRow: RecipientStatus | null,
): RowReading {
  const problems: Problem[] = [];
  const notes: Note[] = [];
  /** Cleaned cell text: undefined when the file has no such column, '' when the cell is blank. */
  const cell = (column: RosterColumn): string | undefined => {
    const index = mapping[column];
    return index === undefined ? undefined : cleanText(row.cells[index] ?? '');
  };
  const fail = (column: RosterColumn | null, reason: Message) => problems.push({ column, reason, warning: null });
  // A field the resident can do without: a bad value is left empty, with a warning saying why.
  const optional = <T>(column: OptionalColumn, parse: (text: string) => Parsed<T>): T | null | undefined => {
    const text = cell(column);
    if (!text) return text === undefined ? undefined : null;
    const parsed = parse(text);
    if ('error' in parsed) {
      const warning = message(`roster.row.leftEmpty.${column}`, { text });
      problems.push({ column, reason: parsed.error, warning });
      notes.push({ column, warning });
      return null;
    }
    return parsed.value;
  };

  const people = readNames(cell);
  const named = people.filter((p) => p.firstName || p.lastName);
  if (named.length === 0) fail(nameColumn(mapping), message('roster.row.missingName'));
  const unit = cell('unit') ?? '';
  if (!unit) fail('unit', message('roster.row.missingUnit'));

  const fileId = cell('externalId');
  if (fileId === '') fail('externalId', message('roster.row.missingId'));
  const externalIdDerived = fileId === undefined;
  const first = named[0] ?? { firstName: '', lastName: '' };
  const externalId = externalIdDerived ? derivedExternalId(unit, first.lastName, first.firstName) : fileId || null;

  const email = optional('email', (text) => pickEmail(text, notes));
  const country = options.defaultCountry ?? 'US';
  const phone = optional('phone', (text) =>
    pickPhone(text, (part) => (options.knownPhones && knownPhone(part, country, options.knownPhones)) || null, country, notes),
  );
  const statusText = cell('status');
  let status: RecipientStatus | 'ignore' = sectionStatusOfRow ?? 'active';
  if (statusText) {
    const parsed = parseStatus(statusText, options.statusWords ?? statusVocabulary('generic'));
    if ('error' in parsed) fail('status', parsed.error);
    else status = parsed.value;
  }
  const moveIn = optional('moveIn', parseDate);
  const moveOut = optional('moveOut', parseDate);
  const language = optional('language', parseLanguage);

  // A rent roll lists empty units with "VACANT" for a name and usually no ID: a row, not a person.
  if (isVacant(first)) return { recipients: null, externalId: null, problems: [], notes, skipped: 'vacant' };
  const fatal = problems.filter((p) => p.warning === null);
  if (fatal.length > 0 || externalId === null) return { recipients: null, externalId, problems, notes };
  if (status === 'ignore') return { recipients: null, externalId, problems: [], notes, skipped: 'ignored-status' };
  const recipients = named.map((person, i): ImportedRecipient => ({
    line: row.line,
    // The second resident of a household cell: the file's ID plus "#2", or their own unit-and-name key.
    externalId:
      i === 0 ? externalId : externalIdDerived ? derivedExternalId(unit, person.lastName, person.firstName)! : `${externalId}#${i + 1}`,
    externalIdDerived,
    ...person,
    unit,
    status,
    ...(email !== undefined && { email }),
    ...(phone !== undefined && { phone }),
    ...(moveIn !== undefined && { moveIn }),
    ...(moveOut !== undefined && { moveOut }),
    ...(language !== undefined && { language }),
  }));
  return { recipients, externalId, problems: [], notes };
}

function readNames(cell: (column: RosterColumn) => string | undefined): PersonName[] {
  const firstName = cell('firstName') ?? '';
  const lastName = cell('lastName') ?? '';
  const fullName = cell('fullName');
  if (firstName || lastName || !fullName) {
    // "John & Jane" over "Smith": one resident per first name.
    const firsts = /\s*&\s*|\s+and\s+/iu.test(firstName) ? firstName.split(/\s*&\s*|\s+and\s+/iu).filter(Boolean) : [firstName];
    return firsts.map((first) => ({ firstName: first, lastName }));
  }
  return readPeople(fullName);
}

function isVacant(name: PersonName): boolean {
  return /^vacant$/iu.test(`${name.firstName} ${name.lastName}`.trim());
}

/** One address from a cell that may hold several ("a@x.com; b@y.com"): the first valid one, with a note. */
function pickEmail(text: string, notes: Note[]): Parsed<string> {
  const single = parseEmail(text);
  if (!('error' in single) || (text.match(/@/gu)?.length ?? 0) < 2) return single;
  const parts = text.split(/[\s,;]+/u).filter(Boolean);
  const valid = parts.map(parseEmail).find((parsed): parsed is { value: string } => 'value' in parsed);
  if (valid) notes.push({ column: 'email', warning: message('roster.row.firstEmail', { email: valid.value, addresses: parts.length }) });
  return valid ?? single;
}

const MOBILE_LABEL = /^(?:mobile|cell|cellular|m|c)\b/iu;

/**
 * One number from a cell that may hold several ("Mobile: (212) 555-0101, Home: (212) 555-0102"): the one
 * labelled mobile or cell, else the first valid one. A landline is kept but noted: texts to it will fail.
 */
function pickPhone(text: string, known: (part: string) => string | null, country: CountryCode, notes: Note[]): Parsed<string> {
  const fast = known(text);
  if (fast) return { value: fast };
  const whole = parsePhone(text, country);
  let picked: Parsed<string> = whole;
  if ('error' in whole && /[,;/\n]|:\s*\S/u.test(text)) {
    const parts = text
      .split(/[,;/\n]+/u)
      .map((part) => part.trim())
      .filter(Boolean)
      .map((part) => {
        const label = /^([\p{L} ]+):\s*/u.exec(part);
        const number = label ? part.slice(label[0].length) : part;
        return { mobile: label !== null && MOBILE_LABEL.test(label[1]!.trim()), parsed: parsePhone(number, country) };
      })
      .filter((part) => 'value' in part.parsed);
    const chosen = parts.find((part) => part.mobile) ?? parts[0];
    if (chosen) picked = chosen.parsed;
  }
  if ('value' in picked && isLandline(picked.value)) {
    notes.push({ column: 'phone', warning: message('roster.row.landline', { phone: picked.value }) });
  }
  return picked;
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

/**
 * The key a recipient added by hand is matched on: unit, last and first name with case, accents,
 * spacing and punctuation ignored ("Zoë O'Brien" in "4-B" matches "ZOE OBRIEN" in "4B").
 */
export function linkKey(unit: string, lastName: string, firstName: string): string | null {
  const key = (part: string) =>
    part
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '');
  const parts = [unit, lastName, firstName].map(key);
  if (!parts[0] || (!parts[1] && !parts[2])) return null;
  return parts.join('|');
}
