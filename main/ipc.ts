/**
 * The Electron transport, generated from the contract like the HTTP one: one invoke channel
 * for every method, one event channel for every core event. The session token lives here, in
 * main, per window; the renderer never sees it.
 */
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { eventNames, type Envelope, type EventName } from '../src/contract';
import type { Core } from '../src/core';
import { log } from '../src/log';
import type { CallContext } from '../src/services/dispatch';
import type { Audience } from '../src/services/events';
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

export function installIpc(core: Core): IpcBridge {
  const contexts = new Map<number, { contents: WebContents; ctx: CallContext }>();
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
    return core.dispatch(entry.ctx, method, input);
  });

  // Events go only to windows whose session is signed in and unlocked, like the HTTP host's /api/events.
  // Sent on the next turn (in order), so whoever emitted, e.g. the door path, never waits for the UI,
  // and the session check (which may idle-lock and audit) never runs inside the emitter.
  function forward(name: EventName, payload: unknown, to: Audience): void {
    if (disposed) return;
    for (const { contents, ctx } of contexts.values()) {
      if (contents.isDestroyed() || !isAppUrl(contents.getURL())) continue;
      if (to !== null && ctx.sessionToken !== to) continue;
      const current = core.auth.current(ctx.sessionToken);
      if (!current || current.session.locked) continue;
      contents.send(eventChannel, name, payload);
    }
  }
  const unsubscribe = eventNames.map((name) => core.events.on(name, (payload, to) => void setImmediate(forward, name, payload, to)));

  return {
    attach(contents) {
      if (disposed) return;
      const id = contents.id;
      if (contexts.has(id)) return;
      const ctx: CallContext = { sessionToken: null };
      contexts.set(id, { contents, ctx });
      contents.once('destroyed', () => {
        contexts.delete(id);
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
      unsubscribe.forEach((off) => off());
      contexts.clear();
    },
  };
}
