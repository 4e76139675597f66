// Settings → This computer through the dispatch every transport uses.
import { describe, expect, it, vi } from 'vitest';
import { ApiError, messageText } from '../../src/contract';
import { logFilePath } from '../../src/log';
import type { DesktopHost } from '../../src/services/system/service';
import { adminPassword, client, signedInAdmin, testCore } from '../helpers/core';

describe('system.*', () => {
  it('in the headless host: shows the log file, and says the desktop-only actions are desktop-only', async () => {
    const c = await signedInAdmin(testCore());
    expect(await c.ok('system.info', {})).toEqual({ logFile: logFilePath(), desktop: null });
    expect(await c.call('system.openLogFolder', {})).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringMatching(/Only the Packroom desktop app can open the log folder/) },
    });
    expect(await c.call('system.setStartAtLogin', { enabled: true })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const refused = await c.call('system.setStartAtLogin', { enabled: true });
    expect(refused.ok || messageText(ApiError.fromBody(refused.error).sentence!, 'es')).toBe(
      'Solo la aplicación de escritorio de Packroom puede iniciarse cuando el usuario de este equipo inicia sesión; este es el servidor sin pantalla.',
    );
  });

  it('in the desktop app: opens the log folder and switches start at login, for admins only, audited', async () => {
    let on = false;
    const desktop: DesktopHost = {
      openLogFolder: vi.fn(async () => undefined),
      startAtLogin: () => on,
      setStartAtLogin: (v) => void (on = v),
    };
    const core = testCore({ desktop });
    const admin = await signedInAdmin(core);
    expect(await admin.ok('system.info', {})).toMatchObject({ desktop: { startAtLogin: false } });
    expect(await admin.ok('system.setStartAtLogin', { enabled: true })).toMatchObject({ desktop: { startAtLogin: true } });
    expect(core.audit.list({ limit: 1 }).items[0]).toMatchObject({
      actor: 'ada',
      action: 'settings.start_at_login',
      details: { enabled: true },
    });
    await admin.ok('system.openLogFolder', {});
    expect(desktop.openLogFolder).toHaveBeenCalledTimes(1);

    await admin.ok('staff.create', { username: 'desk', displayName: 'Desk', role: 'staff', password: adminPassword });
    const staff = client(core);
    await staff.ok('auth.login', { username: 'desk', password: adminPassword });
    expect(await staff.call('system.openLogFolder', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(desktop.openLogFolder).toHaveBeenCalledTimes(1);
  });
});
