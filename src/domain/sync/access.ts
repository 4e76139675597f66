import { compareStamps, wallMs, type Stamp } from './hlc';

/**
 * How another node's change ends in a credential: a permanent PIN and QR code, or a Single Access PIN
 * (docs/architecture.md, the conflict table). Pure: the applier reads what it needs, asks these rules, and writes
 * what they answer.
 */

export type CredentialStatus = 'active' | 'used' | 'revoked' | 'expired';

/**
 * An end state wins over `active` whatever the clocks, so a late event never reopens a credential. Between two
 * end states the rank decides: `used` says most about what happened at a door (it did open), `revoked` is a
 * person's act, `expired` the clock's.
 */
const rank: Record<CredentialStatus, number> = { active: 0, expired: 1, revoked: 2, used: 3 };

/** A credential's status as stored: `stamp` is that of the change that ended it (null while active). */
export interface CredentialEnd {
  status: CredentialStatus;
  stamp: Stamp | null;
  /** When it ended (ms), as its writer recorded it; null while active. */
  endedAt: number | null;
}

/** An end state, with the stamp of the change that made it. */
export type Ended = CredentialEnd & { stamp: Stamp };

/**
 * The join of two statuses: the higher rank, and between two of the same rank the earlier stamp (the first
 * revocation, expiry or use happened first, and its time is the one kept). Commutative, associative and
 * idempotent, so every node ends with the same status whatever order the changes reach it in.
 */
export function joinEnd(a: CredentialEnd, b: CredentialEnd): CredentialEnd {
  if (rank[a.status] !== rank[b.status]) return rank[a.status] > rank[b.status] ? a : b;
  return compareStamps(a.stamp, b.stamp) <= 0 ? a : b;
}

/** A Single Access PIN opening a door: the event every node applies. */
export interface KeyUse {
  /** The node whose door it opened (its uid) and that node's name, which names its door for people. */
  origin: string;
  node: string;
  /** Typed at the keypad, or scanned at the reader. */
  via: 'pin' | 'qr';
  at: number;
  hlc: number;
}

export const useStamp = (use: KeyUse): Stamp => ({ hlc: use.hlc, origin: use.origin });

/** The status a use gives its key: `used`, stamped with the use, ended when it opened. */
export const usedEnd = (use: KeyUse): Ended => ({ status: 'used', stamp: useStamp(use), endedAt: use.at });

/** Two uses of one Single Access PIN at two nodes' doors, the earlier first (by time, then stamp). */
export type DoubleUse = readonly [KeyUse, KeyUse];

const byTime = (a: KeyUse, b: KeyUse): number => a.at - b.at || compareStamps(useStamp(a), useStamp(b));

/**
 * What a use arriving at a node means there, given the uses of the same key this node already knows (its own
 * door's, and other nodes' applied before): `known` when the same node's use is already recorded (nothing more
 * to do), and otherwise one double use per other node that also opened with it. Each use is applied once per node,
 * so each pair is found once on each node: when the second of the two arrives.
 */
export function useArrives(recorded: readonly KeyUse[], use: KeyUse): { known: boolean; doubleUses: DoubleUse[] } {
  if (recorded.some((r) => r.origin === use.origin)) return { known: true, doubleUses: [] };
  const doubleUses = recorded.map((r): DoubleUse => (byTime(r, use) <= 0 ? [r, use] : [use, r]));
  return { known: false, doubleUses };
}

/** The use a key's row shows (when, how, at which door): the first by stamp, the one `joinEnd` keeps. */
export function firstUse(uses: readonly KeyUse[]): KeyUse | null {
  let first: KeyUse | null = null;
  for (const use of uses) if (!first || compareStamps(useStamp(use), useStamp(first)) < 0) first = use;
  return first;
}

/** A credential's creation as the rules need it: its stamp, and the credentials its writer knew (`known`). */
export interface Creation {
  uid: string;
  stamp: Stamp;
  /**
   * The credentials its issuing node held that share its PIN, or, for a permanent one, its recipient's earlier
   * permanent credentials: a credential it knew is one it came after, not one it clashes with.
   */
  known: readonly string[];
}

/**
 * Two credentials made on two nodes that did not know each other (offline, or within the second a change takes
 * to cross), which cannot both hold: the same PIN drawn for two grants (one PIN must name one grant at the door),
 * or two new permanent PINs for one recipient (each desk replaced the same old one). The earlier PIN keeps it
 * (the later grant is revoked and staff issue another); of two permanent PINs for one recipient the later stays,
 * as if one desk had replaced the other's. The loser is revoked with the later creation's stamp, on every node
 * alike, whatever it had become meanwhile (`joinEnd` keeps a use).
 */
export function clash(a: Creation, b: Creation, why: 'samePin' | 'sameRecipient'): { loser: string; end: Ended } | null {
  if (a.uid === b.uid || a.known.includes(b.uid) || b.known.includes(a.uid)) return null;
  const [earlier, later] = compareStamps(a.stamp, b.stamp) < 0 ? [a, b] : [b, a];
  const loser = why === 'samePin' ? later : earlier;
  return { loser: loser.uid, end: { status: 'revoked', stamp: later.stamp, endedAt: wallMs(later.stamp.hlc) } };
}
