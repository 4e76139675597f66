import { z } from 'zod';
import { message } from '../../contract';
import { useArrives, usedEnd, type KeyUse } from '../../domain/sync/access';
import { hlc, uid } from '../wire';
import { endKey } from './credential';
import { sharedEntity } from './types';

/**
 * A Single Access PIN opened a node's door: an event every node applies (src/domain/sync/access.ts). `used` wins
 * over `active` as soon as it arrives, so every other door refuses the PIN from then on. A use arriving for a PIN
 * that another node's door (this one's or a third's) also opened is a double use, possible only while the nodes
 * were cut off from each other: the alert names both doors and times. It is raised here, inside the applying
 * transaction, so it is this node's own alert: every node raises it once, when the second of the two uses reaches
 * it, and none is copied to the others.
 */
export const singleAccessUseEntity = sharedEntity({
  name: 'singleAccessUse',
  change: z.object({
    entity: z.literal('singleAccessUse'),
    uid,
    fields: z.object({ at: hlc, via: z.enum(['pin', 'qr']) }).strict(),
    status: z.null(),
  }),
  localEvents: ['access.changed'],
  apply(change, ctx) {
    const { syncAccess } = ctx.repos;
    const use: KeyUse = { origin: ctx.stamp.origin, node: ctx.nodeName, via: change.fields.via, at: change.fields.at, hlc: ctx.stamp.hlc };
    const { known, doubleUses } = useArrives(syncAccess.uses(change.uid), use);
    if (known) return;
    endKey(ctx, change.uid, usedEnd(use), use);
    syncAccess.addUse(change.uid, use);
    const holder = syncAccess.holder(change.uid);
    for (const [first, second] of doubleUses) {
      ctx.raiseHere(
        'access.doubleUse',
        message('alert.singleAccessDoubleUse', {
          name: holder?.name ?? '',
          firstDoor: first.node,
          firstAt: first.at,
          firstVia: first.via,
          secondDoor: second.node,
          secondAt: second.at,
          secondVia: second.via,
        }),
      );
    }
  },
});
