import { performance } from 'node:perf_hooks';
import { ApiError, message, type DeskReading, type LabelReaderStatus } from '../../contract';
import { nameMarks } from '../../domain/labels/marks';
import { log } from '../../log';
import { imageLimits, type ImageProblem } from './limits';
import type { LabelReading } from './reading';
import { LabelReader, type LabelThreadData } from './thread';

const problemKey = {
  empty: 'labels.empty',
  tooLarge: 'labels.tooLarge',
  notImage: 'labels.notImage',
  tooSmall: 'labels.tooSmall',
} as const satisfies Record<ImageProblem, string>;

/**
 * The desk's label reading: one LabelReader (its own thread) per core, started in the background by the hosts that
 * have a desk (`serve`, the desktop app) or by the first request that needs it, never by a one-shot command.
 */
export class LabelService {
  private reader: LabelReader | null = null;
  private state: LabelReaderStatus = { state: 'loading', sinceMs: 0 };
  private startedAt = 0;

  constructor(private readonly data: LabelThreadData) {}

  /** Starts loading the models (the cold start) unless they are loading or loaded. */
  start(): LabelReader {
    if (this.reader) return this.reader;
    const reader = new LabelReader(this.data);
    this.reader = reader;
    this.startedAt = performance.now();
    this.state = { state: 'loading', sinceMs: 0 };
    reader.start().then(
      (coldMs) => {
        if (this.reader !== reader) return;
        this.state = { state: 'ready', coldMs };
        log.info(`The label reader is ready (cold start ${coldMs} ms).`);
      },
      (error: unknown) => {
        if (this.reader !== reader) return;
        this.state = { state: 'unavailable', reason: message('labels.unavailable', { reason: String(error) }) };
        // A thread that died may be started again by the next request; models that cannot load will not load then either.
        this.reader = null;
      },
    );
    return reader;
  }

  status(): LabelReaderStatus {
    if (!this.reader && this.state.state !== 'unavailable') this.start();
    return this.state.state === 'loading' ? { state: 'loading', sinceMs: Math.round(performance.now() - this.startedAt) } : this.state;
  }

  /** Reads one picture (base64). A file that is no picture is refused with why; a picture without a label is a reading. */
  async read(image: string): Promise<DeskReading> {
    const reader = this.start();
    let reading: LabelReading;
    try {
      reading = await reader.read(Buffer.from(image, 'base64'));
    } catch (error) {
      log.warn(`A label reading failed: ${String(error)}`);
      if (this.reader === reader) this.reader = null;
      throw new ApiError('INTERNAL', this.state.state === 'unavailable' ? this.state.reason : message('labels.stopped'));
    }
    if (reading.problem !== null) {
      throw new ApiError(
        'VALIDATION',
        message(problemKey[reading.problem], reading.problem === 'tooLarge' ? { size: imageLimits.maxBytes / 1024 } : undefined),
      );
    }
    return deskReading(reading);
  }

  async stop(): Promise<void> {
    const reader = this.reader;
    this.reader = null;
    await reader?.stop();
  }
}

/** The reading as the desk shows it: the ship-to lines with the words naming the person it shows marked. */
export function deskReading(r: LabelReading): DeskReading {
  const shown = r.recipient ?? r.candidates[0] ?? r.formerResident;
  return {
    tracking: r.tracking,
    carrier: r.carrier,
    carrierName: r.carrierName,
    outcome: r.outcome,
    recipient: r.recipient,
    candidates: r.candidates,
    formerResident: r.formerResident,
    shipTo: r.shipTo.map((text) => ({ text, marks: shown ? nameMarks(text, shown.name) : [] })),
    ms: r.ms,
  };
}
