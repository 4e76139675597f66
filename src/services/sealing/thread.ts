import { log } from '../../log';
import { startThread, WhileInUse } from '../../threads';
import { unpackSealed, type SealedCredential } from './seal';
import workerSource from './worker?thread';

export type ToSealingThread = { id: number; count: number };
export type FromSealingThread = { id: number; bytes: ArrayBuffer; ends: Uint32Array };

/** Seals credentials in bulk somewhere other than the caller's thread while `during` runs. */
export interface BulkSealing {
  during<T>(work: () => Promise<T>): Promise<T>;
  /** Null when no sealing thread runs (or it stopped): the caller seals them itself. */
  seal(count: number): Promise<SealedCredential[] | null>;
}

/**
 * A thread that seals PINs and QR codes while a roster import applies: a first import issues tens of
 * thousands, each a few crypto objects whose creation and garbage collection would otherwise pause the
 * door's event loop. The door's thread gets each batch as one block of bytes. It holds the data key, as
 * the main thread does; it runs only during `during`.
 */
export class SealingThread implements BulkSealing {
  private worker: ReturnType<typeof startThread> | null = null;
  private readonly use = new WhileInUse(
    () => this.begin(),
    () => this.end(),
  );
  private nextId = 0;
  private readonly waiting = new Map<number, (sealed: SealedCredential[] | null) => void>();

  constructor(private readonly dataKey: Buffer) {}

  during<T>(work: () => Promise<T>): Promise<T> {
    return this.use.during(work);
  }

  seal(count: number): Promise<SealedCredential[] | null> {
    const worker = this.worker;
    if (!worker) return Promise.resolve(null);
    const id = (this.nextId += 1);
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      worker.postMessage({ id, count } satisfies ToSealingThread);
    });
  }

  private begin(): void {
    let worker: ReturnType<typeof startThread>;
    try {
      worker = startThread(workerSource, { dataKey: this.dataKey });
    } catch (error) {
      log.warn(`Credentials for an import are sealed on the main thread: ${String(error)}`);
      return;
    }
    worker.on('message', (message: FromSealingThread) => {
      this.waiting.get(message.id)?.(unpackSealed(message.bytes, message.ends));
      this.waiting.delete(message.id);
    });
    worker.on('error', (error) => {
      log.warn(`The sealing thread stopped; the import seals its credentials on the main thread: ${String(error)}`);
      if (this.worker === worker) this.stopped();
    });
    worker.on('exit', () => {
      if (this.worker === worker) this.stopped();
    });
    this.worker = worker;
  }

  private async end(): Promise<void> {
    const worker = this.worker;
    this.stopped();
    await worker?.terminate();
  }

  /** Requests still waiting are answered with null: their callers seal on their own. */
  private stopped(): void {
    this.worker = null;
    for (const resolve of this.waiting.values()) resolve(null);
    this.waiting.clear();
  }
}
