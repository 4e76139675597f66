import { readFileSync } from 'node:fs';
import { build } from 'esbuild';
import ts from 'typescript';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { eventNames } from '../../../src/contract';
import { bridgeEventNames, eventChannel, invokeChannel } from '../../../main/channels';

const preloadFile = new URL('../../../main/preload.ts', import.meta.url);
const source = readFileSync(preloadFile, 'utf8');

// A stand-in for Electron's renderer side, so the real preload runs on plain Node.
const electron = vi.hoisted(() => {
  const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
  return {
    exposed: new Map<string, unknown>(),
    listeners,
    ipcRenderer: {
      invoke: vi.fn(async (..._args: unknown[]) => ({ ok: true, result: 'from main' })),
      on: vi.fn((channel: string, fn: (...args: unknown[]) => void) => {
        if (!listeners.has(channel)) listeners.set(channel, new Set());
        listeners.get(channel)!.add(fn);
      }),
      removeListener: vi.fn((channel: string, fn: (...args: unknown[]) => void) => listeners.get(channel)?.delete(fn)),
    },
  };
});
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => electron.exposed.set(key, api) },
  ipcRenderer: electron.ipcRenderer,
}));

interface Bridge {
  invoke(method: unknown, input: unknown): Promise<unknown>;
  on(event: unknown, listener: unknown): () => void;
}

async function loadBridge(): Promise<Bridge> {
  await import('../../../main/preload');
  return electron.exposed.get('packroom') as Bridge;
}

function emit(...args: unknown[]) {
  for (const fn of electron.listeners.get(eventChannel) ?? []) fn({ sender: 'the ipcRenderer event' }, ...args);
}

describe('preload source', () => {
  const file = ts.createSourceFile('preload.ts', source, ts.ScriptTarget.ES2022, true);
  const calls: ts.CallExpression[] = [];
  const ipcUses: ts.Node[] = [];
  (function walk(node: ts.Node) {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'exposeInMainWorld')
      calls.push(node);
    if (ts.isIdentifier(node) && node.text === 'ipcRenderer' && !ts.isImportSpecifier(node.parent)) ipcUses.push(node);
    ts.forEachChild(node, walk);
  })(file);

  it('exposes exactly one object, window.packroom, with exactly invoke and on', () => {
    expect(calls).toHaveLength(1);
    const [key, api] = calls[0]!.arguments;
    expect(key && ts.isStringLiteral(key) && key.text).toBe('packroom');
    expect(api && ts.isObjectLiteralExpression(api)).toBe(true);
    const props = (api as ts.ObjectLiteralExpression).properties;
    expect(props.every((p) => (ts.isMethodDeclaration(p) || ts.isPropertyAssignment(p)) && ts.isIdentifier(p.name))).toBe(true);
    expect(props.map((p) => (p.name as ts.Identifier).text).sort()).toEqual(['invoke', 'on']);
  });

  it('uses ipcRenderer only to call invoke, on and removeListener: it is never passed or returned', () => {
    expect(ipcUses.length).toBeGreaterThan(0);
    for (const use of ipcUses) {
      const access = use.parent;
      expect(ts.isPropertyAccessExpression(access) && access.expression === use, use.parent.getText()).toBe(true);
      const name = (access as ts.PropertyAccessExpression).name.text;
      expect(['invoke', 'on', 'removeListener']).toContain(name);
      expect(ts.isCallExpression(access.parent) && access.parent.expression === access, access.parent.getText()).toBe(true);
    }
  });

  it('bundles to a file that requires only electron, as a sandboxed preload must', async () => {
    const result = await build({
      entryPoints: [preloadFile.pathname],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      external: ['electron'],
      write: false,
      logLevel: 'silent',
    });
    const code = result.outputFiles[0]!.text;
    const required = [...code.matchAll(/require\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
    expect(new Set(required)).toEqual(new Set(['electron']));
    expect(code.length).toBeLessThan(20_000); // no zod, no schemas
  });

  it('accepts exactly the contract events', () => {
    expect([...bridgeEventNames].sort()).toEqual([...eventNames].sort());
  });
});

describe('window.packroom', () => {
  beforeEach(() => {
    electron.ipcRenderer.invoke.mockClear();
  });

  it('has only invoke and on', async () => {
    const bridge = await loadBridge();
    expect([...electron.exposed.keys()]).toEqual(['packroom']);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on']);
  });

  it('invoke sends method and input on the one channel and returns the envelope as is', async () => {
    const bridge = await loadBridge();
    await expect(bridge.invoke('recipients.search', { query: 'ann' })).resolves.toEqual({ ok: true, result: 'from main' });
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith(invokeChannel, 'recipients.search', { query: 'ann' });
  });

  it('invoke refuses a method that is not text without calling main', async () => {
    const bridge = await loadBridge();
    await expect(bridge.invoke({ toString: () => 'auth.login' }, {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_METHOD' },
    });
    expect(electron.ipcRenderer.invoke).not.toHaveBeenCalled();
  });

  it('on delivers only its own event, only the payload, and unsubscribes', async () => {
    const bridge = await loadBridge();
    const seen: unknown[] = [];
    const off = bridge.on('recipients.changed', (...args: unknown[]) => seen.push(args));
    emit('activity.appended', { id: 1 });
    emit('recipients.changed', { id: 7 });
    expect(seen).toEqual([[{ id: 7 }]]); // never the IpcRendererEvent
    off();
    emit('recipients.changed', { id: 8 });
    expect(seen).toHaveLength(1);
    expect(electron.listeners.get(eventChannel)?.size ?? 0).toBe(0);
  });

  it('on refuses unknown events and non-function listeners', async () => {
    const bridge = await loadBridge();
    expect(() => bridge.on('ipc.anything', () => undefined)).toThrow(TypeError);
    expect(() => bridge.on('__proto__', () => undefined)).toThrow(TypeError);
    expect(() => bridge.on(42, () => undefined)).toThrow(TypeError);
    expect(() => bridge.on('recipients.changed', 'alert(1)')).toThrow(TypeError);
    expect(electron.ipcRenderer.on).not.toHaveBeenCalledWith(eventChannel, expect.anything(), expect.anything());
  });
});
