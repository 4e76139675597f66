// Runs main/index.ts on plain Node against a stand-in for Electron and the real core, so the
// lifecycle wiring (data folder, single instance, session hardening, window, IPC, crash reload,
// quit) is checked even where the Electron binary is not installed.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Envelope } from '../../../src/contract';
import { fakeEvent, launch, type StandIn } from './electronStandIn';

type FakeWindow = StandIn['windows'][number];
/** What the app does next happens in its own time; on a loaded machine that can be tens of seconds, not vi.waitFor's default 1 s. */
const slow = { timeout: 45_000 };

vi.mock('electron', async () => (await import('./electronStandIn')).electronMock);

describe('main/index.ts lifecycle', () => {
  let dataDir: string;
  let win: FakeWindow;
  let fake: StandIn;
  const env = { ...process.env };

  beforeAll(async () => {
    dataDir = join(mkdtempSync(join(tmpdir(), 'packroom-desktop-')), 'data');
    process.env.XDG_CONFIG_HOME = join(dataDir, '..', 'config');
    (process as { resourcesPath?: string }).resourcesPath = join(dataDir, '..', 'resources');
    fake = await launch(['--data', dataDir, '--kiosk']);
    fake.becomeReady();
    // The core is imported lazily after ready; the first import here includes compiling it.
    await vi.waitFor(() => expect(fake.windows).toHaveLength(1), slow);
    win = fake.windows[0]!;
  });
  afterAll(() => {
    process.env = env;
    rmSync(join(dataDir, '..'), { recursive: true, force: true });
  });

  it('prepares Electron before ready: data folder as userData, sandbox for all, app:// privileged', () => {
    expect(fake.paths.get('userData')).toBe(dataDir);
    expect(fake.calledBeforeReady('app.enableSandbox')).toBe(true);
    expect(fake.called('protocol.registerSchemesAsPrivileged')).toHaveLength(1);
    expect(fake.calledBeforeReady('protocol.registerSchemesAsPrivileged')).toBe(true);
    expect(fake.app.listeners.has('second-instance')).toBe(true);
    expect(fake.app.listeners.has('web-contents-created')).toBe(true);
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
      expect(fake.called('Menu.setApplicationMenu')).toEqual([[null]]);
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
    const crash = () => win.contents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
    crash();
    crash();
    expect(win.loaded).toHaveLength(3);
    expect(fake.called('dialog.showMessageBox')).toHaveLength(0);
    crash();
    expect(win.loaded).toHaveLength(3);
    await vi.waitFor(() => expect(fake.called('dialog.showMessageBox')).toHaveLength(1), slow);
    await vi.waitFor(() => expect(fake.called('app.quit')).toHaveLength(1), slow); // the fake answers "Quit Packroom"
  });

  it('quits when the window closes, and holds the quit until the core has closed', async () => {
    const quits = () => fake.called('app.quit').length;
    const before = quits();
    fake.app.emit('window-all-closed');
    expect(quits()).toBe(before + 1);
    const willQuit = fakeEvent();
    fake.app.emit('will-quit', willQuit);
    expect(willQuit.prevented).toBe(true);
    expect(fake.ipcHandlers.has('packroom:invoke')).toBe(false);
    await vi.waitFor(() => expect(quits()).toBe(before + 2), slow); // quits again once closed
    const again = fakeEvent();
    fake.app.emit('will-quit', again);
    expect(again.prevented).toBe(false);
    expect(fake.called('dialog.showErrorBox')).toHaveLength(0);
    expect(fake.called('app.exit')).toHaveLength(0);
  });
});
