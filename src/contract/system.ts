import { z } from 'zod';
import { empty } from './common';
import { method, type MethodDef } from './define';

export const startAtLoginInput = z.object({ enabled: z.boolean() }).strict();

/** This computer, for the Settings tab: where the log is, and what only the desktop app can change. */
export interface SystemInfo {
  /** The log file this host writes, or null when it logs to stderr only. */
  logFile: string | null;
  /** Null in the headless host (a browser cannot open folders or start programs at login on the server). */
  desktop: {
    /** Whether Packroom starts when this OS user signs in. */
    startAtLogin: boolean;
  } | null;
}

export const systemMethods = {
  // This computer (Settings). Admin only: opening a folder hands over a file manager, even in kiosk mode.
  'system.info': method<SystemInfo>()({ input: empty, access: 'admin' }),
  'system.openLogFolder': method<null>()({ input: empty, access: 'admin' }),
  'system.setStartAtLogin': method<SystemInfo>()({ input: startAtLoginInput, access: 'admin' }),
} satisfies Record<string, MethodDef>;
