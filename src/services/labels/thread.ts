import { dirname, join } from 'node:path';
import { log } from '../../log';
import { resolvePackage, startThread } from '../../threads';
import type { EnginePaths } from './engine';
import type { LabelReading } from './reading';
import workerSource from './worker?thread';

export interface LabelThreadData {
  database: { file: string; nativeBinding?: string };
  paths: EnginePaths;
}

export type ToLabelThread = { id: number; bytes: Uint8Array };
export type FromLabelThread =
  | { type: 'ready'; coldMs: number }
  | { type: 'unavailable'; message: string }
  | { type: 'read'; id: number; reading: LabelReading }
  | { type: 'failed'; id: number; message: string };

/** The models inside the npm packages, where this program resolves them: nothing is downloaded. */
export function enginePaths(): EnginePaths {
  return {
    tessdata: join(dirname(resolvePackage('@tesseract.js-data/eng')), '4.0.0'),
    zxingWasm: resolvePackage('zxing-wasm/reader/zxing_reader.wasm'),
  };
}

/**
 * Reads labels in a thread of its own: the models (hundreds of MB of WebAssembly memory, a second or more of CPU
 * a picture) never run on the door's thread, and there is no fallback to it. `start()` loads them in the
 * background, so the first parcel does not wait for the cold start; `read` before that waits for it.
 */
export class LabelReader {
  private worker: ReturnType<typeof startThread> | null = null;
  private nextId = 0;
  private readonly waiting = new Map<number, { resolve: (r: LabelReading) => void; reject: (e: Error) => void }>();
  private loaded: Promise<number> | null = null;

  constructor(private readonly data: LabelThreadData) {}

  /** Starts the thread and its models' loading; resolves with the cold start in ms. */
  start(): Promise<number> {
    if (this.loaded) return this.loaded;
    const worker = startThread(workerSource, this.data);
    this.worker = worker;
    this.loaded = new Promise((resolve, reject) => {
      worker.on('message', (message: FromLabelThread) => {
        if (message.type === 'ready') resolve(message.coldMs);
        else if (message.type === 'unavailable') {
          log.warn(`Label reading is not available: ${message.message}`);
          reject(new Error(message.message));
        } else {
          const pending = this.waiting.get(message.id);
          this.waiting.delete(message.id);
          if (message.type === 'read') pending?.resolve(message.reading);
          else pending?.reject(new Error(message.message));
        }
      });
      worker.on('error', (error) => {
        log.warn(`The label thread stopped: ${String(error)}`);
        reject(error);
        this.stopped(error);
      });
      worker.on('exit', () => this.stopped(new Error('The label thread stopped.')));
    });
    // A caller that never asks still must not see an unhandled rejection: the log already says why.
    this.loaded.catch(() => undefined);
    return this.loaded;
  }

  /** Reads one picture (its bytes are moved to the thread, not copied). */
  async read(bytes: Uint8Array): Promise<LabelReading> {
    await this.start();
    const worker = this.worker;
    if (!worker) throw new Error('The label thread stopped.');
    const id = (this.nextId += 1);
    const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : new Uint8Array(bytes);
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ id, bytes: own } satisfies ToLabelThread, [own.buffer as ArrayBuffer]);
    });
  }

  async stop(): Promise<void> {
    const worker = this.worker;
    this.stopped(new Error('Label reading was stopped.'));
    await worker?.terminate();
  }

  private stopped(error: Error): void {
    this.worker = null;
    for (const pending of this.waiting.values()) pending.reject(error);
    this.waiting.clear();
  }
}
