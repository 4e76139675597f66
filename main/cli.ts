/**
 * `Packroom user add …` and the other `packroom` commands, run by the desktop app's own
 * executable: the main process handles them before any window opens, with the data key unsealed
 * by the OS keychain, so a folder used by the desktop app keeps exactly one key. The commands and
 * their output are those of the plain-Node `packroom` (src/cli/run.ts).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { app } from 'electron';
import { log, logToFile } from '../src/log';
import { logFile, resolveDataDir } from '../src/paths';
import { nativeBindingPath, parseDesktopArgs } from './runtime';
import { loadOrCreateDataKey, storeDataKey } from './secrets';

export async function runDesktopCli(args: string[]): Promise<number> {
  // safeStorage keeps its Windows key in the userData folder's "Local State", so userData must be
  // the data folder here exactly as in the windowed app; set before `ready`, as Electron requires.
  const dataDir = resolve(resolveDataDir(parseDesktopArgs(args).dataDir));
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  app.setPath('userData', dataDir);
  app.setPath('sessionData', dataDir);
  app.dock?.hide();
  await app.whenReady(); // safeStorage is unavailable before ready

  const binding = nativeBindingPath({ isPackaged: app.isPackaged, appPath: app.getAppPath(), resourcesPath: process.resourcesPath });
  const [{ runCli }, { createCore }] = await Promise.all([import('../src/cli/run'), import('../src/core')]);
  const nativeBinding = existsSync(binding) ? binding : undefined;
  return runCli(args, {
    nativeBinding,
    stdout: process.stdout,
    stderr: process.stderr,
    staticDir: join(app.getAppPath(), 'dist', 'renderer'),
    storeDataKey,
    openCore(folder, options) {
      logToFile(logFile(folder, 'cli'), { infoToStderr: false });
      const key = loadOrCreateDataKey(folder);
      log.info(`Command "${args.slice(0, 2).join(' ')}" on ${folder} through the desktop app.`);
      return createCore({
        dataDir: folder,
        dataKey: key.key,
        dataKeySource: key.description,
        nativeBinding,
        ...options,
      });
    },
  });
}
