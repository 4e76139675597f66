/**
 * `packroom` on plain Node. The data key is the folder's 0600 key file; a folder whose key the
 * desktop app sealed with the OS keychain is refused with a message naming the desktop executable.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore } from '../core';
import { logToFile } from '../log';
import { logFile } from '../paths';
import { writeKeyFile } from '../secrets';
import { runCli } from './run';

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  staticDir: join(dirname(fileURLToPath(import.meta.url)), '..', 'renderer'),
  storeDataKey(dataDir, key) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    writeKeyFile(dataDir, key);
  },
  openCore(dataDir, options) {
    logToFile(logFile(dataDir, 'cli'), { infoToStderr: false });
    return createCore({ dataDir, ...options });
  },
});
