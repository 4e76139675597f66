import { existsSync } from 'node:fs';
import { ApiError, messageText } from '../../contract';
import { backupPassphrase } from '../../contract/backups';
import type { CliHost } from '../host';
import { BackupFileError } from '../../db/backupFile';
import { FolderInUseError } from '../../db/folderLock';
import { resolveDataDir } from '../../paths';
import { writeKeyFile } from '../../secrets';
import { cliActor } from '../../services/audit/service';
import { RestoreRefused, restoreBackup } from '../../services/backups/restore';
import { validationError } from '../../services/dispatch';
import { parse, UsageError } from '../args';
import { readPassword } from '../readPassword';

export const backupUsage = `packroom backup [--out DIR] [--data DIR]
      Writes a checked backup into DIR (default: the folder set in Settings → Backups), sealed with the
      backup passphrase read from stdin; the passphrase becomes the site's if none is set yet.
  packroom restore FILE [--data DIR] [--force]
      Restores a backup into the data folder (passphrase on stdin). A folder that is not empty needs
      --force and is kept as DIR.before-restore-<time>. Stop Packroom first.`;

async function passphrase(): Promise<string> {
  const parsed = backupPassphrase.safeParse(await readPassword('Backup passphrase: '));
  if (!parsed.success) throw new UsageError(`passphrase: ${validationError(parsed.error).message}`);
  return parsed.data;
}

export async function backupCommand(
  args: string[],
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
  host: CliHost,
): Promise<number> {
  const { values } = parse(args, { out: { type: 'string' }, data: { type: 'string' } }, 0);
  const dataDir = resolveDataDir(values.data);
  const secret = await passphrase();
  const core = host.openCore(dataDir);
  try {
    if (!values.out && !core.settings.values().backupFolder) {
      throw new UsageError('no backup folder is set for this site: give one with --out DIR');
    }
    // The site's own sealed key when this is its passphrase: the passphrase is stretched once, not twice.
    let sealWith: string | undefined;
    if (!core.backups.passphraseSet()) {
      await core.backups.setPassphrase(cliActor, secret);
      out.write('This passphrase is now the site backup passphrase: keep it somewhere safe, away from this computer.\n');
    } else if (!(await core.backups.passphraseMatches(secret))) {
      sealWith = secret;
      err.write(
        'packroom: note: this is not the site backup passphrase. This backup is sealed with the one you typed; keep it with the backup.\n',
      );
    }
    const run = await core.backups.run('cli', cliActor, {
      ...(sealWith ? { passphrase: sealWith } : {}),
      ...(values.out ? { folder: values.out } : {}),
    });
    if (run.outcome === 'failed') {
      err.write(`packroom: the backup failed: ${run.message && messageText(run.message)}\n`);
      return 1;
    }
    out.write(`Backup written and checked: ${run.file} (${((run.bytes ?? 0) / 1024 / 1024).toFixed(1)} MB).\n`);
    return 0;
  } catch (error) {
    if (error instanceof ApiError) throw new UsageError(error.message);
    throw error;
  } finally {
    await core.close();
  }
}

export async function restoreCommand(
  args: string[],
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
  host: Pick<CliHost, 'nativeBinding'>,
): Promise<number> {
  const { values, positionals } = parse(args, { data: { type: 'string' }, force: { type: 'boolean' } }, 1);
  const file = positionals[0];
  if (!file) throw new UsageError('restore needs the backup FILE');
  if (!existsSync(file)) throw new UsageError(`there is no file ${file}`);
  const secret = await passphrase();
  try {
    const report = await restoreBackup({
      file,
      dataDir: resolveDataDir(values.data),
      passphrase: secret,
      force: values.force ?? false,
      now: Date.now(),
      writeKey: writeKeyFile,
      ...(host.nativeBinding ? { nativeBinding: host.nativeBinding } : {}),
    });
    out.write(
      `Restored the backup of ${report.site} from ${new Date(report.createdAt).toLocaleString()} into ${report.dataDir}: ` +
        `${report.counts.recipients} recipients, ${report.counts.access_keys} PINs and QR codes, ${report.counts.audit_log} audit rows.\n`,
    );
    if (report.keptAside) out.write(`The folder that was there is kept as ${report.keptAside}.\n`);
    return 0;
  } catch (error) {
    if (error instanceof RestoreRefused || error instanceof BackupFileError || error instanceof FolderInUseError) {
      err.write(`packroom: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
