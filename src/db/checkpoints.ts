import { Worker } from 'node:worker_threads';
import type { Clock, ClockTimer } from '../clock';
import { log } from '../log';
import { resolvePackage, WhileInUse } from '../threads';
import type { Db } from './open';

// Runs in its own thread with its own connection: a checkpoint copies the WAL into the database file and
// fsyncs it, which on a busy disk takes tens or hundreds of milliseconds the door must not wait for.
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {});
db.pragma('busy_timeout = 0');
parentPort.on('message', (message) => {
  if (message === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage('done');
  } catch (error) {
    parentPort.postMessage('failed: ' + String(error));
  }
});
`;

/** The pause between the worker's answer and the next request. */
const everyMs = 50;

/** What a bulk writer needs: work during which the WAL is checkpointed off the main thread and statement journals stay in memory. */
export interface BulkWrites {
  during<T>(work: () => Promise<T>): Promise<T>;
}

/**
 * While a long run of transactions writes (a roster apply), SQLite's automatic checkpoint, which runs
 * inside a commit on this thread, is switched off and a worker thread checkpoints instead, and statement
 * journals are kept in memory. If the worker cannot start, the automatic checkpoint simply stays on.
 */
export class BackgroundCheckpoints implements BulkWrites {
  private worker: Worker | null = null;
  private timer: ClockTimer | null = null;
  private readonly use = new WhileInUse(
    () => this.begin(),
    () => this.end(),
  );
  private autocheckpoint = 1000;

  constructor(
    private readonly db: Db,
    private readonly file: string,
    /** The core's clock; a test's hand-advanced timers say when the next checkpoint is asked for. */
    private readonly clock: Pick<Clock, 'setTimeout'>,
    private readonly nativeBinding?: string,
  ) {}

  during<T>(work: () => Promise<T>): Promise<T> {
    return this.use.during(work);
  }

  private begin(): void {
    // Statement journals in memory too: a first import's write statements spill theirs (past 64 KiB) to a
    // temporary file, about a million small writes on this thread, each one a chance to wait for the disk.
    this.db.pragma('temp_store = MEMORY');
    let worker: Worker;
    try {
      worker = new Worker(workerSource, {
        eval: true,
        workerData: { driver: resolvePackage('better-sqlite3'), file: this.file, nativeBinding: this.nativeBinding },
      });
    } catch (error) {
      log.warn(`Checkpoints stay on the main thread: ${String(error)}`);
      return;
    }
    worker.on('message', (answer: string) => {
      if (answer !== 'done') log.warn(`A background checkpoint ${answer}`);
      // One request at a time: the next is asked for a pause after this answer, while the worker is still ours.
      if (this.worker === worker) this.askLater();
    });
    worker.on('error', (error) => {
      log.warn(`The checkpoint thread stopped: ${String(error)}`);
      this.restore();
    });
    this.worker = worker;
    this.autocheckpoint = this.db.pragma('wal_autocheckpoint', { simple: true }) as number;
    this.db.pragma('wal_autocheckpoint = 0');
    this.askLater();
  }

  private askLater(): void {
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      this.worker?.postMessage('checkpoint');
    }, everyMs);
  }

  private async end(): Promise<void> {
    if (this.db.open) this.db.pragma('temp_store = DEFAULT');
    const worker = this.worker;
    this.restore();
    if (!worker) return;
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    worker.postMessage('close');
    await exited;
  }

  private restore(): void {
    this.timer?.cancel();
    this.timer = null;
    this.worker = null;
    if (this.db.open) this.db.pragma(`wal_autocheckpoint = ${this.autocheckpoint}`);
  }
}
