import { compareStamps, type Stamp } from './hlc';

/**
 * Holds across the nodes of a site (docs/architecture.md, conflict table, "Holds"). A hold is created once and never
 * edited; two things happen to it later, each once: it is cancelled, and its end notice is queued. For each, the first
 * by stamp stands, with its values (when, by whom): two desks cancelling one hold end with the same cancellation, and
 * a cancellation is never undone by a change that had not seen it (no change un-cancels a hold).
 */
export interface Once<V> {
  stamp: Stamp;
  value: V;
}

/** What stands after `incoming` arrives: the earlier of the two by stamp; null `current` when the hold had none. */
export const firstOnce = <V>(current: Once<V> | null, incoming: Once<V>): Once<V> =>
  current && compareStamps(current.stamp, incoming.stamp) <= 0 ? current : incoming;
