import { ApiError, message, type AttachmentData, type AttachmentItem, type AttachmentKind } from '../../contract';
import type { Clock } from '../../clock';
import type { Repositories } from '../../db/repositories';
import type { AttachmentRow } from '../../db/repositories/attachments';
import { log } from '../../log';
import { systemActor, type Actor, type AuditService } from '../audit/service';
import type { EventBus } from '../events';
import type { SettingsService } from '../settings/service';
import type { Transactor } from '../tx';
import { PictureRefused, storedPicture, type StoredPicture } from './image';

export interface AttachmentDeps {
  repos: Pick<Repositories, 'attachments'>;
  clock: Clock;
  tx: Transactor;
  audit: AuditService;
  settings: SettingsService;
  events: EventBus;
}

const dayMs = 86_400_000;
/** Retention deletes this many per transaction, so a first pass over a long history never holds the door long. */
const retentionBatch = 50;
const dataPrefix = /^data:image\/(jpeg|png);base64,/;

const toItem = (a: AttachmentRow): AttachmentItem => ({
  uid: a.uid,
  kind: a.kind,
  mime: a.mime,
  size: a.size,
  width: a.width,
  height: a.height,
  takenAt: new Date(a.takenAt).toISOString(),
  takenByName: a.takenByName,
  deletedAt: a.deletedAt === null ? null : new Date(a.deletedAt).toISOString(),
});

/**
 * Photos and signatures kept with a package (docs/architecture.md, "Attachments"). A picture is checked and made
 * small first, off the door's thread (`prepare`, async: sharp in libuv's pool); then `keep` writes it inside the
 * caller's transaction, with the package it belongs to, and audits who took it. Retention deletes the pictures of
 * packages that left the desk more than the site's days ago (the rows stay, saying so).
 */
export class AttachmentService {
  constructor(private readonly deps: AttachmentDeps) {}

  /**
   * A picture as the screen sent it (base64, with or without its data: prefix), checked and re-encoded. Refuses
   * with a VALIDATION error on `field` and a sentence staff read; nothing is saved either way.
   */
  async prepare(base64: string, as: 'photo' | 'signature', field: string): Promise<StoredPicture> {
    const bytes = Buffer.from(base64.replace(dataPrefix, ''), 'base64');
    try {
      return await storedPicture(bytes, as);
    } catch (error) {
      if (error instanceof PictureRefused) throw new ApiError('VALIDATION', error.sentence, field);
      throw error;
    }
  }

  /**
   * Keeps a prepared picture with its package, audited as taken by `actor`: call inside the transaction that
   * writes the package's change, so both are saved or neither. Returns the attachment's uid.
   */
  keep(
    actor: Actor,
    pkg: { id: number; recipientId: number; tracking: string },
    kind: Exclude<AttachmentKind, 'door'>,
    picture: StoredPicture,
  ): string {
    const packageId = pkg.id;
    const at = this.deps.clock.now();
    const attachments = this.deps.repos.attachments;
    const id = attachments.insert({
      kind,
      packageId,
      mime: picture.mime,
      size: picture.bytes.length,
      sha256: picture.sha256,
      width: picture.width,
      height: picture.height,
      takenByStaffId: actor.staffId,
      takenByName: actor.label,
      takenAt: at,
      bytes: picture.bytes,
    });
    const uid = attachments.uidOf(id);
    this.deps.audit.record(actor, `attachment.${kind}`, `recipient:${pkg.recipientId}`, {
      packageId,
      tracking: pkg.tracking,
    });
    return uid;
  }

  list(packageId: number): AttachmentItem[] {
    return this.deps.repos.attachments.forPackage(packageId).map(toItem);
  }

  get(uid: string): AttachmentData {
    const attachments = this.deps.repos.attachments;
    const row = attachments.byUid(uid);
    if (!row) throw new ApiError('NOT_FOUND', message('attachments.notFound'));
    const bytes = row.deletedAt === null ? attachments.bytes(row.id) : undefined;
    return { ...toItem(row), dataUrl: bytes ? `data:${row.mime};base64,${bytes.toString('base64')}` : null };
  }

  /**
   * Deletes the pictures of packages picked up or returned more than the site's retention days ago (each row then
   * says deleted, and when), a batch per transaction. The daily job calls it; returns how many went.
   */
  expire(): number {
    const days = this.deps.settings.get().attachmentRetentionDays;
    const now = this.deps.clock.now();
    const before = now - days * dayMs;
    const attachments = this.deps.repos.attachments;
    let deleted = 0;
    for (;;) {
      const batch = attachments.expired(before, retentionBatch);
      if (batch.length === 0) break;
      this.deps.tx.run(() => {
        for (const a of batch) {
          if (!attachments.markDeleted(a.id, now)) continue;
          this.deps.audit.record(systemActor, 'attachment.deleted', `recipient:${a.recipientId}`, {
            packageId: a.packageId,
            tracking: a.tracking,
            days,
          });
        }
      });
      deleted += batch.length;
      if (batch.length < retentionBatch) break;
    }
    if (deleted > 0) {
      log.info(`Retention deleted ${deleted} photos and signatures of packages that left the desk more than ${days} days ago.`);
      this.deps.events.emit('packages.changed', { recipientIds: [] });
    }
    return deleted;
  }
}
