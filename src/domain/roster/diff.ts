import { linkKey } from './normalize';
import type {
  ExistingRecipient,
  ImportedRecipient,
  ParsedRow,
  RecipientField,
  RecipientFields,
  RecipientStatus,
  RowError,
  SkipKind,
} from './types';

export type ManualEditPolicy = 'import-wins' | 'keep-manual';

export interface DiffOptions {
  /** YYYY-MM-DD; a move-out date before this day deactivates the recipient. */
  today: string;
  manualPolicy: ManualEditPolicy;
  /**
   * Recipients added by hand (no resident ID). A file row whose ID Packroom does not know is linked to
   * the one hand-added recipient with the same unit and name (see linkKey), unless its id is in `unlinked`.
   */
  handAdded?: readonly HandAdded[];
  unlinked?: ReadonlySet<number>;
}

export interface HandAdded extends ExistingRecipient {
  id: number;
}

export interface LinkedRecipient {
  recipientId: number;
  externalId: string;
  line: number;
}

export interface FieldChange {
  field: RecipientField;
  from: string | null;
  to: string | null;
  /** False when keep-manual holds the change back; the caller writes only applied changes. */
  applied: boolean;
}

export interface RecipientUpdate {
  externalId: string;
  /** Line in the file, or null for a recipient the file no longer lists. */
  line: number | null;
  changes: FieldChange[];
  /** The recipient was edited in Packroom and this import changes a field such an edit may have touched. */
  conflict: boolean;
  /** Set when this is a hand-added recipient the import links to the file's ID. */
  linkedRecipientId?: number;
}

export type MoveOutReason = 'missing-from-file' | 'inactive-in-file' | 'move-out-date-passed';

export interface MovedOut extends RecipientUpdate {
  reason: MoveOutReason;
}

export interface NewRecipient extends RecipientFields {
  externalId: string;
  line: number;
}

export interface RosterDiff {
  added: NewRecipient[];
  changed: RecipientUpdate[];
  movedOut: MovedOut[];
  reactivated: RecipientUpdate[];
  unchanged: number;
  /** Former residents listed in the file whom Packroom never had: not worth adding. */
  skippedInactive: number;
  errors: RowError[];
  /** Residents imported without a field that could not be used. */
  warnings: RowError[];
  /** Rows that are not residents, by kind. */
  skipped: Record<SkipKind, number>;
  /** Hand-added recipients matched to a file row by unit and name; also listed as changed or unchanged. */
  linked: LinkedRecipient[];
  safety: {
    /** Active recipients that came from imports (hand-made ones are never deactivated by an import). */
    activeBefore: number;
    wouldDeactivate: number;
    /** wouldDeactivate / activeBefore, 0 when there was nobody active. */
    share: number;
  };
}

const COMPARED_FIELDS: RecipientField[] = ['firstName', 'lastName', 'unit', 'email', 'phone', 'status', 'moveIn', 'moveOut', 'language'];

// What front-desk staff edit by hand. Residency (status, move dates) is not on the list: the
// management system is the authority on who lives here, so move-outs always go through.
const HAND_EDITED_FIELDS = new Set<RecipientField>(['firstName', 'lastName', 'unit', 'email', 'phone', 'language']);

export function diffRoster(existing: readonly ExistingRecipient[], imported: readonly ParsedRow[], opts: DiffOptions): RosterDiff {
  const differ = createRosterDiffer(existing, opts);
  for (const row of imported) differ.add(row);
  return differ.finish();
}

export interface RosterDiffer {
  add(row: ParsedRow): void;
  /** Adds the recipients the file no longer lists and settles the safety figures. */
  finish(): RosterDiff;
}

/** diffRoster one row at a time, so a caller can work through a large file in slices and let other work run in between. */
export function createRosterDiffer(existing: readonly ExistingRecipient[], opts: DiffOptions): RosterDiffer {
  const existingById = new Map<string, ExistingRecipient>();
  for (const recipient of existing) {
    if (recipient.externalId !== null) existingById.set(recipient.externalId, recipient);
  }

  const diff: RosterDiff = {
    added: [],
    changed: [],
    movedOut: [],
    reactivated: [],
    unchanged: 0,
    skippedInactive: 0,
    errors: [],
    warnings: [],
    skipped: { section: 0, charge: 0, total: 0, 'repeated-header': 0, vacant: 0, 'ignored-status': 0 },
    linked: [],
    safety: { activeBefore: 0, wouldDeactivate: 0, share: 0 },
  };
  const handByKey = new Map<string, HandAdded[]>();
  for (const recipient of opts.handAdded ?? []) {
    if (opts.unlinked?.has(recipient.id)) continue;
    const key = linkKey(recipient.unit, recipient.lastName, recipient.firstName);
    if (key !== null) handByKey.set(key, [...(handByKey.get(key) ?? []), recipient]);
  }
  // Only an unambiguous match links: two hand-added "John Smith" in 4B stay as they are.
  const linkFor = (incoming: ImportedRecipient): HandAdded | undefined => {
    const key = linkKey(incoming.unit, incoming.lastName, incoming.firstName);
    const candidates = key === null ? undefined : handByKey.get(key);
    if (candidates?.length !== 1) return undefined;
    handByKey.delete(key!);
    return candidates[0];
  };
  // IDs on rows that failed still count as listed: a typo in a phone number must not read as a move-out.
  const listedIds = new Set<string>();

  const add = (row: ParsedRow): void => {
    if (!row.ok) {
      diff.errors.push(...row.errors);
      if (row.skipped) diff.skipped[row.skipped] += 1;
      if (row.externalId !== null) listedIds.add(row.externalId);
      return;
    }
    const incoming = row.recipient;
    if (row.warnings) diff.warnings.push(...row.warnings);
    listedIds.add(incoming.externalId);
    const target = targetFields(incoming, opts.today);
    let current: ExistingRecipient | undefined = existingById.get(incoming.externalId);
    const linked = current ? undefined : linkFor(incoming);
    if (linked) {
      current = linked;
      diff.linked.push({ recipientId: linked.id, externalId: incoming.externalId, line: incoming.line });
      if (linked.status === 'active') diff.safety.activeBefore += 1;
    }
    if (!current) {
      if (target.status === 'active') diff.added.push(newRecipient(incoming));
      else diff.skippedInactive += 1;
      return;
    }
    const update: RecipientUpdate = {
      ...compare(current, target, incoming, opts.manualPolicy),
      ...(linked && { linkedRecipientId: linked.id }),
    };
    if (update.changes.length === 0) diff.unchanged += 1;
    else if (current.status === 'active' && target.status === 'inactive') {
      diff.movedOut.push({ ...update, reason: incoming.status === 'inactive' ? 'inactive-in-file' : 'move-out-date-passed' });
    } else if (current.status === 'inactive' && target.status === 'active') diff.reactivated.push(update);
    else diff.changed.push(update);
  };

  const finish = (): RosterDiff => {
    for (const [externalId, recipient] of existingById) {
      if (recipient.status !== 'active') continue;
      diff.safety.activeBefore += 1;
      if (listedIds.has(externalId)) continue;
      const changes: FieldChange[] = [{ field: 'status', from: 'active', to: 'inactive', applied: true }];
      diff.movedOut.push({ externalId, line: null, changes, conflict: false, reason: 'missing-from-file' });
    }

    diff.errors.sort((a, b) => a.line - b.line);
    diff.warnings.sort((a, b) => a.line - b.line);
    diff.safety.wouldDeactivate = diff.movedOut.length;
    diff.safety.share = diff.safety.activeBefore === 0 ? 0 : diff.movedOut.length / diff.safety.activeBefore;
    return diff;
  };

  return { add, finish };
}

/** True when the import would deactivate more than `thresholdShare` (e.g. 0.2) of active recipients. */
export function exceedsSafetyThreshold(diff: Pick<RosterDiff, 'safety'>, thresholdShare: number): boolean {
  return diff.safety.share > thresholdShare;
}

/** The fields the file asks for; undefined where the file has no such column. */
type TargetFields = Partial<RecipientFields> & { status: RecipientStatus };

function targetFields(incoming: ImportedRecipient, today: string): TargetFields {
  const movedOutAlready = incoming.moveOut != null && incoming.moveOut < today;
  return {
    firstName: incoming.firstName,
    lastName: incoming.lastName,
    unit: incoming.unit,
    email: incoming.email,
    phone: incoming.phone,
    moveIn: incoming.moveIn,
    moveOut: incoming.moveOut,
    language: incoming.language,
    status: incoming.status === 'inactive' || movedOutAlready ? 'inactive' : 'active',
  };
}

function newRecipient(incoming: ImportedRecipient): NewRecipient {
  return {
    externalId: incoming.externalId,
    line: incoming.line,
    firstName: incoming.firstName,
    lastName: incoming.lastName,
    unit: incoming.unit,
    email: incoming.email ?? null,
    phone: incoming.phone ?? null,
    status: 'active',
    moveIn: incoming.moveIn ?? null,
    moveOut: incoming.moveOut ?? null,
    language: incoming.language ?? null,
  };
}

function compare(current: ExistingRecipient, target: TargetFields, incoming: ImportedRecipient, policy: ManualEditPolicy): RecipientUpdate {
  const changes: FieldChange[] = [];
  let conflict = false;
  for (const field of COMPARED_FIELDS) {
    const to = target[field];
    const from = current[field];
    if (to === undefined || to === from) continue;
    const sensitive = current.manuallyEdited && isManualEditSensitive(field, to);
    conflict ||= sensitive;
    changes.push({ field, from, to, applied: !(sensitive && policy === 'keep-manual') });
  }
  return { externalId: incoming.externalId, line: incoming.line, changes, conflict };
}

// Reactivation is sensitive too: staff may have switched someone off on purpose. Deactivation is
// not, because failing closed (resident asks at the desk) beats leaving a former resident access.
function isManualEditSensitive(field: RecipientField, to: string | null): boolean {
  return HAND_EDITED_FIELDS.has(field) || (field === 'status' && to === 'active');
}
