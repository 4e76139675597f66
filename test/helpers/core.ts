import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { messageText, type Alert, type MethodInput, type MethodName, type MethodResult } from '../../src/contract';
import { createCore, type Core, type CoreOptions } from '../../src/core';
import type { CallContext } from '../../src/services/dispatch';

export function tempDir(prefix = 'packroom-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A real core on a real SQLite file in a temp folder, closed and removed after the test. */
export function testCore(options: Partial<CoreOptions> = {}): Core {
  const core = createCore({ dataDir: tempDir(), env: {}, ...options });
  onTestFinished(() => core.close());
  return core;
}

/** Calls through the same dispatch every transport uses, as one connected UI. */
export function client(core: Core) {
  const ctx: CallContext = { sessionToken: null };
  return {
    ctx,
    call: (method: string, input: unknown = {}) => core.dispatch(ctx, method, input),
    async ok<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodResult<M>> {
      const envelope = await core.dispatch(ctx, method, input);
      if (!envelope.ok) throw new Error(`${method} failed: ${envelope.error.code} ${envelope.error.message}`);
      return envelope.result as MethodResult<M>;
    },
  };
}

export const adminPassword = 'correct horse battery';

/**
 * Ada, the first admin, signed in. On a node of a site her account may have come from another node already
 * (staff accounts are shared): she signs in with it there instead of setting Packroom up again.
 */
export async function signedInAdmin(core: Core) {
  const c = client(core);
  const setup = await c.call('auth.setup', { username: 'ada', displayName: 'Ada Admin', password: adminPassword });
  if (!setup.ok) {
    if (setup.error.code !== 'CONFLICT') throw new Error(`auth.setup failed: ${setup.error.code} ${setup.error.message}`);
    await c.ok('auth.login', { username: 'ada', password: adminPassword });
  }
  return c;
}

/** Alerts as the command line and the log read them: each sentence in English. */
export const englishAlerts = (alerts: Alert[]) => alerts.map((a) => ({ ...a, message: messageText(a.message) }));
