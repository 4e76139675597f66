import { request, type IncomingMessage } from 'node:http';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { isDoorKey } from '../../native/hid/keys';
import { createSimulator } from '../../native/sim/simulator';
import { startHttpHost } from '../../src/host/server';
import { adminPassword, testCore } from '../helpers/core';

/** Waits for a state, as long as the test may run: a busy machine delivers events late, not never. */
const until = (check: () => boolean) =>
  vi.waitFor(
    () => {
      if (!check()) throw new Error('not yet');
    },
    { timeout: 50_000, interval: 20 },
  );

async function simulatedHost() {
  const core = testCore();
  const sim = createSimulator(() => core.clock.now());
  await core.devices.start('sim', sim);
  const h = await startHttpHost(core, { host: '127.0.0.1', port: 0, staticDir: null });
  onTestFinished(() => h.close());
  const post = (method: string, input: unknown, cookie?: string) =>
    new Promise<{ body: string; cookie: string }>((resolve, reject) => {
      const headers: Record<string, string> = { Origin: h.url, 'Content-Type': 'application/json', ...(cookie ? { Cookie: cookie } : {}) };
      const req = request(new URL(`/api/${method}`, h.url), { method: 'POST', headers }, (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve({ body, cookie: String(res.headers['set-cookie'] ?? cookie).split(';')[0]! }));
      });
      req.on('error', reject);
      req.end(JSON.stringify(input));
    });
  /** An open /api/events stream of one session, everything it received so far. */
  const stream = async (cookie: string) => {
    const received = { text: '' };
    const res = await new Promise<IncomingMessage>((resolve, reject) => {
      const req = request(new URL('/api/events', h.url), { headers: { Cookie: cookie } }, resolve);
      req.on('error', reject);
      req.end();
    });
    res.on('data', (d: Buffer) => (received.text += d.toString()));
    await until(() => received.text.includes(': connected'));
    return received;
  };
  return { core, sim, post, stream };
}

const echoes = (text: string) => text.split('\n').filter((line) => line === 'event: devices.key').length;

describe('key echo', () => {
  it('goes only to the admin identifying a device, while it identifies, and never says which key', async () => {
    const { core, sim, post, stream } = await simulatedHost();
    const ada = (await post('auth.setup', { username: 'ada', displayName: 'Ada', password: adminPassword })).cookie;
    await post('staff.create', { username: 'bob', displayName: 'Bob', role: 'admin', password: adminPassword }, ada);
    const bob = (await post('auth.login', { username: 'bob', password: adminPassword })).cookie;
    const adaEvents = await stream(ada);
    const bobEvents = await stream(bob);
    // A marker every stream receives: once a stream has it, whatever was sent before it has arrived too.
    let marks = 0;
    const mark = async () => {
      const id = ++marks;
      core.events.emit('recipients.changed', { id: 1000 + id });
      const seen = `"id":${1000 + id}}`;
      await until(() => adaEvents.text.includes(seen) && bobEvents.text.includes(seen));
    };

    // Nobody identifies: a PIN typed at the door reaches no screen.
    sim.keypad.type('482913#');
    await core.door.settled();
    await mark();
    expect(echoes(adaEvents.text) + echoes(bobEvents.text)).toBe(0);

    // Ada identifies: her screen alone learns that keys came, and nothing of which.
    const identified = post('devices.identify', { seconds: 10 }, ada);
    await until(() => {
      sim.reader.type([...'QRtoken-Z9'].filter(isDoorKey).concat('Enter'));
      return echoes(adaEvents.text) > 0;
    });
    expect(JSON.parse((await identified).body)).toMatchObject({ ok: true, result: { path: expect.stringMatching(/^sim:/) } });
    await mark();
    expect(echoes(bobEvents.text)).toBe(0);
    const payloads = adaEvents.text
      .split('event: devices.key\ndata: ')
      .slice(1)
      .map((rest) => rest.split('\n')[0]);
    expect(new Set(payloads)).toEqual(new Set(['{"role":"reader"}']));
    expect(adaEvents.text).not.toMatch(/QRtoken|Z9|482913/);

    // Identification over: no more echoes, to her either.
    const before = echoes(adaEvents.text);
    sim.keypad.type('1234#');
    await core.door.settled();
    await mark();
    expect(echoes(adaEvents.text)).toBe(before);
  });
});
