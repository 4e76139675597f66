import { useLocation } from 'wouter';

/**
 * Every screen's address, in the page's hash (`#/recipients/3`): the desktop app's page is a file the hash
 * leaves alone, and the headless host serves one page for every path. A link is `href={routes.recipient(3)}`.
 */
export const settingsSections = ['door', 'packages', 'carriers', 'notifications', 'backups', 'devices', 'staff', 'computer'] as const;
export type SettingsSection = (typeof settingsSections)[number];

export const routes = {
  recipients: () => '#/recipients',
  recipient: (id: number) => `#/recipients/${id}`,
  packages: () => '#/packages',
  package: (id: number) => `#/packages/${id}`,
  /** The Packages list showing its Unmatched filter (the header's "3 unmatched"); the list then goes back to `packages`. */
  unmatched: () => '#/packages/unmatched',
  activity: () => '#/activity',
  settings: (section: SettingsSection = settingsSections[0]) => `#/settings/${section}`,
  import: () => '#/import',
};

/** What an address shows. Recipients and Packages carry the recipient or package opened, if any. */
export type Screen =
  | { tab: 'recipients'; id: number | null }
  | { tab: 'packages'; id: number | null; unmatched?: true }
  | { tab: 'activity' }
  | { tab: 'settings'; section: SettingsSection }
  | { tab: 'import' };
export type Tab = Screen['tab'];

const home: Screen = { tab: 'recipients', id: null };
const isSection = (value: string): value is SettingsSection => (settingsSections as readonly string[]).includes(value);
const idOf = (value: string | undefined): number | null | undefined => {
  if (value === undefined) return null;
  return /^[1-9]\d{0,15}$/.test(value) ? Number(value) : undefined;
};

/**
 * The screen at `path` (the hash without its `#`) for a staff member who is an admin or not. An address that
 * names no screen, or one this person may not open (Settings and Import are an admin's), shows the Recipients list.
 */
export function screenAt(path: string, admin: boolean): Screen {
  const [first, second, ...rest] = path.split('/').filter(Boolean);
  if (rest.length > 0) return home;
  switch (first) {
    case 'recipients':
    case 'packages': {
      if (first === 'packages' && second === 'unmatched') return { tab: 'packages', id: null, unmatched: true };
      const id = idOf(second);
      return id === undefined ? home : { tab: first, id };
    }
    case 'activity':
      return second === undefined ? { tab: 'activity' } : home;
    case 'import':
      return admin && second === undefined ? { tab: 'import' } : home;
    case 'settings':
      if (!admin) return home;
      if (second === undefined) return { tab: 'settings', section: settingsSections[0] };
      return isSection(second) ? { tab: 'settings', section: second } : home;
    default:
      return home;
  }
}

/** The address a main tab leads to: its screen's list (Recipients from a recipient's detail goes back to the list). */
export const tabRoute = (tab: Tab): string => (tab === 'settings' ? routes.settings() : routes[tab]());

/** The screen this page's address shows, and `go(route)` to move to another (a new history entry: Back returns). */
export function useScreen(admin: boolean): { screen: Screen; go: (route: string) => void } {
  const [path, navigate] = useLocation();
  return { screen: screenAt(path, admin), go: navigate };
}
