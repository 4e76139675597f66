import type { siteMethods } from '../contract/site';
import type { Handlers } from '../services/dispatch';
import type { SiteService } from './site';

/**
 * The site slice of the contract. It lives here, beside the site service, because services/ sits below sync/ and
 * may not import it: src/core.ts hands it to createHandlers.
 */
export function siteHandlers({ site }: { site: Pick<SiteService, 'status'> }): Handlers<typeof siteMethods> {
  return {
    'site.status': () => site.status(),
  };
}
