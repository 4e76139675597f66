import { compareStamps, laterStamp, type Stamp } from './hlc';

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

/** The record's stamps: '~created' for every field no later write stamped, and the status registers. */
export interface RecipientStamps {
  created: Stamp | null;
  fields: Partial<Record<RecipientField, Stamp>>;
  /** The latest deactivation. */
  deactivated: Stamp | null;
  /** The latest deactivation an activation had seen. */
  activated: Stamp | null;
}

export interface RecipientChange {
  stamp: Stamp;
  fields: RecipientValues;
  status: { value: 'active'; base: Stamp | null } | { value: 'inactive' } | null;
}

export interface RecipientMerge {
  /** The fields this change wins, with their values: each is written and stamped with the change's stamp. */
  write: RecipientValues;
  deactivated: Stamp | null;
  activated: Stamp | null;
  status: 'active' | 'inactive';
}

/** Active unless a deactivation exists that no activation had seen: a deactivation wins over a concurrent reactivation. */
export const statusOf = (deactivated: Stamp | null, activated: Stamp | null): 'active' | 'inactive' =>
  compareStamps(activated, deactivated) >= 0 ? 'active' : 'inactive';

/**
 * Per field, the later stamp wins (last writer wins by HLC, the origin breaking ties); the status is two
 * max-registers, so the result does not depend on the order changes arrive in.
 */
export function mergeRecipient(stamps: RecipientStamps, change: RecipientChange): RecipientMerge {
  const write: RecipientValues = {};
  for (const field of recipientFields) {
    if (!(field in change.fields)) continue;
    const current = stamps.fields[field] ?? stamps.created;
    if (compareStamps(change.stamp, current) > 0) write[field] = change.fields[field] ?? null;
  }
  let { deactivated, activated } = stamps;
  if (change.status?.value === 'inactive') deactivated = laterStamp(deactivated, change.stamp);
  if (change.status?.value === 'active') activated = laterStamp(activated, change.status.base);
  return { write, deactivated, activated, status: statusOf(deactivated, activated) };
}
