import { z } from 'zod';
import { mergeProxy } from '../../domain/sync/proxies';
import { log } from '../../log';
import { hlc, shortText, uid } from '../wire';
import { sharedEntity } from './types';

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .nullable();

const proxyValues = z
  .object({
    recipient_uid: uid,
    name: shortText.min(1),
    phone: shortText.nullable(),
    email: shortText.nullable(),
    until_date: day,
    created_at: hlc,
    created_by: shortText,
    revoked_at: hlc.nullable(),
    revoked_by: shortText.nullable(),
  })
  .partial()
  .strict();

const requiredOnCreate = ['recipient_uid', 'name', 'created_at', 'created_by'] as const;

/**
 * People allowed to collect (docs/architecture.md, "Proxies"): details last writer wins per field, a revocation
 * wins whatever the clocks (src/domain/sync/proxies.ts). Their proxy PINs travel as credentials naming them.
 */
export const proxyEntity = sharedEntity({
  name: 'proxy',
  change: z.object({ entity: z.literal('proxy'), uid, fields: proxyValues, status: z.null().default(null) }),
  localEvents: ['access.changed'],
  apply(change, ctx) {
    const sync = ctx.repos.syncProxies;
    const f = change.fields;
    const local = sync.proxy(change.uid);
    if (!local) {
      if (requiredOnCreate.some((field) => f[field] === undefined)) {
        log.error(`Sync: a change of node ${ctx.nodeName} is about a person allowed to collect this node never received; it is skipped.`);
        return;
      }
      const recipientId = sync.recipientId(f.recipient_uid!);
      // The recipient's creation comes first from its node; held until it is here.
      if (recipientId === undefined)
        throw new Error(`a change of node ${ctx.nodeName} is about a recipient that has not reached this node yet`);
      sync.insert(
        {
          uid: change.uid,
          recipientId,
          name: f.name!,
          phone: f.phone ?? null,
          email: f.email ?? null,
          untilDate: f.until_date ?? null,
          createdAt: f.created_at!,
          createdBy: f.created_by!,
          revokedAt: f.revoked_at ?? null,
          revokedBy: f.revoked_by ?? null,
        },
        ctx.stamp,
      );
      ctx.emit('access.changed', { recipientId });
      return;
    }
    const merge = mergeProxy(local.stamps, { revocation: local.revocation, stamp: local.revocationStamp }, { stamp: ctx.stamp, fields: f });
    sync.setDetails(change.uid, merge.details, ctx.stamp, ctx.now);
    if (merge.revocation) sync.setRevocation(change.uid, merge.revocation, ctx.stamp, ctx.now);
    if (Object.keys(merge.details).length > 0 || merge.revocation) ctx.emit('access.changed', { recipientId: local.recipientId });
  },
});
