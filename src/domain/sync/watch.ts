import { compareStamps, wallMs, type Hlc, type Stamp } from './hlc';

/**
 * What the applier watches for besides merging (docs/architecture.md, "Several PCs, one building"): a change that
 * cannot be written, a node whose clock runs ahead, and two records claiming one external id. Pure: times are
 * parameters.
 */

/** A change held this long (it cannot be written, and the same node's later changes wait behind it) raises a standing alert. */
export const heldAlertAfterMs = 3 * 60_000;

/** A change stamped further than this ahead of this PC's clock says the other node's clock is wrong (or this one's). */
export const clockAheadLimitMs = 5 * 60_000;

/** True when `hlc` was stamped more than five minutes after `nowMs`, this PC's time. */
export function isClockAhead(hlc: Hlc, nowMs: number): boolean {
  return wallMs(hlc) - nowMs > clockAheadLimitMs;
}

/**
 * Two records claim one external id (two nodes' roster imports created the same person offline): the one created
 * first, by its creation stamp, keeps it. True when `challenger` does, taking it from `holder`. Every node compares
 * the same two stamps, so every node clears it from the same record, in whatever order the two creations arrive.
 */
export function keepsExternalId(challenger: Stamp | null, holder: Stamp | null): boolean {
  return compareStamps(challenger, holder) < 0;
}
