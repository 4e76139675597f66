import { request } from 'node:http';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { startHttpHost } from '../../src/host/server';
import { adminPassword, testCore } from '../helpers/core';

// vi.waitFor gives up after 1 s by default: events on a busy machine arrive later than that.
const busy = { timeout: 20_000 };

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

describe('the event stream follows the session at delivery', () => {
  /** Opens /api/events; resolves with everything received once the server ends the response. */
  function stream(url: string, cookie: string) {
    let text = '';
    let opened!: () => void;
    const connected = new Promise<void>((resolve) => (opened = resolve));
    const ended = new Promise<string>((resolve, reject) => {
      const req = request(new URL('/api/events', url), { headers: { Cookie: cookie } }, (res) => {
        res.on('data', (d: Buffer) => {
          text += d.toString();
          if (text.includes(': connected')) opened();
        });
        res.on('end', () => resolve(text));
      });
      req.on('error', reject);
      req.end();
      onTestFinished(() => void req.destroy());
    });
    return { connected, ended, text: () => text };
  }

  async function signedIn() {
    const { core, url, api } = await host();
    const setup = await api('auth.setup', { username: 'ada', displayName: 'Ada', password: adminPassword });
    const admin = String(setup.headers['set-cookie']).split(';')[0]!;
    await api('staff.create', { username: 'bob', displayName: 'Bob', role: 'staff', password: adminPassword }, { Cookie: admin });
    const login = await api('auth.login', { username: 'bob', password: adminPassword });
    const bob = String(login.headers['set-cookie']).split(';')[0]!;
    const events = stream(url, bob);
    await events.connected;
    /** A door event, a key press and an activity row with a recipient's name. */
    const doorKeyAndActivity = async () => {
      core.door.scan('reader', 'no-such-token-0001');
      core.events.emit('devices.key', { role: 'keypad' });
      await api('recipients.create', { firstName: 'Ana', lastName: 'Ruiz', unit: '4B' }, { Cookie: admin });
    };
    await doorKeyAndActivity();
    await vi.waitFor(() => expect(events.text()).toMatch(/event: door\.event[\s\S]*event: devices\.key[\s\S]*Ruiz/), busy);
    const bobId = core.auth.listStaff().find((s) => s.username === 'bob')!.id;
    return { core, api, admin, bob, bobId, events, doorKeyAndActivity };
  }

  /** What the stream received after `mark`, once the server ended it. */
  const after = (text: string, mark: number) => text.slice(mark);

  it('ends at sign-out and sends nothing after it', async () => {
    const { api, bob, events, doorKeyAndActivity } = await signedIn();
    const mark = events.text().length;
    await api('auth.logout', {}, { Cookie: bob });
    await doorKeyAndActivity();
    expect(after(await events.ended, mark)).toBe('event: session.ended\ndata: {}\n\n');
  });

  it('ends at a lock, and at the idle lock when the next event comes', async () => {
    const first = await signedIn();
    let mark = first.events.text().length;
    await first.api('auth.lock', {}, { Cookie: first.bob });
    await first.doorKeyAndActivity();
    expect(after(await first.events.ended, mark)).toBe('event: session.ended\ndata: {}\n\n');

    const idle = await signedIn();
    mark = idle.events.text().length;
    idle.core.clock.advance(idle.core.settings.get().idleLockMinutes * 60_000 + 1000);
    idle.core.door.scan('reader', 'no-such-token-0002');
    expect(after(await idle.events.ended, mark)).toBe('event: session.ended\ndata: {}\n\n');
  });

  it('ends at once when the person is deactivated or changes their password elsewhere, or an admin resets it', async () => {
    const deactivated = await signedIn();
    let mark = deactivated.events.text().length;
    await deactivated.api('staff.setActive', { id: deactivated.bobId, active: false }, { Cookie: deactivated.admin });
    expect(after(await deactivated.events.ended, mark)).toBe('event: session.ended\ndata: {}\n\n');

    const changed = await signedIn();
    const other = await changed.api('auth.login', { username: 'bob', password: adminPassword });
    const otherCookie = String(other.headers['set-cookie']).split(';')[0]!;
    await vi.waitFor(() => expect(changed.events.text()).toContain('"action":"auth.login"'), busy); // that sign-in's own activity row
    mark = changed.events.text().length;
    const change = await changed.api(
      'account.changePassword',
      { currentPassword: adminPassword, newPassword: 'a brand new password' },
      { Cookie: otherCookie },
    );
    expect(change.status).toBe(200);
    await changed.doorKeyAndActivity();
    expect(after(await changed.events.ended, mark)).toBe('event: session.ended\ndata: {}\n\n');
    expect((await changed.api('recipients.search', {}, { Cookie: otherCookie })).status).toBe(200); // the one that changed it stays

    const reset = await signedIn();
    mark = reset.events.text().length;
    await reset.api('staff.resetPassword', { id: reset.bobId, password: 'temporary password 1' }, { Cookie: reset.admin });
    expect(after(await reset.events.ended, mark)).toBe('event: session.ended\ndata: {}\n\n');
    expect((await reset.api('recipients.search', {}, { Cookie: reset.bob })).status).toBe(401);
  });
});
