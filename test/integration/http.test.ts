import { request } from 'node:http';
import { describe, expect, it, onTestFinished } from 'vitest';
import { startHttpHost } from '../../src/host/server';
import { adminPassword, testCore } from '../helpers/core';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(url: string, opts: { method?: string; path: string; headers?: Record<string, string>; body?: string }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(opts.path, url), { method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

async function host() {
  const core = testCore();
  const h = await startHttpHost(core, { host: '127.0.0.1', port: 0, staticDir: null });
  onTestFinished(() => h.close());
  const origin = h.url;
  const api = (method: string, input: unknown, headers: Record<string, string> = {}) =>
    send(h.url, {
      method: 'POST',
      path: `/api/${method}`,
      headers: { Origin: origin, 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify(input),
    });
  return { core, url: h.url, api };
}

describe('HTTP transport', () => {
  it('sets an HttpOnly, SameSite=Strict session cookie on sign-in and honours it', async () => {
    const { api } = await host();
    const setup = await api('auth.setup', { username: 'ada', displayName: 'Ada', password: adminPassword });
    expect(setup.status).toBe(200);
    const cookie = String(setup.headers['set-cookie']);
    expect(cookie).toMatch(/^packroom_session=[\w-]{40,}; Path=\/; HttpOnly; SameSite=Strict/);
    const token = cookie.split(';')[0]!;
    const search = await api('recipients.search', {}, { Cookie: token });
    expect(JSON.parse(search.body)).toMatchObject({ ok: true });
    const anonymous = await api('recipients.search', {});
    expect(anonymous.status).toBe(401);

    const logout = await api('auth.logout', {}, { Cookie: token });
    expect(String(logout.headers['set-cookie'])).toMatch(/Max-Age=0/);
    expect((await api('recipients.search', {}, { Cookie: token })).status).toBe(401);
  });

  it('refuses a Host it does not serve (DNS rebinding)', async () => {
    const { url } = await host();
    const reply = await send(url, { path: '/', headers: { Host: 'attacker.example:80' } });
    expect(reply.status).toBe(421);
    const api = await send(url, {
      method: 'POST',
      path: '/api/auth.status',
      headers: { Host: 'attacker.example', Origin: 'http://attacker.example', 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(api.status).toBe(421);
  });

  it('refuses cross-site and form-encoded calls (CSRF)', async () => {
    const { api } = await host();
    expect((await api('auth.status', {}, { Origin: 'http://evil.example' })).status).toBe(403);
    expect((await api('auth.status', {}, { Origin: '' })).status).toBe(403);
    expect((await api('auth.status', {}, { 'Content-Type': 'application/x-www-form-urlencoded' })).status).toBe(415);
  });

  it('answers bad JSON and invalid input with a clear error, not a stack trace', async () => {
    const { url, api } = await host();
    const bad = await send(url, {
      method: 'POST',
      path: '/api/auth.login',
      headers: { Origin: url, 'Content-Type': 'application/json' },
      body: '{"username": ',
    });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toEqual({ ok: false, error: { code: 'VALIDATION', message: 'The request body is not valid JSON.' } });
    const invalid = await api('auth.setup', { username: 'a', displayName: 'A', password: adminPassword });
    expect(JSON.parse(invalid.body)).toMatchObject({ ok: false, error: { field: 'username' } });
    expect(invalid.body).not.toMatch(/at \w+ \(/);
  });

  it('sends security headers on every response', async () => {
    const { url } = await host();
    const reply = await send(url, { path: '/nothing-here' });
    expect(reply.headers['content-security-policy']).toContain("default-src 'self'");
    expect(reply.headers['x-frame-options']).toBe('DENY');
    expect(reply.headers['x-content-type-options']).toBe('nosniff');
  });

  it('streams events to a signed-in UI only', async () => {
    const { core, url, api } = await host();
    const setup = await api('auth.setup', { username: 'ada', displayName: 'Ada', password: adminPassword });
    const cookie = String(setup.headers['set-cookie']).split(';')[0]!;
    expect((await send(url, { path: '/api/events' })).status).toBe(401);

    const received = await new Promise<string>((resolve, reject) => {
      const req = request(new URL('/api/events', url), { headers: { Cookie: cookie } }, (res) => {
        let text = '';
        res.on('data', (d: Buffer) => {
          const first = text === '';
          text += d.toString();
          // The stream's first line comes once the server listens for events: the change is made then, not after a set time.
          if (first) void api('recipients.create', { firstName: 'A', lastName: 'B', unit: '1' }, { Cookie: cookie });
          if (text.includes('event: recipients.changed')) {
            req.destroy();
            resolve(text);
          }
        });
      });
      req.on('error', reject);
      req.end();
    });
    expect(received).toMatch(/event: recipients.changed\ndata: \{"id":1\}/);
    expect(core.audit.list({ limit: 5 }).items.map((e) => e.action)).toContain('recipient.create');
  });
});
