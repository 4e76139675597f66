import fc from 'fast-check';
import { connect } from 'node:net';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { createSimulator } from '../../native/sim/simulator';
import { api } from '../../src/contract';
import { simRoutes } from '../../src/host/sim';
import { startHttpHost } from '../../src/host/server';
import { adminPassword, testCore } from '../helpers/core';

/**
 * Random requests against the real host (the sim routes and the API included, signed in or not): none
 * may answer 5xx, hang or take the process down. Bounded so it stays under a minute on a loaded machine;
 * a failure prints fast-check's seed and path, and FUZZ_SEED=<seed> replays that run.
 */
const runs = 1000;

interface RawRequest {
  method: string;
  target: string;
  headers: [string, string][];
  body: string;
}

/** Sends bytes as written (no client-side checks), answers the status code, or 0 when the server closed without one. */
function sendRaw(port: number, request: RawRequest): Promise<number> {
  const body = Buffer.from(request.body, 'utf8');
  const head = [
    `${request.method} ${request.target} HTTP/1.1`,
    ...request.headers.map(([name, value]) => `${name}: ${value}`),
    `Content-Length: ${body.length}`,
    'Connection: close',
    '',
    '',
  ].join('\r\n');
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    const timer = setTimeout(() => (socket.destroy(), reject(new Error(`no answer to ${request.method} ${request.target}`))), 15_000);
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      const line = /^HTTP\/1\.1 (\d{3})/.exec(received);
      if (line) {
        clearTimeout(timer);
        socket.destroy();
        resolve(Number(line[1]));
      }
    });
    socket.on('error', () => undefined);
    socket.on('close', () => (clearTimeout(timer), resolve(0)));
    socket.write(Buffer.concat([Buffer.from(head, 'latin1'), body]));
  });
}

const noNewlines = (text: string) => text.replace(/[\r\n]/g, '');

/** Text as a sloppy or hostile client would put it in a URL: escaped, raw, half-escaped or broken. */
const urlText = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }).map(encodeURIComponent),
  fc.string({ unit: 'binary' }).map(encodeURIComponent),
  fc.constantFrom('%', '%E0%A4%A', '%zz', '%00', '%2F', '%C0%AF', '..', '../..', '%2e%2e', '//', '?', '#', ';', '+', '\u00e9', '\u0000'),
);
const pathText = fc.array(urlText, { maxLength: 4 }).map((parts) => parts.join(''));

const methodNames = Object.keys(api);

function requests(port: number, session: string) {
  const origin = `http://127.0.0.1:${port}`;
  const target = fc.oneof(
    fc.constantFrom(...methodNames).map((m) => `/api/${m}`),
    fc.tuple(fc.constantFrom('/api/', '/api/events', '/sim', '/sim/', '/', '/assets/', '/index.html'), pathText).map(([a, b]) => a + b),
    fc.tuple(fc.constantFrom(...methodNames, 'events'), pathText).map(([m, q]) => `/api/${m}?${q}`),
    fc.constantFrom('*', 'http://127.0.0.1/api/auth.status', 'http://[/', `http://attacker.example/`, '/\\\\evil', ''),
    pathText.map((p) => `/${p}`),
  );
  const header = (name: string, values: fc.Arbitrary<string>) =>
    fc.option(
      values.map((v): [string, string] => [name, noNewlines(v)]),
      { nil: undefined },
    );
  const cookie = fc.oneof(
    fc.constant(`packroom_session=${session}`),
    urlText.map((v) => `packroom_session=${v}`),
    fc.tuple(fc.string(), fc.string()).map(([a, b]) => `${a}=${b}; packroom_session=${session}`),
    fc.string(),
  );
  const body = fc.oneof(
    fc.constant(''),
    fc.constant('{}'),
    fc.json(),
    fc.jsonValue().map((v) => JSON.stringify({ input: v })),
    fc.object().map((o) => {
      try {
        return JSON.stringify(o);
      } catch {
        return '{}';
      }
    }),
    fc.string(),
  );
  return fc
    .record({
      method: fc.oneof(
        fc.constantFrom('GET', 'POST', 'POST', 'HEAD', 'PUT', 'DELETE', 'OPTIONS', 'PATCH'),
        fc.stringMatching(/^[A-Z]{1,8}$/),
      ),
      target: target.map(noNewlines).map((t) => t.replace(/ /g, '%20')),
      host: fc.oneof(fc.constant(`127.0.0.1:${port}`), fc.constant(`localhost:${port}`), fc.string()),
      origin: header('Origin', fc.oneof(fc.constant(origin), fc.constant('http://evil.example'), fc.string())),
      contentType: header(
        'Content-Type',
        fc.oneof(fc.constant('application/json'), fc.constant('application/json; charset=utf-8'), fc.string()),
      ),
      cookie: header('Cookie', cookie),
      extra: fc.array(fc.tuple(fc.stringMatching(/^[A-Za-z-]{1,20}$/), fc.string()), { maxLength: 3 }),
      body,
    })
    .map((r): RawRequest => ({
      method: r.method,
      target: r.target,
      headers: [
        ['Host', noNewlines(r.host)],
        ...[r.origin, r.contentType, r.cookie].filter((h): h is [string, string] => h !== undefined),
        ...r.extra
          .filter(([name]) => !/^(content-length|transfer-encoding|host|connection|expect|upgrade)$/i.test(name))
          .map(([name, value]): [string, string] => [name, noNewlines(value)]),
      ],
      body: r.body,
    }));
}

describe('HTTP edge fuzz', () => {
  it('answers any request without a 5xx and keeps serving', { timeout: 120_000 }, async () => {
    const core = testCore();
    const sim = createSimulator(() => core.clock.now());
    await core.devices.start('sim', sim);
    const h = await startHttpHost(core, { host: '127.0.0.1', port: 0, staticDir: null, extraRoutes: simRoutes(core, sim) });
    onTestFinished(() => h.close());
    const port = Number(new URL(h.url).port);
    const setup = await fetch(`${h.url}/api/auth.setup`, {
      method: 'POST',
      headers: { Origin: h.url, 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'ada', displayName: 'Ada', password: adminPassword }),
    });
    const session = /packroom_session=([^;]+)/.exec(setup.headers.get('set-cookie') ?? '')![1]!;
    const errors: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      if (/ error /.test(String(chunk))) errors.push(String(chunk));
      return true;
    });
    onTestFinished(() => spy.mockRestore());

    const seed = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
    await fc.assert(
      fc.asyncProperty(requests(port, session), async (request) => {
        const status = await sendRaw(port, request);
        expect(status, `${request.method} ${request.target}`).toBeLessThan(500);
      }),
      { numRuns: runs, ...(seed === undefined ? {} : { seed }), verbose: 1 },
    );
    const alive = await fetch(`${h.url}/api/auth.status`, {
      method: 'POST',
      headers: { Origin: h.url, 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(alive.status).toBe(200);
    expect(errors).toEqual([]);
  });
});
