import { z } from 'zod';
import { message } from '../../contract';
import { carrierIds } from '../../contract/carriers';
import { clash, type Ended } from '../../domain/sync/access';
import type { Stamp } from '../../domain/sync/hlc';
import { carrierStatus, lastWriterWins } from '../../domain/sync/packages';
import { log } from '../../log';
import { shortText, uid } from '../wire';
import { endKey } from './credential';
import { sharedEntity, type ApplyContext } from './types';

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

/**
 * Revokes a carrier code (revoked wins whatever the clocks); of two end times the later writer's stays. A clash's
 * revocation is stamped with the code's own creation stamp, which its creation must not outrank: its end time
 * is compared with other end times only.
 */
function revokeCarrierCode(ctx: ApplyContext, codeUid: string, stamp: Stamp, endedAt: number | null, byClash = false): void {
  const sync = ctx.repos.syncPackages;
  const local = sync.carrierCode(codeUid);
  if (!local) return;
  const stamps = sync.stamps(codeUid, ['ended_at']);
  const write = lastWriterWins(['ended_at'], byClash ? { ...stamps, created: null } : stamps, { stamp, fields: { ended_at: endedAt } });
  sync.revokeCarrierCode(local.id, 'ended_at' in write ? endedAt : undefined);
  for (const field of Object.keys(write)) sync.setStamp(codeUid, field, stamp);
}

/**
 * A carrier code and a credential (a PIN) with one number, made at two nodes that did not know each other (each
 * draws a number that none of its own codes and PINs has: src/db/repositories/accessKeys.ts). The keypad cannot
 * tell them apart, so as for a PIN drawn twice (`clash`) the earlier keeps the number and the later is revoked, on
 * every node alike whatever order they arrive in; each node tells staff which one to make again when the second of
 * the two reaches it. The one already here is revoked now when it loses; for the `incoming` one, which is not
 * written yet, the end it must be written with is returned (null when it keeps the number).
 */
export function settleCodeClash(
  ctx: ApplyContext,
  code: { uid: string; name: string; created: Stamp },
  credential: { uid: string; created: Stamp; recipientName: string },
  incoming: 'code' | 'credential',
): Ended | null {
  const lost = clash(
    { uid: code.uid, stamp: code.created, known: [] },
    { uid: credential.uid, stamp: credential.created, known: [] },
    'samePin',
  );
  if (!lost) return null;
  const names = { code: code.name, name: credential.recipientName };
  if (lost.loser === credential.uid) {
    ctx.raise('sync.duplicate', message('site.alert.pinLikeCarrierCode', names));
    if (incoming === 'credential') return lost.end;
    endKey(ctx, credential.uid, lost.end, null);
    return null;
  }
  ctx.raise('sync.duplicate', message('site.alert.carrierCodeLikePin', names));
  if (incoming === 'code') return lost.end;
  revokeCarrierCode(ctx, code.uid, lost.end.stamp, lost.end.endedAt, true);
  return null;
}

/** Carrier codes: made at one node, opening every node's door in their hours; a revocation wins (src/domain/sync/packages.ts). */
export const carrierCodeEntity = sharedEntity({
  name: 'carrierCode',
  change: z.object({ entity: z.literal('carrierCode'), uid, fields: carrierCodeValues, status: z.null().default(null) }),
  localEvents: [],
  apply(change, ctx) {
    const { repos, stamp, nodeName } = ctx;
    const sync = repos.syncPackages;
    const f = change.fields;
    const local = sync.carrierCode(change.uid);
    if (!local) {
      if (requiredOnCreate.some((field) => f[field] === undefined)) {
        log.error(`Sync: a change of node ${nodeName} revokes a carrier code this node never received; it is skipped.`);
        return;
      }
      // Settled before the insert: the database refuses two active codes with one number.
      const pinHash = Buffer.from(f.pin_hash!, 'hex');
      let lost: Ended | null = null;
      for (const credential of repos.syncAccess.withPin(pinHash))
        lost = settleCodeClash(ctx, { uid: change.uid, name: f.name!, created: stamp }, credential, 'code') ?? lost;
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
        status: lost ? 'revoked' : f.status!,
        createdAt: f.created_at!,
        endedAt: lost ? lost.endedAt : (f.ended_at ?? null),
        replacesUid: f.replaces_uid ?? null,
      });
      sync.setStamp(change.uid, '~created', stamp);
      if (lost) sync.setStamp(change.uid, 'ended_at', lost.stamp);
      return;
    }
    if (f.status === undefined || carrierStatus(local.status, f.status) !== 'revoked') return;
    // Two desks revoking the same code: both end revoked, with the later writer's end time.
    revokeCarrierCode(ctx, change.uid, stamp, f.ended_at ?? null);
  },
});
