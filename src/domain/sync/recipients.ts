import { compareStamps, type Hlc, type Stamp } from './hlc';

/**
 * How a change from another node ends in a recipient (docs/architecture.md, the conflict table). Pure: it takes
 * the record's stamps as stored and the change, and returns what to write.
 */

/** The columns of `recipients` every node shares, as the change events name them. */
export const recipientFields = [
  'external_id',
  'first_name',
  'last_name',
  'unit',
  'email',
  'phone',
  'manually_edited',
  'created_at',
  'move_in',
  'move_out',
  'language',
  'package_notices',
] as const;

export type RecipientField = (typeof recipientFields)[number];
export type RecipientValues = { [F in RecipientField]?: string | number | null };

/** Per origin node (its uid), an HLC: the status registers. */
export type PerNode = Record<string, Hlc>;

/** The record's stamps: '~created' for every field no later write stamped, and the status registers. */
export interface RecipientStamps {
  created: Stamp | null;
  fields: Partial<Record<RecipientField, Stamp>>;
  /** Each node's latest deactivation of this record. */
  deactivated: PerNode;
  /** Per node, the latest of its deactivations that an activation (made anywhere) had seen. */
  activated: PerNode;
}

export interface RecipientChange {
  stamp: Stamp;
  fields: RecipientValues;
  /** An activation carries `base`: each node's latest deactivation its writer knew. */
  status: { value: 'active'; base: PerNode } | { value: 'inactive' } | null;
}

export interface RecipientMerge {
  /** The fields this change wins, with their values: each is written and stamped with the change's stamp. */
  write: RecipientValues;
  deactivated: PerNode;
  activated: PerNode;
  status: 'active' | 'inactive';
}

/**
 * Active unless some deactivation was seen by no activation: a deactivation wins over every reactivation made
 * without knowing it (concurrently, on another node), whatever their clocks say; a reactivation made after seeing
 * it wins until the next deactivation.
 */
export const statusOf = (deactivated: PerNode, activated: PerNode): 'active' | 'inactive' =>
  Object.entries(deactivated).every(([origin, hlc]) => (activated[origin] ?? -1) >= hlc) ? 'active' : 'inactive';

const withMax = (registers: PerNode, origin: string, hlc: Hlc): PerNode =>
  (registers[origin] ?? -1) >= hlc ? registers : { ...registers, [origin]: hlc };

/**
 * Per field, the later stamp wins (last writer wins by HLC, the origin breaking ties); the status is per-node
 * max-registers. Both are joins of a lattice, so the result does not depend on the order changes arrive in, and
 * a change applied twice changes nothing more.
 */
export function mergeRecipient(stamps: RecipientStamps, change: RecipientChange): RecipientMerge {
  const write: RecipientValues = {};
  for (const field of recipientFields) {
    if (!(field in change.fields)) continue;
    const current = stamps.fields[field] ?? stamps.created;
    if (compareStamps(change.stamp, current) > 0) write[field] = change.fields[field] ?? null;
  }
  let { deactivated, activated } = stamps;
  if (change.status?.value === 'inactive') deactivated = withMax(deactivated, change.stamp.origin, change.stamp.hlc);
  if (change.status?.value === 'active') {
    for (const [origin, hlc] of Object.entries(change.status.base)) activated = withMax(activated, origin, hlc);
  }
  return { write, deactivated, activated, status: statusOf(deactivated, activated) };
}
