import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';
import { ApiError, message, reasonOf, rosterUploadLimits, type Message, type RosterDryRun, type RosterStatus } from '../../contract';
import type { rosterConfigureInput } from '../../contract/roster';
import type { Clock, ClockTimer } from '../../clock';
import type { Repositories } from '../../db/repositories';
import { ROSTER_PRESETS, type PresetId } from '../../domain/roster/columns';
import { rosterImportPlace } from '../../domain/sync/roster';
import { lastTimeOfDay, nextTimeOfDay } from '../../domain/timeOfDay';
import { log } from '../../log';
import type { AlertService } from '../alerts/service';
import type { Actor } from '../audit/service';
import type { RosterService } from './service';
import { deactivationFigures } from './summary';
import type { SettingsService } from '../settings/service';

const scheduleActor: Actor = { staffId: null, label: 'daily import' };
// The schedule looks at the clock once a minute rather than arming one timer for the exact time, so
// a changed setting, a sleeping computer or a moved clock can never make it miss a day.
const tickMs = 60_000;
const recentRuns = 10;
/** A daily export older than this means the property-management system stopped writing it. */
const staleExportMs = 36 * 3_600_000;

export interface RosterScheduleDeps {
  /** On a node of a site, which node runs the daily import (sync_node). */
  repos: Pick<Repositories, 'sync'>;
  roster: RosterService;
  settings: SettingsService;
  clock: Clock;
  alerts: AlertService;
}

/** The daily roster import from a watched folder (Settings: folder, time of day, on/off). */
export class RosterSchedule {
  private timer: ClockTimer | null = null;
  private running: Promise<void> | null = null;
  /** Scheduled times up to here have run or were skipped on purpose. */
  private handledUntil = 0;
  private stopped = false;

  constructor(private readonly deps: RosterScheduleDeps) {}

  /**
   * After a restart, an import a crash interrupted is finished (or dropped, if it had changed nothing)
   * first; a day missed while Packroom was off runs at once; a first start waits for the next time.
   */
  start(): void {
    this.handledUntil = this.deps.roster.lastRunAt('schedule') ?? this.deps.clock.now();
    this.running = this.deps.roster
      .resumeInterrupted()
      .then(
        () => undefined,
        (error: unknown) => {
          if (!(error instanceof ApiError)) log.error('Finishing an interrupted roster import failed', error);
        },
      )
      .finally(() => {
        this.running = null;
        if (this.timer === null) this.tick();
      });
  }

  stop(): void {
    this.timer?.cancel();
    this.timer = null;
    this.stopped = true;
  }

  /** Resolves when no scheduled import is running. */
  async settled(): Promise<void> {
    await this.running;
  }

  async configure(actor: Actor, input: z.output<typeof rosterConfigureInput>): Promise<RosterStatus> {
    if (input.enabled && !input.folder) throw new ApiError('VALIDATION', message('roster.schedule.chooseFolder'), 'folder');
    if (input.enabled && input.folder && !(await isFolder(input.folder))) {
      throw new ApiError('VALIDATION', message('roster.schedule.folderMissing', { folder: input.folder }), 'folder');
    }
    this.deps.settings.update(actor, {
      importScheduleEnabled: input.enabled,
      importFolder: input.folder ?? null,
      importTime: input.timeOfDay,
      importPreset: input.preset,
    });
    // A new time applies from now on: changing 03:00 to 02:00 at noon does not import at once.
    this.handledUntil = this.deps.clock.now();
    return this.status();
  }

  status(): RosterStatus {
    const s = this.deps.settings.get();
    const next = nextTimeOfDay(this.deps.clock.now(), s.importTime);
    const place = rosterImportPlace(this.deps.repos.sync.node());
    const runs = s.importScheduleEnabled && s.importFolder && place.here;
    return {
      schedule: {
        enabled: s.importScheduleEnabled,
        folder: s.importFolder,
        timeOfDay: s.importTime,
        preset: s.importPreset,
        nextRunAt: runs ? new Date(next).toISOString() : null,
        elsewhere: place.here ? null : { node: place.node },
      },
      runs: this.deps.roster.runs(recentRuns),
      presets: (Object.keys(ROSTER_PRESETS) as PresetId[]).map((id) => ({ id, label: ROSTER_PRESETS[id].label })),
      lockedByEnvironment: s.lockedByEnvironment,
    };
  }

  private readonly tick = (): void => {
    if (this.stopped) return;
    this.timer = this.deps.clock.setTimeout(this.tick, tickMs);
    const s = this.deps.settings.values();
    if (this.running || !s.importScheduleEnabled) return;
    const due = lastTimeOfDay(this.deps.clock.now(), s.importTime);
    if (due <= this.handledUntil) return;
    this.handledUntil = due;
    // Another node of the site runs it (the Import screen says which): the day counts as handled here.
    if (!rosterImportPlace(this.deps.repos.sync.node()).here) return;
    this.running = this.runOnce().finally(() => (this.running = null));
  };

  private async runOnce(): Promise<void> {
    const startedAt = this.deps.clock.now();
    const { importFolder, importPreset, importMaxDeactivateShare } = this.deps.settings.values();
    let fileName: string | null = null;
    try {
      const file = await newestExport(importFolder);
      fileName = file.name;
      const age = this.deps.clock.now() - file.info.mtimeMs;
      if (age > staleExportMs) {
        const hours = Math.floor(age / 3_600_000);
        this.deps.alerts.raise('import', message('roster.alert.staleExport', { folder: importFolder ?? '', file: file.name, hours }));
      }
      // The columns and status words chosen in the last manual import of this preset apply (see RosterService.dryRun).
      const preview = await this.deps.roster.dryRun(await readFile(file.path), file.name, { preset: importPreset });
      if (!preview.id || !preview.diff) throw new ApiError('VALIDATION', columnsNotRecognized(preview.problems));
      if (preview.diff.safety.exceeded) {
        this.deps.roster.discard(preview.id);
        const figures = deactivationFigures(preview.diff.safety, importMaxDeactivateShare);
        this.deps.roster.recordStopped(scheduleActor, 'schedule', fileName, startedAt, 'blocked', message('roster.run.blocked', figures));
        this.deps.alerts.raise('import', message('roster.alert.dailyBlocked', { ...figures, file: fileName }));
        return;
      }
      const run = await this.deps.roster.apply(scheduleActor, preview.id, { confirmLargeDeactivation: false, trigger: 'schedule' });
      const rowErrors = run.counts?.errors ?? 0;
      if (rowErrors > 0) {
        this.deps.alerts.raise('import', message('roster.alert.dailySkippedRows', { count: rowErrors, file: fileName }));
      }
    } catch (error) {
      if (!(error instanceof ApiError)) log.error('The scheduled roster import failed', error);
      const reason = error instanceof ApiError ? reasonOf(error) : message('roster.schedule.internal');
      this.deps.roster.recordStopped(scheduleActor, 'schedule', fileName, startedAt, 'failed', reason);
      this.deps.alerts.raise(
        'import',
        fileName
          ? message('roster.alert.dailyFailed', { file: fileName, sentence: reason })
          : message('roster.alert.dailyFailedNoFile', { sentence: reason }),
      );
    }
  }
}

/** The newest CSV or Excel file in the folder; a problem comes back as an ApiError in plain words. */
async function newestExport(folder: string | null): Promise<{ name: string; path: string; info: { mtimeMs: number } }> {
  if (!folder) throw new ApiError('VALIDATION', message('roster.schedule.noFolder'));
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    throw new ApiError('VALIDATION', message('roster.schedule.cannotOpenFolder', { folder }));
  }
  // Excel keeps "~$name.xlsx" lock files next to open workbooks; they are not exports.
  const candidates = names.filter((name) => /\.(csv|xlsx)$/i.test(name) && !name.startsWith('~$') && !name.startsWith('.'));
  const files = await Promise.all(
    candidates.map(async (name) => ({ name, path: join(folder, name), info: await stat(join(folder, name)) })),
  );
  const newest = files.filter((f) => f.info.isFile()).sort((a, b) => b.info.mtimeMs - a.info.mtimeMs)[0];
  if (!newest) throw new ApiError('VALIDATION', message('roster.schedule.noExport', { folder }));
  if (newest.info.size > rosterUploadLimits.maxBytes)
    throw new ApiError('VALIDATION', message('roster.schedule.tooLarge', { file: newest.name }));
  return newest;
}

/** Why a daily export cannot be imported with the preset's columns: the preview's problems (one or two), in one sentence. */
function columnsNotRecognized(problems: RosterDryRun['problems']): Message {
  const [problem = message('text', { text: '' }), otherProblem] = problems;
  return otherProblem
    ? message('roster.schedule.columnsNotRecognizedTwice', { problem, otherProblem })
    : message('roster.schedule.columnsNotRecognized', { problem });
}

async function isFolder(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}
