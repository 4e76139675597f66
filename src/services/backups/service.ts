import { constants } from 'node:fs';
import { access, readdir, rename, rm, stat, statfs } from 'node:fs/promises';
import { join } from 'node:path';
import { ApiError, message, messageText, type BackupHealth, type BackupRun, type Message } from '../../contract';
import type { Clock } from '../../clock';
import { BackupFileError, backupSiteId, readBackupFile } from '../../db/backupFile';
import type { Repositories } from '../../db/repositories';
import type { BackupRunRow, BackupTrigger } from '../../db/repositories/backups';
import { log } from '../../log';
import { random } from '../../random';
import type { AlertService } from '../alerts/service';
import type { Actor, AuditService } from '../audit/service';
import type { EventBus } from '../events';
import type { SettingsService } from '../settings/service';
import type { Transactor } from '../tx';
import { dataKeyId, isSealedDataKey, openDataKey, sealDataKey, type SealedDataKey } from './seal';

/** A building manager's rule: one missed night is a hiccup, two in a row need someone to look. */
export const backupOverdueMs = 48 * 60 * 60 * 1000;
// A backup needs about the database's size; warn before the folder cannot take the next one.
const spaceMargin = 1.5;

export const toBackupRun = (r: BackupRunRow): BackupRun => ({
  id: r.id,
  at: new Date(r.startedAt).toISOString(),
  trigger: r.trigger,
  outcome: r.outcome,
  file: r.file,
  bytes: r.bytes,
  message: r.message,
});

/**
 * `packroom-<site name>-<site id>-<UTC time>.sqlite`: sorts by time within a site, and the id (kept by
 * the data folder, see BackupRepository.siteId) tells sites apart in a shared folder whatever their
 * names: `Кленовый двор`, `Дубовый двор` and `東京タワー` all keep their letters (lower-cased, spaces and
 * punctuation as dashes), and a name with none left is just left out.
 */
export function backupFileBase(site: string, siteId: string): string {
  const slug = site
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return slug ? `packroom-${slug}-${siteId}-` : `packroom-${siteId}-`;
}

const stamp = (at: number) =>
  new Date(at)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
const backupNamePattern = /^\d{8}T\d{6}Z(-\d+)?\.sqlite$/;
const siteIdBytes = 6;

function describeFailure(error: unknown, folder: string): Message {
  const code = (error as NodeJS.ErrnoException).code;
  if (error instanceof ApiError) return error.sentence ?? message('text', { text: error.message });
  if (error instanceof BackupFileError) return error.sentence;
  if (code === 'ENOSPC' || code === 'SQLITE_FULL') return message('backups.folderFull', { folder });
  if (code === 'ENOENT') return message('backups.folderMissing', { folder });
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'SQLITE_READONLY' || code === 'SQLITE_CANTOPEN') {
    return message('backups.folderReadOnly', { folder });
  }
  log.error('A backup failed', error);
  return message('backups.internal');
}

export interface BackupDeps {
  repos: Pick<Repositories, 'backups' | 'backupFiles'>;
  settings: SettingsService;
  clock: Clock;
  tx: Transactor;
  audit: AuditService;
  alerts: AlertService;
  events: EventBus;
  /** The raw 32-byte data key the core was built with, whichever host made it. */
  dataKey: Buffer;
}

/**
 * Backups the building can restore: one verified SQLite file per backup carrying the data key sealed
 * with the backup passphrase. Packroom never keeps the passphrase: setting it seals the data key once,
 * and each backup carries that sealed copy.
 */
export class BackupService {
  private running = false;
  private folderProblem: Message | null = null;

  constructor(private readonly deps: BackupDeps) {}

  passphraseSet(): { setAt: number } | null {
    const stored = this.deps.repos.backups.sealedKey();
    return stored && { setAt: stored.setAt };
  }

  /** A folder and a passphrase: what the nightly backup needs. */
  configured(): boolean {
    return this.deps.settings.values().backupFolder !== null && this.passphraseSet() !== null;
  }

  async setPassphrase(actor: Actor, passphrase: string): Promise<void> {
    const sealed = await sealDataKey(this.deps.dataKey, passphrase);
    const replaced = this.passphraseSet() !== null;
    this.deps.tx.run(() => {
      this.deps.repos.backups.setSealedKey(sealed, this.deps.clock.now());
      this.deps.audit.record(actor, 'backup.passphrase_set', null, { replaced });
    });
    this.healthChanged();
  }

  /** Whether `passphrase` is the site's backup passphrase (false when none is set). */
  async passphraseMatches(passphrase: string): Promise<boolean> {
    const stored = this.deps.repos.backups.sealedKey()?.sealed;
    return isSealedDataKey(stored) && (await openDataKey(stored, passphrase)) !== null;
  }

  runs(limit: number): BackupRun[] {
    return this.deps.repos.backups.latest(limit).map(toBackupRun);
  }

  lastScheduledAt(): number | null {
    return this.deps.repos.backups.lastScheduledAt();
  }

  lastSuccessAt(): number | null {
    return this.deps.repos.backups.lastSuccessAt();
  }

  /**
   * Writes one backup into `folder` (default: the configured one), sealed with `passphrase` (default:
   * the site's sealed key), checks it, prunes old ones. Every attempt is recorded; a scheduled one
   * that fails raises a staff alert.
   */
  async run(trigger: BackupTrigger, actor: Actor, options: { folder?: string; passphrase?: string } = {}): Promise<BackupRun> {
    if (this.running) throw new ApiError('CONFLICT', message('backups.running'));
    this.running = true;
    const startedAt = this.deps.clock.now();
    const { backupFolder, backupKeep, siteName } = this.deps.settings.values();
    const folder = options.folder ?? backupFolder;
    let row: Omit<BackupRunRow, 'id'>;
    try {
      if (!folder) throw new ApiError('VALIDATION', message('backups.noFolder'));
      const sealedKey = options.passphrase ? await sealDataKey(this.deps.dataKey, options.passphrase) : this.siteSealedKey();
      await this.checkFolder(folder);
      const siteId = this.deps.repos.backups.siteId(random.bytes(siteIdBytes).toString('hex'));
      const file = await this.freeName(folder, backupFileBase(siteName, siteId), startedAt);
      const partial = `${file}.partial`;
      try {
        await this.deps.repos.backupFiles.write(partial, { site: siteName, siteId, createdAt: startedAt, sealedKey });
        // Read back: integrity_check, the row counts the live database had, and the sealed key.
        const written = readBackupFile(partial);
        if (!isSealedDataKey(written.sealedKey) || written.sealedKey.keyId !== sealedKey.keyId) {
          throw new BackupFileError('backups.keyDoesNotReadBack');
        }
        await rename(partial, file);
      } catch (error) {
        await rm(partial, { force: true });
        throw error;
      }
      const bytes = (await stat(file)).size;
      await this.prune(folder, siteId, backupKeep, file);
      row = { startedAt, finishedAt: this.deps.clock.now(), trigger, outcome: 'ok', file, bytes, message: null };
      this.folderProblem = null;
    } catch (error) {
      const message = describeFailure(error, folder ?? '');
      row = { startedAt, finishedAt: this.deps.clock.now(), trigger, outcome: 'failed', file: null, bytes: null, message };
    } finally {
      this.running = false;
    }
    const saved = this.deps.tx.run(() => {
      const inserted = this.deps.repos.backups.insertRun(row);
      this.deps.audit.record(actor, row.outcome === 'ok' ? 'backup.created' : 'backup.failed', null, {
        trigger,
        ...(row.file ? { file: row.file, bytes: row.bytes } : { reason: row.message && messageText(row.message) }),
      });
      return inserted;
    });
    if (row.outcome === 'failed' && row.message && trigger === 'schedule') {
      this.deps.alerts.raise('backup', message('backups.alert.lastNightFailed', { reason: row.message }));
    }
    this.healthChanged();
    return toBackupRun(saved);
  }

  /** Checks the configured folder is there, writable and has room; what health() reports until the next check. */
  async checkConfiguredFolder(): Promise<Message | null> {
    const before = this.folderProblem && messageText(this.folderProblem);
    this.folderProblem = await this.folderCheck();
    if ((this.folderProblem && messageText(this.folderProblem)) !== before) this.healthChanged();
    return this.folderProblem;
  }

  private async folderCheck(): Promise<Message | null> {
    const folder = this.deps.settings.values().backupFolder;
    if (!folder) return null;
    try {
      await this.checkFolder(folder);
      const space = await statfs(folder);
      const free = space.bavail * space.bsize;
      const needed = this.deps.repos.backupFiles.bytes() * spaceMargin;
      return free < needed ? message('backups.folderAlmostFull', { folder }) : null;
    } catch (error) {
      return describeFailure(error, folder);
    }
  }

  /** What the header warns about, in the words of the person who has to act. */
  health(): BackupHealth {
    if (!this.configured()) return { warning: message('backups.health.notSetUp') };
    if (this.folderProblem) return { warning: this.folderProblem };
    const last = this.deps.repos.backups.latest(1)[0];
    if (last?.outcome === 'failed' && last.message) return { warning: message('backups.health.lastFailed', { reason: last.message }) };
    const since = this.lastSuccessAt();
    if (since === null) return { warning: message('backups.health.noneYet') };
    if (this.deps.clock.now() - since > backupOverdueMs) return { warning: message('backups.health.overdue', { since }) };
    return { warning: null };
  }

  /** The header's badge follows at once (a backup that just succeeded takes it away without a reload). */
  healthChanged(): void {
    this.deps.events.emit('backups.health', this.health());
  }

  /** The reference an overdue alert counts from: the last success, else the first attempt. */
  overdueSince(): number | null {
    const since = this.lastSuccessAt() ?? this.deps.repos.backups.firstAttemptAt();
    return since !== null && this.deps.clock.now() - since > backupOverdueMs ? since : null;
  }

  private siteSealedKey(): SealedDataKey {
    const stored = this.deps.repos.backups.sealedKey()?.sealed;
    if (!isSealedDataKey(stored)) throw new ApiError('VALIDATION', message('backups.noPassphrase'));
    if (stored.keyId !== dataKeyId(this.deps.dataKey)) throw new ApiError('CONFLICT', message('backups.otherDataKey'));
    return stored;
  }

  private async checkFolder(folder: string): Promise<void> {
    const info = await stat(folder);
    if (!info.isDirectory()) throw new ApiError('VALIDATION', message('backups.notAFolder', { folder }));
    await access(folder, constants.W_OK);
  }

  private async freeName(folder: string, base: string, at: number): Promise<string> {
    const stamped = `${base}${stamp(at)}`;
    const names = new Set(await readdir(folder));
    let name = `${stamped}.sqlite`;
    for (let n = 2; names.has(name) || names.has(`${name}.partial`); n++) name = `${stamped}-${n}.sqlite`;
    return join(folder, name);
  }

  /**
   * Keeps the newest `keep` of this site's backups. A file is this site's when what is inside it says
   * so (the site id in its packroom_backup row), never by its name alone: another site's backups, files
   * from before backups carried an id, and anything else in the folder are never touched.
   */
  private async prune(folder: string, siteId: string, keep: number, current: string): Promise<void> {
    const marker = `-${siteId}-`;
    const ours: { name: string; time: string }[] = [];
    for (const name of await readdir(folder)) {
      const at = name.lastIndexOf(marker);
      if (!name.startsWith('packroom-') || at === -1) continue;
      const time = name.slice(at + marker.length);
      if (backupNamePattern.test(time) && backupSiteId(join(folder, name)) === siteId) ours.push({ name, time });
    }
    ours.sort((a, b) => (a.time < b.time ? 1 : a.time > b.time ? -1 : 0));
    for (const { name } of ours.slice(keep)) {
      if (join(folder, name) !== current) await rm(join(folder, name), { force: true });
    }
  }
}
