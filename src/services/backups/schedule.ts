import { stat } from 'node:fs/promises';
import type { z } from 'zod';
import { ApiError, message, type BackupStatus } from '../../contract';
import type { backupConfigureInput } from '../../contract/backups';
import type { Clock, ClockTimer } from '../../clock';
import { lastTimeOfDay, nextTimeOfDay } from '../../domain/timeOfDay';
import type { AlertService } from '../alerts/service';
import type { Actor } from '../audit/service';
import type { SettingsService } from '../settings/service';
import type { BackupService } from './service';

const scheduleActor: Actor = { staffId: null, label: 'nightly backup' };
// Like the daily import: look once a minute, so a changed setting, a sleeping computer or a moved
// clock never makes it miss a day.
const tickMs = 60_000;
const recentRuns = 10;

export interface BackupScheduleDeps {
  backups: BackupService;
  settings: SettingsService;
  clock: Clock;
  alerts: AlertService;
}

/** The daily backup at the configured time, and the checks behind the header warning and the alerts. */
export class BackupSchedule {
  private timer: ClockTimer | null = null;
  private running: Promise<void> | null = null;
  /** Scheduled times up to here have run or were skipped on purpose. */
  private handledUntil = 0;

  constructor(private readonly deps: BackupScheduleDeps) {}

  /** A night missed while Packroom was off runs at once; a first start waits for the next time. */
  start(): void {
    this.handledUntil = this.deps.backups.lastScheduledAt() ?? this.deps.clock.now();
    this.tick();
  }

  stop(): void {
    this.timer?.cancel();
    this.timer = null;
  }

  /** Resolves when no scheduled work is running. */
  async settled(): Promise<void> {
    await this.running;
  }

  async configure(actor: Actor, input: z.output<typeof backupConfigureInput>): Promise<BackupStatus> {
    if (input.folder && !(await isFolder(input.folder))) {
      throw new ApiError('VALIDATION', message('backups.folderNotFound', { folder: input.folder }), 'folder');
    }
    this.deps.settings.update(actor, { backupFolder: input.folder ?? null, backupTime: input.timeOfDay, backupKeep: input.keep });
    this.handledUntil = this.deps.clock.now();
    await this.deps.backups.checkConfiguredFolder();
    return this.status();
  }

  status(): BackupStatus {
    const s = this.deps.settings.get();
    const passphrase = this.deps.backups.passphraseSet();
    const lastSuccess = this.deps.backups.lastSuccessAt();
    return {
      folder: s.backupFolder,
      timeOfDay: s.backupTime,
      keep: s.backupKeep,
      passphraseSet: passphrase !== null,
      passphraseSetAt: passphrase && new Date(passphrase.setAt).toISOString(),
      nextRunAt: this.deps.backups.configured() ? new Date(nextTimeOfDay(this.deps.clock.now(), s.backupTime)).toISOString() : null,
      lastSuccessAt: lastSuccess === null ? null : new Date(lastSuccess).toISOString(),
      warning: this.deps.backups.health().warning,
      runs: this.deps.backups.runs(recentRuns),
      lockedByEnvironment: s.lockedByEnvironment.filter((k) => k.startsWith('backup')),
    };
  }

  private readonly tick = (): void => {
    this.timer = this.deps.clock.setTimeout(this.tick, tickMs);
    if (this.running || !this.deps.backups.configured()) return;
    this.running = this.check().finally(() => (this.running = null));
  };

  private async check(): Promise<void> {
    const due = lastTimeOfDay(this.deps.clock.now(), this.deps.settings.values().backupTime);
    if (due > this.handledUntil) {
      this.handledUntil = due;
      // A backup an admin started a moment ago counts for tonight.
      await this.deps.backups.run('schedule', scheduleActor).catch((error: unknown) => {
        if (!(error instanceof ApiError)) throw error;
      });
    }
    const problem = await this.deps.backups.checkConfiguredFolder();
    if (problem) this.deps.alerts.raise('backup', message('backups.alert.problem', { reason: problem }));
    const since = this.deps.backups.overdueSince();
    if (since !== null) this.deps.alerts.raise('backup', message('backups.alert.overdue', { since }));
  }
}

async function isFolder(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}
