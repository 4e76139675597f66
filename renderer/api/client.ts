import {
  ApiError,
  type Envelope,
  type EventName,
  type Events,
  type MethodInput,
  type MethodName,
  type MethodResult,
} from '../../src/contract';
import { i18n } from '../i18n';

/** What the Electron preload exposes as window.packroom (envelopes, so error details survive IPC). */
interface RawBridge {
  invoke(method: string, input: unknown): Promise<Envelope>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    packroom?: RawBridge;
  }
}

/** The headless host: same envelopes over HTTP, events over server-sent events. */
function httpBridge(): RawBridge {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let source: EventSource | null = null;

  function connect() {
    if (source) return;
    source = new EventSource('/api/events');
    for (const name of listeners.keys()) attach(name);
    source.onerror = () => {
      // Reconnect with the current session (e.g. after signing in again); EventSource gives up on a 401.
      source?.close();
      source = null;
      setTimeout(() => listeners.size > 0 && connect(), 3000);
    };
  }

  function attach(name: string) {
    source?.addEventListener(name, (e) => {
      const payload = JSON.parse((e as MessageEvent<string>).data) as unknown;
      listeners.get(name)?.forEach((l) => l(payload));
    });
  }

  return {
    async invoke(method, input) {
      let response: Response;
      try {
        response = await fetch(`/api/${method}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(input ?? {}),
          credentials: 'same-origin',
        });
      } catch {
        return {
          ok: false,
          error: { code: 'INTERNAL', message: i18n.t('app.unreachable') },
        };
      }
      return (await response.json()) as Envelope;
    },
    on(event, listener) {
      const isNew = !listeners.has(event);
      if (isNew) listeners.set(event, new Set());
      listeners.get(event)!.add(listener);
      if (!source) connect();
      else if (isNew) attach(event);
      return () => listeners.get(event)?.delete(listener);
    },
  };
}

const bridge: RawBridge = window.packroom ?? httpBridge();

type Interceptor = (error: ApiError) => void;
let onAuthError: Interceptor = () => undefined;

/** The app shell learns here when the session ended or locked, whichever screen made the call. */
export function setAuthErrorHandler(handler: Interceptor): void {
  onAuthError = handler;
}

export async function invoke<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodResult<M>> {
  const envelope = await bridge.invoke(method, input);
  if (envelope.ok) return envelope.result as MethodResult<M>;
  const error = ApiError.fromBody(envelope.error);
  // auth.* calls report wrong passwords themselves; any other call failing this way means the session locked or ended.
  if (!method.startsWith('auth.') && (error.code === 'LOCKED' || error.code === 'UNAUTHENTICATED')) onAuthError(error);
  throw error;
}

export function on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void {
  return bridge.on(event, listener as (payload: unknown) => void);
}

export { ApiError };
