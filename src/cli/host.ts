import type { Core, CoreOptions } from '../core';

/** What a command needs from the process that runs it. */
export interface CliHost {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** Opens the core on a data folder with that folder's one data key (and starts its log file). */
  openCore(dataDir: string, options?: Pick<CoreOptions, 'syncUrl' | 'syncAuth' | 'readLabels'>): Core;
  /**
   * Keeps a data key for a folder that has none, as this host keeps the keys it makes (the 0600 key file, or sealed
   * by the OS keychain in the desktop app): how `site join` stores the site's key. Refuses to replace a key.
   */
  storeDataKey?(dataDir: string, key: Buffer): void;
  /** better_sqlite3.node built for Electron, when the desktop app's executable runs the command. */
  nativeBinding?: string;
  /** The built staff UI that `serve` hands out, or a path that does not exist. */
  staticDir: string;
}
