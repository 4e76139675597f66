/** Pure helpers for the app lifecycle (index.ts); no `electron` import, so they are unit-tested on plain Node. */
import { join } from 'node:path';

export interface DesktopArgs {
  /** `--data DIR`: the data folder; falls back to PACKROOM_DATA, then the OS default (src/paths.ts). */
  dataDir: string | undefined;
  /** `--kiosk`: full-screen kiosk window without a menu. */
  kiosk: boolean;
}

/** A mistake in the command line, worded for the person who typed it. */
export class DesktopUsageError extends Error {}

/**
 * Reads our own flags from the app's arguments (after the executable, and after `.` in
 * development). Other arguments, including Chromium switches such as `--no-sandbox` that
 * Electron may add, are ignored, so a second-instance command line parses the same way.
 */
export function parseDesktopArgs(args: readonly string[]): DesktopArgs {
  let dataDir: string | undefined;
  let kiosk = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--kiosk') kiosk = true;
    else if (arg === '--data' || arg.startsWith('--data=')) {
      const value = arg === '--data' ? args[++i] : arg.slice('--data='.length);
      if (!value || value.startsWith('--')) throw new DesktopUsageError('--data needs a folder, for example --data /var/lib/packroom');
      dataDir = value;
    }
  }
  return { dataDir, kiosk };
}

/** The arguments after the executable (packaged) or after the app folder (`electron .` in development). */
export const userArgs = (argv: readonly string[], isPackaged: boolean): string[] => argv.slice(isPackaged ? 1 : 2);

/** Where scripts/electron-native.mjs leaves better-sqlite3 built for Electron, relative to the project. */
export const devNativeBinding = join('build', 'electron-native', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
/** Where electron-builder.yml's extraResources puts it in a packaged app, relative to process.resourcesPath. */
export const packagedNativeBinding = join('native', 'better_sqlite3.node');

export function nativeBindingPath(where: { isPackaged: boolean; appPath: string; resourcesPath: string }): string {
  return where.isPackaged ? join(where.resourcesPath, packagedNativeBinding) : join(where.appPath, devNativeBinding);
}

/**
 * Decides whether a crashed renderer is reloaded: yes, unless this is the `max`-th crash within
 * `windowMs`, in which case something is persistently wrong and a person must be told.
 */
export class CrashLimiter {
  private crashes: number[] = [];

  constructor(
    private readonly max = 3,
    private readonly windowMs = 60_000,
  ) {}

  /** Records a crash at `now`; true if the window should be reloaded, false to give up and show an error. */
  shouldReload(now: number): boolean {
    this.crashes = this.crashes.filter((at) => now - at < this.windowMs);
    this.crashes.push(now);
    return this.crashes.length < this.max;
  }

  reset(): void {
    this.crashes = [];
  }
}
