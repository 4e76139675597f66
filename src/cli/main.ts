import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DatabaseVersionError } from '../db/open';
import { log } from '../log';
import { SettingsError } from '../services/settings';
import { UsageError } from './args';
import { auditCommand, auditUsage } from './commands/audit';
import { backupCommand, backupUsage, restoreCommand } from './commands/backup';
import { devicesCommand, devicesUsage } from './commands/devices';
import { importCommand, importUsage } from './commands/import';
import { serveCommand, serveUsage } from './commands/serve';
import { userCommand, userUsage } from './commands/user';

const usage = `Usage:
  ${serveUsage}
  ${userUsage}
  ${devicesUsage}
  ${importUsage}
  ${backupUsage}
  ${auditUsage}

Every command takes --data DIR (or PACKROOM_DATA); the default is the OS app-data folder.`;

async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const out = process.stdout;
  switch (command) {
    case 'serve':
      return serveCommand(rest, out, join(dirname(fileURLToPath(import.meta.url)), '..', 'renderer'));
    case 'user':
      return userCommand(rest, out);
    case 'devices':
      return devicesCommand(rest, out);
    case 'import':
      return importCommand(rest, out, process.stderr);
    case 'backup':
      return backupCommand(rest, out, process.stderr);
    case 'restore':
      return restoreCommand(rest, out, process.stderr);
    case 'audit':
      return auditCommand(rest, out, process.stderr);
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

/** Every failure ends as one readable line and a non-zero exit, never a stack trace on the terminal. */
export async function main(argv: string[]): Promise<void> {
  try {
    process.exitCode = await run(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`packroom: ${error.message}\n`);
      process.exitCode = 2;
    } else if (error instanceof DatabaseVersionError || error instanceof SettingsError) {
      process.stderr.write(`packroom: ${error.message}\n`);
      process.exitCode = 1;
    } else {
      const code = (error as NodeJS.ErrnoException).code;
      const message = error instanceof Error ? error.message : String(error);
      process.stderr.write(`packroom: ${code === 'EADDRINUSE' ? 'that port is already in use; choose another with --port' : message}\n`);
      if (process.env.PACKROOM_DEBUG) log.error('details', error);
      process.exitCode = 1;
    }
  }
}

await main(process.argv.slice(2));
