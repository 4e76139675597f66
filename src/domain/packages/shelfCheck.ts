export type KnownStatus = 'waiting' | 'picked_up' | 'returned' | 'missing';

export interface CheckPackage {
  id: number;
  tracking: string;
  status: KnownStatus;
  loggedAt: number;
}

export interface Reconciliation {
  /** On the shelf, but recorded as gone (picked up, returned or missing): put back to Waiting. */
  notWaitingButFound: CheckPackage[];
  /** Recorded as waiting, but nobody scanned it: mark Missing. */
  waitingNotFound: CheckPackage[];
  /** Scanned, but never logged: log it now. */
  neverLogged: string[];
}

/**
 * A shelf check's three lists. `waiting` is every package recorded as waiting; `latest` the newest
 * package for each scanned tracking number. Packages logged after the check started may have gone
 * onto a shelf already scanned, so they are never reported as not found.
 */
export function reconcile(
  scanned: readonly string[],
  waiting: readonly CheckPackage[],
  latest: ReadonlyMap<string, CheckPackage>,
  startedAt: number,
): Reconciliation {
  const seen = new Set(scanned);
  const notWaitingButFound: CheckPackage[] = [];
  const neverLogged: string[] = [];
  for (const tracking of seen) {
    const known = latest.get(tracking);
    if (!known) neverLogged.push(tracking);
    else if (known.status !== 'waiting') notWaitingButFound.push(known);
  }
  const waitingNotFound = waiting.filter((p) => !seen.has(p.tracking) && p.loggedAt < startedAt);
  return { notWaitingButFound, waitingNotFound, neverLogged };
}
