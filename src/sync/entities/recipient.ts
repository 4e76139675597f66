import { z } from 'zod';
import { message } from '../../contract';
import type { Stamp } from '../../domain/sync/hlc';
import { mergeRecipient, recipientFields, type RecipientValues } from '../../domain/sync/recipients';
import { keepsExternalId } from '../../domain/sync/watch';
import { log } from '../../log';
import { hlc, shortText, uid } from '../wire';
import { sharedEntity, type ApplyContext } from './types';

const recipientValues = z
  .object({
    external_id: shortText.nullable(),
    first_name: shortText,
    last_name: shortText,
    unit: shortText,
    email: shortText.nullable(),
    phone: shortText.nullable(),
    manually_edited: z.union([z.literal(0), z.literal(1)]),
    created_at: z.number().int(),
    move_in: shortText.nullable(),
    move_out: shortText.nullable(),
    language: shortText.nullable(),
    package_notices: z.enum(['email', 'sms', 'both']).nullable(),
  })
  .partial()
  .strict();

/** The creation of a record carries every column the table requires. */
const requiredOnCreate = ['first_name', 'last_name', 'unit', 'manually_edited', 'created_at'] as const;

/**
 * Two records claiming one external id: two nodes' roster imports created the same person offline, or an edit gave
 * one record another's id. The unique index would refuse the write forever (and hold every later change of that
 * node behind it); instead the record created first keeps the id, the other loses it, and staff are told to merge
 * the two by hand. `values` is what the change writes (its external id is set to null when the change's record
 * loses); every node compares the same two creation stamps, so every node ends with the same rows.
 */
function settleExternalId(uid: string, created: Stamp | null, values: RecipientValues, ctx: ApplyContext): void {
  const claimed = values.external_id;
  if (typeof claimed !== 'string') return;
  const { repos, now, emit, raise } = ctx;
  const holder = repos.syncRecipients.holderOf(claimed, uid);
  if (!holder) return;
  const named = repos.syncRecipients.named(holder.uid)!;
  if (keepsExternalId(created, repos.sync.recipient(holder.uid)?.stamps.created ?? null)) {
    repos.syncRecipients.clearExternalId(holder.id, now);
    emit('recipients.changed', { id: holder.id });
  } else {
    values.external_id = null;
  }
  raise('sync.duplicate', message('site.alert.duplicate', { name: `${named.firstName} ${named.lastName}`, externalId: claimed }));
}

/** Recipients: per-field last writer wins, a deactivation wins over an activation that had not seen it (src/domain/sync/recipients.ts). */
export const recipientEntity = sharedEntity({
  name: 'recipient',
  change: z.object({
    entity: z.literal('recipient'),
    uid,
    fields: recipientValues,
    status: z
      .discriminatedUnion('value', [
        z.object({ value: z.literal('inactive') }),
        // A creation that is active carries no base: it has seen no deactivation.
        z.object({ value: z.literal('active'), base: z.record(uid, hlc).default({}) }),
      ])
      .nullable(),
  }),
  localEvents: ['recipients.changed', 'roster.applied'],
  describe(uid, fields, repos) {
    const named = repos.syncRecipients.named(uid);
    const name = named ? `${named.firstName} ${named.lastName}` : [fields.first_name, fields.last_name].filter(Boolean).join(' ');
    const unit = named?.unit ?? fields.unit;
    return name && typeof unit === 'string' ? message('site.record.recipient', { name, unit }) : undefined;
  },
  apply(change, ctx) {
    const { repos, stamp, nodeName, now, emit } = ctx;
    const { sync } = repos;
    const local = sync.recipient(change.uid);
    const merged = mergeRecipient(local?.stamps ?? { created: null, fields: {}, deactivated: {}, activated: {} }, {
      stamp,
      fields: change.fields,
      status: change.status,
    });
    if (!local) {
      const values = change.fields;
      if (requiredOnCreate.some((field) => values[field] === undefined)) {
        log.error(`Sync: a change of node ${nodeName} edits a recipient this node never received; it is skipped.`);
        return;
      }
      const full = Object.fromEntries(recipientFields.map((f) => [f, values[f] ?? null])) as Required<RecipientValues>;
      settleExternalId(change.uid, stamp, full, ctx);
      const id = sync.insertRecipient(change.uid, full, merged.status, now);
      sync.setStamp(change.uid, '~created', stamp);
      sync.setStatusRegisters(change.uid, merged);
      emit('recipients.changed', { id });
      return;
    }
    settleExternalId(change.uid, local.stamps.created, merged.write, ctx);
    sync.updateRecipient(local.id, merged.write, merged.status, now);
    for (const field of Object.keys(merged.write)) sync.setStamp(change.uid, field, stamp);
    sync.setStatusRegisters(change.uid, merged);
    emit('recipients.changed', { id: local.id });
  },
});
