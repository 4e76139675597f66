import type { siteJoinMethods } from '../../contract/siteJoin';
import type { CoreServices } from '../../core';
import type { Handlers } from '../dispatch';

/** Settings → This computer's join code: the work is the invite service's (src/sync/join.ts), as `packroom site invite`'s. */
export function siteJoinHandlers({ invites }: Pick<CoreServices, 'invites'>): Handlers<typeof siteJoinMethods> {
  return {
    'site.invite': (_input, { actor }) => invites.invite(actor),
  };
}
