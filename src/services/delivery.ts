import { eventNames, type EventName, type Events } from '../contract';
import type { AuthService } from './auth/service';
import type { Audience, EventBus } from './events';

/** One UI's event stream, as a transport keeps it: an HTTP response or an Electron window. */
export interface EventStream {
  /** The session it serves, read at every delivery (a window signs in again on the same stream). */
  token(): string | null;
  send<E extends EventName>(name: E, payload: Events[E]): void;
  /** Its session ended or locked: HTTP ends the response, IPC stops forwarding until the window signs in again. */
  close(): void;
}

export interface EventDeliveryDeps {
  events: EventBus;
  auth: Pick<AuthService, 'current' | 'watchSessions'>;
}

type Current = NonNullable<ReturnType<AuthService['current']>>;

/**
 * The one policy for events to the UIs, used by both transports. Delivery runs on a later turn
 * (in order), so whoever emitted, e.g. the door path, never waits for a UI, and the session check
 * (which may idle-lock and audit) never runs inside the emitter. Each event goes only to streams
 * whose session is signed in and unlocked at that moment; a stream whose session ended or locked
 * gets `session.ended` and is closed, at its next event or as soon as the session changes.
 */
export class EventDelivery {
  private readonly streams = new Set<EventStream>();
  private readonly unsubscribe: (() => void)[];
  private stopped = false;

  constructor(private readonly deps: EventDeliveryDeps) {
    this.unsubscribe = [
      ...eventNames.map((name) => deps.events.on(name, (payload, to) => void setImmediate(() => this.deliver(name, payload, to)))),
      deps.auth.watchSessions(() => void setImmediate(() => this.sweep())),
    ];
  }

  /** Adds a stream if its session is signed in and unlocked now; null otherwise. Returns how to remove it. */
  open(stream: EventStream): (() => void) | null {
    if (this.stopped || !this.admitted(stream)) return null;
    this.streams.add(stream);
    return () => this.streams.delete(stream);
  }

  /** At shutdown: nothing more is delivered, queued events included. */
  stop(): void {
    this.stopped = true;
    this.unsubscribe.forEach((off) => off());
    this.streams.clear();
  }

  private deliver<E extends EventName>(name: E, payload: Events[E], to: Audience): void {
    if (this.stopped) return;
    for (const stream of this.streams) {
      // An event addressed to one session (a key echo, to the admin identifying a device) goes to
      // that session's streams alone; a rule about who gets an event belongs here, nowhere else.
      if (to !== null && stream.token() !== to) continue;
      if (this.admitted(stream)) stream.send(name, payload);
      else this.end(stream);
    }
  }

  /** A session ended or locked somewhere: its streams close now, not at the next event. */
  private sweep(): void {
    if (this.stopped) return;
    for (const stream of this.streams) if (!this.admitted(stream)) this.end(stream);
  }

  private admitted(stream: EventStream): Current | null {
    const current = this.deps.auth.current(stream.token());
    return current && !current.session.locked ? current : null;
  }

  private end(stream: EventStream): void {
    this.streams.delete(stream);
    stream.send('session.ended', {});
    stream.close();
  }
}
