// Runs main/index.ts on plain Node against a stand-in for Electron and the real core, so the
// lifecycle wiring (data folder, single instance, session hardening, window, IPC, crash reload,
// quit) is checked even where the Electron binary is not installed.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Envelope } from '../../../src/contract';

type Listener = (...args: unknown[]) => unknown;

const fake = vi.hoisted(() => {
  const on = (map: Map<string, Listener[]>) => (event: string, fn: Listener) => {
    map.set(event, [...(map.get(event) ?? []), fn]);
  };
  const emit = (map: Map<string, Listener[]>, event: string, ...args: unknown[]) => (map.get(event) ?? []).map((fn) => fn(...args));
  const appEvents = new Map<string, Listener[]>();
  const paths = new Map<string, string>();
  const windows: FakeWindow[] = [];
  const ipcHandlers = new Map<string, Listener>();
  let readyResolve: () => void = () => undefined;
  const ready = new Promise<void>((r) => (readyResolve = r));

  class FakeWindow {
    events = new Map<string, Listener[]>();
    contentsEvents = new Map<string, Listener[]>();
    loaded: string[] = [];
    menuRemoved = false;
    destroyed = false;
    mainFrame = { url: '', parent: null, processId: 7, routingId: 1, detached: false };
    webContents = {
      id: 100 + windows.length,
      mainFrame: this.mainFrame,
      on: on(this.contentsEvents),
      once: on(this.contentsEvents),
      isDestroyed: () => this.destroyed,
      getURL: () => this.mainFrame.url,
      send: () => undefined,
      setWindowOpenHandler: () => undefined,
    };
    constructor(readonly options: Record<string, unknown>) {
      windows.push(this);
    }
    on = on(this.events);
    once = on(this.events);
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

  return {
    appEvents,
    emitApp: (event: string, ...args: unknown[]) => emit(appEvents, event, ...args),
    emit,
    paths,
    windows,
    ipcHandlers,
    ready,
    readyResolve: () => readyResolve(),
    session,
    exit: vi.fn(),
    quit: vi.fn(),
    sandbox: vi.fn(),
    showErrorBox: vi.fn(),
    showMessageBox: vi.fn(async () => ({ response: 1 })),
    setApplicationMenu: vi.fn(),
    privileged: [] as unknown[],
    FakeWindow,
  };
});
type FakeWindow = InstanceType<typeof fake.FakeWindow>;

vi.mock('electron', () => ({
  app: {
    isPackaged: true,
    setName: vi.fn(),
    setPath: (name: string, path: string) => fake.paths.set(name, path),
    getPath: (name: string) => fake.paths.get(name),
    getAppPath: () => '/nonexistent/app',
    requestSingleInstanceLock: () => true,
    enableSandbox: fake.sandbox,
    on: (event: string, fn: Listener) => fake.appEvents.set(event, [...(fake.appEvents.get(event) ?? []), fn]),
    whenReady: () => fake.ready,
    exit: fake.exit,
    quit: fake.quit,
  },
  BrowserWindow: fake.FakeWindow,
  dialog: { showErrorBox: fake.showErrorBox, showMessageBox: fake.showMessageBox },
  Menu: { setApplicationMenu: fake.setApplicationMenu, buildFromTemplate: (t: unknown) => t },
  ipcMain: {
    handle: (channel: string, fn: Listener) => fake.ipcHandlers.set(channel, fn),
    removeHandler: (channel: string) => fake.ipcHandlers.delete(channel),
  },
  protocol: { registerSchemesAsPrivileged: (s: unknown[]) => fake.privileged.push(...s) },
  session: { defaultSession: fake.session },
  shell: { openExternal: vi.fn() },
  safeStorage: {
    isEncryptionAvailable: () => true,
    getSelectedStorageBackend: () => 'gnome_libsecret',
    encryptString: (text: string) => Buffer.from(`sealed:${text}`),
    decryptString: (sealed: Buffer) => sealed.toString().replace(/^sealed:/, ''),
  },
}));

describe('main/index.ts lifecycle', () => {
  let dataDir: string;
  let win: FakeWindow;
  const argv = process.argv;

  beforeAll(async () => {
    dataDir = join(mkdtempSync(join(tmpdir(), 'packroom-desktop-')), 'data');
    process.argv = ['/opt/Packroom/packroom', '--data', dataDir, '--kiosk'];
    (process as { resourcesPath?: string }).resourcesPath = join(dataDir, '..', 'resources');
    await import('../../../main/index');
    process.argv = argv;
    fake.readyResolve();
    await vi.waitFor(() => expect(fake.windows).toHaveLength(1));
    win = fake.windows[0]!;
  });
  afterAll(() => rmSync(join(dataDir, '..'), { recursive: true, force: true }));

  it('prepares Electron before ready: data folder as userData, sandbox for all, app:// privileged', () => {
    expect(fake.paths.get('userData')).toBe(dataDir);
    expect(fake.sandbox).toHaveBeenCalled();
    expect(fake.privileged).toHaveLength(1);
    expect(fake.appEvents.has('second-instance')).toBe(true);
    expect(fake.appEvents.has('web-contents-created')).toBe(true);
  });

  it('hardens the session and serves app:// after ready', () => {
    expect(fake.session.setPermissionRequestHandler).toHaveBeenCalled();
    expect(fake.session.setPermissionCheckHandler).toHaveBeenCalled();
    expect(fake.session.setDevicePermissionHandler).toHaveBeenCalled();
    expect(fake.session.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
  });

  it('creates the data key sealed by the keychain', () => {
    expect(existsSync(join(dataDir, 'packroom.key.enc'))).toBe(true);
    expect(existsSync(join(dataDir, 'packroom.key'))).toBe(false);
  });

  it('opens one kiosk window on app://packroom with the secure preferences and no menu', () => {
    expect(win.options).toMatchObject({ kiosk: true, fullscreen: true, show: false });
    expect(win.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, devTools: false });
    expect(String((win.options.webPreferences as { preload: string }).preload)).toMatch(/dist[/\\]main[/\\]preload\.cjs$/);
    expect(win.loaded).toEqual(['app://packroom/index.html']);
    if (process.platform !== 'darwin') {
      expect(fake.setApplicationMenu).toHaveBeenCalledWith(null);
      expect(win.menuRemoved).toBe(true);
    }
  });

  it('answers the window through the real core, and refuses anyone else', async () => {
    const handler = fake.ipcHandlers.get('packroom:invoke')!;
    const status = (await handler({ sender: win.webContents, senderFrame: win.mainFrame }, 'auth.status', {})) as Envelope;
    expect(status).toMatchObject({ ok: true, result: { setupRequired: true, session: null } });
    const denied = (await handler(
      { sender: win.webContents, senderFrame: { ...win.mainFrame, url: 'https://evil.example/' } },
      'auth.status',
      {},
    )) as Envelope;
    expect(denied).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(existsSync(join(dataDir, 'packroom.db'))).toBe(true);
  });

  it('reloads a crashed screen twice, then asks on the third crash within a minute', async () => {
    const crash = () => fake.emit(win.contentsEvents, 'render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
    crash();
    crash();
    expect(win.loaded).toHaveLength(3);
    expect(fake.showMessageBox).not.toHaveBeenCalled();
    crash();
    expect(win.loaded).toHaveLength(3);
    expect(fake.showMessageBox).toHaveBeenCalledTimes(1);
    await vi.waitFor(() => expect(fake.quit).toHaveBeenCalled()); // the fake answers "Quit Packroom"
  });

  it('quits when the window closes, and holds the quit until the core has closed', async () => {
    fake.quit.mockClear();
    fake.emitApp('window-all-closed');
    expect(fake.quit).toHaveBeenCalledTimes(1);
    const willQuit = {
      prevented: false,
      preventDefault() {
        this.prevented = true;
      },
    };
    fake.emitApp('will-quit', willQuit);
    expect(willQuit.prevented).toBe(true);
    expect(fake.ipcHandlers.has('packroom:invoke')).toBe(false);
    await vi.waitFor(() => expect(fake.quit).toHaveBeenCalledTimes(2)); // quits again once closed
    const again = {
      prevented: false,
      preventDefault() {
        this.prevented = true;
      },
    };
    fake.emitApp('will-quit', again);
    expect(again.prevented).toBe(false);
    expect(fake.showErrorBox).not.toHaveBeenCalled();
    expect(fake.exit).not.toHaveBeenCalled();
  });
});
