import { createHash } from 'node:crypto';
import { z } from 'zod';
import { attachmentLimits } from '../../contract';
import { deletionAfter } from '../../domain/sync/attachments';
import { log } from '../../log';
import { shortText, uid } from '../wire';
import { sharedEntity } from './types';

const time = z.number().int().nonnegative();
const side = z.number().int().positive().max(attachmentLimits.maxSide);

/**
 * A photo or signature kept with a package (docs/architecture.md, "Attachments"): inserted once by uid, carrying
 * its bytes (hex); the one later change is its deletion by retention, the earliest of which stands
 * (src/domain/sync/attachments.ts). Its package must be here first: until it is, the change is held.
 */
export const attachmentEntity = sharedEntity({
  name: 'attachment',
  change: z.object({
    entity: z.literal('attachment'),
    uid,
    fields: z
      .object({
        kind: z.enum(['label', 'handover', 'signature']),
        package_uid: uid,
        door_event_uid: z.null(),
        mime: z.enum(['image/jpeg', 'image/png']),
        size: z.number().int().positive().max(attachmentLimits.maxStoredBytes),
        sha256: z.string().regex(/^[0-9a-f]{64}$/),
        width: side,
        height: side,
        taken_by_uid: uid.nullable(),
        taken_by_name: shortText.nullable(),
        taken_at: time,
        deleted_at: time.nullable(),
        /** Hex; null when it was deleted before it was sent. */
        bytes: z
          .string()
          .max(attachmentLimits.maxStoredBytes * 2)
          .regex(/^([0-9a-f]{2})*$/)
          .nullable(),
      })
      .partial()
      .strict(),
    status: z.null().default(null),
  }),
  localEvents: ['packages.changed'],
  apply(change, { repos, stamp, nodeName, emit }) {
    const attachments = repos.attachments;
    const f = change.fields;
    const here = attachments.byUid(change.uid);
    if (here) {
      const deleted = deletionAfter(here.deletedAt, f.deleted_at ?? null);
      if (deleted !== here.deletedAt && deleted !== null) attachments.setDeleted(here.id, deleted);
    } else {
      const { kind, package_uid: packageUid, mime, size, sha256, width, height, taken_at: takenAt } = f;
      if (!kind || !packageUid || !mime || !size || !sha256 || !width || !height || takenAt === undefined) {
        log.error(`Sync: a change of node ${nodeName} deletes a photo this node never received; it is skipped.`);
        return;
      }
      const packageId = repos.syncPackages.packageId(packageUid);
      // Throwing holds the change: the package it belongs to has not reached this node yet.
      if (packageId === undefined) throw new Error(`the package ${packageUid} of attachment ${change.uid} is not here yet`);
      const bytes = f.bytes ? Buffer.from(f.bytes, 'hex') : null;
      if (bytes && (bytes.length !== size || createHash('sha256').update(bytes).digest('hex') !== sha256)) {
        log.error(`Sync: a photo from node ${nodeName} does not match its checksum; it is skipped.`);
        return;
      }
      attachments.insert({
        uid: change.uid,
        kind,
        packageId,
        mime,
        size,
        sha256,
        width,
        height,
        takenByUid: f.taken_by_uid ?? null,
        takenByName: f.taken_by_name ?? null,
        takenAt,
        origin: stamp.origin,
        deletedAt: f.deleted_at ?? null,
        bytes: f.deleted_at ? null : bytes,
      });
    }
    emit('packages.changed', { recipientIds: [] });
  },
});
