/**
 * The `packroom` commands, runnable by any host: plain Node (src/cli/main.ts, key file) or the
 * desktop app's own executable (main/cli.ts, key unsealed by the OS keychain). The host decides
 * how a core is opened, so one data folder always has one data key.
 */
import { DatabaseCorruptError, DatabaseVersionError } from '../db/open';
import { log } from '../log';
import { DataKeyError } from '../secrets';
import { SettingsError } from '../services/settings/service';
import { UsageError } from './args';
import { auditCommand, auditUsage } from './commands/audit';
import { backupCommand, backupUsage, restoreCommand } from './commands/backup';
import { carrierCommand, carrierUsage } from './commands/carrier';
import { devicesCommand, devicesUsage } from './commands/devices';
import { importCommand, importUsage } from './commands/import';
import { packagesCommand, packagesUsage } from './commands/packages';
import { serveCommand, serveUsage } from './commands/serve';
import { userCommand, userUsage } from './commands/user';
import type { CliHost } from './host';

export const cliCommands = [
  'serve',
  'user',
  'devices',
  'import',
  'carrier',
  'packages',
  'backup',
  'restore',
  'audit',
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
  ${backupUsage}
  ${auditUsage}

Every command takes --data DIR (or PACKROOM_DATA); the default is the OS app-data folder.`;

async function run(argv: string[], host: CliHost): Promise<number> {
  const [command, ...rest] = argv;
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
    case 'backup':
      return backupCommand(rest, out, host.stderr, host);
    case 'restore':
      return restoreCommand(rest, out, host.stderr);
    case 'audit':
      return auditCommand(rest, out, host.stderr);
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
      error instanceof DataKeyError
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
