import type { CarrierId } from '../../contract/carriers';
import { daysFromMask, daysToMask, type CarrierWindow } from '../../domain/carrierWindow';
import type { Db } from '../open';
import { statements, type Statements } from '../prepared';
import type { Row } from '../rows';

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

type Listed = Pick<
  Row<'carrier_codes'>,
  'id' | 'carrier' | 'name' | 'pin_enc' | 'days' | 'from_minute' | 'until_minute' | 'until_date' | 'status' | 'created_at' | 'replaces'
> & {
  /** Who created it: the staff member's user name. */
  created_by_username: Row<'staff'>['username'] | null;
};

const toRow = (r: Listed): CarrierCodeRow => ({
  id: r.id,
  carrier: r.carrier,
  name: r.name,
  pinEnc: r.pin_enc,
  window: { days: daysFromMask(r.days), fromMinute: r.from_minute, untilMinute: r.until_minute, untilDate: r.until_date },
  status: r.status,
  createdAt: r.created_at,
  createdBy: r.created_by_username,
  replaces: r.replaces,
});

const selectCode = `SELECT c.id, c.carrier, c.name, c.pin_enc, c.days, c.from_minute, c.until_minute, c.until_date, c.status, c.created_at,
    c.replaces, s.username AS created_by_username
  FROM carrier_codes c LEFT JOIN staff s ON s.id = c.created_by`;
const byIdSql = `${selectCode} WHERE c.id = ?`;
const activeSql = `${selectCode} WHERE c.status = 'active' ORDER BY c.name COLLATE NOCASE, c.id`;

/** Carrier codes and their visits. The door finds a code through AccessKeyRepository.findActive (one query for every PIN). */
export class CarrierCodeRepository {
  private readonly sql: Statements;
  private readonly insertVisitStmt;

  constructor(db: Db) {
    this.sql = statements(db);
    // Prepared up front: it runs inside the door's transaction on every carrier entry.
    this.insertVisitStmt = this.sql<[number, CarrierId, string, number]>(
      'INSERT INTO carrier_visits (carrier_code_id, carrier, name, entered_at) VALUES (?, ?, ?, ?)',
    );
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
      this.sql(
        `INSERT INTO carrier_codes (carrier, name, pin_hash, pin_enc, days, from_minute, until_minute, until_date, created_at, created_by, replaces)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
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
    const row = this.sql<[number], Listed>(byIdSql).get(id);
    return row && toRow(row);
  }

  active(): CarrierCodeRow[] {
    return this.sql<[], Listed>(activeSql).all().map(toRow);
  }

  /** Returns false when the code was not active (revoked already, or by someone else first). */
  revoke(id: number, now: number): boolean {
    return (
      this.sql<[number, number]>("UPDATE carrier_codes SET status = 'revoked', ended_at = ? WHERE id = ? AND status = 'active'").run(
        now,
        id,
      ).changes === 1
    );
  }

  recordVisit(visit: Omit<CarrierVisitRow, 'id'>): number {
    return Number(this.insertVisitStmt.run(visit.carrierCodeId, visit.carrier, visit.name, visit.enteredAt).lastInsertRowid);
  }

  /** Visits not yet followed up that entered at or before `enteredBy`, oldest first. */
  visitsToCheck(enteredBy: number): CarrierVisitRow[] {
    return this.sql<[number], Pick<Row<'carrier_visits'>, 'id' | 'carrier_code_id' | 'carrier' | 'name' | 'entered_at'>>(
      `SELECT id, carrier_code_id, carrier, name, entered_at
       FROM carrier_visits WHERE checked_at IS NULL AND entered_at <= ? ORDER BY entered_at, id`,
    )
      .all(enteredBy)
      .map((r) => ({ id: r.id, carrierCodeId: r.carrier_code_id, carrier: r.carrier, name: r.name, enteredAt: r.entered_at }));
  }

  markVisitChecked(id: number, now: number, logged: number): void {
    this.sql<[number, number, number]>('UPDATE carrier_visits SET checked_at = ?, logged = ? WHERE id = ? AND checked_at IS NULL').run(
      now,
      logged,
      id,
    );
  }
}
