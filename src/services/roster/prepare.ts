import { performance } from 'node:perf_hooks';
import type { CountryCode } from 'libphonenumber-js/max';
import {
  ApiError,
  message,
  type Message,
  type RosterColumnId,
  type RosterCounts,
  type RosterDryRun,
  type RosterPreset,
  type RosterProgress,
  type RosterStatusChoice,
  type RosterUnknownValue,
} from '../../contract';
import type { HandAddedRecipient, RosterRecipient } from '../../db/repositories/recipients';
import { mapColumns, normalizeHeader, validateMapping, type ColumnMapping, type RosterColumn } from '../../domain/roster/columns';
import { createRosterDiffer, type ManualEditPolicy, type RosterDiff, type RosterDiffer } from '../../domain/roster/diff';
import { createRowNormalizer, type SeenStatus } from '../../domain/roster/normalize';
import { statusKey, statusVocabulary, type StatusChoice, type StatusVocabulary } from '../../domain/roster/status';
import type { RawTable } from '../../domain/roster/types';
import { credentialsNeeded, planApply } from './apply';
import { parseRosterFile, RosterFileError } from './file/parse';
import { rosterCounts, summarizeDiff } from './summary';
import { yieldToDoor } from '../turns';

/** Everything a preview needs, read by the caller beforehand, so that it can be made in another thread. */
export interface PreviewRequest {
  bytes: Uint8Array;
  fileName: string;
  preset: RosterPreset;
  /** Replaces the detected (or remembered) mapping; columns left out are not imported. */
  mapping?: Partial<Record<RosterColumnId, number | null>>;
  /** Status word as the file writes it → what it means; adds to what was remembered for the preset. */
  statusValues?: Record<string, RosterStatusChoice>;
  /** Hand-added recipients not to link to the file row they match. */
  unlink?: number[];
  /** What the last manual import of this preset chose (RosterMappingRepository), if any. */
  saved: { columns: Record<string, string>; statusValues: Record<string, string> } | null;
  /** YYYY-MM-DD on this computer's calendar (see localDate). */
  today: string;
  manualPolicy: ManualEditPolicy;
  defaultCountry: string;
  /** The site's deactivation limit, for the preview's safety figures. */
  maxDeactivateShare: number;
}

/** The roster a preview is made against, and its fingerprint taken before it was read. */
export interface RosterSnapshot {
  fingerprint: string;
  existing: RosterRecipient[];
  handAdded: HandAddedRecipient[];
}

/** What a manual import remembers for its preset once applied. */
export interface RememberedChoices {
  preset: RosterPreset;
  columns: Record<string, string>;
  statusValues: Record<string, StatusChoice>;
}

/** The preview's plan, as apply writes it: exactly what was previewed. */
export interface PreparedPlan {
  /** The roster's fingerprint when it was read; apply refuses if it has changed since. */
  fingerprint: string;
  counts: RosterCounts;
  safety: RosterDiff['safety'];
  /** Changes keep-manual held back. */
  keptManual: number;
  /** How many items the plan has (see planApply). */
  total: number;
  /** How many of them issue new credentials (new and returning residents). */
  credentials: number;
  /**
   * The items as the journal stores them: JSON, one item per line, many lines per page, UTF-8. Every page
   * is a view into one SharedArrayBuffer, which a thread hands over without copying and which the garbage
   * collector never walks through; apply decodes one page at a time.
   */
  pages: Uint8Array[];
  remember: RememberedChoices;
}

export interface PreparedImport {
  /** The preview for the screen, without the id and expiry the caller gives it when there is a plan. */
  preview: RosterDryRun;
  /** Null when the columns are not mapped well enough to import. */
  plan: PreparedPlan | null;
}

export type PreviewProgress = (phase: RosterProgress['phase'], done: number, total: number) => void;

const previewRows = 10;
// Rows are checked for this long between two breaks for the event loop, so a key press at the door
// never waits long behind a large file when a preview runs on the door's thread; the clock is looked at
// every checkStep rows.
const checkSliceMs = 5;
const checkStep = 25;
const itemsPerPage = 1000;

/**
 * A dry run: reads the file, maps its columns, checks every row and diffs it against the roster, and
 * plans the writes an apply would make. `readRoster` is called once the file is read.
 */
export async function preparePreview(
  request: PreviewRequest,
  readRoster: () => Promise<RosterSnapshot>,
  progress: PreviewProgress,
): Promise<PreparedImport> {
  const { bytes, fileName, preset, saved } = request;
  progress('reading', 0, bytes.length);
  const table = await readTable(bytes, fileName, (done, total) => progress('reading', done, total));
  await yieldToDoor();
  const warnings: Message[] = [];
  let mapping: ColumnMapping;
  if (request.mapping) mapping = checkedMapping(request.mapping, table.headers);
  else {
    const remembered = rememberedMapping(saved?.columns ?? {}, table.headers, preset);
    mapping = remembered.mapping;
    if (remembered.missing.length > 0) {
      const columns = remembered.missing.map((h) => `"${h}"`).join(', ');
      warnings.push(message('roster.mapping.rememberedMissing', { count: remembered.missing.length, columns }));
    }
  }
  const check = validateMapping(mapping);
  const layout = table.layout ?? { headerLines: [], titleRows: 0, spacerRows: 0 };
  const preview: RosterDryRun = {
    id: null,
    fileName,
    preset,
    headers: table.headers,
    mapping,
    problems: check.messages,
    warnings: [...warnings, ...check.warnings],
    preview: table.rows.slice(0, previewRows).map((row) => ({ line: row.line, cells: [...row.cells] })),
    rows: table.rows.length,
    diff: null,
    expiresAt: null,
    layout,
    unknownValues: [],
  };
  if (!check.ok) return { preview, plan: null };

  const learned: Record<string, StatusChoice> = { ...(saved?.statusValues as Record<string, StatusChoice> | undefined) };
  for (const [value, choice] of Object.entries(request.statusValues ?? {})) learned[statusKey(value)] = choice;
  const { fingerprint, existing, handAdded } = await readRoster();
  const differ = createRosterDiffer(existing, {
    today: request.today,
    manualPolicy: request.manualPolicy,
    handAdded,
    unlinked: new Set(request.unlink ?? []),
  });
  // Each step over the whole roster is a few milliseconds at 50,000 recipients: a break between them
  // keeps the longest wait behind them to one step, not their sum.
  await yieldToDoor();
  const seen = await checkInSlices(table, mapping, existing, statusVocabulary(preset, learned), differ, request.defaultCountry, progress);
  const diff = differ.finish();
  await yieldToDoor();
  const byExternalId = new Map<string, RosterRecipient>();
  for (const r of existing) byExternalId.set(r.externalId, r);
  await yieldToDoor();
  const handById = new Map(handAdded.map((r) => [r.id, r]));
  for (const link of diff.linked) byExternalId.set(link.externalId, { ...handById.get(link.recipientId)!, externalId: link.externalId });

  const builtIn = statusVocabulary(preset);
  const unknownValues = seen
    .filter((s) => !builtIn[s.key])
    .map((s): RosterUnknownValue => ({
      column: 'status',
      value: s.value,
      rows: s.rows,
      firstLine: s.firstLine,
      choice: learned[s.key] ?? null,
    }));
  const remember: RememberedChoices = {
    preset,
    columns: Object.fromEntries(Object.entries(mapping).map(([column, index]) => [column, table.headers[index]!])),
    statusValues: learned,
  };
  const summary = summarizeDiff(diff, byExternalId, request.maxDeactivateShare);
  await yieldToDoor();
  const { items, keptManual } = planApply(diff, byExternalId, request.manualPolicy);
  await yieldToDoor();
  const encoded: Buffer[] = [];
  for (let start = 0; start < items.length; start += itemsPerPage) {
    // JSON never contains a raw line break, so a line is an item.
    const lines = items.slice(start, start + itemsPerPage).map((item) => JSON.stringify(item));
    encoded.push(Buffer.from(lines.join('\n')));
    await yieldToDoor();
  }
  const shared = new Uint8Array(new SharedArrayBuffer(encoded.reduce((total, page) => total + page.length, 0)));
  let at = 0;
  const pages = encoded.map((page) => {
    shared.set(page, at);
    at += page.length;
    return shared.subarray(at - page.length, at);
  });
  return {
    preview: { ...preview, diff: summary, unknownValues },
    plan: {
      fingerprint,
      counts: rosterCounts(diff),
      safety: diff.safety,
      keptManual,
      total: items.length,
      credentials: credentialsNeeded(items),
      pages,
      remember,
    },
  };
}

/** Normalizes and diffs the rows a slice at a time, with a break for the event loop after each. */
async function checkInSlices(
  table: RawTable,
  mapping: ColumnMapping,
  existing: readonly (RosterRecipient | HandAddedRecipient)[],
  statusWords: StatusVocabulary,
  differ: RosterDiffer,
  defaultCountry: string,
  progress: PreviewProgress,
): Promise<SeenStatus[]> {
  // Plain loops: over 50,000 recipients, flatMap/map's per-item arrays cost ~10 ms at once.
  const knownPhones = new Set<string>();
  for (const r of existing) if (r.phone) knownPhones.add(r.phone);
  const normalizer = createRowNormalizer(table.headers, mapping, {
    defaultCountry: defaultCountry as CountryCode,
    knownPhones,
    statusWords,
  });
  await yieldToDoor();
  const { rows } = table;
  let i = 0;
  while (i < rows.length) {
    // A slice ends after checkSliceMs of work (checked every few rows), so a slow or busy computer gets
    // shorter slices rather than longer waits.
    const began = performance.now();
    do {
      const end = Math.min(i + checkStep, rows.length);
      for (; i < end; i += 1) for (const parsed of normalizer.read(rows[i]!)) differ.add(parsed);
    } while (i < rows.length && performance.now() - began < checkSliceMs);
    progress('checking', i, rows.length);
    await yieldToDoor();
  }
  return normalizer.statusWords();
}

async function readTable(bytes: Uint8Array, fileName: string, onProgress: (done: number, total: number) => void): Promise<RawTable> {
  try {
    return await parseRosterFile(bytes, fileName, onProgress);
  } catch (error) {
    if (error instanceof RosterFileError) throw new ApiError('VALIDATION', error.sentence, 'file');
    throw error;
  }
}

/**
 * The columns remembered for this preset, found by header name in this file. A remembered column this
 * file lacks falls back to detection for that field, and is reported.
 */
function rememberedMapping(columns: Record<string, string>, headers: readonly string[], preset: RosterPreset) {
  const detected = mapColumns(headers, preset);
  const names = Object.entries(columns);
  if (names.length === 0) return { mapping: detected, missing: [] };
  const keys = headers.map(normalizeHeader);
  const mapping: ColumnMapping = {};
  const missing: string[] = [];
  for (const [column, header] of names) {
    const index = keys.indexOf(normalizeHeader(header));
    if (index === -1) missing.push(header);
    else mapping[column as RosterColumn] = index;
  }
  if (missing.length === 0) return { mapping, missing };
  const taken = new Set(Object.values(mapping));
  for (const [column, index] of Object.entries(detected) as [RosterColumn, number][]) {
    if (mapping[column] === undefined && !taken.has(index)) mapping[column] = index;
  }
  return { mapping, missing };
}

function checkedMapping(chosen: Partial<Record<RosterColumnId, number | null>>, headers: readonly string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  const usedBy = new Map<number, RosterColumnId>();
  for (const [column, index] of Object.entries(chosen) as [RosterColumnId, number | null][]) {
    if (index === null) continue;
    if (index >= headers.length) throw new ApiError('VALIDATION', message('roster.mapping.noSuchColumn'), 'mapping');
    const other = usedBy.get(index);
    if (other) throw new ApiError('VALIDATION', message('roster.mapping.chosenTwice', { column: headers[index]! }), 'mapping');
    usedBy.set(index, column);
    mapping[column] = index;
  }
  return mapping;
}
