import { compareStamps, type Hlc, type Stamp } from './hlc';

/**
 * How changes from other nodes end in a package, a carrier code and a claim (docs/architecture.md, the conflict
 * table: Packages, Package notices and reminders, Carrier codes). Pure: each function takes what is stored and
 * what arrived, and returns what to keep.
 */

/** The columns of `packages` shared per field, last writer wins; `recipient_uid` stands for `recipient_id`. */
export const packageFields = [
  'tracking',
  'carrier',
  'carrier_name',
  'recipient_uid',
  'shelf',
  'size',
  'perishable',
  'note',
  'logged_at',
  'logged_by_name',
  'reminders_sent',
  'last_reminded_at',
  'escalated_at',
  // Put aside (migration 0023): the reading as its JSON text, and the assignment that ends the package's time unmatched.
  'put_aside_at',
  'put_aside_by_name',
  'reading',
  'assigned_at',
  'assigned_by_name',
] as const;

export type PackageField = (typeof packageFields)[number];
export type Values<F extends string> = { [K in F]?: string | number | null };

/** A record's per-field stamps: '~created' for every field no later write stamped. */
export interface FieldStamps<F extends string> {
  created: Stamp | null;
  fields: Partial<Record<F, Stamp>>;
}

/** The fields a change wins (its stamp is later than the field's), with their values. */
export function lastWriterWins<F extends string>(
  names: readonly F[],
  stamps: FieldStamps<F>,
  change: { stamp: Stamp; fields: Values<F> },
): Values<F> {
  const write: Values<F> = {};
  for (const field of names) {
    if (!(field in change.fields)) continue;
    const current = stamps.fields[field] ?? stamps.created;
    if (compareStamps(change.stamp, current) > 0) write[field] = change.fields[field] ?? null;
  }
  return write;
}

// ---- Assigning an unmatched package ----

/** Who a package was assigned to (a recipient uid), by whom, and the stamp of that change. */
export interface Assignment {
  recipientUid: string;
  by: string;
  stamp: Stamp;
}

/**
 * Two desks cut off from each other each assigned the same unmatched package, to two people: staff must hear of
 * it, since both were told it is waiting. An assignment is the change that sets `assigned_at` with the recipient
 * (a desk assigns only a package it sees unmatched), so an incoming assignment meeting one here is always a
 * concurrent one; a later correction (`packages.update`) carries no `assigned_at` and is no conflict. The recipient
 * itself ends per field, last writer wins, like any other field: the later assignment stands. Returns the two in
 * stamp order, or null when there is nothing to tell (no assignment here yet, or both chose the same person).
 */
export function doubleAssignment(local: Assignment | null, incoming: Assignment | null): [Assignment, Assignment] | null {
  if (!local || !incoming || local.recipientUid === incoming.recipientUid) return null;
  return compareStamps(local.stamp, incoming.stamp) < 0 ? [local, incoming] : [incoming, local];
}

// ---- The package's status ----

export const finalStates = ['picked_up', 'returned'] as const;
export type PackageState = 'waiting' | 'missing' | (typeof finalStates)[number];

/** What picked it up, returned it or marked it missing: written with the status that wins. */
export interface StateDetails {
  picked_up_at: number | null;
  picked_up_via: 'door' | 'desk' | null;
  picked_up_credential: 'pin' | 'qr' | 'single-access-pin' | null;
  collected_by: string | null;
  handed_over_by_name: string | null;
  returned_at: number | null;
  return_reason: string | null;
  missing_at: number | null;
}

/** One change of a package's status, made at `stamp`. */
export interface StateEvent {
  stamp: Stamp;
  value: PackageState;
  /** A return to waiting (or missing) from a final state: the HLC of the latest final state its writer had seen. */
  base: Hlc | null;
  details: StateDetails;
}

export const isFinal = (value: PackageState): boolean => (finalStates as readonly string[]).includes(value);

/**
 * The status of a package from every change of status the node has (a set: the order they came in does not
 * matter, and one received twice counts once). A final state (picked up, returned) wins over waiting and missing,
 * whatever the clocks: a parcel handed over is never shown waiting again by a late event. Between two final states
 * the earlier wins: the first hand-over is the one that happened. Staff may undo a final state (found on the shelf
 * after all); that return undoes the final states its writer had seen (up to its `base`), never one it had not.
 * Without a final state left, the latest waiting/missing wins.
 */
export function packageState(events: readonly StateEvent[]): StateEvent | null {
  const undone = Math.max(-1, ...events.map((e) => e.base ?? -1));
  let winner: StateEvent | null = null;
  for (const e of events) {
    if (!isFinal(e.value) || e.stamp.hlc <= undone) continue;
    if (!winner || compareStamps(e.stamp, winner.stamp) < 0) winner = e;
  }
  if (winner) return winner;
  for (const e of events) {
    if (isFinal(e.value)) continue;
    if (!winner || compareStamps(e.stamp, winner.stamp) > 0) winner = e;
  }
  return winner;
}

// ---- Carrier codes ----

/** Carrier codes are made and revoked, never edited: a revocation seen anywhere wins over `active`. */
export function carrierStatus(current: 'active' | 'revoked', incoming: 'active' | 'revoked'): 'active' | 'revoked' {
  return current === 'revoked' || incoming === 'revoked' ? 'revoked' : 'active';
}

// ---- Claims: one node sends each reminder ----

export interface Claim {
  round: number;
  /** The claimant's node uid and the claim's HLC. */
  stamp: Stamp;
}

/** Of a round's claims, the lowest (HLC, origin): the node that acts. */
export function claimWinner(claims: readonly Claim[], round: number): Stamp | null {
  let winner: Stamp | null = null;
  for (const c of claims) {
    if (c.round !== round) continue;
    if (!winner || compareStamps(c.stamp, winner) < 0) winner = c.stamp;
  }
  return winner;
}

export type ClaimDecision = 'wait' | 'won' | 'lost';

/**
 * Whether this node (`self`), which claimed `round`, may act now. It waits until every node it knows has claimed
 * the round too (each answers a claim it receives with its own, so the lowest can only be among those), or until
 * `waitMs` has passed since its claim (a node that is down or cut off does not hold the site's reminders forever);
 * then the lowest claim it has wins. It stands down when a later round exists (the others gave up waiting for
 * this one) or when its claim is older than `lateMs`: by then the others may be about to claim the next round,
 * so a winner that comes back after that long leaves the work to them.
 */
export function decideClaim(input: {
  self: string;
  round: number;
  claims: readonly Claim[];
  /** The other nodes of the site this node has heard from. */
  knownNodes: readonly string[];
  claimedAt: number;
  now: number;
  waitMs: number;
  lateMs: number;
}): ClaimDecision {
  if (input.claims.some((c) => c.round > input.round)) return 'lost';
  const inRound = input.claims.filter((c) => c.round === input.round);
  const mine = inRound.some((c) => c.stamp.origin === input.self);
  if (!mine) return 'wait';
  const heard = new Set(inRound.map((c) => c.stamp.origin));
  const everyone = input.knownNodes.every((n) => heard.has(n));
  if (!everyone && input.now - input.claimedAt < input.waitMs) return 'wait';
  if (input.now - input.claimedAt > input.lateMs) return 'lost';
  return claimWinner(inRound, input.round)?.origin === input.self ? 'won' : 'lost';
}
