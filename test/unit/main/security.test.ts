import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { contentSecurityPolicy } from '../../../src/host/security';

type Listener = (...args: unknown[]) => unknown;

const electron = vi.hoisted(() => {
  const listeners = (target: Map<string, Listener[]>) => (event: string, fn: Listener) => {
    target.set(event, [...(target.get(event) ?? []), fn]);
  };
  const sessionEvents = new Map<string, Listener[]>();
  const session = {
    events: sessionEvents,
    handlers: {} as Record<string, Listener>,
    protocolHandlers: new Map<string, Listener>(),
    on: listeners(sessionEvents),
  };
  Object.assign(session, {
    protocol: { handle: (scheme: string, fn: Listener) => session.protocolHandlers.set(scheme, fn) },
    setPermissionRequestHandler: (fn: Listener) => (session.handlers.request = fn),
    setPermissionCheckHandler: (fn: Listener) => (session.handlers.check = fn),
    setDevicePermissionHandler: (fn: Listener) => (session.handlers.device = fn),
    webRequest: { onBeforeRequest: (fn: Listener) => (session.handlers.beforeRequest = fn) },
  });
  return { session, privileged: [] as unknown[], openExternal: vi.fn(async () => undefined) };
});
vi.mock('electron', () => ({
  app: { on: vi.fn() },
  protocol: { registerSchemesAsPrivileged: (schemes: unknown[]) => electron.privileged.push(...schemes) },
  session: { defaultSession: electron.session },
  shell: { openExternal: electron.openExternal },
}));

const security = await import('../../../main/security');
const ses = electron.session as unknown as Parameters<typeof security.hardenSession>[0];

function fakeContents() {
  const events = new Map<string, Listener[]>();
  let openHandler: Listener = () => ({ action: 'allow' });
  return {
    events,
    on: (event: string, fn: Listener) => events.set(event, [...(events.get(event) ?? []), fn]),
    setWindowOpenHandler: (fn: Listener) => (openHandler = fn),
    open: (url: string) => openHandler({ url }),
    fire(event: string, ...args: unknown[]) {
      for (const fn of events.get(event) ?? []) fn(...args);
    },
  };
}

const cancellable = (url = '') => ({
  url,
  prevented: false,
  preventDefault() {
    this.prevented = true;
  },
});

describe('app:// scheme', () => {
  it('is registered as standard, secure and fetch-capable, and nothing more permissive', () => {
    security.registerAppScheme();
    expect(electron.privileged).toEqual([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true, supportFetchAPI: true }) },
    ]);
    const privileges = (electron.privileged[0] as { privileges: Record<string, boolean> }).privileges;
    for (const risky of ['bypassCSP', 'corsEnabled', 'allowServiceWorkers']) expect(privileges[risky], risky).toBeFalsy();
  });
});

describe('installAppProtocol', () => {
  let root: string;
  let outside: string;
  let handle: (request: Request) => Promise<Response>;

  beforeAll(() => {
    outside = mkdtempSync(join(tmpdir(), 'packroom-protocol-'));
    root = join(outside, 'renderer');
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>Packroom</title>');
    writeFileSync(join(root, 'assets', 'index-A1.js'), 'console.log(1)');
    writeFileSync(join(outside, 'secret.txt'), 'secret');
    security.installAppProtocol(root, ses);
    handle = electron.session.protocolHandlers.get('app') as never;
  });
  afterAll(() => rmSync(outside, { recursive: true, force: true }));

  it('serves the renderer with the CSP and the other security headers', async () => {
    const response = await handle(new Request('app://packroom/index.html'));
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>Packroom</title>');
    expect(response.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('Content-Security-Policy')).toBe(contentSecurityPolicy);
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(response.headers.get('X-Frame-Options')).toBe('DENY');
    const script = await handle(new Request('app://packroom/assets/index-A1.js'));
    expect(script.headers.get('Content-Type')).toBe('text/javascript; charset=utf-8');
  });

  it('answers 404 for missing files and refuses traversal, keeping the headers', async () => {
    expect((await handle(new Request('app://packroom/nope.js'))).status).toBe(404);
    for (const url of [
      'app://packroom/%2e%2e/secret.txt',
      'app://packroom/..%2fsecret.txt',
      'app://packroom/assets/..%5C..%5Csecret.txt',
    ]) {
      const response = await handle(new Request(url));
      expect(response.status, url).toBeGreaterThanOrEqual(400);
      expect(await response.text()).not.toContain('secret');
      expect(response.headers.get('Content-Security-Policy')).toBe(contentSecurityPolicy);
    }
  });

  it('allows only GET and HEAD', async () => {
    expect((await handle(new Request('app://packroom/index.html', { method: 'POST', body: 'x' }))).status).toBe(405);
    const head = await handle(new Request('app://packroom/index.html', { method: 'HEAD' }));
    expect(head.status).toBe(200);
  });
});

describe('hardenSession', () => {
  it('denies every permission request and check, and every device', () => {
    security.hardenSession(ses);
    const { handlers } = electron.session;
    for (const permission of ['media', 'notifications', 'clipboard-read', 'hid', 'serial', 'usb', 'geolocation', 'fullscreen']) {
      const callback = vi.fn();
      handlers.request!({}, permission, callback, { requestingUrl: 'app://packroom/index.html' });
      expect(callback).toHaveBeenCalledWith(false);
      expect(handlers.check!({}, permission, 'app://packroom', {})).toBe(false);
    }
    expect(handlers.device!({ deviceType: 'hid', origin: 'app://packroom' })).toBe(false);
    expect(handlers.device!({ deviceType: 'serial', origin: 'app://packroom' })).toBe(false);
  });

  it("grants the camera, and only the camera, to the app's own page (the desk's label reading)", () => {
    security.hardenSession(ses);
    const { handlers } = electron.session;
    const asked = (url: string, mediaTypes: string[]) => {
      const callback = vi.fn();
      handlers.request!({}, 'media', callback, { requestingUrl: url, mediaTypes });
      return callback.mock.calls[0]![0] as boolean;
    };
    expect(asked('app://packroom/index.html', ['video'])).toBe(true);
    expect(asked('app://packroom/index.html', ['video', 'audio'])).toBe(false);
    expect(asked('app://packroom/index.html', ['audio'])).toBe(false);
    expect(asked('https://example.com/', ['video'])).toBe(false);
    expect(handlers.check!({}, 'media', 'app://packroom', { mediaType: 'video' })).toBe(true);
    expect(handlers.check!({}, 'media', 'app://packroom', { mediaType: 'audio' })).toBe(false);
    expect(handlers.check!({}, 'media', 'https://example.com', { mediaType: 'video' })).toBe(false);
  });

  it('cancels HID, serial and USB pickers', () => {
    const hid = vi.fn();
    const serial = vi.fn();
    const usb = vi.fn();
    const events = electron.session.events;
    const [e1, e2, e3] = [cancellable(), cancellable(), cancellable()];
    events.get('select-hid-device')![0]!(e1, {}, hid);
    events.get('select-serial-port')![0]!(e2, [], {}, serial);
    events.get('select-usb-device')![0]!(e3, {}, usb);
    expect([e1.prevented, e2.prevented, e3.prevented]).toEqual([true, true, true]);
    expect(hid).toHaveBeenCalledWith(null);
    expect(serial).toHaveBeenCalledWith('');
    expect(usb).toHaveBeenCalledWith();
  });

  it('cancels network and file requests from page content', () => {
    const callback = vi.fn();
    electron.session.handlers.beforeRequest!({ url: 'https://evil.example/x.js', resourceType: 'script' }, callback);
    expect(callback).toHaveBeenLastCalledWith({ cancel: true });
    electron.session.handlers.beforeRequest!({ url: 'app://packroom/assets/index-A1.js', resourceType: 'script' }, callback);
    expect(callback).toHaveBeenLastCalledWith({ cancel: false });
  });
});

describe('hardenWebContents', () => {
  it('keeps navigation and redirects on app://packroom', () => {
    const contents = fakeContents();
    security.hardenWebContents(contents as never);
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      const bad = cancellable('https://evil.example/');
      contents.fire(event, bad);
      expect(bad.prevented, event).toBe(true);
      const good = cancellable('app://packroom/index.html');
      contents.fire(event, good);
      expect(good.prevented, event).toBe(false);
    }
  });

  it('denies new windows and does not open links externally by default', () => {
    const contents = fakeContents();
    security.hardenWebContents(contents as never);
    expect(contents.open('https://example.com/')).toEqual({ action: 'deny' });
    expect(contents.open('app://packroom/index.html')).toEqual({ action: 'deny' });
    expect(electron.openExternal).not.toHaveBeenCalled();
  });

  it('prevents webviews and cancels Bluetooth pickers', () => {
    const contents = fakeContents();
    security.hardenWebContents(contents as never);
    const attach = cancellable();
    contents.fire('will-attach-webview', attach, {}, {});
    expect(attach.prevented).toBe(true);
    const pick = cancellable();
    const callback = vi.fn();
    contents.fire('select-bluetooth-device', pick, [], callback);
    expect(pick.prevented).toBe(true);
    expect(callback).toHaveBeenCalledWith('');
  });
});
