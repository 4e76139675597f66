import { z } from 'zod';
import { carrierIds } from '../../contract/carriers';
import { lastWriterWins, packageFields, packageState, type StateEvent } from '../../domain/sync/packages';
import { log } from '../../log';
import { hlc, shortText, uid } from '../wire';
import { sharedEntity } from './types';

const time = z.number().int();

/** A change of status and what it records (who picked it up, when, why it went back…): they travel together. */
const state = z
  .object({
    value: z.enum(['waiting', 'picked_up', 'returned', 'missing']),
    base: hlc.nullable(),
    details: z
      .object({
        picked_up_at: time.nullable(),
        picked_up_via: z.enum(['door', 'desk']).nullable(),
        picked_up_credential: z.enum(['pin', 'qr', 'single-access-pin']).nullable(),
        collected_by: shortText.nullable(),
        handed_over_by_name: shortText.nullable(),
        returned_at: time.nullable(),
        return_reason: shortText.nullable(),
        missing_at: time.nullable(),
      })
      .strict(),
  })
  .strict();

const packageValues = z
  .object({
    tracking: shortText,
    carrier: z.enum(carrierIds),
    carrier_name: shortText.nullable(),
    recipient_uid: uid,
    shelf: shortText.nullable(),
    size: z.enum(['small', 'large', 'oversized']),
    perishable: z.union([z.literal(0), z.literal(1)]),
    signature_required: z.union([z.literal(0), z.literal(1)]),
    note: shortText.nullable(),
    logged_at: time,
    logged_by_name: shortText,
    reminders_sent: z.number().int().nonnegative(),
    last_reminded_at: time.nullable(),
    escalated_at: time.nullable(),
    state,
  })
  .partial()
  .strict();

/** The creation of a package carries every column the table requires. */
const requiredOnCreate = ['tracking', 'carrier', 'recipient_uid', 'size', 'perishable', 'logged_at', 'logged_by_name', 'state'] as const;

/**
 * Packages: details per field last writer wins; the status from every change of status the node has, a final state
 * winning over waiting and the earlier of two final states winning (src/domain/sync/packages.ts). The node that
 * logged a package sends its notice: applying one here queues nothing.
 */
export const packageEntity = sharedEntity({
  name: 'package',
  change: z.object({ entity: z.literal('package'), uid, fields: packageValues, status: z.null().default(null) }),
  localEvents: ['packages.changed'],
  apply(change, { repos, stamp, nodeName, now, emit }) {
    const sync = repos.syncPackages;
    const { state: changed, ...fields } = change.fields;
    const event: StateEvent | null = changed ? { stamp, value: changed.value, base: changed.base, details: changed.details } : null;
    const recipientId = (recipientUid: string) => {
      const id = sync.recipientId(recipientUid);
      // Its recipient travels before it from the node that logged it; a missing one is waited for, not guessed.
      if (id === undefined) throw new Error(`Sync: a package of node ${nodeName} is for a recipient this node has not received yet.`);
      return id;
    };
    const local = sync.package(change.uid);
    if (!local) {
      if (requiredOnCreate.some((field) => change.fields[field] === undefined) || !event) {
        log.error(`Sync: a change of node ${nodeName} edits a package this node never received; it is skipped.`);
        return;
      }
      const id = recipientId(fields.recipient_uid!);
      sync.addState(change.uid, event);
      sync.insertPackage({
        uid: change.uid,
        recipientId: id,
        values: { signature_required: 0, ...fields },
        state: packageState(sync.states(change.uid))!,
        now,
      });
      sync.setStamp(change.uid, '~created', stamp);
      emit('packages.changed', { recipientIds: [id] });
      return;
    }
    const before = repos.packages.byId(local.id)!.recipientId;
    const write = lastWriterWins(packageFields, local.stamps, { stamp, fields });
    const movedTo = write.recipient_uid ? recipientId(String(write.recipient_uid)) : null;
    sync.updatePackage(local.id, write, movedTo, now);
    for (const field of Object.keys(write)) sync.setStamp(change.uid, field, stamp);
    if (event) {
      sync.addState(change.uid, event);
      sync.setState(local.id, packageState(sync.states(change.uid))!, now);
    }
    emit('packages.changed', { recipientIds: movedTo === null || movedTo === before ? [before] : [before, movedTo] });
  },
});
