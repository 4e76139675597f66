import type { Clock, ClockTimer } from '../../clock';
import { log } from '../../log';

export interface LaneWork {
  /** Sends the message that is due first; false when nothing is due. */
  sendNextDue(): Promise<boolean>;
  /** When the next pending message falls due, or null when none is pending. */
  nextDueAt(): number | null;
}

// After an unexpected error (the database, not a send), wait before trying again rather than spin.
const PAUSE_AFTER_ERROR_MS = 60_000;

/**
 * One channel's worker: sends one message at a time and sleeps on the app clock until the next
 * falls due, so `clock.advance` in the simulator and tests brings retries forward. Email and
 * SMS each have their own lane, so a stalled mail server never holds back a text.
 */
export class Lane {
  private running = false;
  private paused = false;
  private inFlight: Promise<void> | null = null;
  private wake: ClockTimer | null = null;

  constructor(
    private readonly name: string,
    private readonly clock: Clock,
    private readonly work: LaneWork,
  ) {}

  start(): void {
    this.running = true;
    this.kick();
  }

  /** Resolves once the send in progress, if any, has settled. */
  async stop(): Promise<void> {
    this.running = false;
    this.cancelWake();
    await this.inFlight;
  }

  /** Looks for due work now: after an enqueue commits, and when the wake-up timer fires. */
  kick(): void {
    if (!this.running || this.inFlight) return;
    this.cancelWake();
    this.paused = false;
    this.inFlight = this.run().then((retryAt) => {
      this.inFlight = null;
      this.paused = retryAt !== null;
      if (this.running) this.scheduleWake(retryAt ?? this.work.nextDueAt());
    });
  }

  /** Resolves when nothing that is due now is waiting or being sent. */
  async drain(): Promise<void> {
    while (this.inFlight || (this.running && !this.paused && this.isDueNow())) {
      this.kick();
      await this.inFlight;
    }
  }

  /** Returns null when it ran out of due work, or when to try again after an error. */
  private async run(): Promise<number | null> {
    try {
      while (this.running && (await this.work.sendNextDue()));
      return null;
    } catch (error) {
      log.error(`The ${this.name} outbox worker stopped on an error; it tries again in a minute.`, error);
      return this.clock.now() + PAUSE_AFTER_ERROR_MS;
    }
  }

  private isDueNow(): boolean {
    const at = this.work.nextDueAt();
    return at !== null && at <= this.clock.now();
  }

  private scheduleWake(at: number | null): void {
    this.cancelWake();
    if (at === null) return;
    this.wake = this.clock.setTimeout(() => {
      this.wake = null;
      this.kick();
    }, at - this.clock.now());
  }

  private cancelWake(): void {
    this.wake?.cancel();
    this.wake = null;
  }
}
