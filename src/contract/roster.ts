import { z } from 'zod';
import { empty, optionalSetting, text } from './common';
import { method, type MethodDef } from './define';
import { says, type Message } from './messages';
import { settingsUpdateInput } from './settings';

/** The roster import: uploading a property-management export, previewing it, applying it, the daily import. */
export const rosterPreset = settingsUpdateInput.shape.importPreset.unwrap();

const timeOfDay = settingsUpdateInput.shape.importTime.unwrap();

export const rosterColumnIds = [
  'externalId',
  'fullName',
  'firstName',
  'lastName',
  'unit',
  'email',
  'phone',
  'status',
  'moveIn',
  'moveOut',
  'language',
] as const;

/**
 * Files travel in base64 chunks that each fit one ordinary API call (the HTTP host caps a body at
 * 1 MB), so a 60 MB export never has to be held, parsed and decoded as one giant JSON message.
 */
export const rosterUploadLimits = { maxBytes: 60 * 1024 * 1024, chunkBytes: 512 * 1024 } as const;

const maxChunkChars = Math.ceil(rosterUploadLimits.chunkBytes / 3) * 4;

const uploadId = z
  .string({ error: says('validation.chooseFileAgain') })
  .min(1)
  .max(64);

export const rosterUploadInput = z.object({
  /** Absent on the first chunk, which starts a new upload. */
  uploadId: uploadId.optional(),
  fileName: text('fileName', 255),
  size: z
    .number()
    .int()
    .min(1, says('validation.fileEmpty'))
    .max(rosterUploadLimits.maxBytes, says('validation.fileTooLarge', { size: rosterUploadLimits.maxBytes / 1024 / 1024 })),
  offset: z.number().int().min(0),
  data: z
    .string()
    .max(maxChunkChars, says('validation.filePieceTooLarge'))
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, says('validation.fileNotIntact')),
});

/** Column → index into the file's headers; null or absent leaves the column unmapped. */
export const rosterMapping = z.partialRecord(z.enum(rosterColumnIds), z.number().int().min(0).max(10_000).nullable());

export const rosterStatusChoice = z.enum(['current', 'notice', 'future', 'moved-out', 'ignore'], {
  error: says('validation.rosterStatusChoice'),
});

export const rosterDryRunInput = z.object({
  uploadId,
  preset: rosterPreset,
  mapping: rosterMapping.optional(),
  /** Status word as the file writes it → what it means; remembered for the preset once applied. */
  statusValues: z.record(z.string().min(1).max(200), rosterStatusChoice).optional(),
  /** Hand-added recipients the admin says are not the file row they were matched to. */
  unlink: z.array(z.number().int().positive()).max(10_000).optional(),
});

export const rosterApplyInput = z.object({
  dryRunId: z
    .string({ error: says('validation.runPreviewAgain') })
    .min(1)
    .max(64),
  confirmLargeDeactivation: z.boolean().default(false),
});

export const rosterCancelInput = z.object({ id: z.string().min(1).max(64) });

export const rosterConfigureInput = z.object({
  enabled: z.boolean(),
  folder: optionalSetting('importFolder', 500),
  timeOfDay,
  preset: rosterPreset,
});

export type RosterPreset =
  'yardi' | 'onesite' | 'entrata' | 'salesforce' | 'appfolio' | 'buildium' | 'rentmanager' | 'resman' | 'mri' | 'generic';

export type RosterColumnId =
  'externalId' | 'fullName' | 'firstName' | 'lastName' | 'unit' | 'email' | 'phone' | 'status' | 'moveIn' | 'moveOut' | 'language';

/** What an import does to a field staff edited by hand. */
export type ImportManualPolicy = 'import-wins' | 'keep-manual';

export type RosterField = 'firstName' | 'lastName' | 'unit' | 'email' | 'phone' | 'status' | 'moveIn' | 'moveOut' | 'language';

export interface RosterUploadReceipt {
  uploadId: string;
  received: number;
  size: number;
}

export interface RosterFieldChange {
  field: RosterField;
  from: string | null;
  to: string | null;
  /** False when the keep-manual policy holds the change back. */
  applied: boolean;
}

export interface RosterRecipientChange {
  recipientId: number;
  externalId: string;
  name: string;
  unit: string;
  /** Line in the file; null for a resident the file no longer lists. */
  line: number | null;
  changes: RosterFieldChange[];
  /** Staff edited this recipient by hand and the file disagrees. */
  conflict: boolean;
}

export interface RosterMoveOut extends RosterRecipientChange {
  reason: 'missing-from-file' | 'inactive-in-file' | 'move-out-date-passed';
}

export interface RosterNewRecipient {
  line: number;
  externalId: string;
  firstName: string;
  lastName: string;
  unit: string;
  email: string | null;
  phone: string | null;
  moveIn: string | null;
  moveOut: string | null;
}

export interface RosterRowError {
  line: number;
  /** The column's header as written in the file; null when the whole row is at fault. */
  column: string | null;
  reason: Message;
}

/** What a status word in an export means; the choices an admin has for a word Packroom does not know. */
export type RosterStatusChoice = 'current' | 'notice' | 'future' | 'moved-out' | 'ignore';

/** Rows of a report that are not residents, skipped on purpose. */
export type RosterSkipKind = 'section' | 'charge' | 'total' | 'repeated-header' | 'vacant' | 'ignored-status';

/** A recipient added by hand that the import matched to a file row by unit and name. */
export interface RosterLinked {
  recipientId: number;
  name: string;
  unit: string;
  externalId: string;
  line: number;
}

/** A status word in the file that Packroom's vocabulary for the preset does not have. */
export interface RosterUnknownValue {
  column: 'status';
  value: string;
  rows: number;
  firstLine: number;
  /** What it was mapped to (in this preview or remembered from an earlier import); null while unmapped. */
  choice: RosterStatusChoice | null;
}

export interface RosterCounts {
  added: number;
  changed: number;
  movedOut: number;
  reactivated: number;
  unchanged: number;
  /** Former residents in the file whom Packroom never had. */
  skippedInactive: number;
  errors: number;
  conflicts: number;
  /** Residents imported without a field that could not be used. */
  warnings?: number;
  /** Hand-added recipients linked to the file by unit and name. */
  linked?: number;
}

export interface RosterDiffSummary {
  counts: RosterCounts;
  /** Each list stops at `listLimit` items; the counts are complete. */
  listLimit: number;
  added: RosterNewRecipient[];
  changed: RosterRecipientChange[];
  movedOut: RosterMoveOut[];
  reactivated: RosterRecipientChange[];
  errors: RosterRowError[];
  /** "email left empty: …" and the like: the resident is imported without that field. */
  warnings: RosterRowError[];
  linked: RosterLinked[];
  /** Report rows that are not residents, by kind. */
  skipped: Record<RosterSkipKind, number>;
  safety: {
    activeBefore: number;
    wouldDeactivate: number;
    share: number;
    /** The site's limit as a share (0.2 = 20%). */
    limit: number;
    /** Applying needs an admin's explicit confirmation. */
    exceeded: boolean;
  };
}

export interface RosterDryRun {
  /** What roster.apply takes; null when the columns are not mapped well enough to import. */
  id: string | null;
  fileName: string;
  preset: RosterPreset;
  headers: string[];
  /** Column → index into `headers`. */
  mapping: Partial<Record<RosterColumnId, number>>;
  /** Why nothing can be imported with this mapping. */
  problems: Message[];
  warnings: Message[];
  /** The first rows of the file as read, for the mapping screen. */
  preview: { line: number; cells: string[] }[];
  rows: number;
  diff: RosterDiffSummary | null;
  expiresAt: string | null;
  /** Where the header was found: its line(s), and how many title rows above it were skipped. */
  layout: { headerLines: number[]; titleRows: number; spacerRows: number };
  /** Status words to map (with the choice made so far); the daily import uses the same choices. */
  unknownValues: RosterUnknownValue[];
}

export type RosterTrigger = 'staff' | 'schedule' | 'cli';

export interface RosterRun {
  id: number;
  at: string;
  trigger: RosterTrigger;
  actor: string;
  fileName: string | null;
  outcome: 'applied' | 'blocked' | 'failed';
  /** Why it stopped, or what an applied run left alone; null when there is nothing to add to the counts. */
  message: Message | null;
  /**
   * What was applied; keptManual counts changes held back under the keep-manual policy, editedMeanwhile
   * the recipients left alone because someone edited them while the import was applying.
   */
  counts: (Partial<RosterCounts> & { keptManual?: number; editedMeanwhile?: number }) | null;
}

export interface RosterStatus {
  schedule: {
    enabled: boolean;
    folder: string | null;
    timeOfDay: string;
    preset: RosterPreset;
    nextRunAt: string | null;
    /**
     * On a node of a site that is not the one running the site's daily import: that node's name (null when this node
     * does not know it: the site's first node). The daily import does not run here. Null where it runs here.
     */
    elsewhere: { node: string | null } | null;
  };
  runs: RosterRun[];
  presets: { id: RosterPreset; label: string }[];
  lockedByEnvironment: string[];
}

export interface RosterProgress {
  /** The upload id for a preview, the preview id while applying. */
  runId: string;
  phase: 'reading' | 'checking' | 'applying';
  done: number;
  total: number;
}

export const rosterMethods = {
  // Roster import: admin only, like the Import tab.
  'roster.upload': method<RosterUploadReceipt>()({ input: rosterUploadInput, access: 'admin' }),
  'roster.dryRun': method<RosterDryRun>()({ input: rosterDryRunInput, access: 'admin' }),
  'roster.apply': method<RosterRun>()({ input: rosterApplyInput, access: 'admin' }),
  'roster.cancel': method<null>()({ input: rosterCancelInput, access: 'admin' }),
  'roster.status': method<RosterStatus>()({ input: empty, access: 'admin' }),
  'roster.configure': method<RosterStatus>()({ input: rosterConfigureInput, access: 'admin' }),
} satisfies Record<string, MethodDef>;
