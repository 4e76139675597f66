import { describe, expect, it } from 'vitest';
import { routes, screenAt, settingsSections, tabRoute } from '../../../renderer/app/routes';

/** The address as wouter's hash location hands it over: the hash without its '#'. */
const pathOf = (route: string) => route.replace(/^#/, '');

describe('screen addresses', () => {
  it('each route builder leads back to its screen', () => {
    expect(screenAt(pathOf(routes.recipients()), true)).toEqual({ tab: 'recipients', id: null });
    expect(screenAt(pathOf(routes.recipient(42)), true)).toEqual({ tab: 'recipients', id: 42 });
    expect(screenAt(pathOf(routes.packages()), true)).toEqual({ tab: 'packages', id: null });
    expect(screenAt(pathOf(routes.package(7)), true)).toEqual({ tab: 'packages', id: 7 });
    expect(screenAt(pathOf(routes.activity()), true)).toEqual({ tab: 'activity' });
    expect(screenAt(pathOf(routes.import()), true)).toEqual({ tab: 'import' });
    for (const section of settingsSections) {
      expect(screenAt(pathOf(routes.settings(section)), true)).toEqual({ tab: 'settings', section });
    }
  });

  it('are the plain hrefs other screens write', () => {
    expect(routes.recipient(3)).toBe('#/recipients/3');
    expect(routes.settings('devices')).toBe('#/settings/devices');
    expect(tabRoute('settings')).toBe('#/settings/door');
    expect(tabRoute('recipients')).toBe('#/recipients');
  });

  it('an address that names no screen shows the Recipients list', () => {
    const home = { tab: 'recipients', id: null };
    for (const path of [
      '/',
      '',
      '/nowhere',
      '/recipients/0',
      '/recipients/abc',
      '/recipients/3/4',
      '/packages/-1',
      '/activity/2',
      '/settings/nope',
    ]) {
      expect(screenAt(path, true), path).toEqual(home);
    }
  });

  it('Settings without a section opens its first; Settings and Import show the Recipients list to staff who are not admins', () => {
    expect(screenAt('/settings', true)).toEqual({ tab: 'settings', section: 'door' });
    expect(screenAt('/settings/devices', false)).toEqual({ tab: 'recipients', id: null });
    expect(screenAt('/settings', false)).toEqual({ tab: 'recipients', id: null });
    expect(screenAt('/import', false)).toEqual({ tab: 'recipients', id: null });
    expect(screenAt('/packages/9', false)).toEqual({ tab: 'packages', id: 9 });
  });
});
