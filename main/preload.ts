/**
 * The sandboxed preload: gives the staff UI `window.packroom` with exactly `invoke` and `on`,
 * nothing else. ipcRenderer itself, its events and their `sender` never cross into the page.
 * Bundled into dist/main/preload.cjs; a sandboxed preload may require only 'electron'.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { Envelope } from '../src/contract';
import { bridgeEventNames, eventChannel, invokeChannel } from './channels';

const knownEvents: ReadonlySet<string> = new Set(bridgeEventNames);

contextBridge.exposeInMainWorld('packroom', {
  /** Calls a contract method in main; resolves to the Envelope, which the renderer's client unwraps. */
  invoke(method: unknown, input: unknown): Promise<Envelope> {
    if (typeof method !== 'string') {
      return Promise.resolve({ ok: false, error: { code: 'UNKNOWN_METHOD', message: 'The operation name must be text.' } });
    }
    return ipcRenderer.invoke(invokeChannel, method, input) as Promise<Envelope>;
  },

  /** Subscribes to one core event; returns the function that unsubscribes. */
  on(event: unknown, listener: unknown): () => void {
    if (typeof event !== 'string' || !knownEvents.has(event))
      throw new TypeError(`Packroom has no event called ${JSON.stringify(String(event))}.`);
    if (typeof listener !== 'function') throw new TypeError('The event listener must be a function.');
    const forward = (_ipcEvent: IpcRendererEvent, name: unknown, payload: unknown) => {
      if (name === event) (listener as (payload: unknown) => void)(payload);
    };
    ipcRenderer.on(eventChannel, forward);
    return () => {
      ipcRenderer.removeListener(eventChannel, forward);
    };
  },
});
