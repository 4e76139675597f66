/**
 * The desktop host: app lifecycle, the one window (optionally a kiosk), single instance, crash
 * reload, and the core it bridges to over IPC. Built to dist/main/index.cjs (package.json "main").
 *
 *   electron . [--data DIR] [--kiosk]        (npm start -- --kiosk)
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { app, BrowserWindow, dialog, Menu, type MenuItemConstructorOptions } from 'electron';
import { createCore, type Core } from '../src/core';
import { DatabaseCorruptError, DatabaseVersionError } from '../src/db/open';
import { log } from '../src/log';
import { appName, resolveDataDir } from '../src/paths';
import { installIpc, type IpcBridge } from './ipc';
import { appEntryUrl, secureWebPreferences } from './policy';
import { CrashLimiter, DesktopUsageError, nativeBindingPath, parseDesktopArgs, userArgs, type DesktopArgs } from './runtime';
import { loadOrCreateDataKey } from './secrets';
import { hardenAllWebContents, hardenSession, installAppProtocol, registerAppScheme } from './security';

let core: Core | null = null;
let bridge: IpcBridge | null = null;
let mainWindow: BrowserWindow | null = null;

function startupFailed(message: string): void {
  log.error(`Startup failed: ${message}`);
  dialog.showErrorBox('Packroom could not start', message);
  app.exit(1);
}

/** Words for the person at the screen when the core cannot open; the stack goes to the log. */
function coreFailureMessage(error: unknown, dataDir: string): string {
  if (error instanceof DatabaseVersionError || error instanceof DatabaseCorruptError) return error.message;
  const text = error instanceof Error ? error.message : String(error);
  if (/NODE_MODULE_VERSION|compiled against a different Node\.js version|better_sqlite3\.node/.test(text)) {
    return `Packroom's database driver was not built for this version of Electron. Developers: run "node scripts/electron-native.mjs" (npm start does this). Otherwise reinstall Packroom.\n\n(${text})`;
  }
  return `Packroom could not open its data folder ${dataDir}. Check that the folder exists and that this user may write to it, then start Packroom again. If it keeps happening, tell your IT contact (details are in the Packroom log).\n\n(${text})`;
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

function createWindow(args: DesktopArgs, ipc: IpcBridge): BrowserWindow {
  const win = new BrowserWindow({
    title: appName,
    width: 1280,
    height: 800,
    minWidth: 960,
    minHeight: 600,
    show: false,
    backgroundColor: '#ffffff',
    kiosk: args.kiosk,
    fullscreen: args.kiosk,
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(join(app.getAppPath(), 'dist', 'main', 'preload.cjs'), !app.isPackaged),
  });
  if (process.platform !== 'darwin') win.removeMenu();
  win.once('ready-to-show', () => win.show());
  ipc.attach(win.webContents);

  const crashes = new CrashLimiter(3, 60_000);
  win.webContents.on('render-process-gone', (_event, details) => {
    log.error(`The Packroom screen stopped (${details.reason}, exit code ${details.exitCode}).`);
    if (win.isDestroyed()) return;
    if (crashes.shouldReload(Date.now())) return loadEntry(win);
    void dialog
      .showMessageBox(win, {
        type: 'error',
        title: appName,
        message: 'The Packroom screen keeps stopping.',
        detail:
          'It stopped 3 times within a minute, so Packroom stopped reloading it. Choose "Try again" to reload it now. If it keeps happening, restart the computer and tell your IT contact (details are in the Packroom log).',
        buttons: ['Try again', 'Quit Packroom'],
        defaultId: 0,
        cancelId: 1,
        noLink: true,
      })
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

function main(): void {
  app.setName(appName);

  let args: DesktopArgs;
  try {
    args = parseDesktopArgs(userArgs(process.argv, app.isPackaged));
  } catch (error) {
    if (!(error instanceof DesktopUsageError)) throw error;
    process.stderr.write(`packroom: ${error.message}\n`);
    dialog.showErrorBox('Packroom could not start', error.message);
    return app.exit(2);
  }

  // One folder holds everything: the database, the data key and Chromium's profile. Without
  // --data or PACKROOM_DATA it is Electron's own userData default (src/paths.ts defaultDataDir),
  // the same folder `packroom serve` uses. The single-instance lock is per folder, too.
  const dataDir = resolve(resolveDataDir(args.dataDir));
  try {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    app.setPath('userData', dataDir);
    app.setPath('sessionData', dataDir);
  } catch (error) {
    log.error(`Cannot use the data folder ${dataDir}`, error);
    dialog.showErrorBox('Packroom could not start', coreFailureMessage(error, dataDir));
    return app.exit(1);
  }

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
  // Closing the core switches the door relay off and stops background work: finish it, then quit.
  app.on('will-quit', (event) => {
    bridge?.dispose();
    bridge = null;
    const closing = core;
    if (!closing) return;
    core = null;
    event.preventDefault();
    closing
      .close()
      .catch((error: unknown) => log.error('Could not close the core cleanly', error))
      .finally(() => app.quit());
  });
  app.on('child-process-gone', (_event, details) => log.warn(`Electron ${details.type} process stopped (${details.reason}).`));

  app
    .whenReady()
    .then(() => {
      hardenSession();
      installAppProtocol(join(app.getAppPath(), 'dist', 'renderer'));
      installMenu(args.kiosk);

      // The core's data key, sealed by the OS keychain. Fatal when it cannot be read: starting
      // without it would make the core create a different key and orphan every stored PIN.
      let dataKey: Buffer;
      try {
        dataKey = loadOrCreateDataKey(app.getPath('userData'));
      } catch (error) {
        log.error('Could not load the data key', error);
        return startupFailed(error instanceof Error ? error.message : String(error));
      }

      const binding = nativeBindingPath({ isPackaged: app.isPackaged, appPath: app.getAppPath(), resourcesPath: process.resourcesPath });
      const nativeBinding = existsSync(binding) ? binding : undefined;
      if (!nativeBinding) {
        log.warn(
          `No Electron build of better-sqlite3 at ${binding}; ${app.isPackaged ? 'the installation is incomplete: reinstall Packroom' : 'run "node scripts/electron-native.mjs" (npm start does)'}.`,
        );
      }
      try {
        core = createCore({ dataDir, nativeBinding, dataKey });
        core.start();
      } catch (error) {
        log.error('Could not create the core', error);
        return startupFailed(coreFailureMessage(error, dataDir));
      }
      log.info(`Packroom desktop started with data in ${dataDir}${args.kiosk ? ', kiosk mode' : ''}.`);
      // The door devices assigned in Settings → Devices; the window does not wait for USB.
      core.devices.start('auto').catch((error: unknown) => log.error('Could not start the door devices', error));

      bridge = installIpc(core);
      mainWindow = createWindow(args, bridge);
    })
    .catch((error: unknown) => {
      log.error('Startup failed', error);
      startupFailed(
        `Packroom could not start: ${error instanceof Error ? error.message : String(error)}. Tell your IT contact (details are in the Packroom log).`,
      );
    });
}

main();
