import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Envelope } from '../../../src/contract';
import type { Core } from '../../../src/core';
import type { CallContext } from '../../../src/services/dispatch';
import { EventDelivery } from '../../../src/services/delivery';
import { EventBus } from '../../../src/services/events';
import { eventChannel, invokeChannel } from '../../../main/channels';
import { adminPassword, signedInAdmin, testCore } from '../../helpers/core';

const electron = vi.hoisted(() => ({ handlers: new Map<string, (...args: unknown[]) => unknown>() }));
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, fn: (...args: unknown[]) => unknown) => {
      if (electron.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      electron.handlers.set(channel, fn);
    },
    removeHandler: (channel: string) => electron.handlers.delete(channel),
  },
}));

const { installIpc } = await import('../../../main/ipc');

interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
  processId: number;
  routingId: number;
  detached: boolean;
}

let nextId = 1;
function fakeWindow(url = 'app://packroom/index.html') {
  const id = nextId++;
  const mainFrame: FakeFrame = { url, parent: null, processId: id, routingId: 1, detached: false };
  const onDestroyed: (() => void)[] = [];
  const contents = {
    id,
    mainFrame,
    destroyed: false,
    isDestroyed: () => contents.destroyed,
    getURL: () => mainFrame.url,
    send: vi.fn(),
    once: (event: string, fn: () => void) => event === 'destroyed' && onDestroyed.push(fn),
    destroy() {
      contents.destroyed = true;
      onDestroyed.forEach((fn) => fn());
    },
  };
  return contents;
}
type FakeWindow = ReturnType<typeof fakeWindow>;

function fakeCore() {
  const sessions = new Map<string, { locked: boolean }>();
  const dispatch = vi.fn(async (ctx: CallContext, method: unknown, input: unknown): Promise<Envelope> => {
    if (method === 'auth.login') ctx.sessionToken = String((input as { token: string }).token);
    return { ok: true, result: { method, token: ctx.sessionToken } };
  });
  const events = new EventBus();
  const auth = {
    current: (token: string | null) => (token && sessions.has(token) ? { session: sessions.get(token)!, staff: {} } : null),
    logout: vi.fn((token: string | null) => token && sessions.delete(token)),
    watchSessions: () => () => undefined,
  };
  const core = { dispatch, events, auth, delivery: new EventDelivery({ events, auth: auth as never }) };
  return { core: core as unknown as Core, dispatch, sessions, logout: auth.logout, events };
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

function invoke(sender: FakeWindow, method: unknown, input: unknown = {}, frame: FakeFrame | null = sender.mainFrame) {
  const handler = electron.handlers.get(invokeChannel)!;
  return handler({ sender, senderFrame: frame }, method, input) as Promise<Envelope>;
}

describe('installIpc', () => {
  let fake: ReturnType<typeof fakeCore>;
  let bridge: ReturnType<typeof installIpc>;

  beforeEach(() => {
    fake = fakeCore();
    bridge = installIpc(fake.core);
  });
  afterEach(() => bridge.dispose());

  it('registers one handler and dispatches calls from our window with that window’s context', async () => {
    expect([...electron.handlers.keys()]).toEqual([invokeChannel]);
    const win = fakeWindow();
    bridge.attach(win as never);
    await expect(invoke(win, 'auth.login', { token: 't1' })).resolves.toEqual({ ok: true, result: { method: 'auth.login', token: 't1' } });
    await expect(invoke(win, 'recipients.search', { query: 'a' })).resolves.toEqual({
      ok: true,
      result: { method: 'recipients.search', token: 't1' },
    });
    expect(fake.dispatch).toHaveBeenLastCalledWith({ sessionToken: 't1' }, 'recipients.search', { query: 'a' });
  });

  it('keeps one session per window', async () => {
    const a = fakeWindow();
    const b = fakeWindow();
    bridge.attach(a as never);
    bridge.attach(b as never);
    await invoke(a, 'auth.login', { token: 'ta' });
    await expect(invoke(b, 'auth.status')).resolves.toMatchObject({ result: { token: null } });
    await expect(invoke(a, 'auth.status')).resolves.toMatchObject({ result: { token: 'ta' } });
  });

  it('refuses, without calling the core, a window it did not create', async () => {
    const stranger = fakeWindow();
    await expect(invoke(stranger, 'auth.status')).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(fake.dispatch).not.toHaveBeenCalled();
  });

  it('refuses sub-frames, gone or detached frames, and pages on another origin', async () => {
    const win = fakeWindow();
    bridge.attach(win as never);
    const child: FakeFrame = { url: 'app://packroom/index.html', parent: win.mainFrame, processId: win.id, routingId: 2, detached: false };
    const otherProcess: FakeFrame = { ...win.mainFrame, processId: 999 };
    for (const frame of [child, otherProcess, null, { ...win.mainFrame, detached: true }]) {
      await expect(invoke(win, 'auth.status', {}, frame)).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    for (const url of ['https://evil.example/', 'file:///tmp/x.html', 'app://other/index.html', 'about:blank']) {
      win.mainFrame.url = url;
      await expect(invoke(win, 'auth.status')).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    const disposedFrame = {
      get url(): string {
        throw new Error('Render frame was disposed');
      },
      parent: null,
      processId: win.id,
      routingId: 1,
      detached: false,
    };
    await expect(invoke(win, 'auth.status', {}, disposedFrame)).resolves.toMatchObject({ ok: false });
    expect(fake.dispatch).not.toHaveBeenCalled();
  });

  it('forwards core events only to windows signed in and unlocked', async () => {
    const signedIn = fakeWindow();
    const locked = fakeWindow();
    const signedOut = fakeWindow();
    const navigatedAway = fakeWindow();
    for (const w of [signedIn, locked, signedOut, navigatedAway]) bridge.attach(w as never);
    fake.sessions.set('s1', { locked: false });
    fake.sessions.set('s2', { locked: true });
    fake.sessions.set('s4', { locked: false });
    await invoke(signedIn, 'auth.login', { token: 's1' });
    await invoke(locked, 'auth.login', { token: 's2' });
    await invoke(navigatedAway, 'auth.login', { token: 's4' });
    navigatedAway.mainFrame.url = 'https://evil.example/';

    fake.events.emit('recipients.changed', { id: 5 });
    expect(signedIn.send).not.toHaveBeenCalled(); // never inside the emitter
    await nextTurn();
    expect(signedIn.send).toHaveBeenCalledWith(eventChannel, 'recipients.changed', { id: 5 });
    for (const w of [locked, signedOut, navigatedAway]) expect(w.send).not.toHaveBeenCalled();
  });

  it('sends an event addressed to a session (a key echo) to the window of that session alone', async () => {
    const identifying = fakeWindow();
    const other = fakeWindow();
    for (const w of [identifying, other]) bridge.attach(w as never);
    fake.sessions.set('s1', { locked: false });
    fake.sessions.set('s2', { locked: false });
    await invoke(identifying, 'auth.login', { token: 's1' });
    await invoke(other, 'auth.login', { token: 's2' });

    fake.events.emit('devices.key', { role: 'keypad' }, 's1');
    await nextTurn();
    expect(identifying.send).toHaveBeenCalledWith(eventChannel, 'devices.key', { role: 'keypad' });
    expect(other.send).not.toHaveBeenCalled();
  });

  it('ends the session and forgets the window when it is destroyed', async () => {
    const win = fakeWindow();
    bridge.attach(win as never);
    fake.sessions.set('s1', { locked: false });
    await invoke(win, 'auth.login', { token: 's1' });
    win.destroy();
    expect(fake.logout).toHaveBeenCalledWith('s1');
    fake.events.emit('recipients.changed', { id: 1 });
    await nextTurn();
    expect(win.send).not.toHaveBeenCalled();
    fake.dispatch.mockClear();
    await expect(invoke(win, 'auth.status')).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(fake.dispatch).not.toHaveBeenCalled();
  });

  it('dispose removes the handler and stops forwarding', async () => {
    const win = fakeWindow();
    bridge.attach(win as never);
    fake.sessions.set('s1', { locked: false });
    await invoke(win, 'auth.login', { token: 's1' });
    fake.events.emit('recipients.changed', { id: 1 }); // queued before dispose: dropped too
    bridge.dispose();
    expect(electron.handlers.has(invokeChannel)).toBe(false);
    fake.events.emit('recipients.changed', { id: 2 });
    await nextTurn();
    expect(win.send).not.toHaveBeenCalled();
    bridge = installIpc(fake.core); // for afterEach
  });
});

describe('installIpc with the real core: events follow the session at delivery', () => {
  const sent = (win: FakeWindow) => win.send.mock.calls.map(([, name]) => name as string);
  /** A door event, a key press and an activity row, as the door and another screen cause them. */
  async function doorKeyAndActivity(core: Core, admin: Awaited<ReturnType<typeof signedInAdmin>>) {
    core.door.scan('reader', 'no-such-token-0001');
    core.events.emit('devices.key', { role: 'keypad' });
    await admin.ok('recipients.create', { firstName: 'Ana', lastName: 'Ruiz', unit: '4B', addAnyway: true });
    await nextTurn();
  }

  let core: Core;
  let bridge: ReturnType<typeof installIpc>;
  let admin: Awaited<ReturnType<typeof signedInAdmin>>;
  beforeEach(async () => {
    core = testCore();
    bridge = installIpc(core);
    admin = await signedInAdmin(core);
    await admin.ok('staff.create', { username: 'bob', displayName: 'Bob', role: 'staff', password: adminPassword });
  });
  afterEach(() => bridge.dispose());

  async function signedInWindow(username = 'bob') {
    const win = fakeWindow();
    bridge.attach(win as never);
    await expect(invoke(win, 'auth.login', { username, password: adminPassword })).resolves.toMatchObject({ ok: true });
    await doorKeyAndActivity(core, admin);
    expect(sent(win)).toEqual(expect.arrayContaining(['door.event', 'devices.key', 'activity.appended', 'recipients.changed']));
    win.send.mockClear();
    return win;
  }

  it('sends nothing after sign-out but session.ended, and forwards again after signing in', async () => {
    const win = await signedInWindow();
    await invoke(win, 'auth.logout');
    await doorKeyAndActivity(core, admin);
    expect(sent(win)).toEqual(['session.ended']);
    win.send.mockClear();
    await invoke(win, 'auth.login', { username: 'bob', password: adminPassword });
    await doorKeyAndActivity(core, admin);
    expect(sent(win)).toContain('door.event');
  });

  it('sends nothing after a lock, the idle lock included, until unlocked', async () => {
    const win = await signedInWindow();
    await invoke(win, 'auth.lock');
    await doorKeyAndActivity(core, admin);
    expect(sent(win)).toEqual(['session.ended']);
    await invoke(win, 'auth.unlock', { password: adminPassword });
    win.send.mockClear();
    await doorKeyAndActivity(core, admin);
    expect(sent(win)).toContain('door.event');

    win.send.mockClear();
    core.clock.advance(core.settings.get().idleLockMinutes * 60_000 + 1000);
    core.door.scan('reader', 'no-such-token-0002');
    core.events.emit('devices.key', { role: 'keypad' });
    await nextTurn();
    expect(sent(win)).toEqual(['session.ended']);
  });

  it('closes the stream of a deactivated person at once, and of one whose password an admin reset', async () => {
    const win = await signedInWindow();
    const [bob] = (await admin.ok('staff.list', {})).filter((s) => s.username === 'bob');
    await admin.ok('staff.setActive', { id: bob!.id, active: false });
    await nextTurn();
    expect(sent(win)).toEqual(['session.ended']); // before any other event: the screen goes to sign-in now
    await doorKeyAndActivity(core, admin);
    expect(sent(win)).toEqual(['session.ended']);

    await admin.ok('staff.setActive', { id: bob!.id, active: true });
    const again = await signedInWindow();
    await admin.ok('staff.resetPassword', { id: bob!.id, password: 'temporary password 1' });
    await doorKeyAndActivity(core, admin);
    expect(sent(again)).toEqual(['session.ended']);
  });
});
