import { homedir } from 'node:os';
import { join } from 'node:path';

export const appName = 'Packroom';

/**
 * The OS app-data folder Electron calls `userData` for an app named Packroom, so the desktop
 * app and `packroom serve` use the same data unless told otherwise.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), appName);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', appName);
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), appName);
}

/** `--data DIR` wins, then PACKROOM_DATA, then the OS default. */
export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return flag || env.PACKROOM_DATA || defaultDataDir(env);
}

export const databaseFile = (dataDir: string) => join(dataDir, 'packroom.db');

/** The log folder of a data folder; the desktop app also points Electron's `logs` path here. */
export const logsDir = (dataDir: string) => join(dataDir, 'logs');
/** One file per kind of host, so the desktop app and `packroom serve` on one folder never rotate each other's file. */
export const logFile = (dataDir: string, host: 'desktop' | 'cli') =>
  join(logsDir(dataDir), host === 'desktop' ? 'desktop.log' : 'packroom.log');
