import type { Hold } from '../../domain/holds';
import type { Db } from '../open';
import { statements, type Statements } from '../prepared';
import { columns, type Row } from '../rows';

/** A hold as the services use it: the rule's fields and who set or cancelled it. */
export interface HoldRow extends Hold {
  uid: string;
  createdAt: number;
  createdByName: string;
  createdVia: Row<'holds'>['created_via'];
  cancelledByName: string | null;
}

export interface NewHold {
  recipientId: number;
  fromDay: string;
  untilDay: string;
  mode: Hold['mode'];
  returnDays: number | null;
  createdByName: string;
  createdVia: Row<'holds'>['created_via'];
  now: number;
}

const toHold = (r: Row<'holds'>): HoldRow => ({
  id: r.id,
  uid: r.uid!,
  recipientId: r.recipient_id,
  fromDay: r.from_day,
  untilDay: r.until_day,
  mode: r.mode,
  returnDays: r.return_days,
  createdAt: r.created_at,
  createdByName: r.created_by_name,
  createdVia: r.created_via,
  cancelledAt: r.cancelled_at,
  cancelledByName: r.cancelled_by_name,
  endNoticeAt: r.end_notice_at,
});

const select = `SELECT ${columns('holds')} FROM holds`;

/** Holds (migration 0025) and the return alerts of this node. */
export class HoldRepository {
  private readonly sql: Statements;

  constructor(db: Db) {
    this.sql = statements(db);
  }

  insert(h: NewHold): number {
    return Number(
      this.sql<[number, string, string, string, number | null, number, string, string, number]>(
        `INSERT INTO holds (recipient_id, from_day, until_day, mode, return_days, created_at, created_by_name, created_via, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(h.recipientId, h.fromDay, h.untilDay, h.mode, h.returnDays, h.now, h.createdByName, h.createdVia, h.now).lastInsertRowid,
    );
  }

  byId(id: number): HoldRow | undefined {
    const r = this.sql<[number], Row<'holds'>>(`${select} WHERE id = ?`).get(id);
    return r && toHold(r);
  }

  /** A recipient's holds, the latest first, at most `limit` (the Recipient Detail View shows the current and a few). */
  forRecipient(recipientId: number, limit = 20): HoldRow[] {
    return this.sql<[number, number], Row<'holds'>>(`${select} WHERE recipient_id = ? ORDER BY from_day DESC, id DESC LIMIT ?`)
      .all(recipientId, limit)
      .map(toHold);
  }

  /** The holds of these recipients that end on or after `sinceDay` (what can still matter to their waiting packages). */
  forRecipients(recipientIds: readonly number[], sinceDay: string): HoldRow[] {
    if (recipientIds.length === 0) return [];
    return this.sql<[string, string], Row<'holds'>>(
      `${select} WHERE recipient_id IN (SELECT value FROM json_each(?)) AND until_day >= ? ORDER BY id`,
    )
      .all(JSON.stringify(recipientIds), sinceDay)
      .map(toHold);
  }

  /** Holds whose end notice is not marked and whose last day is `sinceDay` or later (index holds_open). */
  awaitingEndNotice(sinceDay: string): HoldRow[] {
    return this.sql<[string], Row<'holds'>>(`${select} WHERE end_notice_at IS NULL AND until_day >= ?`).all(sinceDay).map(toHold);
  }

  cancel(id: number, at: number, byName: string): boolean {
    return (
      this.sql<[number, string, number, number]>(
        'UPDATE holds SET cancelled_at = ?, cancelled_by_name = ?, updated_at = ? WHERE id = ? AND cancelled_at IS NULL',
      ).run(at, byName, at, id).changes > 0
    );
  }

  markEndNotice(id: number, at: number): void {
    this.sql<[number, number, number]>('UPDATE holds SET end_notice_at = ?, updated_at = ? WHERE id = ? AND end_notice_at IS NULL').run(
      at,
      at,
      id,
    );
  }

  byUid(uid: string): HoldRow | undefined {
    const r = this.sql<[string], Row<'holds'>>(`${select} WHERE uid = ?`).get(uid);
    return r && toHold(r);
  }

  uidOf(id: number): string | undefined {
    return this.sql.pluck<[number], string>('SELECT uid FROM holds WHERE id = ?').get(id);
  }

  /** Which of these packages were already alerted about as due to go back. */
  returnAlerted(packageIds: readonly number[]): Set<number> {
    if (packageIds.length === 0) return new Set();
    return new Set(
      this.sql
        .pluck<[string], number>('SELECT package_id FROM hold_return_alerts WHERE package_id IN (SELECT value FROM json_each(?))')
        .all(JSON.stringify(packageIds)),
    );
  }

  setReturnAlerted(packageId: number, at: number): void {
    this.sql<[number, number]>('INSERT OR IGNORE INTO hold_return_alerts (package_id, alerted_at) VALUES (?, ?)').run(packageId, at);
  }

  /** Records a text read from the site's number; false when it was handled before. */
  firstTimeText(sid: string, at: number): boolean {
    return this.sql<[string, number]>('INSERT OR IGNORE INTO hold_texts (sid, received_at) VALUES (?, ?)').run(sid, at).changes > 0;
  }
}
