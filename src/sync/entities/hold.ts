import { z } from 'zod';
import { maxReturnDays } from '../../domain/holds';
import { firstOnce } from '../../domain/sync/holds';
import { log } from '../../log';
import { shortText, uid } from '../wire';
import { sharedEntity } from './types';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

const holdValues = z
  .object({
    recipient_uid: uid,
    from_day: day,
    until_day: day,
    mode: z.enum(['keep', 'return']),
    return_days: z.number().int().min(1).max(maxReturnDays).nullable(),
    created_at: z.number().int(),
    created_by_name: shortText,
    created_via: z.enum(['staff', 'sms', 'email']),
    cancelled_at: z.number().int().nullable(),
    cancelled_by_name: shortText.nullable(),
    end_notice_at: z.number().int().nullable(),
  })
  .partial()
  .strict();

const requiredOnCreate = ['recipient_uid', 'from_day', 'until_day', 'mode', 'created_at', 'created_by_name', 'created_via'] as const;

/**
 * Holds: created once, then cancelled and their end notice marked, each once, the first by stamp standing
 * (src/domain/sync/holds.ts). A hold whose recipient has not arrived yet is held and tried again.
 */
export const holdEntity = sharedEntity({
  name: 'hold',
  change: z.object({ entity: z.literal('hold'), uid, fields: holdValues, status: z.null().default(null) }),
  localEvents: ['holds.changed'],
  apply(change, { repos, stamp, nodeName, now, emit }) {
    const sync = repos.syncHolds;
    const f = change.fields;
    let local = sync.hold(change.uid);
    if (!local) {
      if (requiredOnCreate.some((field) => f[field] === undefined)) {
        log.error(`Sync: a change of node ${nodeName} is about a hold this node never received; it is skipped.`);
        return;
      }
      const recipientId = repos.syncPackages.recipientId(f.recipient_uid!);
      // Thrown, the change is held and tried again: the recipient's own creation comes first in the stream.
      if (recipientId === undefined) throw new Error(`the recipient of hold ${change.uid} has not arrived yet`);
      sync.insert(
        {
          uid: change.uid,
          recipientId,
          fromDay: f.from_day!,
          untilDay: f.until_day!,
          mode: f.mode!,
          returnDays: f.mode === 'return' ? (f.return_days ?? 1) : null,
          createdAt: f.created_at!,
          createdByName: f.created_by_name!,
          createdVia: f.created_via!,
          cancelledAt: null,
          cancelledByName: null,
          endNoticeAt: null,
        },
        now,
      );
      repos.syncPackages.setStamp(change.uid, '~created', stamp);
      local = { id: sync.hold(change.uid)!.id, cancelled: null, endNotice: null };
    }
    if (typeof f.cancelled_at === 'number') {
      const incoming = { stamp, value: { at: f.cancelled_at, by: f.cancelled_by_name ?? null } };
      const current = local.cancelled && { stamp: local.cancelled, value: null };
      if (firstOnce(current, incoming) === incoming) {
        sync.setCancelled(local.id, f.cancelled_at, f.cancelled_by_name ?? null, now);
        repos.syncPackages.setStamp(change.uid, 'cancelled_at', stamp);
      }
    }
    if (typeof f.end_notice_at === 'number') {
      const incoming = { stamp, value: f.end_notice_at };
      const current = local.endNotice && { stamp: local.endNotice, value: null };
      if (firstOnce(current, incoming) === incoming) {
        sync.setEndNotice(local.id, f.end_notice_at, now);
        repos.syncPackages.setStamp(change.uid, 'end_notice_at', stamp);
      }
    }
    const recipientId = repos.holds.byUid(change.uid)!.recipientId;
    emit('holds.changed', { recipientId });
    emit('packages.changed', { recipientIds: [recipientId] });
  },
});
