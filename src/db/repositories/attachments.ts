import type { AttachmentKind, AttachmentMime } from '../../contract';
import type { Db } from '../open';
import { statements, type Statements } from '../prepared';
import { columns, type Row } from '../rows';

/** An attachment's row, mapped; its bytes are read on their own (`bytes`). */
export interface AttachmentRow {
  id: number;
  uid: string;
  kind: AttachmentKind;
  packageId: number | null;
  mime: AttachmentMime;
  size: number;
  sha256: string;
  width: number;
  height: number;
  takenByUid: string | null;
  takenByName: string | null;
  takenAt: number;
  origin: string | null;
  deletedAt: number | null;
}

/** What the service writes: a stored picture and who took it, for a package. */
export interface NewAttachment {
  uid?: string;
  kind: Exclude<AttachmentKind, 'door'>;
  packageId: number;
  mime: AttachmentMime;
  sha256: string;
  width: number;
  height: number;
  /** Who took it: a staff member here (`takenByStaffId`) or, from another node, by uid. */
  takenByStaffId?: number | null;
  takenByUid?: string | null;
  takenByName: string | null;
  takenAt: number;
  /** Another node's attachment: its node_uid. */
  origin?: string | null;
  deletedAt?: number | null;
  bytes: Buffer | null;
}

/** An attachment retention deletes, with its package's recipient (whose history the audit row joins). */
export interface ExpiredAttachment {
  id: number;
  uid: string;
  packageId: number;
  recipientId: number;
  tracking: string;
  kind: AttachmentKind;
}

const fromDb = (r: Row<'attachments'>): AttachmentRow => ({
  id: r.id,
  uid: r.uid!,
  kind: r.kind,
  packageId: r.package_id,
  mime: r.mime,
  size: r.size,
  sha256: r.sha256,
  width: r.width,
  height: r.height,
  takenByUid: r.taken_by_uid,
  takenByName: r.taken_by_name,
  takenAt: r.taken_at,
  origin: r.origin,
  deletedAt: r.deleted_at,
});

/** Photos and signatures kept with packages (migration 0024): the rows, their bytes apart, and retention's deletes. */
export class AttachmentRepository {
  private readonly sql: Statements;

  constructor(db: Db) {
    this.sql = statements(db);
  }

  /**
   * The row, then its bytes (whose insert writes the shared change, which carries them): call inside the caller's
   * transaction. `bytes` null only for another node's attachment already deleted there. Returns the local id.
   */
  insert(a: NewAttachment & { size: number }): number {
    const id = Number(
      this.sql(
        `INSERT INTO attachments (uid, kind, package_id, mime, size, sha256, width, height, taken_by_uid, taken_by_name, taken_at,
           origin, deleted_at)
         VALUES (@uid, @kind, @packageId, @mime, @size, @sha256, @width, @height,
           coalesce(@takenByUid, (SELECT uid FROM staff WHERE id = @takenByStaffId)), @takenByName, @takenAt, @origin, @deletedAt)`,
      ).run({
        uid: a.uid ?? null,
        kind: a.kind,
        packageId: a.packageId,
        mime: a.mime,
        size: a.size,
        sha256: a.sha256,
        width: a.width,
        height: a.height,
        takenByUid: a.takenByUid ?? null,
        takenByStaffId: a.takenByStaffId ?? null,
        takenByName: a.takenByName,
        takenAt: a.takenAt,
        origin: a.origin ?? null,
        deletedAt: a.deletedAt ?? null,
      }).lastInsertRowid,
    );
    if (a.bytes) this.sql<[number, Buffer]>('INSERT INTO attachment_bytes (attachment_id, bytes) VALUES (?, ?)').run(id, a.bytes);
    return id;
  }

  uidOf(id: number): string {
    return this.sql.pluck<[number], string>('SELECT uid FROM attachments WHERE id = ?').get(id)!;
  }

  byUid(uid: string): AttachmentRow | undefined {
    const row = this.sql<[string], Row<'attachments'>>(`SELECT ${columns('attachments')} FROM attachments WHERE uid = ?`).get(uid);
    return row && fromDb(row);
  }

  /** A package's attachments, oldest first. */
  forPackage(packageId: number): AttachmentRow[] {
    return this.sql<[number], Row<'attachments'>>(
      `SELECT ${columns('attachments')} FROM attachments WHERE package_id = ? ORDER BY taken_at, id`,
    )
      .all(packageId)
      .map(fromDb);
  }

  bytes(id: number): Buffer | undefined {
    return this.sql.pluck<[number], Buffer>('SELECT bytes FROM attachment_bytes WHERE attachment_id = ?').get(id);
  }

  /** The row says deleted, and when; its bytes go. False when it was deleted already. */
  markDeleted(id: number, at: number): boolean {
    const changed = this.sql<[number, number]>('UPDATE attachments SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL').run(
      at,
      id,
    ).changes;
    this.sql<[number]>('DELETE FROM attachment_bytes WHERE attachment_id = ?').run(id);
    return changed > 0;
  }

  /** Another node's deletion, by the shared rule's result (src/domain/sync/attachments.ts): the bytes go. */
  setDeleted(id: number, at: number): void {
    this.sql<[number, number]>('UPDATE attachments SET deleted_at = ? WHERE id = ?').run(at, id);
    this.sql<[number]>('DELETE FROM attachment_bytes WHERE attachment_id = ?').run(id);
  }

  /**
   * Attachments still kept whose package left the desk (picked up or returned) before `before`: what retention
   * deletes. At most `limit`, so one pass is a bounded transaction.
   */
  expired(before: number, limit: number): ExpiredAttachment[] {
    return this.sql<[number, number], ExpiredAttachment>(
      `SELECT a.id, a.uid, a.package_id AS packageId, p.recipient_id AS recipientId, p.tracking, a.kind FROM attachments a JOIN packages p ON p.id = a.package_id
       WHERE a.deleted_at IS NULL AND coalesce(p.picked_up_at, p.returned_at) < ? ORDER BY a.id LIMIT ?`,
    ).all(before, limit);
  }

  /**
   * Queues every attachment already here as a creation (`site init`), with its bytes, stamped from `firstHlc` up,
   * after the packages they belong to. Returns how many.
   */
  queueExisting(firstHlc: number): number {
    const queued = this.sql<[number]>(
      `INSERT INTO sync_outbox (hlc, entity, uid, fields)
       SELECT ? + row_number() OVER (ORDER BY a.id) - 1, 'attachment', a.uid,
         json_object('kind', a.kind, 'package_uid', p.uid, 'door_event_uid', a.door_event_uid, 'mime', a.mime, 'size', a.size,
           'sha256', a.sha256, 'width', a.width, 'height', a.height, 'taken_by_uid', a.taken_by_uid, 'taken_by_name', a.taken_by_name,
           'taken_at', a.taken_at, 'deleted_at', a.deleted_at,
           'bytes', (SELECT lower(hex(b.bytes)) FROM attachment_bytes b WHERE b.attachment_id = a.id))
       FROM attachments a JOIN packages p ON p.id = a.package_id ORDER BY a.id`,
    ).run(firstHlc).changes;
    this.sql(
      `INSERT INTO sync_stamps (uid, field, hlc, origin)
       SELECT o.uid, '~created', o.hlc, n.node_uid FROM sync_outbox o, sync_node n WHERE o.entity = 'attachment'
       ON CONFLICT (uid, field) DO NOTHING`,
    ).run();
    this.sql('UPDATE sync_node SET hlc = max(hlc, (SELECT coalesce(max(hlc), 0) FROM sync_outbox)) WHERE id = 1').run();
    return queued;
  }
}
