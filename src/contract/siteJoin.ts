import { empty } from './common';
import { method, type MethodDef } from './define';

/** A join code for another computer of this node's site (Settings → This computer; `packroom site invite`). */
export interface SiteInvite {
  /** Good once, until `expiresAt`; shown to the admin who asked, written down nowhere. */
  code: string;
  expiresAt: string;
  site: string;
  /** What the installer runs on the new computer; NAME is its name in the site. */
  command: string;
}

export const siteJoinMethods = {
  // Admin only: the code hands over the site's data key (every PIN's seal) to whoever runs it within the hour.
  'site.invite': method<SiteInvite>()({ input: empty, access: 'admin' }),
} satisfies Record<string, MethodDef>;
