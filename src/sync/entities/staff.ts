import { z } from 'zod';
import type { SyncSharedRepository } from '../../db/repositories/syncShared';
import { compareStamps, type Stamp } from '../../domain/sync/hlc';
import type { PerNode } from '../../domain/sync/recipients';
import { mergeStaff, staffFields, type GuardedChange, type StaffValues } from '../../domain/sync/staff';
import { log } from '../../log';
import { hlc, shortText, uid } from '../wire';
import { sharedEntity } from './types';

const perNode = z.record(uid, hlc);
// A promotion's base is built by the update trigger as JSON text inside the fields' JSON (SQLite keeps no JSON
// subtype through that subquery), or as an object: either reads as the registers.
const roleBase = z.preprocess((v) => (typeof v === 'string' ? (JSON.parse(v) as unknown) : v), perNode);

const staffValues = z
  .object({
    username: shortText.min(1),
    display_name: shortText,
    role: z.enum(['admin', 'staff']),
    role_base: roleBase,
    password_hash: shortText,
    language: shortText.nullable(),
    created_at: z.number().int(),
  })
  .partial()
  .strict();

/** The creation of an account carries every column the table requires. */
const requiredOnCreate = ['username', 'display_name', 'password_hash', 'created_at'] as const;

/**
 * Staff accounts: fields last writer wins; a deactivation or a demotion wins over an activation or promotion that
 * had not seen it (src/domain/sync/staff.ts). Password hashes travel; sessions do not: `staff.changed` ends this
 * node's sessions of an account that lost its access (AuthService.changedElsewhere).
 */
export const staffEntity = sharedEntity({
  name: 'staff',
  change: z.object({
    entity: z.literal('staff'),
    uid,
    fields: staffValues,
    status: z
      .discriminatedUnion('value', [
        z.object({ value: z.literal('inactive') }),
        z.object({ value: z.literal('active'), base: perNode.default({}) }),
      ])
      .nullable(),
  }),
  // Every change to an account is audited in its transaction.
  localEvents: ['activity.appended'],
  apply(change, { repos, stamp, nodeName, emit }) {
    const shared = repos.syncShared;
    const { role, role_base: roleBase, ...fields } = change.fields;
    const admin: GuardedChange =
      role === 'staff' ? { value: 'take' } : role === 'admin' ? { value: 'give', base: (roleBase ?? {}) as PerNode } : null;
    const active: GuardedChange =
      change.status === null ? null : change.status.value === 'inactive' ? { value: 'take' } : { value: 'give', base: change.status.base };
    const local = shared.staff(change.uid);
    const empty = { taken: {}, given: {} };
    const merged = mergeStaff(local?.stamps ?? { created: null, fields: {}, active: empty, admin: empty }, {
      stamp,
      fields,
      active,
      admin,
    });
    if (!local) {
      if (requiredOnCreate.some((field) => fields[field] === undefined)) {
        log.error(`Sync: a change of node ${nodeName} edits a staff account this node never received; it is skipped.`);
        return;
      }
      const values = Object.fromEntries(staffFields.map((f) => [f, fields[f] ?? null])) as Required<StaffValues>;
      values.username = usernameFor(shared, change.uid, String(values.username), stamp);
      const id = shared.insertStaff(change.uid, values, merged.active.value, merged.admin.value);
      shared.setStamp(change.uid, '~created', stamp);
      shared.setStaffRegisters(change.uid, merged.active, merged.admin);
      emit('staff.changed', { id });
      return;
    }
    if (merged.write.username !== undefined) {
      merged.write.username = usernameFor(shared, change.uid, String(merged.write.username), local.stamps.created ?? stamp);
    }
    shared.updateStaff(local.id, merged.write, merged.active.value, merged.admin.value);
    for (const field of Object.keys(merged.write)) shared.setStamp(change.uid, field, stamp);
    shared.setStaffRegisters(change.uid, merged.active, merged.admin);
    emit('staff.changed', { id: local.id });
  },
});

/**
 * Two nodes apart may each create an account with the same username. Every node ends the same: the account
 * created first keeps it; the other becomes `username-<first 6 digits of its uid>` (on the node that created it
 * too, when the first one arrives there), and the log says so.
 */
function usernameFor(shared: SyncSharedRepository, uid: string, username: string, created: Stamp): string {
  const holder = shared.staffByUsername(username);
  if (!holder || holder.uid === uid) return username;
  const renamed = (u: string) => `${username}-${u.slice(0, 6)}`;
  if (compareStamps(holder.created, created) <= 0) {
    log.warn(`Sync: two computers made staff account "${username}"; the later one signs in as "${renamed(uid)}".`);
    return renamed(uid);
  }
  log.warn(`Sync: two computers made staff account "${username}"; the later one signs in as "${renamed(holder.uid)}".`);
  shared.renameStaff(holder.id, renamed(holder.uid));
  return username;
}
