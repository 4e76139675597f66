import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { Simulator } from '../../native/sim/simulator';
import { isDoorKey } from '../../native/hid/keys';
import type { Core } from '../core';
import { readJsonBody, sendJson } from './server';
import { isLoopback } from './security';

const keypadInput = z.object({
  keys: z
    .string({ error: 'keys must be a string such as "123456#"' })
    .min(1, 'keys must not be empty')
    .max(256)
    .refine((keys) => /^[0-9*#]+$/.test(keys), 'keys may contain only 0-9, * and #'),
});
const readerInput = z.object({
  text: z
    .string({ error: 'text must be a string' })
    .min(1)
    .max(512)
    .refine((t) => [...t].every(isDoorKey), 'text must be printable ASCII'),
});
const clockInput = z.object({
  advanceMs: z
    .number({ error: 'advanceMs must be a number' })
    .int()
    .min(0)
    .max(400 * 86_400_000),
});

interface Pulse {
  channel: number;
  openedAt: string;
  closedAt: string | null;
}

/** Pairs the relay board's on/off history into pulses, as seen on the wire. */
export function relayPulses(history: readonly { channel: number; on: boolean; at: number }[]): Pulse[] {
  const pulses: Pulse[] = [];
  const open = new Map<number, Pulse>();
  for (const event of history) {
    if (event.on && !open.has(event.channel)) {
      const pulse = { channel: event.channel, openedAt: new Date(event.at).toISOString(), closedAt: null };
      open.set(event.channel, pulse);
      pulses.push(pulse);
    } else if (!event.on) {
      const pulse = open.get(event.channel);
      if (pulse) pulse.closedAt = new Date(event.at).toISOString();
      open.delete(event.channel);
    }
  }
  return pulses;
}

/**
 * The simulator's endpoints, in sim mode only (a 404 otherwise) and from this machine only: a page with a keypad,
 * a reader box and a relay lamp, and JSON endpoints that type keys as real HID reports.
 */
export function simRoutes(core: Core, sim: Simulator | null) {
  return async (req: IncomingMessage, res: ServerResponse, url: URL, origins: ReadonlySet<string>): Promise<boolean> => {
    if (url.pathname !== '/sim' && !url.pathname.startsWith('/sim/')) return false;
    // Without simulated devices the page would only fail; a clear 404 also keeps it from being cached as the app.
    if (!sim) {
      sendJson(res, 404, { error: 'This Packroom has no simulated devices: start it with "packroom serve --devices sim".' });
      return true;
    }
    if (!isLoopback(req.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '')) {
      sendJson(res, 403, { error: 'The simulator answers only on this computer.' });
      return true;
    }
    if (url.pathname === '/sim' || url.pathname === '/sim/') return false;
    const route = `${req.method} ${url.pathname}`;
    if (route === 'GET /sim/relay') {
      sendJson(res, 200, { open: sim.relayBoard.states[sim.relayChannel - 1] ?? false, pulses: relayPulses(sim.relayBoard.history) });
      return true;
    }
    if (req.method !== 'POST' || !['/sim/keypad', '/sim/reader', '/sim/clock'].includes(url.pathname)) {
      sendJson(res, 404, { error: `No simulator endpoint ${route}.` });
      return true;
    }
    const origin = req.headers.origin;
    if (origin !== undefined && !origins.has(origin.toLowerCase())) {
      sendJson(res, 403, { error: 'Requests must come from this Packroom.' });
      return true;
    }
    let body: unknown;
    try {
      body = await readJsonBody(req);
    } catch {
      sendJson(res, 400, { error: 'The request body is not valid JSON.' });
      return true;
    }
    const schema = url.pathname === '/sim/keypad' ? keypadInput : url.pathname === '/sim/reader' ? readerInput : clockInput;
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      sendJson(res, 400, { error: parsed.error.issues[0]?.message ?? 'Invalid input.' });
      return true;
    }
    const input = parsed.data as Record<string, unknown>;
    if (url.pathname === '/sim/keypad') sim.keypad.type(String(input.keys));
    else if (url.pathname === '/sim/reader') sim.reader.type([...String(input.text)].filter(isDoorKey).concat('Enter'));
    else core.clock.advance(Number(input.advanceMs));
    await core.door.settled();
    sendJson(res, 200, { ok: true, relay: { open: sim.relayBoard.states[sim.relayChannel - 1] ?? false } });
    return true;
  };
}
