import { z } from 'zod';
import { uid } from '../wire';
import { sharedEntity } from './types';

/**
 * A node's claim of a package reminder or escalation, or of a hold's end notice (src/services/packages/claims.ts): insert-only. Once applied,
 * `packages.changed` makes this node answer it with its own claim and decide the claims it can.
 */
export const packageClaimEntity = sharedEntity({
  name: 'packageClaim',
  change: z.object({
    entity: z.literal('packageClaim'),
    uid,
    fields: z
      .object({
        claim: z.string().regex(/^(reminder:[0-9a-f]{32}:\d{4}-\d{2}-\d{2}|escalation:[0-9a-f]{32}|holdEnd:[0-9a-f]{32})$/),
        round: z.number().int().positive(),
        claimed_at: z.number().int(),
      })
      .strict(),
    status: z.null().default(null),
  }),
  localEvents: ['packages.changed'],
  apply(change, { repos, stamp, emit }) {
    const { claim, round, claimed_at: claimedAt } = change.fields;
    repos.syncPackages.addClaim({ uid: change.uid, claim, round, origin: stamp.origin, hlc: stamp.hlc, claimedAt });
    emit('packages.changed', { recipientIds: [] });
  },
});
