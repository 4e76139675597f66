/**
 * The desktop host: app lifecycle, the one window (optionally a kiosk), single instance, crash
 * reload, shutdown, and the core it bridges to over IPC. Built to dist/main/index.cjs (package.json "main").
 *
 *   electron . [--data DIR] [--kiosk]        (npm start -- --kiosk)
 *   Packroom user add NAME --role staff …    (any `packroom` command, through the desktop executable: main/cli.ts)
 *
 * Only light modules load before the single-instance lock and `ready`: the core (SQLite, mail,
 * Twilio, Excel, USB) is imported afterwards, so a second instance quits at once.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { app, BrowserWindow, dialog, Menu, powerMonitor, powerSaveBlocker, shell, type MenuItemConstructorOptions } from 'electron';
import type { MessageKey, MessageParams } from '../src/contract/messages';
import type { Core } from '../src/core';
import { log, logToFile } from '../src/log';
import { DataKeyError } from '../src/secrets';
import { appName, logFile, logsDir, resolveDataDir } from '../src/paths';
import type { DesktopHost } from '../src/services/system/service';
import { loginItem, macLoginArgsFile } from './autostart';
import { runDesktopCli } from './cli';
import type { IpcBridge } from './ipc';
import { appEntryUrl, secureWebPreferences } from './policy';
import {
  closeWithin,
  CrashLimiter,
  DesktopUsageError,
  isCliInvocation,
  loginArgs,
  nativeBindingPath,
  parseDesktopArgs,
  readDesktopPrefs,
  userArgs,
  wantedStartAtLogin,
  writeDesktopPrefs,
  type DesktopArgs,
} from './runtime';
import { loadOrCreateDataKey, protectDataKey, type DesktopDataKey } from './secrets';
import { hardenAllWebContents, hardenSession, installAppProtocol, registerAppScheme } from './security';

let core: Core | null = null;
/** Kept referenced: a lock whose connection the garbage collector closed would hold nothing. */
let folderLock: { release(): void } | null = null;

type Say = (key: MessageKey, params?: MessageParams) => string;

/**
 * Words for the desktop's own dialogs, in the site's language once the core is open (English before).
 * Loaded when first needed, like the core, so a second instance still starts light.
 */
async function desktopWords(): Promise<Say> {
  const { message, messageText } = await import('../src/contract/messages');
  const language = core?.settings.values().siteLanguage ?? 'en';
  return (key, params) => messageText(message(key, params), language);
}
let bridge: IpcBridge | null = null;
let mainWindow: BrowserWindow | null = null;
let shuttingDown: Promise<void> | null = null;
let closed = false;
let failed = false;

/**
 * Shows a start-up error and exits with `code`. The box waits for `ready`: before it, on Linux,
 * dialog.showErrorBox only writes to stderr (Electron docs, dialog), which an app started from a
 * menu does not have. The message is in the log file too.
 */
function startupFailed(message: string, code = 1, error?: unknown): void {
  if (failed) return;
  failed = true;
  log.error(`Startup failed: ${message}`, error);
  app
    .whenReady()
    .then(() => dialog.showErrorBox('Packroom could not start', message))
    .catch(() => undefined)
    .finally(() => app.exit(code));
}

/** Words for the person at the screen when the core cannot open; the stack goes to the log. `known` errors already say what to do. */
function coreFailureMessage(error: unknown, dataDir: string, known = false): string {
  const text = error instanceof Error ? error.message : String(error);
  if (known) return text;
  if (/NODE_MODULE_VERSION|compiled against a different Node\.js version|better_sqlite3\.node/.test(text)) {
    return `Packroom's database driver was not built for this version of Electron. Developers: run "node scripts/electron-native.mjs" (npm start does this). Otherwise reinstall Packroom.\n\n(${text})`;
  }
  return `Packroom could not open its data folder ${dataDir}. Check that the folder exists and that this user may write to it, then start Packroom again. If it keeps happening, tell your IT contact (details are in the Packroom log, ${logFile(dataDir, 'desktop')}).\n\n(${text})`;
}

/** Starts the log file of `dataDir`, or of the default folder when that one is unusable; never throws. */
function startLogFile(dataDir: string): void {
  for (const dir of [dataDir, resolve(resolveDataDir(undefined))]) {
    try {
      return logToFile(logFile(dir, 'desktop'));
    } catch {
      // try the next folder; stderr still gets every line
    }
  }
}

/**
 * macOS needs an Edit menu for Cmd+C/V/X/A to work in text fields; Windows and Linux handle those
 * keys without a menu, so they get none (no menu bar, no reload or DevTools accelerators).
 */
function installMenu(kiosk: boolean): void {
  if (process.platform !== 'darwin') return Menu.setApplicationMenu(null);
  const first: MenuItemConstructorOptions = kiosk ? { label: appName, submenu: [{ role: 'about' }] } : { role: 'appMenu' };
  Menu.setApplicationMenu(Menu.buildFromTemplate([first, { role: 'editMenu' }]));
}

function loadEntry(win: BrowserWindow): void {
  win.loadURL(appEntryUrl).catch((error: unknown) => log.error(`Could not load ${appEntryUrl}`, error));
}

/**
 * Closes the core once, bounded (runtime.ts closeWithin: relay off first, then a few seconds
 * for the rest), whatever asked first: quit, Windows session end, or a system shutdown.
 */
function shutdownCore(reason: string): Promise<void> {
  if (shuttingDown) return shuttingDown;
  bridge?.dispose();
  bridge = null;
  const closing = core;
  core = null;
  if (!closing) {
    closed = true;
    return (shuttingDown = Promise.resolve());
  }
  log.info(`Packroom is closing (${reason}).`);
  shuttingDown = closeWithin(closing, log).then(() => {
    folderLock?.release();
    folderLock = null;
    closed = true;
    log.info('Packroom closed.');
  });
  return shuttingDown;
}

function createWindow(args: DesktopArgs, ipc: IpcBridge): BrowserWindow {
  const win = new BrowserWindow({
    title: appName,
    width: 1280,
    height: 800,
    minWidth: 960,
    minHeight: 600,
    show: false,
    backgroundColor: '#ffffff',
    // Only in kiosk mode: an explicit `fullscreen: false` hides or disables the macOS
    // fullscreen button (Electron docs, BrowserWindow options).
    ...(args.kiosk ? { kiosk: true, fullscreen: true } : {}),
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(join(app.getAppPath(), 'dist', 'main', 'preload.cjs'), !app.isPackaged),
  });
  if (process.platform !== 'darwin') win.removeMenu();
  win.once('ready-to-show', () => win.show());
  ipc.attach(win.webContents);

  // Windows: will-quit is not emitted at shutdown, restart or log-off (Electron docs, app
  // 'will-quit'); the window's 'session-end' is, and nothing can delay the end after it
  // (docs, BaseWindow 'session-end'). The relay goes off at 'query-session-end' already, in
  // case the process is ended before the close finishes.
  win.on('query-session-end', () => {
    if (core) void core.door.shutdown().catch((error: unknown) => log.error('Could not switch the door relay off', error));
  });
  win.on('session-end', () => {
    void shutdownCore('Windows session ending').finally(() => app.exit(0));
  });

  const crashes = new CrashLimiter(3, 60_000);
  win.webContents.on('render-process-gone', (_event, details) => {
    log.error(`The Packroom screen stopped (${details.reason}, exit code ${details.exitCode}).`);
    if (win.isDestroyed()) return;
    if (crashes.shouldReload(Date.now())) return loadEntry(win);
    void desktopWords()
      .then((say) =>
        dialog.showMessageBox(win, {
          type: 'error',
          title: appName,
          message: say('desktop.screenStopped'),
          detail: say('desktop.screenStoppedDetail'),
          buttons: [say('desktop.tryAgain'), say('desktop.quit')],
          defaultId: 0,
          cancelId: 1,
          noLink: true,
        }),
      )
      .then(({ response }) => {
        if (response === 1) return app.quit();
        crashes.reset();
        if (!win.isDestroyed()) loadEntry(win);
      });
  });
  win.webContents.on('unresponsive', () => log.warn('The Packroom screen is not responding.'));
  win.webContents.on('responsive', () => log.info('The Packroom screen is responding again.'));
  win.webContents.on('did-fail-load', (_event, code, description, url, isMainFrame) => {
    if (isMainFrame) log.error(`The Packroom screen failed to load ${url}: ${description} (${code}).`);
  });
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  loadEntry(win);
  return win;
}

/** The desktop-only abilities behind Settings → This computer (src/services/system.ts). */
function desktopHost(dataDir: string, args: DesktopArgs): DesktopHost {
  const item = loginItem(loginArgs(args));
  return {
    async openLogFolder() {
      const problem = await shell.openPath(logsDir(dataDir));
      if (problem) throw new Error(`The log folder ${logsDir(dataDir)} could not be opened: ${problem}`);
    },
    startAtLogin: () => item.enabled(),
    setStartAtLogin(enabled) {
      item.set(enabled);
      writeDesktopPrefs(dataDir, { ...readDesktopPrefs(dataDir), startAtLogin: enabled });
      log.info(`Start at login turned ${enabled ? 'on' : 'off'}.`);
    },
  };
}

/** Kiosk defaults: start at login unless an admin turned it off, and never let the display sleep. */
function applyKioskPower(dataDir: string, args: DesktopArgs): void {
  const wanted = wantedStartAtLogin(readDesktopPrefs(dataDir), args.kiosk);
  if (wanted !== null) {
    try {
      const item = loginItem(loginArgs(args));
      if (item.enabled() !== wanted) item.set(wanted);
    } catch (error) {
      log.error('Could not change whether Packroom starts at login', error);
    }
  }
  if (args.kiosk) powerSaveBlocker.start('prevent-display-sleep');
}

/** Offers once to move a plain key file (written by `packroom` or a run without keychain) into the keychain. */
function offerKeyProtection(dataDir: string, key: DesktopDataKey, win: BrowserWindow): void {
  if (!key.canProtect) return;
  void desktopWords().then(async (say) => {
    const { response } = await dialog.showMessageBox(win, {
      type: 'question',
      title: appName,
      message: say('desktop.protectKey'),
      detail: say('desktop.protectKeyDetail', { file: key.description }),
      buttons: [say('desktop.protectKeyYes'), say('desktop.notNow')],
      defaultId: 0,
      cancelId: 1,
      noLink: true,
    });
    if (response !== 0) return;
    try {
      protectDataKey(dataDir);
    } catch (error) {
      log.error('Could not seal the data key with the keychain', error);
      dialog.showErrorBox(
        say('desktop.keyNotMoved'),
        say('desktop.keyNotMovedDetail', { error: error instanceof Error ? error.message : String(error) }),
      );
    }
  });
}

async function startCore(dataDir: string, args: DesktopArgs): Promise<void> {
  hardenSession();
  installAppProtocol(join(app.getAppPath(), 'dist', 'renderer'));
  installMenu(args.kiosk);

  // Linux and macOS: the system is about to reboot or shut down. preventDefault asks Electron to
  // delay it while the app exits, which it should then do as soon as possible (docs, powerMonitor
  // 'shutdown'); powerMonitor can only be used after ready.
  powerMonitor.on('shutdown', (...params: unknown[]) => {
    (params[0] as { preventDefault?: () => void } | undefined)?.preventDefault?.();
    void shutdownCore('system shutdown').finally(() => app.quit());
  });

  // The core's data key, sealed by the OS keychain. Fatal when it cannot be read: starting
  // without it would make the core create a different key and orphan every stored PIN.
  let key: DesktopDataKey;
  try {
    key = loadOrCreateDataKey(app.getPath('userData'));
  } catch (error) {
    return startupFailed(error instanceof Error ? error.message : String(error), 1, error);
  }

  const binding = nativeBindingPath({ isPackaged: app.isPackaged, appPath: app.getAppPath(), resourcesPath: process.resourcesPath });
  const nativeBinding = existsSync(binding) ? binding : undefined;
  if (!nativeBinding) {
    log.warn(
      `No Electron build of better-sqlite3 at ${binding}; ${app.isPackaged ? 'the installation is incomplete: reinstall Packroom' : 'run "node scripts/electron-native.mjs" (npm start does)'}.`,
    );
  }
  let ipc: IpcBridge;
  try {
    const [{ createCore }, { installIpc }, { DatabaseCorruptError, DatabaseVersionError }, { FolderInUseError, lockDataFolder }] =
      await Promise.all([import('../src/core'), import('./ipc'), import('../src/db/open'), import('../src/db/folderLock')]);
    // The same lock as `packroom serve` and the commands that write the folder (src/db/folderLock.ts):
    // a restore or import is refused while this runs. Electron's single-instance lock only keeps out a
    // second desktop app. Let go when the core closes; if the process dies first, the OS lets it go.
    try {
      folderLock = lockDataFolder(dataDir, 'running', nativeBinding);
    } catch (error) {
      return startupFailed(error instanceof FolderInUseError ? error.message : coreFailureMessage(error, dataDir), 1, error);
    }
    try {
      core = createCore({
        dataDir,
        folderLock,
        nativeBinding,
        dataKey: key.key,
        dataKeySource: key.description,
        desktop: desktopHost(dataDir, args),
        readLabels: true,
      });
    } catch (error) {
      folderLock.release();
      const known = error instanceof DatabaseVersionError || error instanceof DatabaseCorruptError || error instanceof DataKeyError;
      return startupFailed(coreFailureMessage(error, dataDir, known), 1, error);
    }
    core.start();
    ipc = bridge = installIpc(core);
  } catch (error) {
    return startupFailed(coreFailureMessage(error, dataDir), 1, error);
  }
  log.info(`Packroom desktop started with data in ${dataDir}${args.kiosk ? ', kiosk mode' : ''}.`);
  // The door devices assigned in Settings → Devices; the window does not wait for USB.
  core.devices.start('auto').catch((error: unknown) => log.error('Could not start the door devices', error));

  mainWindow = createWindow(args, ipc);
  applyKioskPower(dataDir, args);
  offerKeyProtection(dataDir, key, mainWindow);
}

/** A macOS login item starts the app without arguments: it then uses those saved when start at login was turned on. */
function launchArgs(): string[] {
  const args = userArgs(process.argv, app.isPackaged);
  if (process.platform !== 'darwin' || args.length > 0) return args;
  try {
    const saved = JSON.parse(readFileSync(macLoginArgsFile(), 'utf8')) as unknown;
    return Array.isArray(saved) && saved.every((a) => typeof a === 'string') ? saved : args;
  } catch {
    return args;
  }
}

function main(): void {
  app.setName(appName);
  const argv = launchArgs();
  if (isCliInvocation(argv)) {
    runDesktopCli(argv)
      .then((code) => app.exit(code))
      .catch((error: unknown) => {
        process.stderr.write(`packroom: ${error instanceof Error ? error.message : String(error)}\n`);
        app.exit(1);
      });
    return;
  }

  let args: DesktopArgs;
  try {
    args = parseDesktopArgs(argv);
  } catch (error) {
    if (!(error instanceof DesktopUsageError)) throw error;
    process.stderr.write(`packroom: ${error.message}\n`);
    startLogFile(resolve(resolveDataDir(undefined)));
    return startupFailed(error.message, 2);
  }

  // One folder holds everything: the database, the data key, the log and Chromium's profile
  // (on Windows its "Local State" holds the keychain key safeStorage needs). Without --data or
  // PACKROOM_DATA it is Electron's own userData default (src/paths.ts defaultDataDir), the same
  // folder `packroom serve` uses. The single-instance lock is per folder, too.
  const dataDir = resolve(resolveDataDir(args.dataDir));
  try {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    app.setPath('userData', dataDir);
    app.setPath('sessionData', dataDir);
    app.setAppLogsPath(logsDir(dataDir));
  } catch (error) {
    startLogFile(dataDir);
    return startupFailed(coreFailureMessage(error, dataDir), 1, error);
  }
  startLogFile(dataDir);

  if (!app.requestSingleInstanceLock()) {
    log.info('Packroom is already running for this data folder; focusing its window.');
    return app.quit();
  }
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  });

  app.enableSandbox();
  registerAppScheme();
  hardenAllWebContents();

  // A kiosk app: closing the window quits, on macOS too.
  app.on('window-all-closed', () => app.quit());
  // Closing the core switches the door relay off and stops background work: bounded, then quit.
  app.on('will-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    void shutdownCore('quit').finally(() => app.quit());
  });
  app.on('child-process-gone', (_event, details) => log.warn(`Electron ${details.type} process stopped (${details.reason}).`));

  app
    .whenReady()
    .then(() => startCore(dataDir, args))
    .catch((error: unknown) =>
      startupFailed(
        `Packroom could not start: ${error instanceof Error ? error.message : String(error)}. Tell your IT contact (details are in the Packroom log, ${logFile(dataDir, 'desktop')}).`,
        1,
        error,
      ),
    );
}

main();
