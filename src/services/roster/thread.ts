import { setImmediate } from 'node:timers/promises';
import type { ApiErrorBody } from '../../contract';
import { ApiError } from '../../contract';
import { log } from '../../log';
import { startThread } from '../../threads';
import type { PreparedImport, PreviewProgress, PreviewRequest } from './prepare';
import workerSource from './worker?thread';

/** What the preview thread is given (see worker.ts); the file's bytes follow as messages, a piece each. */
export interface PreviewThreadData {
  file: string;
  nativeBinding?: string;
  request: Omit<PreviewRequest, 'bytes'>;
  size: number;
}

// Handing a thread 60 MB at once copies it on the door's thread for ~35 ms; a piece per turn of the
// event loop costs well under a millisecond each.
const pieceBytes = 1 << 20;

export type FromPreviewThread =
  | { type: 'started' }
  | { type: 'progress'; phase: Parameters<PreviewProgress>[0]; done: number; total: number }
  | { type: 'done'; prepared: PreparedImport }
  | { type: 'failed'; error: ApiErrorBody | null; message: string };

/** Makes a preview somewhere other than the caller's thread. */
export interface PreviewRunner {
  /** Null when no thread could be started: the caller makes the preview itself. */
  prepare(request: PreviewRequest, progress: PreviewProgress): Promise<PreparedImport | null>;
  /** Stops previews still running (the program is closing). */
  stop(): Promise<void>;
}

/**
 * Roster previews in their own threads, one per preview, each with a read-only connection to the
 * database. Reading a 50,000-row file and holding the whole roster takes hundreds of megabytes of
 * short-lived objects; in a thread of its own neither that work nor its garbage collection ever holds
 * the door's event loop. The door's thread only receives the finished preview: its summary, and the plan
 * as bytes in shared memory.
 */
export class PreviewThreads implements PreviewRunner {
  private readonly running = new Set<{ terminate(): Promise<number> }>();

  constructor(private readonly database: { file: string; nativeBinding?: string }) {}

  async prepare(request: PreviewRequest, progress: PreviewProgress): Promise<PreparedImport | null> {
    const { bytes, ...rest } = request;
    const data: PreviewThreadData = { ...this.database, request: rest, size: bytes.length };
    let worker: ReturnType<typeof startThread>;
    try {
      worker = startThread(workerSource, data);
    } catch (error) {
      log.warn(`Roster previews run on the main thread: ${String(error)}`);
      return null;
    }
    const prepared = this.answer(worker, progress);
    for (let start = 0; start < bytes.length; start += pieceBytes) {
      // A copy of the piece in a buffer of its own, then moved: a view would take its whole underlying buffer along.
      const piece = new Uint8Array(bytes.subarray(start, start + pieceBytes));
      worker.postMessage(piece, [piece.buffer]);
      await setImmediate();
    }
    return prepared;
  }

  async stop(): Promise<void> {
    await Promise.all([...this.running].map((worker) => worker.terminate()));
  }

  private answer(worker: ReturnType<typeof startThread>, progress: PreviewProgress): Promise<PreparedImport | null> {
    return new Promise((resolve, reject) => {
      this.running.add(worker);
      let started = false;
      let settled = false;
      const settle = (finish: () => void) => {
        if (settled) return;
        settled = true;
        this.running.delete(worker);
        finish();
      };
      worker.on('message', (message: FromPreviewThread) => {
        if (message.type === 'started') started = true;
        else if (message.type === 'progress') progress(message.phase, message.done, message.total);
        else if (message.type === 'done') settle(() => resolve(message.prepared));
        else if (message.error) {
          const refused = ApiError.fromBody(message.error);
          settle(() => reject(refused));
        } else settle(() => reject(new Error(`The roster preview failed: ${message.message}`)));
      });
      worker.on('error', (error) => {
        // A thread that could not even load (a missing module, a database it cannot open) is no reason to
        // refuse the preview: it runs on the main thread as before, and the log says why.
        if (!started) {
          log.warn(`A roster preview runs on the main thread: its own thread did not start (${String(error)}).`);
          settle(() => resolve(null));
        } else settle(() => reject(error));
      });
      worker.on('exit', (code) => settle(() => reject(new Error(`The roster preview stopped before it finished (exit code ${code}).`))));
    });
  }
}
