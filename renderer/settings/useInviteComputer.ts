import { useState } from 'react';
import type { SiteInvite } from '../../src/contract/siteJoin';
import { invoke } from '../api/client';
import { useAction } from '../api/useAction';

/** A join code for another computer of this site: the last one made here (shown until the screen is left). */
export function useInviteComputer() {
  const [made, setMade] = useState<SiteInvite | null>(null);
  const invite = useAction(async () => setMade(await invoke('site.invite', {})));
  return { made, invite };
}
