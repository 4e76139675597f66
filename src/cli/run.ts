/**
 * The `packroom` commands, runnable by any host: plain Node (src/cli/main.ts, key file) or the
 * desktop app's own executable (main/cli.ts, key unsealed by the OS keychain). The host decides
 * how a core is opened, so one data folder always has one data key.
 */
import { FolderInUseError, lockDataFolder, type FolderUse } from '../db/folderLock';
import { DatabaseCorruptError, DatabaseVersionError } from '../db/open';
import { log } from '../log';
import { DataKeyError } from '../secrets';
import { SettingsError } from '../services/settings/service';
import { SiteError } from '../sync/site';
import { UsageError } from './args';
import { auditCommand, auditUsage } from './commands/audit';
import { backupCommand, backupUsage, restoreCommand } from './commands/backup';
import { carrierCommand, carrierUsage } from './commands/carrier';
import { devicesCommand, devicesUsage } from './commands/devices';
import { importCommand, importUsage } from './commands/import';
import { labelCommand, labelUsage } from './commands/label';
import { packagesCommand, packagesUsage } from './commands/packages';
import { serveCommand, serveUsage } from './commands/serve';
import { siteCommand, siteUsage } from './commands/site';
import { userCommand, userUsage } from './commands/user';
import type { CliHost } from './host';

export const cliCommands = [
  'serve',
  'user',
  'devices',
  'import',
  'carrier',
  'packages',
  'label',
  'backup',
  'restore',
  'audit',
  'site',
  'help',
  '--help',
  '-h',
] as const;

const usage = `Usage:
  ${serveUsage}
  ${userUsage}
  ${devicesUsage}
  ${importUsage}
  ${carrierUsage}
  ${packagesUsage}
  ${labelUsage}
  ${backupUsage}
  ${auditUsage}
  ${siteUsage}

Every command takes --data DIR (or PACKROOM_DATA); the default is the OS app-data folder.`;

/**
 * How each command holds the data folder while its core is open (see FolderUse). Packroom itself runs
 * beside commands that write a few rows: an installer adds a user or assigns a device while it runs,
 * and SQLite's WAL makes those short transactions safe. An import is refused while Packroom runs: it
 * rewrites the roster in chunks, and the running app resumes or schedules imports of its own. Restore
 * (which swaps the folder) takes the lock itself. `audit` and `label` only read the database and take none.
 */
const folderUse: Partial<Record<string, FolderUse>> = {
  serve: 'running',
  import: 'alone',
  user: 'writing',
  carrier: 'writing',
  devices: 'writing',
  packages: 'writing',
  backup: 'writing',
  // init and join change what this folder is (init queues every recipient): nothing else runs on it meanwhile.
  // status opens the database alone, as audit does, and takes no lock; invite: see folderUseOf.
  site: 'alone',
};

/** `site invite` writes one audit row: beside a running Packroom, as the desk makes a code in Settings. */
const folderUseOf = (command: string | undefined, rest: string[]): FolderUse | undefined =>
  command === 'site' && rest[0] === 'invite' ? 'writing' : command === undefined ? undefined : folderUse[command];

/** The host, with its cores opened under the folder lock `use` and the lock let go when they close. */
function lockingHost(host: CliHost, use: FolderUse | undefined): CliHost {
  if (!use) return host;
  return {
    ...host,
    openCore(dataDir, options) {
      const lock = lockDataFolder(dataDir, use, host.nativeBinding);
      try {
        const core = host.openCore(dataDir, options);
        return {
          ...core,
          async close() {
            try {
              await core.close();
            } finally {
              lock.release();
            }
          },
        };
      } catch (error) {
        lock.release();
        throw error;
      }
    },
  };
}

async function run(argv: string[], cli: CliHost): Promise<number> {
  const [command, ...rest] = argv;
  const host = lockingHost(cli, folderUseOf(command, rest));
  const out = host.stdout;
  switch (command) {
    case 'serve':
      return serveCommand(rest, out, host);
    case 'user':
      return userCommand(rest, out, host);
    case 'devices':
      return devicesCommand(rest, out, host);
    case 'import':
      return importCommand(rest, out, host.stderr, host);
    case 'carrier':
      return carrierCommand(rest, out, host);
    case 'packages':
      return packagesCommand(rest, out, host.stderr, host);
    case 'label':
      return labelCommand(rest, out, host);
    case 'backup':
      return backupCommand(rest, out, host.stderr, host);
    case 'restore':
      return restoreCommand(rest, out, host.stderr, host);
    case 'audit':
      return auditCommand(rest, out, host.stderr);
    case 'site':
      return siteCommand(rest, out, host);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      out.write(`${usage}\n`);
      return command === undefined ? 2 : 0;
    default:
      throw new UsageError(`unknown command "${command}" (try: packroom --help)`);
  }
}

/** Runs one command; every failure ends as one readable line and a non-zero exit code, never a stack trace on the terminal. */
export async function runCli(argv: string[], host: CliHost): Promise<number> {
  try {
    return await run(argv, host);
  } catch (error) {
    if (error instanceof UsageError) {
      host.stderr.write(`packroom: ${error.message}\n`);
      return 2;
    }
    if (
      error instanceof DatabaseVersionError ||
      error instanceof DatabaseCorruptError ||
      error instanceof SettingsError ||
      error instanceof DataKeyError ||
      error instanceof SiteError ||
      error instanceof FolderInUseError
    ) {
      log.detail('The command failed', error);
      host.stderr.write(`packroom: ${error.message}\n`);
      return 1;
    }
    const code = (error as NodeJS.ErrnoException).code;
    const message = error instanceof Error ? error.message : String(error);
    host.stderr.write(`packroom: ${code === 'EADDRINUSE' ? 'that port is already in use; choose another with --port' : message}\n`);
    if (process.env.PACKROOM_DEBUG) log.error('details', error);
    else log.detail('The command failed', error);
    return 1;
  }
}
