import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { BackupFileError, checkRestoredDatabase, readBackupFile, restoreDatabaseFile, type TableCounts } from '../../db/backupFile';
import { lockDataFolder, lockFileName } from '../../db/folderLock';
import { databaseFile } from '../../paths';
import { isSealedDataKey, openDataKey } from './seal';

/** A restore that was refused; nothing was changed. */
export class RestoreRefused extends Error {}

export interface RestoreOptions {
  file: string;
  dataDir: string;
  passphrase: string;
  /** Replace a data folder that is not empty (it is kept aside, never deleted). */
  force: boolean;
  now: number;
  /** Where the host keeps the data key: the key file for `packroom serve`. */
  writeKey: (dataDir: string, key: Buffer) => void;
  /** better_sqlite3.node built for Electron, when the desktop app's executable restores. */
  nativeBinding?: string;
}

export interface RestoreReport {
  site: string;
  createdAt: number;
  counts: TableCounts;
  dataDir: string;
  /** Where the folder that was there before now is; null when there was nothing. */
  keptAside: string | null;
}

async function entries(dir: string): Promise<string[] | null> {
  try {
    return await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * Everything is checked before anything is replaced: the file, the passphrase, then a complete new
 * data folder built beside the target and checked as Packroom will open it. Only then does the old
 * folder move aside (as DIR.before-restore-<time>) and the new one take its name.
 */
export async function restoreBackup(options: RestoreOptions): Promise<RestoreReport> {
  const contents = readBackupFile(options.file);
  if (!isSealedDataKey(contents.sealedKey)) throw new BackupFileError('backups.file.noDataKey', { file: options.file });
  const target = resolve(options.dataDir);
  // Held from before the folder is looked at until the new one has its name: a running Packroom (or a
  // command) refuses the restore, and none can start on the folder meanwhile. The lock file alone does
  // not make a folder in use.
  const existedBefore = (await entries(target)) !== null;
  const lock = lockDataFolder(target, 'alone', options.nativeBinding);
  let restored = false;
  try {
    const existing = (await entries(target))?.filter((name) => !name.startsWith(lockFileName)) ?? null;
    if (existing && existing.length > 0 && !options.force) {
      throw new RestoreRefused(
        `${target} is not empty. Stop Packroom, then run the restore again with --force: the current folder is kept as ${target}.before-restore-<time>.`,
      );
    }
    const key = await openDataKey(contents.sealedKey, options.passphrase);
    if (!key) throw new RestoreRefused('That passphrase does not open this backup. Nothing was changed.');
    const time = new Date(options.now)
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d{3}/, '');
    const staging = `${target}.restoring-${time}`;
    await mkdir(staging, { recursive: true, mode: 0o700 });
    try {
      await restoreDatabaseFile(options.file, databaseFile(staging));
      checkRestoredDatabase(databaseFile(staging), contents.counts);
      options.writeKey(staging, key);
    } catch (error) {
      await rm(staging, { recursive: true, force: true });
      throw error;
    }
    // Windows renames no folder with a file open in it: the lock goes first there, and a Packroom that
    // started in that instant holds the folder open, so the rename fails rather than pulls it away.
    if (process.platform === 'win32') lock.release();
    let keptAside: string | null = null;
    if (existing && existing.length > 0) {
      keptAside = `${target}.before-restore-${time}`;
      await rename(target, keptAside);
    } else {
      await rm(target, { recursive: true, force: true });
    }
    await rename(staging, target);
    restored = true;
    return { site: contents.site, createdAt: contents.createdAt, counts: contents.counts, dataDir: join(target), keptAside };
  } finally {
    lock.release();
    // A refused restore leaves no trace, not even the folder the lock needed.
    if (!restored && !existedBefore) await rm(target, { recursive: true, force: true });
  }
}
