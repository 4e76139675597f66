import { realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { setPriority } from 'node:os';
import { join } from 'node:path';
import { Worker, workerData } from 'node:worker_threads';

/** Where the running program (the Electron app, packroom serve, a test runner) resolves its packages from. */
function packageBase(): string {
  if (typeof require === 'function' && require.main) return require.main.filename;
  const script = process.argv[1];
  if (script === undefined) return join(process.cwd(), 'index.js');
  // Node loads a script started through a link (npx's node_modules/.bin/packroom) from where the link points, and
  // resolves its packages from there: so must its threads, or they look in the link's folder and find nothing.
  return realpathSync(script);
}

/** A package's entry file as the running program resolves it. */
export function resolvePackage(id: string): string {
  return createRequire(packageBase()).resolve(id);
}

/**
 * Starts a thread running `source`, a module bundled by a `?thread` import (scripts/threadSource.mjs), which
 * reads `data` with threadData(). Work that holds many objects for a while (a roster preview) runs there: its
 * allocations and garbage collections are that thread's, so they never pause the door's event loop.
 */
export function startThread(source: string, data: unknown): Worker {
  return new Worker(source, { eval: true, workerData: { requireFrom: packageBase(), data } });
}

/** Inside a thread startThread started: the data it was given. */
export function threadData<T>(): T {
  return (workerData as { data: T }).data;
}

/**
 * Inside a thread: when it and the door's thread both want a CPU (a kiosk may have two cores), the door's
 * goes first. Only Linux keeps a priority per thread; elsewhere it is the whole program's, so there the
 * thread keeps the program's.
 */
export function yieldToMainThread(): void {
  if (process.platform !== 'linux') return;
  try {
    setPriority(0, 10);
  } catch {
    // A system that does not let a thread lower its own priority runs it at the program's: only slower to yield.
  }
}

/**
 * Something set up for the length of bulk work (a thread, a setting): the first of overlapping callers of
 * `during` sets it up, the last one to finish takes it down.
 */
export class WhileInUse {
  private users = 0;

  constructor(
    private readonly setUp: () => void,
    private readonly takeDown: () => Promise<void>,
  ) {}

  async during<T>(work: () => Promise<T>): Promise<T> {
    if (this.users === 0) this.setUp();
    this.users += 1;
    try {
      return await work();
    } finally {
      this.users -= 1;
      if (this.users === 0) await this.takeDown();
    }
  }
}
