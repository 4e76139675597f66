/**
 * The hybrid logical clock of sync (docs/architecture.md, "The hybrid logical clock"): one integer,
 * wall_ms × 2048 + logical, exact in a JavaScript number until the year 2109. Pure: the wall time is a parameter.
 * migrations/0015_sync.sql computes `tick` in its triggers; test/integration/syncCapture.test.ts holds them equal.
 */
export type Hlc = number;

/** Changes one node may stamp within one millisecond before it borrows from the next. */
export const logicalPerMs = 2048;

/** The stamp of a change made here at wall time `nowMs`, after `last`: later than both. */
export function tick(last: Hlc, nowMs: number): Hlc {
  return Math.max(last + 1, Math.floor(nowMs) * logicalPerMs);
}

/** The clock after applying a change stamped `remote`: the next local tick is later than it. */
export function receive(last: Hlc, remote: Hlc): Hlc {
  return Math.max(last, remote);
}

/** The wall time (ms) a stamp was made at. */
export function wallMs(hlc: Hlc): number {
  return Math.floor(hlc / logicalPerMs);
}

/** A change's place in the site's total order: its HLC, then its origin node's uid for two equal clocks. */
export interface Stamp {
  hlc: Hlc;
  origin: string;
}

/** Negative, zero or positive as `a` comes before, is, or comes after `b`; an absent stamp comes first. */
export function compareStamps(a: Stamp | null, b: Stamp | null): number {
  if (!a || !b) return (a ? 1 : 0) - (b ? 1 : 0);
  if (a.hlc !== b.hlc) return a.hlc < b.hlc ? -1 : 1;
  return a.origin < b.origin ? -1 : a.origin > b.origin ? 1 : 0;
}
