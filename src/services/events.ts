import { EventEmitter } from 'node:events';
import type { EventName, Events } from '../contract';

/**
 * The session token an event is addressed to, or null for every signed-in screen. Transports deliver an
 * addressed event only to the connection holding that session (a key echo, to the admin identifying).
 */
export type Audience = string | null;

/** Typed fan-out of core events to every connected UI (IPC or HTTP server-sent events). */
export class EventBus {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  emit<E extends EventName>(event: E, payload: Events[E], to: Audience = null): void {
    this.emitter.emit(event, payload, to);
  }

  on<E extends EventName>(event: E, listener: (payload: Events[E], to: Audience) => void): () => void {
    this.emitter.on(event, listener);
    return () => this.emitter.off(event, listener);
  }
}
