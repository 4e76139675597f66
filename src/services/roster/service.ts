import type { Repositories } from '../../db/repositories';
import { setImmediate } from 'node:timers/promises';
import type { CountryCode } from 'libphonenumber-js/max';
import type { z } from 'zod';
import { ApiError, type RosterColumnId, type RosterDryRun, type RosterPreset, type RosterProgress, type RosterRun } from '../../contract';
import type { rosterDryRunInput } from '../../contract/schemas';
import type { RosterRecipient } from '../../db/repositories/recipients';
import { type RosterOutcome, type RosterRunRow, type RosterTrigger } from '../../db/repositories/rosterRuns';
import type { Clock } from '../../clock';
import { mapColumns, validateMapping, type ColumnMapping } from '../../domain/roster/columns';
import {
  createRosterDiffer,
  exceedsSafetyThreshold,
  type ManualEditPolicy,
  type RosterDiff,
  type RosterDiffer,
} from '../../domain/roster/diff';
import { createRowNormalizer } from '../../domain/roster/normalize';
import type { RawTable } from '../../domain/roster/types';
import { parseRosterFile, RosterFileError } from './file/parse';
import { random } from '../../random';
import type { Actor, AuditService } from '../audit';
import type { CredentialService } from '../credentials';
import type { EventBus } from '../events';
import { applyRosterDiff } from './apply';
import { ExpiringStore } from './store';
import { largeDeactivationMessage, rosterCounts, summarizeDiff } from './summary';
import { RosterUploads } from './uploads';
import type { SettingsService } from '../settings';
import type { Transactor } from '../tx';

export interface RosterDeps {
  repos: Pick<Repositories, 'recipients' | 'rosterRuns'>;
  clock: Clock;
  tx: Transactor;
  audit: AuditService;
  settings: SettingsService;
  events: EventBus;
  credentials: CredentialService;
}

export interface DryRunOptions {
  preset: RosterPreset;
  /** Replaces the detected mapping; columns left out are not imported. */
  mapping?: Partial<Record<RosterColumnId, number | null>>;
  /** Names the progress events; a fresh id when absent. */
  runId?: string;
}

/** A preview waiting for Apply: exactly what was shown, and the state of the roster it was made against. */
interface PendingImport {
  fileName: string;
  startedAt: number;
  diff: RosterDiff;
  byExternalId: Map<string, RosterRecipient>;
  policy: ManualEditPolicy;
  fingerprint: string;
}

const previewTtlMs = 30 * 60_000;
const previewRows = 10;
// Rows checked between two breaks for the event loop: a few milliseconds' work, so a key press at
// the door never waits long behind a large file.
const checkSlice = 500;
const readPage = 5000;

/** Roster import from a property-management export: preview (dry run) first, then apply exactly that. */
export class RosterService {
  readonly uploads: RosterUploads;
  private readonly pending: ExpiringStore<PendingImport>;

  constructor(private readonly deps: RosterDeps) {
    this.uploads = new RosterUploads(deps.clock);
    this.pending = new ExpiringStore(deps.clock, previewTtlMs, 4);
  }

  async dryRunUpload(input: z.output<typeof rosterDryRunInput>): Promise<RosterDryRun> {
    const { fileName, bytes } = this.uploads.file(input.uploadId);
    return this.dryRun(bytes, fileName, { preset: input.preset, ...(input.mapping && { mapping: input.mapping }), runId: input.uploadId });
  }

  async dryRun(bytes: Uint8Array, fileName: string, options: DryRunOptions): Promise<RosterDryRun> {
    const {
      clock,
      settings,
      repos: { recipients: repo },
    } = this.deps;
    const startedAt = clock.now();
    const progress = this.progress(options.runId ?? random.token(12));
    progress('reading', 0, bytes.length);
    const table = await readTable(bytes, fileName, (done, total) => progress('reading', done, total));
    const mapping = options.mapping ? checkedMapping(options.mapping, table.headers) : mapColumns(table.headers, options.preset);
    const check = validateMapping(mapping);
    const preview: RosterDryRun = {
      id: null,
      fileName,
      preset: options.preset,
      headers: table.headers,
      mapping,
      problems: check.messages,
      warnings: check.warnings,
      preview: table.rows.slice(0, previewRows).map((row) => ({ line: row.line, cells: [...row.cells] })),
      rows: table.rows.length,
      diff: null,
      expiresAt: null,
    };
    if (!check.ok) return preview;

    const values = settings.values();
    // Taken before reading: any write while the pages are read changes it, and apply then refuses.
    const fingerprint = repo.rosterFingerprint();
    const existing = await this.readRoster();
    const differ = createRosterDiffer(existing, { today: localDate(clock.now()), manualPolicy: values.importManualPolicy });
    await this.checkInSlices(table, mapping, existing, differ, progress);
    const diff = differ.finish();
    const byExternalId = new Map(existing.map((r) => [r.externalId, r]));
    const { id, expiresAt } = this.pending.add({ fileName, startedAt, diff, byExternalId, policy: values.importManualPolicy, fingerprint });
    return {
      ...preview,
      id,
      diff: summarizeDiff(diff, byExternalId, values.importMaxDeactivateShare),
      expiresAt: new Date(expiresAt).toISOString(),
    };
  }

  /**
   * Applies a preview in one transaction. Above the site's deactivation limit it needs
   * `confirmLargeDeactivation` (roster.apply is admin-only, so only an admin can give it).
   */
  async apply(actor: Actor, dryRunId: string, options: { confirmLargeDeactivation: boolean; trigger: RosterTrigger }): Promise<RosterRun> {
    const {
      clock,
      tx,
      credentials,
      audit,
      settings,
      events,
      repos: { recipients: repo },
    } = this.deps;
    const pending = this.pending.get(dryRunId);
    if (!pending) {
      throw new ApiError(
        'NOT_FOUND',
        'This preview is no longer available (a preview lasts 30 minutes and applies once). Preview the file again.',
        'dryRunId',
      );
    }
    const values = settings.values();
    const { diff } = pending;
    if (exceedsSafetyThreshold(diff, values.importMaxDeactivateShare) && !options.confirmLargeDeactivation) {
      throw new ApiError('CONFLICT', largeDeactivationMessage(diff, values.importMaxDeactivateShare), 'confirmLargeDeactivation');
    }
    // Taken out at once, so a second click on Apply cannot apply the same preview twice.
    this.pending.delete(dryRunId);
    const progress = this.progress(dryRunId);
    const total = diff.added.length + diff.changed.length + diff.movedOut.length + diff.reactivated.length;
    progress('applying', 0, total);
    const sealed = await credentials.sealMany(diff.added.length + diff.reactivated.length);
    if (repo.rosterFingerprint() !== pending.fingerprint) {
      throw new ApiError(
        'CONFLICT',
        'Recipients changed after this preview was made (an edit or another import). Preview the file again, so you apply what you see.',
      );
    }
    const run = tx.run(() => {
      const applied = applyRosterDiff({ repo, credentials, audit }, actor, {
        diff,
        byExternalId: pending.byExternalId,
        policy: pending.policy,
        welcome: values.importWelcomeNotifications,
        now: clock.now(),
        sealed,
      });
      const counts = { ...rosterCounts(diff), ...applied };
      return this.record(actor, options.trigger, pending.fileName, pending.startedAt, 'applied', null, counts, {
        ...(options.confirmLargeDeactivation &&
          diff.safety.share > values.importMaxDeactivateShare && { confirmedLargeDeactivation: true }),
      });
    });
    progress('applying', total, total);
    events.emit('roster.applied', run);
    return run;
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
    message: string,
  ): RosterRun {
    return this.deps.tx.run(() => this.record(actor, trigger, fileName, startedAt, outcome, message, null));
  }

  runs(limit: number): RosterRun[] {
    return this.deps.repos.rosterRuns.latest(limit).map(toRun);
  }

  lastRunAt(trigger: RosterTrigger): number | null {
    return this.deps.repos.rosterRuns.lastStartedAt(trigger);
  }

  private record(
    actor: Actor,
    trigger: RosterTrigger,
    fileName: string | null,
    startedAt: number,
    outcome: RosterOutcome,
    message: string | null,
    counts: Record<string, number> | null,
    extra: Record<string, unknown> = {},
  ): RosterRun {
    const finishedAt = this.deps.clock.now();
    const row = { startedAt, finishedAt, trigger, actor: actor.label, fileName, outcome, message, counts };
    const id = this.deps.repos.rosterRuns.insert(row);
    const action = outcome === 'applied' ? 'roster.import' : `roster.import_${outcome}`;
    this.deps.audit.record(actor, action, null, { file: fileName, trigger, ...(message && { reason: message }), ...counts, ...extra });
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
    existing: readonly RosterRecipient[],
    differ: RosterDiffer,
    progress: ReturnType<RosterService['progress']>,
  ): Promise<void> {
    const knownPhones = new Set(existing.flatMap((r) => (r.phone ? [r.phone] : [])));
    const normalize = createRowNormalizer(table.headers, mapping, {
      defaultCountry: this.deps.settings.values().defaultCountry as CountryCode,
      knownPhones,
    });
    const { rows } = table;
    for (let start = 0; start < rows.length; start += checkSlice) {
      const end = Math.min(start + checkSlice, rows.length);
      for (let i = start; i < end; i += 1) differ.add(normalize(rows[i]!));
      progress('checking', end, rows.length);
      await setImmediate();
    }
  }
}

async function readTable(bytes: Uint8Array, fileName: string, onProgress: (done: number, total: number) => void): Promise<RawTable> {
  try {
    return await parseRosterFile(bytes, fileName, onProgress);
  } catch (error) {
    if (error instanceof RosterFileError) throw new ApiError('VALIDATION', error.message, 'file');
    throw error;
  }
}

function checkedMapping(chosen: Partial<Record<RosterColumnId, number | null>>, headers: readonly string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  const usedBy = new Map<number, RosterColumnId>();
  for (const [column, index] of Object.entries(chosen) as [RosterColumnId, number | null][]) {
    if (index === null) continue;
    if (index >= headers.length) throw new ApiError('VALIDATION', 'The file has no such column. Preview the file again.', 'mapping');
    const other = usedBy.get(index);
    if (other) throw new ApiError('VALIDATION', `The column "${headers[index]}" is chosen twice. Choose it for one field only.`, 'mapping');
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
