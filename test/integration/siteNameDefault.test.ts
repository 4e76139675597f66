import { describe, expect, it } from 'vitest';
import { signedInAdmin, testCore } from '../helpers/core';

describe('the site name before anyone names it', () => {
  it('is "the package room" in the site language, until staff type a name of their own', async () => {
    const core = testCore();
    const c = await signedInAdmin(core);
    expect((await c.ok('settings.get', {})).siteName).toBe('Package Room');

    await c.ok('settings.update', { siteLanguage: 'es' });
    expect((await c.ok('settings.get', {})).siteName).toBe('Sala de paquetes');

    await c.ok('settings.update', { siteName: 'Torre Norte' });
    await c.ok('settings.update', { siteLanguage: 'en' });
    expect((await c.ok('settings.get', {})).siteName).toBe('Torre Norte');
  });

  it('follows a site language pinned for the install (PACKROOM_SITE_LANGUAGE)', async () => {
    const core = testCore({ env: { PACKROOM_SITE_LANGUAGE: 'es' } });
    const c = await signedInAdmin(core);
    expect((await c.ok('settings.get', {})).siteName).toBe('Sala de paquetes');
  });
});
