/**
 * People allowed to collect for a recipient (proxies): when a proxy PIN opens the door. A proxy collects packages,
 * so a proxy PIN is worth something only while there is something to collect: it opens while the recipient has
 * packages waiting, the proxy is not revoked and its last day has not passed. Everything else about the PIN (the
 * match, the recipient being active, the keypad throttle) is the door's usual rule.
 */

export interface ProxyAtDoor {
  revoked: boolean;
  /** The last local day (YYYY-MM-DD) the proxy may collect; null: until revoked. */
  untilDate: string | null;
  packagesWaiting: boolean;
}

export type ProxyVerdict = 'opens' | 'revoked' | 'ended' | 'nothingWaiting';

/** `today`: the local date (YYYY-MM-DD) in the site's time zone. */
export function proxyVerdict(proxy: ProxyAtDoor, today: string): ProxyVerdict {
  if (proxy.revoked) return 'revoked';
  if (proxy.untilDate !== null && today > proxy.untilDate) return 'ended';
  return proxy.packagesWaiting ? 'opens' : 'nothingWaiting';
}

/** Whether a proxy may collect on `today`: not revoked and not past its last day (the desk's hand-over list). */
export const proxyActive = (proxy: Pick<ProxyAtDoor, 'revoked' | 'untilDate'>, today: string): boolean =>
  !proxy.revoked && (proxy.untilDate === null || today <= proxy.untilDate);
