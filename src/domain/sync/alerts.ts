import { compareStamps, type Stamp } from './hlc';

/**
 * How alerts travel between the nodes of a site (docs/architecture.md, the conflict table). Pure.
 *
 * An alert is inserted once (by `uid`) and never edited but for its acknowledgement, which is a register: the first
 * acknowledgement (the lowest stamp) wins, so the time and the staff member it shows are the same on every node.
 */

/**
 * Kinds each node raises for itself and never shares: a standing alert follows a cause every node sees for itself
 * (email or SMS not set up, from the site's shared settings) and is closed by Packroom when the cause goes, so a
 * shared copy would show twice and be closed by another node's view of it. The one list: the capture triggers of
 * migration 0020, as migration 0022 remade them, repeat it, and test/integration/syncShared.test.ts fails when they disagree.
 */
export const localAlertKinds = [
  'notification.emailNotSetUp',
  'notification.smsNotSetUp',
  // What this node's applier sees for itself: a change it cannot save (standing), a node's clock ahead of its own,
  // two records with one external id (every node finds that conflict itself, so a copy would show it twice).
  'sync.changeHeld',
  'sync.clockAhead',
  'sync.duplicate',
] as const;

const local: ReadonlySet<string> = new Set(localAlertKinds);

export const isSharedAlert = (kind: string): boolean => !local.has(kind);

export interface Acknowledgement {
  stamp: Stamp;
  at: number;
  /** The staff member's uid; null when Packroom itself closed it. */
  by: string | null;
}

/** The acknowledgement that stands after `incoming` arrives: the earlier of the two by stamp. */
export const firstAcknowledgement = (current: Acknowledgement | null, incoming: Acknowledgement): Acknowledgement =>
  current && compareStamps(current.stamp, incoming.stamp) <= 0 ? current : incoming;
