import type { CarrierId } from '../../contract/carriers';
import { daysFromMask, daysToMask, type CarrierWindow } from '../../domain/carrierWindow';
import type { Db } from '../open';

export interface CarrierCodeRow {
  id: number;
  carrier: CarrierId;
  name: string;
  pinEnc: Buffer;
  window: CarrierWindow;
  status: 'active' | 'revoked';
  createdAt: number;
  createdBy: string | null;
  replaces: number | null;
}

export interface CarrierVisitRow {
  id: number;
  carrierCodeId: number;
  carrier: CarrierId;
  name: string;
  enteredAt: number;
}

interface RawCode {
  id: number;
  carrier: CarrierId;
  name: string;
  pin_enc: Buffer;
  days: number;
  from_minute: number;
  until_minute: number;
  until_date: string | null;
  status: 'active' | 'revoked';
  created_at: number;
  created_by: string | null;
  replaces: number | null;
}

const toRow = (r: RawCode): CarrierCodeRow => ({
  id: r.id,
  carrier: r.carrier,
  name: r.name,
  pinEnc: r.pin_enc,
  window: { days: daysFromMask(r.days), fromMinute: r.from_minute, untilMinute: r.until_minute, untilDate: r.until_date },
  status: r.status,
  createdAt: r.created_at,
  createdBy: r.created_by,
  replaces: r.replaces,
});

const selectCode = 'SELECT c.*, s.username AS created_by FROM carrier_codes c LEFT JOIN staff s ON s.id = c.created_by';

/** Carrier codes and their visits. The door finds a code through AccessKeyRepository.findActive (one query for every PIN). */
export class CarrierCodeRepository {
  private readonly insertVisitStmt;

  constructor(private readonly db: Db) {
    // Prepared once: it runs inside the door's transaction on every carrier entry.
    this.insertVisitStmt = db.prepare('INSERT INTO carrier_visits (carrier_code_id, carrier, name, entered_at) VALUES (?, ?, ?, ?)');
  }

  insert(code: {
    carrier: CarrierId;
    name: string;
    pinHash: Buffer;
    pinEnc: Buffer;
    window: CarrierWindow;
    createdAt: number;
    createdBy: number | null;
    replaces: number | null;
  }): number {
    const w = code.window;
    return Number(
      this.db
        .prepare(
          `INSERT INTO carrier_codes (carrier, name, pin_hash, pin_enc, days, from_minute, until_minute, until_date, created_at, created_by, replaces)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          code.carrier,
          code.name,
          code.pinHash,
          code.pinEnc,
          daysToMask(w.days),
          w.fromMinute,
          w.untilMinute,
          w.untilDate,
          code.createdAt,
          code.createdBy,
          code.replaces,
        ).lastInsertRowid,
    );
  }

  byId(id: number): CarrierCodeRow | undefined {
    const raw = this.db.prepare(`${selectCode} WHERE c.id = ?`).get(id) as RawCode | undefined;
    return raw && toRow(raw);
  }

  active(): CarrierCodeRow[] {
    return (this.db.prepare(`${selectCode} WHERE c.status = 'active' ORDER BY c.name COLLATE NOCASE, c.id`).all() as RawCode[]).map(toRow);
  }

  /** Returns false when the code was not active (revoked already, or by someone else first). */
  revoke(id: number, now: number): boolean {
    return (
      this.db.prepare("UPDATE carrier_codes SET status = 'revoked', ended_at = ? WHERE id = ? AND status = 'active'").run(now, id)
        .changes === 1
    );
  }

  recordVisit(visit: Omit<CarrierVisitRow, 'id'>): number {
    return Number(this.insertVisitStmt.run(visit.carrierCodeId, visit.carrier, visit.name, visit.enteredAt).lastInsertRowid);
  }

  /** Visits not yet followed up that entered at or before `enteredBy`, oldest first. */
  visitsToCheck(enteredBy: number): CarrierVisitRow[] {
    return this.db
      .prepare(
        `SELECT id, carrier_code_id AS carrierCodeId, carrier, name, entered_at AS enteredAt
         FROM carrier_visits WHERE checked_at IS NULL AND entered_at <= ? ORDER BY entered_at, id`,
      )
      .all(enteredBy) as CarrierVisitRow[];
  }

  markVisitChecked(id: number, now: number, logged: number): void {
    this.db.prepare('UPDATE carrier_visits SET checked_at = ?, logged = ? WHERE id = ? AND checked_at IS NULL').run(now, logged, id);
  }
}
