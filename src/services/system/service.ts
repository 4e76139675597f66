import { ApiError, message, type SystemInfo } from '../../contract';
import { logFilePath } from '../../log';
import type { Actor, AuditService } from '../audit/service';

/** What the desktop app does for the Settings tab; main/ implements it with Electron's shell and login items. */
export interface DesktopHost {
  /** Opens the log folder in the OS file manager. */
  openLogFolder(): Promise<void>;
  startAtLogin(): boolean;
  setStartAtLogin(enabled: boolean): void;
}

/** This computer's log file and desktop-only switches; the headless host has no `desktop`. */
export class SystemService {
  constructor(private readonly deps: { desktop: DesktopHost | null; audit: AuditService }) {}

  info(): SystemInfo {
    const { desktop } = this.deps;
    return { logFile: logFilePath(), desktop: desktop ? { startAtLogin: desktop.startAtLogin() } : null };
  }

  async openLogFolder(): Promise<null> {
    const desktop = this.requireDesktop('logFolder');
    await desktop.openLogFolder();
    return null;
  }

  setStartAtLogin(actor: Actor, enabled: boolean): SystemInfo {
    const desktop = this.requireDesktop('startAtLogin');
    desktop.setStartAtLogin(enabled);
    this.deps.audit.record(actor, 'settings.start_at_login', null, { enabled });
    return this.info();
  }

  private requireDesktop(what: 'logFolder' | 'startAtLogin'): DesktopHost {
    if (this.deps.desktop) return this.deps.desktop;
    const file = logFilePath();
    if (what === 'startAtLogin') throw new ApiError('CONFLICT', message('system.desktopOnlyStartAtLogin'));
    throw new ApiError('CONFLICT', file ? message('system.desktopOnlyLogFolderAt', { file }) : message('system.desktopOnlyLogFolder'));
  }
}
