/** The /sim endpoints of `packroom serve --devices sim`: the simulated keypad, QR reader, relay and clock. */

export interface RelayPulse {
  channel: number;
  openedAt: string;
  closedAt: string | null;
}

export interface RelayState {
  open: boolean;
  pulses: RelayPulse[];
}

async function post(path: string, body: unknown): Promise<void> {
  const response = await fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${path} answered ${response.status}: ${(await response.text()) || response.statusText}`);
}

// Key presses must reach the keypad in the order they were clicked; parallel requests could overtake each other.
let keypadQueue: Promise<void> = Promise.resolve();

export function pressKeys(keys: string): Promise<void> {
  const sent = keypadQueue.then(() => post('/sim/keypad', { keys }));
  keypadQueue = sent.catch(() => undefined);
  return sent;
}

export const scanQr = (text: string) => post('/sim/reader', { text });

export const advanceClock = (advanceMs: number) => post('/sim/clock', { advanceMs });

export async function readRelay(): Promise<RelayState> {
  const response = await fetch('/sim/relay', { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`/sim/relay answered ${response.status}`);
  return (await response.json()) as RelayState;
}
