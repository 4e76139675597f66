import type { Repositories } from '../../db/repositories';
import { performance } from 'node:perf_hooks';
import { setImmediate } from 'node:timers/promises';
import type { CountryCode } from 'libphonenumber-js/max';
import type { z } from 'zod';
import {
  ApiError,
  message,
  messageText,
  reasonOf,
  type Message,
  type RosterColumnId,
  type RosterDryRun,
  type RosterPreset,
  type RosterProgress,
  type RosterRun,
  type RosterStatusChoice,
  type RosterUnknownValue,
} from '../../contract';
import type { rosterDryRunInput } from '../../contract/schemas';
import type { BulkWrites } from '../../db/checkpoints';
import type { HandAddedRecipient, RosterRecipient } from '../../db/repositories/recipients';
import type { ApplyJournal } from '../../db/repositories/rosterApply';
import { type RosterOutcome, type RosterRunRow, type RosterTrigger } from '../../db/repositories/rosterRuns';
import type { Clock } from '../../clock';
import { mapColumns, normalizeHeader, validateMapping, type ColumnMapping, type RosterColumn } from '../../domain/roster/columns';
import {
  createRosterDiffer,
  exceedsSafetyThreshold,
  type ManualEditPolicy,
  type RosterDiff,
  type RosterDiffer,
} from '../../domain/roster/diff';
import { createRowNormalizer, type SeenStatus } from '../../domain/roster/normalize';
import { statusKey, statusVocabulary, type StatusChoice, type StatusVocabulary } from '../../domain/roster/status';
import type { RawTable } from '../../domain/roster/types';
import { parseRosterFile, RosterFileError } from './file/parse';
import { random } from '../../random';
import type { Actor, AuditService } from '../audit';
import type { CredentialService } from '../credentials';
import type { EventBus } from '../events';
import type { AlertService } from '../alerts';
import { addCounts, applyChunk, credentialsNeeded, noneApplied, planApply, type AppliedCounts, type PlanItem } from './apply';
import { ExpiringStore } from './store';
import { largeDeactivationMessage, rosterCounts, summarizeDiff } from './summary';
import { RosterUploads } from './uploads';
import type { SettingsService } from '../settings';
import type { Transactor } from '../tx';

export interface RosterDeps {
  repos: Pick<Repositories, 'recipients' | 'rosterRuns' | 'rosterApply' | 'rosterMappings'>;
  clock: Clock;
  tx: Transactor;
  audit: AuditService;
  settings: SettingsService;
  events: EventBus;
  credentials: CredentialService;
  alerts: AlertService;
  /** Keeps WAL checkpoints off the main thread while an apply writes (see BackgroundCheckpoints). */
  checkpoints: BulkWrites;
}

export interface DryRunOptions {
  preset: RosterPreset;
  /** Replaces the detected (or remembered) mapping; columns left out are not imported. */
  mapping?: Partial<Record<RosterColumnId, number | null>>;
  /** Status word as the file writes it → what it means; adds to what was remembered for the preset. */
  statusValues?: Record<string, RosterStatusChoice>;
  /** Hand-added recipients not to link to the file row they match. */
  unlink?: number[];
  /** Names the progress events; a fresh id when absent. */
  runId?: string;
}

/** What a manual import remembers for its preset once applied. */
interface RememberedChoices {
  preset: RosterPreset;
  columns: Record<string, string>;
  statusValues: Record<string, StatusChoice>;
}

/** A preview waiting for Apply: exactly what was shown, and the state of the roster it was made against. */
interface PendingImport {
  fileName: string;
  startedAt: number;
  diff: RosterDiff;
  byExternalId: Map<string, RosterRecipient>;
  policy: ManualEditPolicy;
  fingerprint: string;
  remember: RememberedChoices;
}

/** Stored with the journal so that an apply can finish after a restart exactly as it started. */
interface JournalPlan {
  counts: ReturnType<typeof rosterCounts>;
  applied: AppliedCounts;
  welcome: boolean;
  extra: Record<string, unknown>;
  remember: RememberedChoices | null;
}

const previewTtlMs = 30 * 60_000;
const previewRows = 10;
// Rows are checked for this long between two breaks for the event loop, so a key press at the door
// never waits long behind a large file; the clock is looked at every checkStep rows.
const checkSliceMs = 5;
const checkStep = 25;
const readPage = 2000;
const stageSlice = 250;
// An apply chunk aims at this much work per transaction (the door waits at most one chunk); the
// chunk size follows what the last chunk cost, between these bounds.
const chunkTargetMs = 5;
const chunkRows = { first: 25, min: 5, max: 300 };
/** Starts an interrupted apply gets before Packroom gives up on the rest of it. */
const maxApplyAttempts = 3;

/** Roster import from a property-management export: preview (dry run) first, then apply exactly that. */
export class RosterService {
  readonly uploads: RosterUploads;
  private readonly pending: ExpiringStore<PendingImport>;
  private applying: Promise<unknown> | null = null;

  constructor(private readonly deps: RosterDeps) {
    this.uploads = new RosterUploads(deps.clock);
    this.pending = new ExpiringStore(deps.clock, previewTtlMs, 4);
  }

  async dryRunUpload(input: z.output<typeof rosterDryRunInput>): Promise<RosterDryRun> {
    const { fileName, bytes } = this.uploads.file(input.uploadId);
    return this.dryRun(bytes, fileName, {
      preset: input.preset,
      ...(input.mapping && { mapping: input.mapping }),
      ...(input.statusValues && { statusValues: input.statusValues }),
      ...(input.unlink && { unlink: input.unlink }),
      runId: input.uploadId,
    });
  }

  async dryRun(bytes: Uint8Array, fileName: string, options: DryRunOptions): Promise<RosterDryRun> {
    const {
      clock,
      settings,
      repos: { recipients: repo, rosterMappings },
    } = this.deps;
    const startedAt = clock.now();
    const progress = this.progress(options.runId ?? random.token(12));
    progress('reading', 0, bytes.length);
    const table = await readTable(bytes, fileName, (done, total) => progress('reading', done, total));
    await setImmediate();
    const saved = rosterMappings.get(options.preset);
    const warnings: Message[] = [];
    let mapping: ColumnMapping;
    if (options.mapping) mapping = checkedMapping(options.mapping, table.headers);
    else {
      const remembered = rememberedMapping(saved?.columns ?? {}, table.headers, options.preset);
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
      preset: options.preset,
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
    if (!check.ok) return preview;

    const learned: Record<string, StatusChoice> = { ...(saved?.statusValues as Record<string, StatusChoice> | undefined) };
    for (const [value, choice] of Object.entries(options.statusValues ?? {})) learned[statusKey(value)] = choice;
    const values = settings.values();
    // Taken before reading: any write while the pages are read changes it, and apply then refuses.
    const fingerprint = repo.rosterFingerprint();
    const existing = await this.readRoster();
    const handAdded = repo.handAdded();
    const differ = createRosterDiffer(existing, {
      today: localDate(clock.now()),
      manualPolicy: values.importManualPolicy,
      handAdded,
      unlinked: new Set(options.unlink ?? []),
    });
    // Each step over the whole roster is a few milliseconds at 50,000 recipients: a break between them
    // keeps the longest wait at the door to one step, not their sum.
    await setImmediate();
    const seen = await this.checkInSlices(table, mapping, existing, statusVocabulary(options.preset, learned), differ, progress);
    const diff = differ.finish();
    await setImmediate();
    const byExternalId = new Map<string, RosterRecipient>();
    for (const r of existing) byExternalId.set(r.externalId, r);
    await setImmediate();
    const handById = new Map(handAdded.map((r) => [r.id, r]));
    for (const link of diff.linked) byExternalId.set(link.externalId, { ...handById.get(link.recipientId)!, externalId: link.externalId });

    const builtIn = statusVocabulary(options.preset);
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
      preset: options.preset,
      columns: Object.fromEntries(Object.entries(mapping).map(([column, index]) => [column, table.headers[index]!])),
      statusValues: learned,
    };
    const { id, expiresAt } = this.pending.add({
      fileName,
      startedAt,
      diff,
      byExternalId,
      policy: values.importManualPolicy,
      fingerprint,
      remember,
    });
    return {
      ...preview,
      id,
      diff: summarizeDiff(diff, byExternalId, values.importMaxDeactivateShare),
      expiresAt: new Date(expiresAt).toISOString(),
      unknownValues,
    };
  }

  /**
   * Applies a preview: written a chunk of recipients at a time, each chunk one short transaction, from a
   * journal that survives a crash (see resumeInterrupted). Above the site's deactivation limit it needs
   * `confirmLargeDeactivation` (roster.apply is admin-only, so only an admin can give it).
   */
  async apply(actor: Actor, dryRunId: string, options: { confirmLargeDeactivation: boolean; trigger: RosterTrigger }): Promise<RosterRun> {
    const {
      tx,
      settings,
      repos: { recipients: repo, rosterApply: journal },
    } = this.deps;
    const pending = this.pending.get(dryRunId);
    if (!pending) {
      throw new ApiError('NOT_FOUND', message('roster.apply.previewGone'), 'dryRunId');
    }
    const values = settings.values();
    const { diff } = pending;
    if (exceedsSafetyThreshold(diff, values.importMaxDeactivateShare) && !options.confirmLargeDeactivation) {
      throw new ApiError('CONFLICT', largeDeactivationMessage(diff, values.importMaxDeactivateShare), 'confirmLargeDeactivation');
    }
    if (this.applying) {
      throw new ApiError('CONFLICT', message('roster.apply.busy'));
    }
    // Taken out at once, so a second click on Apply cannot apply the same preview twice.
    this.pending.delete(dryRunId);
    return this.exclusive(async () => {
      // An apply a crash interrupted finishes first; it changes the roster, so this preview then goes stale.
      await this.finishInterrupted();
      if (repo.rosterFingerprint() !== pending.fingerprint) {
        throw new ApiError('CONFLICT', message('roster.apply.rosterChanged'));
      }
      await setImmediate();
      const { items, keptManual } = planApply(diff, pending.byExternalId, pending.policy);
      await setImmediate();
      const plan: JournalPlan = {
        counts: rosterCounts(diff),
        applied: { ...noneApplied(), keptManual },
        welcome: values.importWelcomeNotifications,
        extra: {
          ...(options.confirmLargeDeactivation &&
            diff.safety.share > values.importMaxDeactivateShare && { confirmedLargeDeactivation: true }),
        },
        remember: options.trigger === 'schedule' ? null : pending.remember,
      };
      const progress = this.progress(dryRunId);
      progress('applying', 0, items.length);
      const applyId = tx.run(() =>
        journal.create({
          startedAt: pending.startedAt,
          trigger: options.trigger,
          actor: actor.label,
          actorStaffId: actor.staffId,
          fileName: pending.fileName,
          total: items.length,
          plan,
        }),
      );
      try {
        for (let start = 0; start < items.length; start += stageSlice) {
          tx.run(() => journal.stage(applyId, start, items.slice(start, start + stageSlice)));
          await setImmediate();
        }
        tx.run(() => journal.startApplying(applyId));
      } catch (error) {
        await this.dropJournal(applyId);
        throw error;
      }
      return this.runJournal(journal.current()!, progress, { fresh: true });
    });
  }

  /**
   * Finishes an apply that a crash (or an error) interrupted, as recorded in the journal: one stopped
   * while its changes were still being staged is dropped (nothing had changed); one stopped part-way
   * through the chunks resumes where it stopped. Null when there was none.
   */
  async resumeInterrupted(): Promise<RosterRun | null> {
    if (this.applying || !this.deps.repos.rosterApply.current()) return null;
    return this.exclusive(() => this.finishInterrupted());
  }

  private async finishInterrupted(): Promise<RosterRun | null> {
    const interrupted = this.deps.repos.rosterApply.current();
    if (!interrupted) return null;
    const actor: Actor = { staffId: interrupted.actorStaffId, label: interrupted.actor };
    if (interrupted.state === 'staging') {
      await this.dropJournal(interrupted.id);
      const file = interrupted.fileName;
      this.deps.alerts.raise(
        'import',
        file !== null ? message('roster.alert.notPrepared', { file }) : message('roster.alert.notPreparedNoFile'),
      );
      const why = message('roster.run.closedWhilePreparing');
      return this.recordStopped(actor, interrupted.trigger, file, interrupted.startedAt, 'failed', why);
    }
    const attempts = this.deps.tx.run(() => this.deps.repos.rosterApply.countAttempt(interrupted.id));
    if (attempts > maxApplyAttempts) return this.giveUp(interrupted);
    this.deps.tx.run(() =>
      this.deps.audit.record(actor, 'roster.import_resumed', null, {
        file: interrupted.fileName,
        done: interrupted.done,
        total: interrupted.total,
      }),
    );
    return this.runJournal(interrupted, this.progress(`resume-${interrupted.id}`), { fresh: false });
  }

  /** Drops an upload or a preview the person cancelled. */
  discard(id: string): void {
    this.uploads.discard(id);
    this.pending.delete(id);
  }

  /** An import that stopped before changing anything: in the last runs and the activity log. */
  recordStopped(
    actor: Actor,
    trigger: RosterTrigger,
    fileName: string | null,
    startedAt: number,
    outcome: Exclude<RosterOutcome, 'applied'>,
    why: Message,
  ): RosterRun {
    return this.deps.tx.run(() => this.record(actor, trigger, fileName, startedAt, outcome, why, null));
  }

  runs(limit: number): RosterRun[] {
    return this.deps.repos.rosterRuns.latest(limit).map(toRun);
  }

  lastRunAt(trigger: RosterTrigger): number | null {
    return this.deps.repos.rosterRuns.lastStartedAt(trigger);
  }

  private async exclusive<T>(work: () => Promise<T>): Promise<T> {
    const { recipients } = this.deps.repos;
    const running = this.deps.checkpoints.during(async () => {
      this.deps.tx.run(() => recipients.pauseSearchMerges());
      try {
        return await work();
      } finally {
        recipients.resumeSearchMerges();
      }
    });
    this.applying = running;
    try {
      return await running;
    } finally {
      this.applying = null;
    }
  }

  /** Applies the journal's remaining items a chunk at a time, then records the run. */
  private async runJournal(start: ApplyJournal, progress: ReturnType<RosterService['progress']>, { fresh }: { fresh: boolean }) {
    const {
      clock,
      tx,
      credentials,
      audit,
      events,
      repos: { recipients: repo, rosterApply: journal },
    } = this.deps;
    const plan = start.plan as JournalPlan;
    const actor: Actor = { staffId: start.actorStaffId, label: start.actor };
    let done = start.done;
    let size = chunkRows.first;
    progress('applying', done, start.total);
    for (;;) {
      const batch = journal.next(start.id, size);
      if (batch.length === 0) break;
      const items = batch.map((b) => b.item as PlanItem);
      try {
        const sealed = await credentials.sealMany(credentialsNeeded(items));
        const began = performance.now();
        tx.run(() => {
          const counts = applyChunk({ repo, credentials, audit }, actor, items, { welcome: plan.welcome, now: clock.now(), sealed });
          plan.applied = addCounts(plan.applied, counts);
          journal.consume(start.id, batch.at(-1)!.seq, done + items.length, plan);
        });
        const took = performance.now() - began;
        size = Math.max(chunkRows.min, Math.min(chunkRows.max, Math.round((size * chunkTargetMs) / Math.max(took, 0.5))));
      } catch (error) {
        if (fresh && done === 0) {
          // Nothing was applied: roll the whole import back, as if it never started.
          await this.dropJournal(start.id);
          throw error;
        }
        throw this.stoppedPartWay(start, done, error);
      }
      done += items.length;
      progress('applying', done, start.total);
      await setImmediate();
    }
    const run = tx.run(() => {
      const counts = { ...plan.counts, ...plan.applied };
      if (plan.remember) {
        const { preset, columns, statusValues } = plan.remember;
        this.deps.repos.rosterMappings.save({ preset, columns, statusValues, savedAt: clock.now() });
      }
      journal.delete(start.id);
      const note = plan.applied.editedMeanwhile ? message('roster.run.editedMeanwhile', { count: plan.applied.editedMeanwhile }) : null;
      return this.record(actor, start.trigger, start.fileName, start.startedAt, 'applied', note, { ...counts }, plan.extra);
    });
    events.emit('roster.applied', run);
    return run;
  }

  private stoppedPartWay(journal: ApplyJournal, done: number, error: unknown): ApiError {
    const file = journal.fileName;
    const figures = { done, total: journal.total };
    const cause = { cause: reasonOf(error) };
    const stopped =
      file !== null
        ? message('roster.apply.stoppedPartWay', { ...figures, file, ...cause })
        : message('roster.apply.stoppedPartWayNoFile', { ...figures, ...cause });
    this.deps.alerts.raise('import', stopped);
    return new ApiError('CONFLICT', stopped);
  }

  /** An interrupted apply that failed at every start: what is done stays done, the rest is dropped. */
  private async giveUp(interrupted: ApplyJournal): Promise<RosterRun> {
    const plan = interrupted.plan as JournalPlan;
    await this.dropJournal(interrupted.id);
    const file = interrupted.fileName;
    const figures = { done: interrupted.done, total: interrupted.total, attempts: maxApplyAttempts };
    this.deps.alerts.raise(
      'import',
      file !== null ? message('roster.alert.gaveUp', { ...figures, file }) : message('roster.alert.gaveUpNoFile', figures),
    );
    const actor: Actor = { staffId: interrupted.actorStaffId, label: interrupted.actor };
    const why = message('roster.run.gaveUp', figures);
    return this.deps.tx.run(() => this.record(actor, interrupted.trigger, file, interrupted.startedAt, 'failed', why, { ...plan.applied }));
  }

  /** Deletes a journal and its staged items, a slice at a time. */
  private async dropJournal(applyId: number): Promise<void> {
    const { tx, repos } = this.deps;
    while (tx.run(() => repos.rosterApply.dropItems(applyId, stageSlice)) > 0) await setImmediate();
    tx.run(() => repos.rosterApply.delete(applyId));
  }

  private record(
    actor: Actor,
    trigger: RosterTrigger,
    fileName: string | null,
    startedAt: number,
    outcome: RosterOutcome,
    note: Message | null,
    counts: Record<string, number> | null,
    extra: Record<string, unknown> = {},
  ): RosterRun {
    const finishedAt = this.deps.clock.now();
    const row = { startedAt, finishedAt, trigger, actor: actor.label, fileName, outcome, message: note, counts };
    const id = this.deps.repos.rosterRuns.insert(row);
    const action = outcome === 'applied' ? 'roster.import' : `roster.import_${outcome}`;
    this.deps.audit.record(actor, action, null, {
      file: fileName,
      trigger,
      ...(note && { reason: messageText(note) }),
      ...counts,
      ...extra,
    });
    return toRun({ id, ...row });
  }

  private progress(runId: string) {
    return (phase: RosterProgress['phase'], done: number, total: number) =>
      this.deps.events.emit('roster.progress', { runId, phase, done, total });
  }

  private async readRoster(): Promise<RosterRecipient[]> {
    const all: RosterRecipient[] = [];
    for (
      let page = this.deps.repos.recipients.forRoster(0, readPage);
      page.length > 0;
      page = this.deps.repos.recipients.forRoster(page.at(-1)!.id, readPage)
    ) {
      all.push(...page);
      await setImmediate();
    }
    return all;
  }

  /** Normalizes and diffs the rows a slice at a time, with a break for the event loop after each. */
  private async checkInSlices(
    table: RawTable,
    mapping: ColumnMapping,
    existing: readonly (RosterRecipient | HandAddedRecipient)[],
    statusWords: StatusVocabulary,
    differ: RosterDiffer,
    progress: ReturnType<RosterService['progress']>,
  ): Promise<SeenStatus[]> {
    // Plain loops: over 50,000 recipients, flatMap/map's per-item arrays cost the door ~10 ms at once.
    const knownPhones = new Set<string>();
    for (const r of existing) if (r.phone) knownPhones.add(r.phone);
    const normalizer = createRowNormalizer(table.headers, mapping, {
      defaultCountry: this.deps.settings.values().defaultCountry as CountryCode,
      knownPhones,
      statusWords,
    });
    await setImmediate();
    const { rows } = table;
    let i = 0;
    while (i < rows.length) {
      // A slice ends after checkSliceMs of work (checked every few rows), so a slow or busy computer gets
      // shorter slices rather than longer waits at the door.
      const began = performance.now();
      do {
        const end = Math.min(i + checkStep, rows.length);
        for (; i < end; i += 1) for (const parsed of normalizer.read(rows[i]!)) differ.add(parsed);
      } while (i < rows.length && performance.now() - began < checkSliceMs);
      progress('checking', i, rows.length);
      await setImmediate();
    }
    return normalizer.statusWords();
  }
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

/** YYYY-MM-DD on this computer's calendar: move-out dates in exports are local days. */
export function localDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

const toRun = (r: RosterRunRow): RosterRun => ({
  id: r.id,
  at: new Date(r.startedAt).toISOString(),
  trigger: r.trigger,
  actor: r.actor,
  fileName: r.fileName,
  outcome: r.outcome,
  message: r.message,
  counts: r.counts,
});
