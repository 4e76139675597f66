import { z } from 'zod';
import { mergeRecipient, recipientFields, type RecipientValues } from '../../domain/sync/recipients';
import { log } from '../../log';
import { hlc, shortText, uid } from '../wire';
import { sharedEntity } from './types';

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
  apply(change, { repos, stamp, nodeName, now, emit }) {
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
      const id = sync.insertRecipient(change.uid, full, merged.status, now);
      sync.setStamp(change.uid, '~created', stamp);
      sync.setStatusRegisters(change.uid, merged);
      emit('recipients.changed', { id });
      return;
    }
    sync.updateRecipient(local.id, merged.write, merged.status, now);
    for (const field of Object.keys(merged.write)) sync.setStamp(change.uid, field, stamp);
    sync.setStatusRegisters(change.uid, merged);
    emit('recipients.changed', { id: local.id });
  },
});
