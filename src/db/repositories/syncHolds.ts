import type { Stamp } from '../../domain/sync/hlc';
import type { Db } from '../open';
import { statements, type Statements } from '../prepared';

export interface HoldCreation {
  uid: string;
  recipientId: number;
  fromDay: string;
  untilDay: string;
  mode: 'keep' | 'return';
  returnDays: number | null;
  createdAt: number;
  createdByName: string;
  createdVia: 'staff' | 'sms' | 'email';
  cancelledAt: number | null;
  cancelledByName: string | null;
  endNoticeAt: number | null;
}

/**
 * The SQL that applies another node's hold change (migration 0025), run in the applier's transaction under the
 * `applying` guard, so the capture triggers skip it.
 */
export class SyncHoldRepository {
  private readonly sql: Statements;

  constructor(db: Db) {
    this.sql = statements(db);
  }

  /** The local id of the hold `uid` and the stamp of each of its once-set parts, or undefined when this node never saw it. */
  hold(uid: string): { id: number; cancelled: Stamp | null; endNotice: Stamp | null } | undefined {
    const id = this.sql.pluck<[string], number>('SELECT id FROM holds WHERE uid = ?').get(uid);
    if (id === undefined) return undefined;
    const stamp = (field: string) =>
      this.sql<[string, string], Stamp>('SELECT hlc, origin FROM sync_stamps WHERE uid = ? AND field = ?').get(uid, field) ?? null;
    return { id, cancelled: stamp('cancelled_at'), endNotice: stamp('end_notice_at') };
  }

  insert(h: HoldCreation, now: number): void {
    this.sql<
      [string, number, string, string, string, number | null, number, string, string, number | null, string | null, number | null, number]
    >(
      `INSERT INTO holds (uid, recipient_id, from_day, until_day, mode, return_days, created_at, created_by_name, created_via,
         cancelled_at, cancelled_by_name, end_notice_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      h.uid,
      h.recipientId,
      h.fromDay,
      h.untilDay,
      h.mode,
      h.returnDays,
      h.createdAt,
      h.createdByName,
      h.createdVia,
      h.cancelledAt,
      h.cancelledByName,
      h.endNoticeAt,
      now,
    );
  }

  setCancelled(id: number, at: number, byName: string | null, now: number): void {
    this.sql<[number, string | null, number, number]>(
      'UPDATE holds SET cancelled_at = ?, cancelled_by_name = ?, updated_at = ? WHERE id = ?',
    ).run(at, byName, now, id);
  }

  setEndNotice(id: number, at: number, now: number): void {
    this.sql<[number, number, number]>('UPDATE holds SET end_notice_at = ?, updated_at = ? WHERE id = ?').run(at, now, id);
  }

  /**
   * `site init`: every hold already here, queued as its creation (with its cancellation and end notice, if any) after
   * the recipients, whose uids they name. Returns how many.
   */
  queueExisting(firstHlc: number): number {
    const queued = this.sql<[number]>(
      `INSERT INTO sync_outbox (hlc, entity, uid, fields)
       SELECT ? + row_number() OVER (ORDER BY h.id) - 1, 'hold', h.uid,
         json_object('recipient_uid', r.uid, 'from_day', h.from_day, 'until_day', h.until_day, 'mode', h.mode,
           'return_days', h.return_days, 'created_at', h.created_at, 'created_by_name', h.created_by_name,
           'created_via', h.created_via, 'cancelled_at', h.cancelled_at, 'cancelled_by_name', h.cancelled_by_name,
           'end_notice_at', h.end_notice_at)
       FROM holds h JOIN recipients r ON r.id = h.recipient_id ORDER BY h.id`,
    ).run(firstHlc).changes;
    this.sql(
      `INSERT INTO sync_stamps (uid, field, hlc, origin)
       SELECT o.uid, f.field, o.hlc, n.node_uid FROM sync_outbox o, sync_node n,
         (SELECT '~created' AS field UNION ALL SELECT 'cancelled_at' UNION ALL SELECT 'end_notice_at') f
       WHERE o.entity = 'hold' AND (f.field = '~created' OR json_extract(o.fields, '$.' || f.field) IS NOT NULL)
       ON CONFLICT (uid, field) DO NOTHING`,
    ).run();
    this.sql('UPDATE sync_node SET hlc = max(hlc, (SELECT coalesce(max(hlc), 0) FROM sync_outbox)) WHERE id = 1').run();
    return queued;
  }
}
