/** Pure helpers for the app lifecycle (index.ts); no `electron` import, so they are unit-tested on plain Node. */
import { readFileSync, writeFileSync } from 'node:fs';
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

/** electron-builder's `${os}` macro for a Node platform, as scripts/electron-native.mjs names its folders. */
export const builderOs = (platform: NodeJS.Platform): string => (platform === 'darwin' ? 'mac' : platform === 'win32' ? 'win' : platform);

/**
 * Where scripts/electron-native.mjs leaves better-sqlite3 built for Electron, relative to the
 * project: one folder per OS and CPU architecture, so an arm64 or universal package never
 * picks up the build machine's binary (electron-builder.yml reads `${os}-${arch}`).
 */
export const devNativeBinding = (platform: NodeJS.Platform = process.platform, arch: string = process.arch): string =>
  join('build', 'electron-native', `${builderOs(platform)}-${arch}`, 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
/** Where electron-builder.yml's extraResources puts it in a packaged app, relative to process.resourcesPath. */
export const packagedNativeBinding = join('native', 'better_sqlite3.node');

export function nativeBindingPath(where: { isPackaged: boolean; appPath: string; resourcesPath: string }): string {
  return where.isPackaged ? join(where.resourcesPath, packagedNativeBinding) : join(where.appPath, devNativeBinding());
}

/** The first argument that makes the desktop executable run a `packroom` command instead of opening a window. */
export const desktopCliCommands: ReadonlySet<string> = new Set(['serve', 'user', 'devices', 'import', 'help', '--help', '-h']);
export const isCliInvocation = (args: readonly string[]): boolean => args.length > 0 && desktopCliCommands.has(args[0]!);

/** How long quitting may take: the relay first, then everything else; then the app exits regardless. */
export const shutdownLimits = { relayMs: 2000, restMs: 2500 };

export interface Closable {
  door: { shutdown(): Promise<void> };
  close(): Promise<void>;
}

/** Resolves to whether `work` finished within `ms` (a rejection counts as finished; it is logged). */
async function within(work: Promise<unknown>, ms: number, onError: (error: unknown) => void): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(resolve, ms, false)));
  const done = work.then(
    () => true as const,
    (error: unknown) => {
      onError(error);
      return true as const;
    },
  );
  try {
    return await Promise.race([done, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Closes the core within a bounded time: the door relay is switched off first (its own budget),
 * then the rest (import settling, notification lanes with long network timeouts, the database)
 * gets what is left. Whatever has not finished is abandoned: the process is about to exit, the
 * relay is already off, and SQLite in WAL mode keeps every committed transaction.
 */
export async function closeWithin(
  core: Closable,
  log: { warn(message: string): void; error(message: string, error?: unknown): void },
  limits = shutdownLimits,
): Promise<void> {
  const relayOff = await within(core.door.shutdown(), limits.relayMs, (error) => log.error('Could not switch the door relay off', error));
  if (!relayOff) log.warn(`The door relay did not confirm "off" within ${limits.relayMs} ms; quitting anyway.`);
  const closed = await within(core.close(), limits.restMs, (error) => log.error('Could not close the core cleanly', error));
  if (!closed) log.warn(`Background work did not stop within ${limits.restMs} ms; quitting without waiting for it.`);
}

/** The desktop app's own preferences for this data folder (not settings in the database: they belong to this computer). */
export interface DesktopPrefs {
  /** Start Packroom when this OS user signs in; unset means "the default": on in kiosk mode. */
  startAtLogin?: boolean;
}

export const desktopPrefsFile = 'desktop.json';

export function readDesktopPrefs(dataDir: string): DesktopPrefs {
  try {
    const value = JSON.parse(readFileSync(join(dataDir, desktopPrefsFile), 'utf8')) as unknown;
    if (value && typeof value === 'object' && typeof (value as DesktopPrefs).startAtLogin === 'boolean') {
      return { startAtLogin: (value as DesktopPrefs).startAtLogin! };
    }
  } catch {
    // missing or unreadable: the defaults
  }
  return {};
}

export function writeDesktopPrefs(dataDir: string, prefs: DesktopPrefs): void {
  writeFileSync(join(dataDir, desktopPrefsFile), `${JSON.stringify(prefs, null, 2)}\n`, { mode: 0o600 });
}

/** Whether start at login should be on at this start: the admin's choice if there is one, else on in kiosk mode; null leaves the OS as it is. */
export function wantedStartAtLogin(prefs: DesktopPrefs, kiosk: boolean): boolean | null {
  if (prefs.startAtLogin !== undefined) return prefs.startAtLogin;
  return kiosk ? true : null;
}

/** The arguments a login item starts Packroom with: the same folder and mode as now. */
export function loginArgs(args: DesktopArgs): string[] {
  return [...(args.dataDir ? ['--data', args.dataDir] : []), ...(args.kiosk ? ['--kiosk'] : [])];
}

/** Quotes one argument for a freedesktop.org Exec= line (Desktop Entry Specification, "The Exec key"). */
export function desktopExecArg(arg: string): string {
  const escaped = arg.replace(/%/g, '%%');
  if (/^[\w@%+=:,./-]+$/.test(escaped)) return escaped;
  return `"${escaped.replace(/[\\"`$]/g, (c) => `\\${c}`)}"`;
}

/** An XDG autostart entry (~/.config/autostart/*.desktop) that starts `exec` with `args` at sign-in. */
export function autostartEntry(exec: string, args: readonly string[]): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Packroom',
    'Comment=Package room kiosk',
    `Exec=${[exec, ...args].map(desktopExecArg).join(' ')}`,
    'X-GNOME-Autostart-enabled=true',
    'NoDisplay=true',
    '',
  ].join('\n');
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
