import type { Repositories } from '../../db/repositories';
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
} from '../../contract';
import type { rosterDryRunInput } from '../../contract/roster';
import type { BulkWrites } from '../../db/checkpoints';
import type { ApplyJournal } from '../../db/repositories/rosterApply';
import { type RosterOutcome, type RosterRunRow, type RosterTrigger } from '../../db/repositories/rosterRuns';
import type { Clock } from '../../clock';
import { exceedsSafetyThreshold } from '../../domain/roster/diff';
import { random } from '../../random';
import { auditSentence, type Actor, type AuditService } from '../audit/service';
import type { CredentialService } from '../credentials/service';
import type { EventBus } from '../events';
import type { AlertService } from '../alerts/service';
import { noneApplied } from './apply';
import { ChunkFailed, writeChunks, type JournalPlan } from './chunks';
import { rosterFingerprint } from './fingerprint';
import { preparePreview, type PreparedPlan, type PreviewRequest, type RosterSnapshot } from './prepare';
import { ExpiringStore } from './store';
import { largeDeactivationMessage } from './summary';
import type { PreviewRunner } from './thread';
import { RosterUploads } from './uploads';
import { yieldToDoor } from '../turns';
import type { SettingsService } from '../settings/service';
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
  /** Makes previews in their own threads (see PreviewThreads). */
  previews: PreviewRunner;
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

/** A preview waiting for Apply: exactly what was shown, and the state of the roster it was made against. */
interface PendingImport {
  fileName: string;
  startedAt: number;
  plan: PreparedPlan;
}

const previewTtlMs = 30 * 60_000;
const utf8 = new TextDecoder();
const readPage = 2000;
const stageSlice = 250;
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
    const { clock, settings, previews } = this.deps;
    const startedAt = clock.now();
    const progress = this.progress(options.runId ?? random.token(12));
    const saved = this.deps.repos.rosterMappings.get(options.preset);
    const values = settings.values();
    const request: PreviewRequest = {
      bytes,
      fileName,
      preset: options.preset,
      ...(options.mapping && { mapping: options.mapping }),
      ...(options.statusValues && { statusValues: options.statusValues }),
      ...(options.unlink && { unlink: options.unlink }),
      saved: saved ? { columns: saved.columns, statusValues: saved.statusValues } : null,
      today: localDate(clock.now()),
      manualPolicy: values.importManualPolicy,
      defaultCountry: values.defaultCountry,
      maxDeactivateShare: values.importMaxDeactivateShare,
    };
    const prepared = (await previews.prepare(request, progress)) ?? (await preparePreview(request, () => this.readRoster(), progress));
    if (!prepared.plan) return prepared.preview;
    const { id, expiresAt } = this.pending.add({ fileName, startedAt, plan: prepared.plan });
    return { ...prepared.preview, id, expiresAt: new Date(expiresAt).toISOString() };
  }

  /** Stops previews still being made; the program is closing. */
  async close(): Promise<void> {
    await this.deps.previews.stop();
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
      repos: { rosterApply: journal },
    } = this.deps;
    const pending = this.pending.get(dryRunId);
    if (!pending) {
      throw new ApiError('NOT_FOUND', message('roster.apply.previewGone'), 'dryRunId');
    }
    const values = settings.values();
    const { plan } = pending;
    if (exceedsSafetyThreshold(plan, values.importMaxDeactivateShare) && !options.confirmLargeDeactivation) {
      throw new ApiError('CONFLICT', largeDeactivationMessage(plan, values.importMaxDeactivateShare), 'confirmLargeDeactivation');
    }
    if (this.applying) {
      throw new ApiError('CONFLICT', message('roster.apply.busy'));
    }
    // Taken out at once, so a second click on Apply cannot apply the same preview twice.
    this.pending.delete(dryRunId);
    return this.exclusive(async () => {
      // An apply a crash interrupted finishes first; it changes the roster, so this preview then goes stale.
      await this.finishInterrupted();
      await yieldToDoor();
      if ((await this.fingerprint()) !== plan.fingerprint) {
        throw new ApiError('CONFLICT', message('roster.apply.rosterChanged'));
      }
      await yieldToDoor();
      const journalPlan: JournalPlan = {
        counts: plan.counts,
        applied: { ...noneApplied(), keptManual: plan.keptManual },
        credentialsLeft: plan.credentials,
        welcome: values.importWelcomeNotifications,
        extra: {
          ...(options.confirmLargeDeactivation &&
            plan.safety.share > values.importMaxDeactivateShare && { confirmedLargeDeactivation: true }),
        },
        remember: options.trigger === 'schedule' ? null : plan.remember,
      };
      const progress = this.progress(dryRunId);
      progress('applying', 0, plan.total);
      const applyId = tx.run(() =>
        journal.create({
          startedAt: pending.startedAt,
          trigger: options.trigger,
          actor: actor.label,
          actorStaffId: actor.staffId,
          fileName: pending.fileName,
          total: plan.total,
          plan: journalPlan,
        }),
      );
      try {
        let seq = 0;
        for (const page of plan.pages) {
          const lines = utf8.decode(page).split('\n');
          for (let start = 0; start < lines.length; start += stageSlice) {
            const slice = lines.slice(start, start + stageSlice);
            tx.run(() => journal.stage(applyId, seq, slice));
            seq += slice.length;
            await yieldToDoor();
          }
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
    // Starting a thread can take a few milliseconds, and pausing the merges is a commit of its own: each
    // gets a turn of the event loop to itself.
    const running = this.deps.checkpoints.during(async () => {
      await yieldToDoor();
      return this.deps.credentials.bulkSealing(async () => {
        await yieldToDoor();
        this.deps.tx.run(() => recipients.pauseSearchMerges());
        await yieldToDoor();
        try {
          return await work();
        } finally {
          recipients.resumeSearchMerges();
        }
      });
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
    progress('applying', start.done, start.total);
    try {
      await writeChunks({ clock, tx, credentials, audit, repo, journal }, start, plan, (done) => progress('applying', done, start.total));
    } catch (error) {
      if (!(error instanceof ChunkFailed)) throw error;
      if (fresh && error.done === 0) {
        // Nothing was applied: roll the whole import back, as if it never started.
        await this.dropJournal(start.id);
        throw error.cause;
      }
      throw this.stoppedPartWay(start, error.done, error.cause);
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
    while (tx.run(() => repos.rosterApply.dropItems(applyId, stageSlice)) > 0) await yieldToDoor();
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
      ...(note && { reason: messageText(note), ...auditSentence('reason', note) }),
      ...counts,
      ...extra,
    });
    return toRun({ id, ...row });
  }

  private progress(runId: string) {
    return (phase: RosterProgress['phase'], done: number, total: number) =>
      this.deps.events.emit('roster.progress', { runId, phase, done, total });
  }

  /** The roster's fingerprint, a range of recipients at a time with a break for the event loop after each. */
  private async fingerprint(): Promise<string> {
    const steps = rosterFingerprint(this.deps.repos.recipients);
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
      await yieldToDoor();
    }
  }

  /** The roster for a preview made on this thread: a page at a time, with a break for the event loop after each. */
  private async readRoster(): Promise<RosterSnapshot> {
    const { recipients } = this.deps.repos;
    // Taken before reading: any write while the pages are read changes it, and apply then refuses.
    const fingerprint = await this.fingerprint();
    const existing: RosterSnapshot['existing'] = [];
    for (let page = recipients.forRoster(0, readPage); page.length > 0; page = recipients.forRoster(page.at(-1)!.id, readPage)) {
      existing.push(...page);
      await yieldToDoor();
    }
    return { fingerprint, existing, handAdded: recipients.handAdded() };
  }
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
