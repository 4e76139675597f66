import { log } from './log';

/** Something the core starts and stops: background work, a device, a thread, the database. */
export interface Part {
  start?: () => void;
  /** May be called without start (one-shot commands never start the core); awaited when it returns a promise. */
  stop?: () => void | Promise<void>;
}

/**
 * The one list of what the core starts and stops: started in the order registered, stopped in
 * reverse, so a part registered after what it uses stops before it (the database, registered
 * first, closes last). A stop that fails is logged and the rest still stop: one stuck mail lane
 * must not leave the database open.
 */
export class Lifecycle {
  private readonly parts: { name: string; part: Part }[] = [];
  private stopping: Promise<void> | null = null;

  add(name: string, part: Part): void {
    this.parts.push({ name, part });
  }

  start(): void {
    for (const { part } of this.parts) part.start?.();
  }

  /** Stops every part once; a second call (the desktop's bounded quit, then a test's cleanup) waits for the first. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      for (const { name, part } of [...this.parts].reverse()) {
        try {
          await part.stop?.();
        } catch (error) {
          log.error(`Stopping ${name} failed; stopping the rest.`, error);
        }
      }
    })();
    return this.stopping;
  }
}
