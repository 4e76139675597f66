import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { appName, defaultDataDir } from '../../../src/paths';
import {
  autostartEntry,
  closeWithin,
  CrashLimiter,
  DesktopUsageError,
  devNativeBinding,
  loginArgs,
  nativeBindingPath,
  parseDesktopArgs,
  userArgs,
  wantedStartAtLogin,
} from '../../../main/runtime';

describe('parseDesktopArgs', () => {
  it('reads --data and --kiosk in either spelling and ignores Chromium switches', () => {
    expect(parseDesktopArgs([])).toEqual({ dataDir: undefined, kiosk: false });
    expect(parseDesktopArgs(['--kiosk', '--data', '/srv/pr'])).toEqual({ dataDir: '/srv/pr', kiosk: true });
    expect(parseDesktopArgs(['--no-sandbox', '--data=/srv/pr', '--enable-logging'])).toEqual({ dataDir: '/srv/pr', kiosk: false });
  });

  it('says what is wrong when --data has no folder', () => {
    expect(() => parseDesktopArgs(['--data'])).toThrow(DesktopUsageError);
    expect(() => parseDesktopArgs(['--data='])).toThrow(/needs a folder/);
    expect(() => parseDesktopArgs(['--data', '--kiosk'])).toThrow(/needs a folder/);
  });

  it('skips the executable, and the app folder in development', () => {
    expect(userArgs(['/opt/Packroom/packroom', '--kiosk'], true)).toEqual(['--kiosk']);
    expect(userArgs(['/x/electron', '.', '--kiosk'], false)).toEqual(['--kiosk']);
  });
});

describe('data folder', () => {
  it("is Electron's userData for an app named Packroom, which is also package.json's productName", () => {
    const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { productName: string };
    expect(pkg.productName).toBe(appName);
    // Electron: userData = appData/<name>; appData is %APPDATA%, ~/Library/Application Support, or $XDG_CONFIG_HOME || ~/.config.
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\f\\AppData\\Roaming' }, 'win32')).toBe(join('C:\\Users\\f\\AppData\\Roaming', 'Packroom'));
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/home/f/.cfg' }, 'linux')).toBe(join('/home/f/.cfg', 'Packroom'));
    expect(defaultDataDir({}, 'darwin')).toMatch(/Library[/\\]Application Support[/\\]Packroom$/);
  });
});

describe('nativeBindingPath', () => {
  it('uses build/electron-native/<os>-<arch> in development and resources/native when packaged', () => {
    const where = { appPath: '/src/packroom', resourcesPath: '/opt/Packroom/resources' };
    expect(nativeBindingPath({ ...where, isPackaged: false })).toBe(
      join('/src/packroom', devNativeBinding(process.platform, process.arch)),
    );
    expect(devNativeBinding('darwin', 'arm64')).toBe(
      join('build', 'electron-native', 'mac-arm64', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'),
    );
    expect(devNativeBinding('win32', 'x64')).toMatch(/electron-native[/\\]win-x64[/\\]/);
    expect(nativeBindingPath({ ...where, isPackaged: true })).toBe(join('/opt/Packroom/resources', 'native', 'better_sqlite3.node'));
  });

  it('matches where electron-builder.yml puts the binding', () => {
    const yml = readFileSync(new URL('../../../electron-builder.yml', import.meta.url), 'utf8');
    // ${os} and ${arch} are electron-builder file macros, expanded per packed architecture.
    expect(yml).toContain('from: build/electron-native/${os}-${arch}/better-sqlite3/build/Release/better_sqlite3.node');
    expect(yml).toContain('to: native/better_sqlite3.node');
    expect(yml).toMatch(/^beforePack: \.\/scripts\/electron-native\.mjs$/m);
  });
});

describe('CrashLimiter', () => {
  it('reloads after the first two crashes in a minute and gives up on the third', () => {
    const limiter = new CrashLimiter(3, 60_000);
    expect(limiter.shouldReload(0)).toBe(true);
    expect(limiter.shouldReload(10_000)).toBe(true);
    expect(limiter.shouldReload(59_999)).toBe(false);
  });

  it('forgets crashes older than the window, and after reset', () => {
    const limiter = new CrashLimiter(3, 60_000);
    limiter.shouldReload(0);
    limiter.shouldReload(30_000);
    expect(limiter.shouldReload(61_000)).toBe(true); // the crash at 0 has aged out
    expect(limiter.shouldReload(62_000)).toBe(false);
    limiter.reset();
    expect(limiter.shouldReload(63_000)).toBe(true);
  });
});

describe('closeWithin', () => {
  const log = { warn: vi.fn(), error: vi.fn() };

  it('switches the relay off before closing the rest, and gives up on whatever hangs', async () => {
    vi.useFakeTimers();
    try {
      const order: string[] = [];
      const core = {
        door: { shutdown: async () => void order.push('relay off') },
        close: () => (order.push('close'), new Promise<void>(() => undefined)),
      };
      let done = false;
      void closeWithin(core, log, { relayMs: 100, restMs: 300 }).then(() => (done = true));
      await vi.advanceTimersByTimeAsync(299);
      expect(order).toEqual(['relay off', 'close']);
      expect(done).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(done).toBe(true);
      expect(log.warn).toHaveBeenCalledWith(expect.stringMatching(/did not stop within 300 ms/));
    } finally {
      vi.useRealTimers();
    }
  });

  it('moves on when the relay does not answer either', async () => {
    vi.useFakeTimers();
    try {
      const close = vi.fn(async () => undefined);
      const finished = closeWithin({ door: { shutdown: () => new Promise<void>(() => undefined) }, close }, log, {
        relayMs: 50,
        restMs: 50,
      });
      await vi.advanceTimersByTimeAsync(50);
      await finished;
      expect(close).toHaveBeenCalled();
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('start at login', () => {
  it('is on by default in kiosk mode only, and an admin choice wins', () => {
    expect(wantedStartAtLogin({}, true)).toBe(true);
    expect(wantedStartAtLogin({}, false)).toBeNull();
    expect(wantedStartAtLogin({ startAtLogin: false }, true)).toBe(false);
    expect(loginArgs({ dataDir: '/srv/packroom', kiosk: true })).toEqual(['--data', '/srv/packroom', '--kiosk']);
  });

  it('writes an XDG autostart entry with the arguments quoted as the Desktop Entry Specification says', () => {
    const entry = autostartEntry('/opt/Packroom/packroom', ['--data', '/home/front desk/100% "data"', '--kiosk']);
    expect(entry).toMatch(/^\[Desktop Entry\]\nType=Application\n/);
    expect(entry).toContain('Exec=/opt/Packroom/packroom --data "/home/front desk/100%% \\"data\\"" --kiosk\n');
  });
});
