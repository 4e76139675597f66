import type { Language } from '../../contract/languages';
import type { Message } from '../../contract/messages';

/** One parsed spreadsheet: header names plus data rows, each padded or cut to `headers.length` cells. */
export interface RawTable {
  headers: string[];
  rows: RawRow[];
  /** Where the header was found and what around it was not data; absent for a plain table (header on top, no blank rows). */
  layout?: TableLayout;
}

export interface TableLayout {
  /** Lines of the header row, two for a two-row header. */
  headerLines: number[];
  /** Non-blank rows above the header: report name, property, "As Of" date. */
  titleRows: number;
  /** Blank rows between the header and the last row. */
  spacerRows: number;
}

export interface RawRow {
  /** 1-based line in a CSV (where the record starts) or row number in an Excel sheet. */
  line: number;
  cells: string[];
}

export type RecipientStatus = 'active' | 'inactive';

export interface RecipientFields {
  firstName: string;
  lastName: string;
  unit: string;
  email: string | null;
  /** E.164, e.g. +12125550101 */
  phone: string | null;
  status: RecipientStatus;
  /** YYYY-MM-DD */
  moveIn: string | null;
  /** YYYY-MM-DD */
  moveOut: string | null;
  /** null follows the site language. */
  language: Language | null;
}

export type RecipientField = keyof RecipientFields;

export interface ImportedRecipient extends Omit<RecipientFields, 'email' | 'phone' | 'moveIn' | 'moveOut' | 'language'> {
  line: number;
  externalId: string;
  /** True when the file has no ID column and `externalId` was built from unit and name. */
  externalIdDerived: boolean;
  // Optional fields are undefined when the file has no such column: the import must leave them alone
  // rather than wipe what Packroom already has. A blank cell in a present column is null.
  email?: string | null;
  phone?: string | null;
  moveIn?: string | null;
  moveOut?: string | null;
  language?: Language | null;
}

export interface RowError {
  line: number;
  /** Header of the offending column as it appears in the file; null when the whole row is at fault. */
  column: string | null;
  reason: Message;
}

/** Rows that are not residents and are skipped on purpose, without an error. */
export type SkipKind = 'section' | 'charge' | 'total' | 'repeated-header' | 'vacant' | 'ignored-status';

/** One data row after normalizeTable: either a recipient, or why it cannot be imported. */
export type ParsedRow =
  | {
      line: number;
      ok: true;
      recipient: ImportedRecipient;
      /** Fields left empty because they could not be used; the resident is imported without them. Absent when none. */
      warnings?: RowError[];
    }
  | {
      line: number;
      ok: false;
      errors: RowError[];
      /** The row's ID when it could be read, so a resident with, say, a bad phone is not taken for moved out. */
      externalId: string | null;
      /** Set for a row skipped on purpose (then `errors` is empty). */
      skipped?: SkipKind;
    };

export interface ExistingRecipient extends RecipientFields {
  /** Null for recipients created by hand in Packroom: imports never touch them. */
  externalId: string | null;
  manuallyEdited: boolean;
}
