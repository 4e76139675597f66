// The desktop host's behaviour on real front-desk PCs, run against the Electron stand-in and the
// real core: start-up errors, the window options, kiosk power and login, every kind of shutdown,
// the one data key per folder, and `packroom` commands through the desktop executable.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as CoreModule from '../../../src/core';
import type { Core } from '../../../src/core';
import { DataKeyError, loadOrCreateKeyFile } from '../../../src/secrets';
import { fakeEvent, launch, type StandIn } from './electronStandIn';

vi.mock('electron', async () => (await import('./electronStandIn')).electronMock);
// Mocked modules survive vi.resetModules, so each launch's main and the recorded cores share one log.
vi.mock('../../../src/log', async (importOriginal) => importOriginal());
vi.mock('../../../src/core', async (importOriginal) => {
  const real = await importOriginal<typeof CoreModule>();
  const { currentStandIn } = await import('./electronStandIn');
  return {
    ...real,
    createCore: (options: Parameters<typeof real.createCore>[0]) => {
      const core = real.createCore(options);
      currentStandIn().cores.push(core);
      return core;
    },
  };
});

let root: string;
let dataDir: string;
const env = { ...process.env };
/** What the app does next happens in its own time; on a loaded machine that can be tens of seconds, not vi.waitFor's default 1 s. */
const slow = { timeout: 45_000 };

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'packroom-desktop-'));
  dataDir = join(root, 'data');
  process.env.PACKROOM_DATA = join(root, 'default');
  process.env.XDG_CONFIG_HOME = join(root, 'config');
  (process as { resourcesPath?: string }).resourcesPath = join(root, 'resources');
});
afterEach(async () => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  for (const fake of launched.splice(0)) for (const core of fake.cores as Core[]) await core.close().catch(() => undefined);
  process.env = { ...env };
  rmSync(root, { recursive: true, force: true });
});

const launched: StandIn[] = [];
async function start(argv: string[], options?: Parameters<typeof launch>[1]): Promise<StandIn> {
  const fake = await launch(argv, options);
  launched.push(fake);
  return fake;
}

async function started(argv: string[], options?: Parameters<typeof launch>[1]) {
  const fake = await start(argv, options);
  fake.becomeReady();
  await vi.waitFor(() => expect(fake.windows).toHaveLength(1), slow);
  return { fake, win: fake.windows[0]!, core: fake.cores[0] as Core };
}

describe('start-up errors are shown after ready, logged, and exit non-zero', () => {
  it('a --data that is not a folder', async () => {
    writeFileSync(join(root, 'a-file'), '');
    const fake = await start(['--data', join(root, 'a-file')]);
    await new Promise((r) => setTimeout(r, 20));
    expect(fake.called('dialog.showErrorBox')).toHaveLength(0); // on Linux it would only reach stderr
    expect(fake.called('app.exit')).toHaveLength(0);
    fake.becomeReady();
    await vi.waitFor(() => expect(fake.called('app.exit')).toEqual([[1]]), slow);
    expect(fake.calledBeforeReady('dialog.showErrorBox')).toBe(false);
    expect(fake.called('dialog.showErrorBox')[0]![1]).toMatch(/could not open its data folder/);
    expect(readFileSync(join(root, 'default', 'logs', 'desktop.log'), 'utf8')).toMatch(
      /Startup failed: Packroom could not open its data folder/,
    );
  });

  it('--data without a folder', async () => {
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const fake = await start(['--data']);
    fake.becomeReady();
    await vi.waitFor(() => expect(fake.called('app.exit')).toEqual([[2]]), slow);
    expect(fake.calls.find((c) => c[0] === 'dialog.showErrorBox')).toMatchObject([
      'dialog.showErrorBox',
      true,
      'Packroom could not start',
      expect.stringMatching(/--data needs a folder/),
    ]);
  });

  it('a database from a newer Packroom', async () => {
    const first = await started(['--data', dataDir]);
    await first.core.close();
    const db = new Database(join(dataDir, 'packroom.db'));
    db.pragma('user_version = 999');
    db.close();
    const fake = await start(['--data', dataDir]);
    fake.becomeReady();
    await vi.waitFor(() => expect(fake.called('app.exit')).toEqual([[1]]), slow);
    expect(fake.called('dialog.showErrorBox')[0]![1]).toMatch(/written by a newer Packroom/);
    expect(fake.windows).toHaveLength(0);
    expect(readFileSync(join(dataDir, 'logs', 'desktop.log'), 'utf8')).toMatch(/newer Packroom/);
  });

  it('a data key that does not belong to the database', async () => {
    const first = await started(['--data', dataDir]);
    await first.core.close();
    rmSync(join(dataDir, 'packroom.key.enc'));
    writeFileSync(join(dataDir, 'packroom.key.enc'), `sealed:${Buffer.alloc(32, 7).toString('base64')}`);
    const fake = await start(['--data', dataDir]);
    fake.becomeReady();
    await vi.waitFor(() => expect(fake.called('app.exit')).toEqual([[1]]), slow);
    expect(fake.called('dialog.showErrorBox')[0]![1]).toMatch(/does not belong to this Packroom database/);
  });
});

describe('the window and the kiosk', () => {
  it('leaves fullscreen alone outside kiosk mode (an explicit false disables the macOS fullscreen button)', async () => {
    const { fake, win } = await started(['--data', dataDir]);
    expect(win.options).not.toHaveProperty('fullscreen');
    expect(win.options).not.toHaveProperty('kiosk');
    expect(fake.called('powerSaveBlocker.start')).toHaveLength(0);
    expect(existsSync(join(root, 'config', 'autostart', 'packroom.desktop'))).toBe(false);
  });

  it('in kiosk mode keeps the display awake and starts at login with the same folder, unless an admin turned it off', async () => {
    const { fake, win, core } = await started(['--data', dataDir, '--kiosk']);
    expect(win.options).toMatchObject({ kiosk: true, fullscreen: true });
    expect(fake.called('powerSaveBlocker.start')).toEqual([['prevent-display-sleep']]);
    const entry = readFileSync(join(root, 'config', 'autostart', 'packroom.desktop'), 'utf8');
    expect(entry).toContain(`Exec=${process.execPath} --data ${dataDir} --kiosk`);

    const ctx = { sessionToken: null };
    await core.dispatch(ctx, 'auth.setup', { username: 'ada', displayName: 'Ada', password: 'correct horse battery' });
    expect(await core.dispatch(ctx, 'system.info', {})).toMatchObject({
      ok: true,
      result: { logFile: join(dataDir, 'logs', 'desktop.log'), desktop: { startAtLogin: true } },
    });
    expect(await core.dispatch(ctx, 'system.setStartAtLogin', { enabled: false })).toMatchObject({
      ok: true,
      result: { desktop: { startAtLogin: false } },
    });
    expect(existsSync(join(root, 'config', 'autostart', 'packroom.desktop'))).toBe(false);
    expect(await core.dispatch(ctx, 'system.openLogFolder', {})).toMatchObject({ ok: true });
    expect(fake.called('shell.openPath')).toEqual([[join(dataDir, 'logs')]]);
    await core.close();

    await started(['--data', dataDir, '--kiosk']); // the admin's "off" survives the next kiosk start
    expect(existsSync(join(root, 'config', 'autostart', 'packroom.desktop'))).toBe(false);
  });
});

describe('every kind of shutdown switches the relay off and closes the database', () => {
  it("Windows session end (the window's 'session-end'; will-quit does not come)", async () => {
    const { fake, win, core } = await started(['--data', dataDir]);
    const order: string[] = [];
    const shutdown = core.door.shutdown.bind(core.door);
    vi.spyOn(core.door, 'shutdown').mockImplementation(() => (order.push('relay off'), shutdown()));
    const close = core.close.bind(core);
    vi.spyOn(core, 'close').mockImplementation(() => (order.push('close'), close()));
    win.emit('query-session-end', fakeEvent());
    win.emit('session-end', fakeEvent());
    await vi.waitFor(() => expect(fake.called('app.exit')).toEqual([[0]]), slow);
    expect(order.slice(0, 2)).toEqual(['relay off', 'relay off']);
    expect(order).toContain('close');
    expect(core.db.open).toBe(false);
  });

  it("Linux and macOS system shutdown (powerMonitor 'shutdown', delayed with preventDefault)", async () => {
    const { fake, core } = await started(['--data', dataDir]);
    const event = fakeEvent();
    fake.powerMonitor.emit('shutdown', event);
    expect(event.prevented).toBe(true);
    await vi.waitFor(() => expect(fake.called('app.quit')).toHaveLength(1), slow);
    expect(core.db.open).toBe(false);
    fake.app.emit('will-quit', fakeEvent()); // the quit that follows is not held again
  });

  it('quit is bounded: relay off first, then at most a few seconds for the rest', async () => {
    const { fake, core } = await started(['--data', dataDir]);
    const relayOff = vi.spyOn(core.door, 'shutdown');
    vi.spyOn(core, 'close').mockImplementation(() => new Promise(() => undefined)); // e.g. a mail server that never answers
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const willQuit = fakeEvent();
    fake.app.emit('will-quit', willQuit);
    expect(willQuit.prevented).toBe(true);
    expect(relayOff).toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(2000);
    expect(fake.called('app.quit')).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(600);
    expect(fake.called('app.quit')).toHaveLength(1);
  });
});

describe('one data key per data folder', () => {
  it("asks in the site's language", async () => {
    process.env.PACKROOM_SITE_LANGUAGE = 'es';
    mkdirSync(dataDir, { recursive: true });
    loadOrCreateKeyFile(dataDir);
    const { fake, core } = await started(['--data', dataDir], { messageBoxResponse: 1 });
    await vi.waitFor(() => expect(fake.called('dialog.showMessageBox')).toHaveLength(1), slow);
    expect(fake.called('dialog.showMessageBox')[0]![1]).toMatchObject({
      message: '¿Proteger la clave de datos de Packroom con el llavero del sistema?',
      buttons: ['Proteger la clave', 'Ahora no'],
    });
    expect(existsSync(join(dataDir, 'packroom.key'))).toBe(true);
    await core.close();
  });

  it('offers to seal a key file written by the plain CLI, and afterwards the plain CLI refuses the folder', async () => {
    mkdirSync(dataDir, { recursive: true });
    const key = loadOrCreateKeyFile(dataDir); // as `packroom user add` leaves it
    const { fake, core } = await started(['--data', dataDir], { messageBoxResponse: 0 });
    expect(core.keys.checkValue()).toBeTruthy();
    await vi.waitFor(() => expect(existsSync(join(dataDir, 'packroom.key'))).toBe(false), slow);
    expect(fake.called('dialog.showMessageBox')[0]![1]).toMatchObject({ message: expect.stringMatching(/Protect the Packroom data key/) });
    expect(readFileSync(join(dataDir, 'packroom.key.enc'), 'utf8')).toBe(`sealed:${key.toString('base64')}`);
    expect(() => loadOrCreateKeyFile(dataDir)).toThrow(DataKeyError);
    expect(() => loadOrCreateKeyFile(dataDir)).toThrow(/sealed by the Packroom desktop app.*Packroom\.exe/s);
    await core.close();

    const again = await started(['--data', dataDir]); // same key, so the database opens
    expect(again.fake.called('dialog.showMessageBox')).toHaveLength(0);
    expect(again.core.keys.checkValue()).toBe(core.keys.checkValue());
  });

  it('runs `packroom` commands through the desktop executable, before any window, with the sealed key', async () => {
    const out: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
    const stdin = Object.getOwnPropertyDescriptor(process, 'stdin')!;
    Object.defineProperty(process, 'stdin', { configurable: true, value: Readable.from(['a long enough password\n']) });
    try {
      const add = await start(['user', 'add', 'frontdesk', '--role', 'staff', '--data', dataDir]);
      expect(add.paths.get('userData')).toBe(dataDir); // safeStorage's Windows key lives in this folder's "Local State"
      add.becomeReady();
      await vi.waitFor(() => expect(add.called('app.exit')).toEqual([[0]]), slow);
      expect(add.windows).toHaveLength(0);
      expect(add.called('app.requestSingleInstanceLock')).toHaveLength(0);
    } finally {
      Object.defineProperty(process, 'stdin', stdin);
    }
    expect(out.join('')).toContain('Created staff account "frontdesk"');
    expect(existsSync(join(dataDir, 'packroom.key.enc'))).toBe(true);
    expect(existsSync(join(dataDir, 'packroom.key'))).toBe(false);

    const list = await start(['user', 'list', '--data', dataDir]);
    list.becomeReady();
    await vi.waitFor(() => expect(list.called('app.exit')).toEqual([[0]]), slow);
    expect(out.join('')).toMatch(/frontdesk\tstaff\tactive/);
    expect(readFileSync(join(dataDir, 'logs', 'packroom.log'), 'utf8')).toMatch(/through the desktop app/);
  });
});
