/**
 * The Electron transport, generated from the contract like the HTTP one: one invoke channel
 * for every method, one event channel for every core event. The session token lives here, in
 * main, per window; the renderer never sees it.
 */
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import type { Envelope } from '../src/contract';
import type { Core } from '../src/core';
import { log } from '../src/log';
import type { CallContext } from '../src/services/dispatch';
import { eventChannel, invokeChannel, isAppUrl, senderRejection, type SenderFacts } from './policy';

export interface IpcBridge {
  /** Lets this window's main frame call the core; its session ends when the window is destroyed. */
  attach(contents: WebContents): void;
  /** Removes the handler and event forwarding (on quit, before the core closes). */
  dispose(): void;
}

const refused: Envelope = {
  ok: false,
  error: { code: 'FORBIDDEN', message: 'This request did not come from the Packroom window, so it was refused.' },
};

/** The sending frame's URL and whether it is the window's top frame; null if the frame is gone or was disposed mid-flight. */
function senderFrame(event: IpcMainInvokeEvent): SenderFacts['frame'] {
  try {
    const frame = event.senderFrame;
    if (!frame || frame.detached) return null;
    const main = event.sender.mainFrame;
    const isMainFrame = frame.parent === null && frame.processId === main.processId && frame.routingId === main.routingId;
    return { url: frame.url, isMainFrame };
  } catch {
    return null;
  }
}

interface Entry {
  contents: WebContents;
  ctx: CallContext;
  /** Removes the window's event stream; null while it is not signed in and unlocked. */
  stream: (() => void) | null;
}

export function installIpc(core: Core): IpcBridge {
  const contexts = new Map<number, Entry>();
  let disposed = false;

  ipcMain.handle(invokeChannel, async (event, method: unknown, input: unknown): Promise<Envelope> => {
    const entry = contexts.get(event.sender.id);
    const rejection = senderRejection({ knownWindow: entry !== undefined && entry.contents === event.sender, frame: senderFrame(event) });
    if (rejection !== null || !entry) {
      log.warn(
        `IPC: refused ${typeof method === 'string' ? method.slice(0, 100) : typeof method} from webContents ${event.sender.id}: ${rejection ?? 'unknown'}`,
      );
      return refused;
    }
    const envelope = await core.dispatch(entry.ctx, method, input);
    // A window gets events once it is signed in and unlocked, and again after the core closed its
    // stream (sign-out, lock, a password change): the policy admits it only in that state.
    if (!entry.stream && !disposed) entry.stream = openStream(entry);
    return envelope;
  });

  // Which events go to a window, and when, is the core's policy (src/services/delivery.ts), as for the HTTP host.
  function openStream(entry: Entry): (() => void) | null {
    const { contents, ctx } = entry;
    return core.delivery.open({
      token: () => ctx.sessionToken,
      send: (name, payload) => {
        if (!contents.isDestroyed() && isAppUrl(contents.getURL())) contents.send(eventChannel, name, payload);
      },
      close: () => (entry.stream = null),
    });
  }

  return {
    attach(contents) {
      if (disposed) return;
      const id = contents.id;
      if (contexts.has(id)) return;
      const ctx: CallContext = { sessionToken: null };
      const entry: Entry = { contents, ctx, stream: null };
      contexts.set(id, entry);
      contents.once('destroyed', () => {
        contexts.delete(id);
        entry.stream?.();
        if (disposed) return;
        try {
          core.auth.logout(ctx.sessionToken); // ends the session in the core too, with its audit row
        } catch (error) {
          log.error('Could not end the window session', error);
        }
        ctx.sessionToken = null;
      });
    },
    dispose() {
      disposed = true;
      ipcMain.removeHandler(invokeChannel);
      for (const entry of contexts.values()) entry.stream?.();
      contexts.clear();
    },
  };
}
