/**
 * Start at login, per OS: Electron's login items on Windows and macOS (app.setLoginItemSettings
 * is documented for darwin and win32 only; its `path` and `args` are Windows-only), and an XDG
 * autostart entry on Linux (freedesktop.org Desktop Application Autostart Specification).
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { app } from 'electron';
import { defaultDataDir } from '../src/paths';
import { autostartEntry } from './runtime';

export interface LoginItem {
  enabled(): boolean;
  set(enabled: boolean): void;
}

export const autostartFile = (env: NodeJS.ProcessEnv = process.env) =>
  join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'autostart', 'packroom.desktop');

/**
 * macOS login items cannot carry arguments, so the folder and kiosk mode of the login item are
 * kept here (in the default data folder, which a start without arguments reads first).
 */
export const macLoginArgsFile = () => join(defaultDataDir(), 'login-args.json');

export function loginItem(args: readonly string[]): LoginItem {
  if (process.platform === 'win32') {
    const where = { path: process.execPath, args: [...args] };
    return {
      enabled: () => app.getLoginItemSettings(where).openAtLogin,
      set: (enabled) => app.setLoginItemSettings({ openAtLogin: enabled, ...where }),
    };
  }
  if (process.platform === 'darwin') {
    return {
      enabled: () => app.getLoginItemSettings().openAtLogin,
      set(enabled) {
        if (enabled) {
          mkdirSync(defaultDataDir(), { recursive: true, mode: 0o700 });
          writeFileSync(macLoginArgsFile(), `${JSON.stringify([...args])}\n`, { mode: 0o600 });
        } else {
          rmSync(macLoginArgsFile(), { force: true });
        }
        app.setLoginItemSettings({ openAtLogin: enabled });
      },
    };
  }
  const file = autostartFile();
  return {
    enabled: () => existsSync(file),
    set(enabled) {
      if (!enabled) return rmSync(file, { force: true });
      mkdirSync(join(file, '..'), { recursive: true });
      writeFileSync(file, autostartEntry(process.execPath, args));
    },
  };
}
