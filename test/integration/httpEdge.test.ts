import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { simRoutes } from '../../src/host/sim';
import { startHttpHost } from '../../src/host/server';
import { adminPassword, tempDir, testCore } from '../helpers/core';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw request: the path goes on the wire as written, broken escapes and all. */
function send(url: string, opts: { method?: string; path: string; headers?: Record<string, string>; body?: string }): Promise<Reply> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path: opts.path, method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** A built UI in miniature: the app page, an asset and the simulator's page. */
function staticDir(): string {
  const dir = tempDir();
  mkdirSync(join(dir, 'assets'));
  mkdirSync(join(dir, 'sim'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Packroom</title>');
  writeFileSync(join(dir, 'assets', 'app.js'), '');
  writeFileSync(join(dir, 'sim', 'index.html'), '<!doctype html><title>Simulator</title>');
  return dir;
}

async function host(withUi = false) {
  const core = testCore();
  const h = await startHttpHost(core, {
    host: '127.0.0.1',
    port: 0,
    staticDir: withUi ? staticDir() : null,
    extraRoutes: simRoutes(core, null),
  });
  onTestFinished(() => h.close());
  const json = { Origin: h.url, 'Content-Type': 'application/json' };
  return { core, url: h.url, json };
}

/** Everything written to stderr (where the log goes) while the test runs. */
function stderrLines(): string[] {
  const lines: string[] = [];
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  onTestFinished(() => spy.mockRestore());
  return lines;
}

describe('HTTP edge: malformed requests', () => {
  it('answers broken %-escapes in the path, the query and the session cookie with 400, and logs no stack trace', async () => {
    const { url, json } = await host(true);
    const logged = stderrLines();
    const replies = [
      await send(url, { method: 'POST', path: '/api/%E0%A4%A', headers: json, body: '{}' }),
      await send(url, { method: 'POST', path: '/api/auth.status?%zz', headers: json, body: '{}' }),
      await send(url, { method: 'POST', path: '/api/auth.status', headers: { ...json, Cookie: 'packroom_session=%E0%A4%A' }, body: '{}' }),
      await send(url, { path: '/api/events', headers: { Cookie: 'packroom_session=%E0%A4%A' } }),
      await send(url, { path: '/api/events?%zz' }),
      await send(url, { path: '/%E0%A4%A' }),
      await send(url, { path: '/sim/%zz' }),
    ];
    for (const reply of replies) {
      expect(reply.status).toBe(400);
      expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'VALIDATION', key: 'request.malformed' } });
    }
    expect(logged.join('')).not.toMatch(/URIError|\n\s+at /);
  });

  it('checks the Host and the Origin before decoding anything', async () => {
    const { url, json } = await host();
    const cookie = 'packroom_session=%E0%A4%A';
    expect((await send(url, { path: '/api/%E0%A4%A', headers: { Host: 'attacker.example', Cookie: cookie } })).status).toBe(421);
    const crossSite = await send(url, {
      method: 'POST',
      path: '/api/%E0%A4%A',
      headers: { ...json, Origin: 'http://evil.example', Cookie: cookie },
      body: '{}',
    });
    expect(crossSite.status).toBe(403);
  });

  it('still reads a well-formed escaped session cookie', async () => {
    const { url, json } = await host();
    const setup = await send(url, {
      method: 'POST',
      path: '/api/auth.setup',
      headers: json,
      body: JSON.stringify({ username: 'ada', displayName: 'Ada', password: adminPassword }),
    });
    const cookie = String(setup.headers['set-cookie']).split(';')[0]!;
    const reply = await send(url, { method: 'POST', path: '/api/auth.status?x=%41', headers: { ...json, Cookie: cookie }, body: '{}' });
    expect(reply.status).toBe(200);
  });

  it('answers the event stream only to GET: a signed-in HEAD or POST gets 405 at once (a HEAD was never answered)', async () => {
    const { url, json } = await host();
    const setup = await send(url, {
      method: 'POST',
      path: '/api/auth.setup',
      headers: json,
      body: JSON.stringify({ username: 'ada', displayName: 'Ada', password: adminPassword }),
    });
    const cookie = String(setup.headers['set-cookie']).split(';')[0]!;
    for (const method of ['HEAD', 'POST']) {
      const reply = await send(url, {
        method,
        path: '/api/events',
        headers: { ...json, Cookie: cookie },
        body: method === 'POST' ? '{}' : undefined,
      });
      expect(reply.status, method).toBe(405);
    }
  });
});

describe('HTTP edge: pages', () => {
  it('answers /sim with 404 JSON on a host without simulated devices', async () => {
    const { url } = await host(true);
    for (const path of ['/sim', '/sim/', '/sim/relay']) {
      const reply = await send(url, { path });
      expect(reply.status).toBe(404);
      expect(reply.headers['content-type']).toMatch(/^application\/json/);
      expect(JSON.parse(reply.body)).toEqual({ error: expect.stringMatching(/--devices sim/) });
    }
  });

  it('serves the app page at an unknown path without letting the browser keep it there, and the real page as before', async () => {
    const { url } = await host(true);
    const unknown = await send(url, { path: '/recipients/42' });
    expect(unknown.status).toBe(200);
    expect(unknown.body).toMatch(/<!doctype html>/i);
    expect(unknown.headers['cache-control']).toBe('no-store');
    const page = await send(url, { path: '/' });
    expect(page.status).toBe(200);
    expect(page.headers['cache-control']).not.toBe('no-store');
    expect((await send(url, { path: '/assets/app.js' })).headers['cache-control']).not.toBe('no-store');
    expect((await send(url, { path: '/assets/missing.js' })).status).toBe(404);
  });
});
