// A stand-in for the `electron` module, so main/ runs on plain Node: it records the calls main
// makes (exit, quit, dialogs, login items, power blockers) and lets a test emit Electron's events
// (app, window, webContents, powerMonitor) and decide when `ready` happens. Tests mock 'electron'
// with `electronMock`, which forwards to the stand-in of the current launch (see `launch`).
import { vi } from 'vitest';

type Listener = (...args: unknown[]) => unknown;

class Emitter {
  readonly listeners = new Map<string, Listener[]>();
  on = (event: string, fn: Listener) => {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), fn]);
    return this;
  };
  once = this.on;
  emit(event: string, ...args: unknown[]): unknown[] {
    return (this.listeners.get(event) ?? []).map((fn) => fn(...args));
  }
}

/** An Electron event object whose preventDefault is recorded. */
export function fakeEvent() {
  return {
    prevented: false,
    preventDefault() {
      this.prevented = true;
    },
  };
}

export function createStandIn(options: { singleInstance?: boolean; messageBoxResponse?: number } = {}) {
  const app = new Emitter();
  const powerMonitor = new Emitter();
  const paths = new Map<string, string>();
  const windows: FakeWindow[] = [];
  const ipcHandlers = new Map<string, Listener>();
  let ready = false;
  let readyResolve: () => void = () => undefined;
  const readyPromise = new Promise<void>((r) => (readyResolve = r));
  /** Every call that matters, in order, with whether `ready` had happened: [name, ready, ...args]. */
  const calls: [string, boolean, ...unknown[]][] = [];
  const record =
    <R>(name: string, result?: (...args: unknown[]) => R) =>
    (...args: unknown[]): R => {
      calls.push([name, ready, ...args]);
      return result ? result(...args) : (undefined as R);
    };
  let loginItem = false;
  /** Cores main created (recorded by the src/core mock of a test that wants them). */
  const cores: unknown[] = [];

  class FakeWindow extends Emitter {
    contents = new Emitter();
    loaded: string[] = [];
    menuRemoved = false;
    destroyed = false;
    mainFrame = { url: '', parent: null, processId: 7, routingId: 1, detached: false };
    webContents = {
      id: 100 + windows.length,
      mainFrame: this.mainFrame,
      on: this.contents.on,
      once: this.contents.on,
      isDestroyed: () => this.destroyed,
      getURL: () => this.mainFrame.url,
      send: () => undefined,
      setWindowOpenHandler: () => undefined,
    };
    constructor(readonly options: Record<string, unknown>) {
      super();
      windows.push(this);
    }
    removeMenu() {
      this.menuRemoved = true;
    }
    loadURL(url: string) {
      this.loaded.push(url);
      this.mainFrame.url = url;
      return Promise.resolve();
    }
    isDestroyed = () => this.destroyed;
    isMinimized = () => false;
    restore() {}
    show() {}
    focus() {}
  }

  const session = {
    protocol: { handle: vi.fn() },
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    setDevicePermissionHandler: vi.fn(),
    on: vi.fn(),
    webRequest: { onBeforeRequest: vi.fn() },
  };

  const module = {
    app: {
      isPackaged: true,
      setName: vi.fn(),
      setPath: (name: string, path: string) => paths.set(name, path),
      getPath: (name: string) => paths.get(name),
      setAppLogsPath: record('app.setAppLogsPath'),
      getAppPath: () => '/nonexistent/app',
      requestSingleInstanceLock: record('app.requestSingleInstanceLock', () => options.singleInstance ?? true),
      enableSandbox: record('app.enableSandbox'),
      on: app.on,
      whenReady: () => readyPromise,
      isReady: () => ready,
      exit: record('app.exit'),
      quit: record('app.quit'),
      getLoginItemSettings: () => ({ openAtLogin: loginItem }),
      setLoginItemSettings: record('app.setLoginItemSettings', (settings) => {
        loginItem = (settings as { openAtLogin: boolean }).openAtLogin;
      }),
      dock: { hide: record('app.dock.hide') },
    },
    BrowserWindow: FakeWindow,
    dialog: {
      showErrorBox: record('dialog.showErrorBox'),
      showMessageBox: record('dialog.showMessageBox', async () => ({ response: options.messageBoxResponse ?? 1 })),
    },
    Menu: { setApplicationMenu: record('Menu.setApplicationMenu'), buildFromTemplate: (t: unknown) => t },
    ipcMain: {
      handle: (channel: string, fn: Listener) => ipcHandlers.set(channel, fn),
      removeHandler: (channel: string) => ipcHandlers.delete(channel),
    },
    powerMonitor: { on: powerMonitor.on },
    powerSaveBlocker: { start: record('powerSaveBlocker.start', () => 1), stop: record('powerSaveBlocker.stop') },
    protocol: { registerSchemesAsPrivileged: record('protocol.registerSchemesAsPrivileged') },
    session: { defaultSession: session },
    shell: { openExternal: vi.fn(), openPath: record('shell.openPath', async () => '') },
    safeStorage: {
      isEncryptionAvailable: () => true,
      getSelectedStorageBackend: () => 'gnome_libsecret',
      encryptString: (text: string) => Buffer.from(`sealed:${text}`),
      decryptString: (sealed: Buffer) => {
        if (!sealed.toString().startsWith('sealed:'))
          throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
        return sealed.toString().replace(/^sealed:/, '');
      },
    },
  };

  return {
    module,
    app,
    powerMonitor,
    paths,
    windows,
    ipcHandlers,
    session,
    calls,
    cores,
    /** The calls named `name`, as their argument lists. */
    called: (name: string) => calls.filter((c) => c[0] === name).map((c) => c.slice(2)),
    /** Whether `name` was first called before `ready`. */
    calledBeforeReady: (name: string) => calls.some((c) => c[0] === name && !c[1]),
    becomeReady() {
      ready = true;
      readyResolve();
    },
  };
}

export type StandIn = ReturnType<typeof createStandIn>;

const holder = globalThis as { __packroomElectron?: StandIn };

export function currentStandIn(): StandIn {
  if (!holder.__packroomElectron) throw new Error('No Electron stand-in: call launch() first.');
  return holder.__packroomElectron;
}

const exportNames = Object.keys(createStandIn().module);

/** The module `vi.mock('electron', …)` returns: every export forwards to the current launch's stand-in. */
export const electronMock: Record<string, unknown> = Object.defineProperties(
  {},
  Object.fromEntries(
    exportNames.map((name) => [name, { enumerable: true, get: () => (currentStandIn().module as Record<string, unknown>)[name] }]),
  ),
);

/**
 * Runs main/index.ts afresh (a new module instance) with `argv` after the executable, against a
 * new stand-in. `ready` is not emitted: call `becomeReady()` when the test wants it.
 */
export async function launch(argv: string[], options: Parameters<typeof createStandIn>[0] = {}): Promise<StandIn> {
  const standIn = createStandIn(options);
  holder.__packroomElectron = standIn;
  const saved = process.argv;
  process.argv = ['/opt/Packroom/packroom', ...argv];
  vi.resetModules();
  try {
    await import('../../../main/index');
  } finally {
    process.argv = saved;
  }
  return standIn;
}
