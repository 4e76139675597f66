import { z } from 'zod';
import { carrierIds } from '../../contract/carriers';
import { carrierStatus, lastWriterWins } from '../../domain/sync/packages';
import { log } from '../../log';
import { shortText, uid } from '../wire';
import { sharedEntity } from './types';

const hex = z.string().regex(/^([0-9A-F]{2}){1,256}$/);
const minute = z.number().int().min(0).max(1439);

const carrierCodeValues = z
  .object({
    carrier: z.enum(carrierIds),
    name: shortText,
    // As they rest: the keyed HMAC and the AES-GCM ciphertext under the site's data key.
    pin_hash: hex,
    pin_enc: hex,
    days: z.number().int().min(1).max(127),
    from_minute: minute,
    until_minute: minute,
    until_date: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .nullable(),
    status: z.enum(['active', 'revoked']),
    created_at: z.number().int(),
    ended_at: z.number().int().nullable(),
    replaces_uid: uid.nullable(),
  })
  .partial()
  .strict();

const requiredOnCreate = ['carrier', 'name', 'pin_hash', 'pin_enc', 'days', 'from_minute', 'until_minute', 'status', 'created_at'] as const;

/** Carrier codes: made at one node, opening every node's door in their hours; a revocation wins (src/domain/sync/packages.ts). */
export const carrierCodeEntity = sharedEntity({
  name: 'carrierCode',
  change: z.object({ entity: z.literal('carrierCode'), uid, fields: carrierCodeValues, status: z.null().default(null) }),
  localEvents: [],
  apply(change, { repos, stamp, nodeName }) {
    const sync = repos.syncPackages;
    const f = change.fields;
    const local = sync.carrierCode(change.uid);
    if (!local) {
      if (requiredOnCreate.some((field) => f[field] === undefined)) {
        log.error(`Sync: a change of node ${nodeName} revokes a carrier code this node never received; it is skipped.`);
        return;
      }
      sync.insertCarrierCode({
        uid: change.uid,
        carrier: f.carrier!,
        name: f.name!,
        pinHash: Buffer.from(f.pin_hash!, 'hex'),
        pinEnc: Buffer.from(f.pin_enc!, 'hex'),
        days: f.days!,
        fromMinute: f.from_minute!,
        untilMinute: f.until_minute!,
        untilDate: f.until_date ?? null,
        status: f.status!,
        createdAt: f.created_at!,
        endedAt: f.ended_at ?? null,
        replacesUid: f.replaces_uid ?? null,
      });
      sync.setStamp(change.uid, '~created', stamp);
      return;
    }
    if (f.status === undefined || carrierStatus(local.status, f.status) !== 'revoked') return;
    // Two desks revoking the same code: both end revoked, with the later writer's end time.
    const write = lastWriterWins(['ended_at'], sync.stamps(change.uid, ['ended_at']), { stamp, fields: { ended_at: f.ended_at ?? null } });
    sync.revokeCarrierCode(local.id, 'ended_at' in write ? (f.ended_at ?? null) : undefined);
    for (const field of Object.keys(write)) sync.setStamp(change.uid, field, stamp);
  },
});
