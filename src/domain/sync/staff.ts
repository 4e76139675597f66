import { compareStamps, type Hlc, type Stamp } from './hlc';
import { statusOf, type PerNode } from './recipients';

/**
 * How a change from another node ends in a staff account (docs/architecture.md, the conflict table). Pure: it takes
 * the account's stamps as stored and the change, and returns what to write. Sessions never travel: each node keeps
 * its own, and ends them when an applied change takes the account's access away (`endsSessions`).
 */

/** The columns of `staff` every node shares besides `active` and `role` (which have registers of their own). */
export const staffFields = ['username', 'display_name', 'password_hash', 'language', 'created_at'] as const;

export type StaffField = (typeof staffFields)[number];
export type StaffValues = { [F in StaffField]?: string | number | null };

/**
 * A flag that a "taking away" (deactivation, demotion) sets and a "giving" (activation, promotion) clears, kept as
 * recipients' status is: per origin node, the HLC of its latest taking-away (`taken`), and the latest of those a
 * giving had seen (`given`). Given iff every taking-away was seen by a giving.
 */
export interface Guarded {
  taken: PerNode;
  given: PerNode;
}

/** A change to a guarded flag: a giving carries `base`, the takings-away its writer knew. */
export type GuardedChange = { value: 'give'; base: PerNode } | { value: 'take' } | null;

export interface StaffStamps {
  created: Stamp | null;
  fields: Partial<Record<StaffField, Stamp>>;
  /** Deactivations (taken) and the activations that saw them (given). */
  active: Guarded;
  /** Demotions to staff (taken) and the promotions to admin that saw them (given). */
  admin: Guarded;
}

export interface StaffChange {
  stamp: Stamp;
  fields: StaffValues;
  active: GuardedChange;
  admin: GuardedChange;
}

export interface StaffMerge {
  /** The fields this change wins, with their values: each is written and stamped with the change's stamp. */
  write: StaffValues;
  active: Guarded & { value: boolean };
  admin: Guarded & { value: boolean };
}

const withMax = (registers: PerNode, origin: string, hlc: Hlc): PerNode =>
  (registers[origin] ?? -1) >= hlc ? registers : { ...registers, [origin]: hlc };

/** Joins one change into a guarded flag: max-registers, so the order of arrival and repeats change nothing. */
export function mergeGuarded(flag: Guarded, stamp: Stamp, change: GuardedChange): Guarded & { value: boolean } {
  let { taken, given } = flag;
  if (change?.value === 'take') taken = withMax(taken, stamp.origin, stamp.hlc);
  if (change?.value === 'give') for (const [origin, hlc] of Object.entries(change.base)) given = withMax(given, origin, hlc);
  return { taken, given, value: statusOf(taken, given) === 'active' };
}

/**
 * Per field, the later stamp wins (last writer wins by HLC, the origin breaking ties). Active and admin are guarded
 * flags: a deactivation or a demotion wins over every activation or promotion made without knowing it, whatever the
 * clocks say, so a removed admin does not come back by a concurrent change at another desk.
 */
export function mergeStaff(stamps: StaffStamps, change: StaffChange): StaffMerge {
  const write: StaffValues = {};
  for (const field of staffFields) {
    if (!(field in change.fields)) continue;
    const current = stamps.fields[field] ?? stamps.created;
    if (compareStamps(change.stamp, current) > 0) write[field] = change.fields[field] ?? null;
  }
  return {
    write,
    active: mergeGuarded(stamps.active, change.stamp, change.active),
    admin: mergeGuarded(stamps.admin, change.stamp, change.admin),
  };
}

/** What a node's open sessions depend on in an account. */
export interface SessionGrounds {
  active: boolean;
  passwordHash: string;
}

/**
 * Whether an applied change ends the account's open sessions on this node: it was deactivated, or its password
 * changed elsewhere (as a password change here ends the other sessions). A demotion does not: every call reads the
 * account's role afresh.
 */
export const endsSessions = (before: SessionGrounds, after: SessionGrounds): boolean =>
  before.active && (!after.active || after.passwordHash !== before.passwordHash);
