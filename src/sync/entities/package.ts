import { z } from 'zod';
import { carrierIds } from '../../contract/carriers';
import { storedReading } from '../../domain/packages/unmatched';
import { message } from '../../contract/messages';
import {
  doubleAssignment,
  lastWriterWins,
  packageFields,
  packageState,
  type Assignment,
  type StateEvent,
} from '../../domain/sync/packages';
import { log } from '../../log';
import { hlc, shortText, uid } from '../wire';
import type { Repositories } from '../../db/repositories';
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
    // Null while the package is unmatched (put aside, migration 0023).
    recipient_uid: uid.nullable(),
    shelf: shortText.nullable(),
    size: z.enum(['small', 'large', 'oversized']),
    perishable: z.union([z.literal(0), z.literal(1)]),
    note: shortText.nullable(),
    logged_at: time,
    logged_by_name: shortText,
    reminders_sent: z.number().int().nonnegative(),
    last_reminded_at: time.nullable(),
    escalated_at: time.nullable(),
    put_aside_at: time.nullable(),
    put_aside_by_name: shortText.nullable(),
    reading: storedReading.nullable(),
    assigned_at: time.nullable(),
    assigned_by_name: shortText.nullable(),
    state,
  })
  .partial()
  .strict();

/** The creation of a package carries every column the table requires. */
const requiredOnCreate = ['tracking', 'carrier', 'recipient_uid', 'size', 'perishable', 'logged_at', 'logged_by_name', 'state'] as const;

/**
 * Packages: details per field last writer wins; the status from every change of status the node has, a final state
 * winning over waiting and the earlier of two final states winning (src/domain/sync/packages.ts). The node that
 * logged a package sends its notice: applying one here queues nothing. An unmatched package travels with no
 * recipient and is assigned by a change like any other (the assigning node sends the notice); two desks assigning
 * it to two people while cut off: the later assignment stands, and each node alerts its staff naming both.
 */
export const packageEntity = sharedEntity({
  name: 'package',
  change: z.object({ entity: z.literal('package'), uid, fields: packageValues, status: z.null().default(null) }),
  localEvents: ['packages.changed'],
  apply(change, { repos, stamp, nodeName, now, emit, raiseHere }) {
    const sync = repos.syncPackages;
    const { state: changed, reading, ...rest } = change.fields;
    // The reading is stored as its JSON text, and compared and written per field like the others.
    const fields = reading === undefined ? rest : { ...rest, reading: reading === null ? null : JSON.stringify(reading) };
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
      const id = fields.recipient_uid ? recipientId(fields.recipient_uid) : null;
      sync.addState(change.uid, event);
      sync.insertPackage({ uid: change.uid, recipientId: id, values: fields, state: packageState(sync.states(change.uid))!, now });
      sync.setStamp(change.uid, '~created', stamp);
      emit('packages.changed', { recipientIds: id === null ? [] : [id] });
      return;
    }
    const here = repos.packages.anyById(local.id)!;
    const before = here.recipientId;
    const write = lastWriterWins(packageFields, local.stamps, { stamp, fields });
    const movedTo = write.recipient_uid ? recipientId(String(write.recipient_uid)) : null;
    const assignedHere: Assignment | null =
      here.assignedAt === null || before === null
        ? null
        : {
            recipientUid: sync.recipientUid(before) ?? '',
            by: here.assignedByName ?? '',
            stamp: local.stamps.fields.recipient_uid ?? local.stamps.created ?? { hlc: 0, origin: '' },
          };
    const assignedThere: Assignment | null =
      fields.assigned_at && fields.recipient_uid ? { recipientUid: fields.recipient_uid, by: fields.assigned_by_name ?? '', stamp } : null;
    const twice = doubleAssignment(assignedHere, assignedThere);
    if (twice) {
      const [first, second] = twice.map((a) => ({ name: personName(repos, sync.recipientId(a.recipientUid)), by: a.by }));
      raiseHere(
        'package.assignedTwice',
        message('packages.alert.assignedTwice', {
          tracking: here.tracking,
          first: first!.name,
          firstBy: first!.by,
          second: second!.name,
          secondBy: second!.by,
          winner: second!.name,
        }),
      );
    }
    sync.updatePackage(local.id, write, movedTo, now);
    for (const field of Object.keys(write)) sync.setStamp(change.uid, field, stamp);
    if (event) {
      sync.addState(change.uid, event);
      sync.setState(local.id, packageState(sync.states(change.uid))!, now);
    }
    const touched = [before, movedTo].filter((id, i, all): id is number => id !== null && all.indexOf(id) === i);
    emit('packages.changed', { recipientIds: touched });
  },
});

/** "Ana Lopez (1A)", as the double-assignment alert names each person; empty when the recipient is not here. */
function personName(repos: Repositories, id: number | undefined): string {
  const r = id === undefined ? undefined : repos.recipients.byId(id);
  return r ? `${r.firstName} ${r.lastName} (${r.unit})` : '';
}
