import { z } from 'zod';
import { clash, joinEnd, usedEnd, type CredentialEnd, type Ended, type KeyUse } from '../../domain/sync/access';
import { hlc, uid } from '../wire';
import { settleCodeClash } from './carrierCode';
import { sharedEntity, type ApplyContext } from './types';

/** An HMAC (SHA-256) or a sealed PIN or QR token (AES-256-GCM: nonce, tag, text), as hex: never a secret in clear. */
const hex = (maxBytes: number) =>
  z
    .string()
    .regex(/^([0-9A-Fa-f]{2})+$/)
    .max(maxBytes * 2);
const hash = hex(32);
const sealed = hex(256);
const time = hlc;

/** A credential as its creation carries it, whole: the sealed and HMAC'd forms, the recipient by uid. */
const creation = z
  .object({
    recipient_uid: uid,
    kind: z.enum(['permanent', 'single']),
    pin_hash: hash,
    pin_enc: sealed,
    qr_hash: hash,
    qr_enc: sealed,
    // Active when made; an end state only when `site init` queued a credential that had already ended.
    status: z.enum(['active', 'used', 'revoked', 'expired']),
    expires_at: time.nullable(),
    used_at: time.nullable(),
    used_via: z.enum(['pin', 'qr']).nullable(),
    created_at: time,
    ended_at: time.nullable(),
    // Who made it, as a staff uid; absent from a node of an earlier Packroom, null for the command line or the roster.
    created_by_uid: uid.nullable().default(null),
    known: z.array(uid).max(10_000),
  })
  .strict()
  .refine((c) => c.kind === 'permanent' || c.expires_at !== null, 'a Single Access PIN has an expiry')
  .refine((c) => c.status !== 'used' || (c.used_at !== null && c.used_via !== null), 'a used credential says when and how');

/** A revocation or an expiry. (A use is its own change: `singleAccessUse`.) */
const ending = z.object({ status: z.enum(['revoked', 'expired']), ended_at: time }).strict();

type Creation = z.infer<typeof creation>;

/** Refuses the write for now: the applier holds the change and tries it again (a credential or recipient still on its way). */
function notYet(what: string, nodeName: string): never {
  throw new Error(`a change of node ${nodeName} is about ${what} that has not reached this node yet`);
}

/** Ends `key` as `end` joins with its current end; tells open views when that changed something. */
export function endKey(ctx: ApplyContext, keyUid: string, end: Ended, use: KeyUse | null): void {
  const local = ctx.repos.syncAccess.credential(keyUid);
  if (!local) return notYet('a credential', ctx.nodeName);
  if (joinEnd(local.end, end) === local.end) return;
  ctx.repos.syncAccess.setEnd(keyUid, end, use);
  ctx.emit('access.changed', { recipientId: local.recipientId });
}

function create(ctx: ApplyContext, keyUid: string, f: Creation): void {
  const { syncAccess } = ctx.repos;
  const recipientId = syncAccess.recipientId(f.recipient_uid) ?? notYet('a recipient', ctx.nodeName);
  const use: KeyUse | null =
    f.status === 'used' ? { origin: ctx.stamp.origin, node: ctx.nodeName, via: f.used_via!, at: f.used_at!, hlc: ctx.stamp.hlc } : null;
  let end: CredentialEnd = use
    ? usedEnd(use)
    : f.status === 'active'
      ? { status: 'active', stamp: null, endedAt: null }
      : { status: f.status, stamp: ctx.stamp, endedAt: f.ended_at };
  const pinHash = Buffer.from(f.pin_hash, 'hex');
  // Clashes first, so that a local credential that loses its PIN is revoked before this one takes it.
  const incoming = { uid: keyUid, stamp: ctx.stamp, known: f.known };
  for (const other of syncAccess.clashCandidates(pinHash, recipientId, f.kind)) {
    const lost = clash(incoming, { uid: other.uid, stamp: other.created, known: [] }, other.why);
    if (!lost) continue;
    if (lost.loser === keyUid) end = joinEnd(end, lost.end);
    else endKey(ctx, other.uid, lost.end, null);
  }
  // A carrier code with this number, made at a node that did not know this credential: the earlier keeps it.
  const codes = ctx.repos.syncPackages.carrierCodesWithPin(pinHash);
  if (codes.length > 0) {
    const named = ctx.repos.syncRecipients.named(f.recipient_uid)!;
    const self = { uid: keyUid, created: ctx.stamp, recipientName: `${named.firstName} ${named.lastName}` };
    for (const code of codes) {
      const lost = settleCodeClash(ctx, code, self, 'credential');
      if (lost) end = joinEnd(end, lost);
    }
  }
  syncAccess.insert(
    {
      uid: keyUid,
      recipientId,
      kind: f.kind,
      pinHash,
      pinEnc: Buffer.from(f.pin_enc, 'hex'),
      qrHash: Buffer.from(f.qr_hash, 'hex'),
      qrEnc: Buffer.from(f.qr_enc, 'hex'),
      expiresAt: f.expires_at,
      createdAt: f.created_at,
      created: ctx.stamp,
      createdByUid: f.created_by_uid,
    },
    end,
    use,
  );
  if (use) syncAccess.addUse(keyUid, use);
  ctx.emit('access.changed', { recipientId });
}

/**
 * Permanent PINs and QR codes, and Single Access PINs (one table, `kind` tells them apart): a grant is a new row,
 * and its status a lattice, `active` < `expired` < `revoked` < `used`, where an end state wins whatever the clocks
 * (src/domain/sync/access.ts). Two grants made without knowing each other that cannot both hold (one PIN drawn
 * twice, one recipient's permanent PIN replaced at two desks) are settled by `clash`, alike on every node.
 */
export const credentialEntity = sharedEntity({
  name: 'credential',
  change: z.object({ entity: z.literal('credential'), uid, fields: z.union([creation, ending]), status: z.null() }),
  localEvents: ['access.changed'],
  apply(change, ctx) {
    const f = change.fields;
    if ('recipient_uid' in f) {
      // A uid names one creation: one already here is this one.
      if (ctx.repos.syncAccess.credential(change.uid)) return;
      create(ctx, change.uid, f);
      return;
    }
    endKey(ctx, change.uid, { status: f.status, stamp: ctx.stamp, endedAt: f.ended_at }, null);
  },
});
