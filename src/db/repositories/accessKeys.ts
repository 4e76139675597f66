import type { CarrierId } from '../../contract/carriers';
import { daysFromMask, type CarrierWindow } from '../../domain/carrierWindow';
import type { Db } from '../open';
import { statements, type Statements } from '../prepared';
import type { Row } from '../rows';

type Key = Row<'access_keys'>;
export type AccessKeyKind = Key['kind'];
export type AccessKeyStatus = Key['status'];

export interface AccessKeyRow {
  id: number;
  recipientId: number;
  kind: AccessKeyKind;
  pinEnc: Buffer;
  qrEnc: Buffer;
  status: AccessKeyStatus;
  expiresAt: number | null;
  usedAt: number | null;
  usedVia: 'pin' | 'qr' | null;
  createdAt: number;
  createdBy: string | null;
}

/** An active key found at the door, with what the decision needs about its recipient. */
export interface RecipientKeyMatch {
  id: number;
  recipientId: number;
  kind: AccessKeyKind;
  expiresAt: number | null;
  recipientActive: boolean;
  firstName: string;
  lastName: string;
}

/** An active carrier code typed at the keypad (carrier_codes), with its window. */
export interface CarrierKeyMatch {
  id: number;
  kind: 'carrier';
  carrier: CarrierId;
  carrierName: string;
  window: CarrierWindow;
}

export type DoorMatch = RecipientKeyMatch | CarrierKeyMatch;

/** A row of `doorLookupSql.pin` or `.qr`: a recipient's key, or a carrier code (kind 'carrier', the recipient columns null). */
interface RawPinMatch {
  id: number;
  kind: AccessKeyKind | 'carrier';
  recipientId: Key['recipient_id'];
  expiresAt: Key['expires_at'];
  recipientActive: 0 | 1;
  firstName: Row<'recipients'>['first_name'];
  lastName: Row<'recipients'>['last_name'];
  carrier: Row<'carrier_codes'>['carrier'];
  carrierName: Row<'carrier_codes'>['name'];
  days: Row<'carrier_codes'>['days'];
  fromMinute: Row<'carrier_codes'>['from_minute'];
  untilMinute: Row<'carrier_codes'>['until_minute'];
  untilDate: Row<'carrier_codes'>['until_date'];
}

/** A key as staff see it (see `selectKey`): no lookup hashes, and who created it by user name. */
type RawKey = Omit<Key, 'pin_hash' | 'qr_hash' | 'created_by' | 'ended_at'> & { created_by_username: Row<'staff'>['username'] | null };

const toRow = (r: RawKey): AccessKeyRow => ({
  id: r.id,
  recipientId: r.recipient_id,
  kind: r.kind,
  pinEnc: r.pin_enc,
  qrEnc: r.qr_enc,
  status: r.status,
  expiresAt: r.expires_at,
  usedAt: r.used_at,
  usedVia: r.used_via,
  createdAt: r.created_at,
  createdBy: r.created_by_username,
});

const selectKey = `SELECT k.id, k.recipient_id, k.kind, k.pin_enc, k.qr_enc, k.status, k.expires_at, k.used_at, k.used_via, k.created_at,
    s.username AS created_by_username
  FROM access_keys k LEFT JOIN staff s ON s.id = k.created_by`;
const activePermanentSql = `${selectKey} WHERE k.recipient_id = ? AND k.kind = 'permanent' AND k.status = 'active' ORDER BY k.id DESC LIMIT 1`;
const byIdSql = `${selectKey} WHERE k.id = ?`;
const singlesSql = `${selectKey} WHERE k.recipient_id = ? AND k.kind = 'single' ORDER BY k.id DESC LIMIT ?`;
const insertSql = `INSERT INTO access_keys (recipient_id, kind, pin_hash, pin_enc, qr_hash, qr_enc, expires_at, created_at, created_by)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`;

const recipientKey = (column: 'pin_hash' | 'qr_hash', carrierColumns = '') =>
  `SELECT k.id, k.recipient_id AS recipientId, k.kind, k.expires_at AS expiresAt,
          r.status = 'active' AS recipientActive, r.first_name AS firstName, r.last_name AS lastName${carrierColumns}
   FROM access_keys k JOIN recipients r ON r.id = k.recipient_id
   WHERE k.${column} = @hash AND k.status = 'active'`;

/** The statements the door runs on every PIN or QR code; exported so a test can check they stay index lookups. */
export const doorLookupSql = {
  // A typed code is a resident's PIN or a carrier code (never both: see 0004_carrier_codes.sql): one
  // statement, one probe of each table's partial unique index. (The first SELECT names a UNION's columns.)
  pin: `${recipientKey(
    'pin_hash',
    `, NULL AS carrier, NULL AS carrierName, NULL AS days, NULL AS fromMinute, NULL AS untilMinute, NULL AS untilDate`,
  )}
   UNION ALL
   SELECT c.id, NULL, 'carrier', NULL, NULL, NULL, NULL, c.carrier, c.name, c.days, c.from_minute, c.until_minute, c.until_date
   FROM carrier_codes c WHERE c.pin_hash = @hash AND c.status = 'active'`,
  qr: recipientKey('qr_hash'),
  endedPin:
    "SELECT recipient_id AS recipientId, kind, status FROM access_keys WHERE pin_hash = ? AND status != 'active' ORDER BY id DESC LIMIT 1",
} as const;

export class AccessKeyRepository {
  private readonly sql: Statements;
  // Prepared up front: the door path runs these on every key press that submits.
  private readonly byPin;
  private readonly byQr;
  private readonly markUsedStmt;
  private readonly markExpiredStmt;
  private readonly pinTaken;
  private readonly carrierPinTaken;
  private readonly endedByPin;

  constructor(db: Db) {
    this.sql = statements(db);
    this.byPin = this.sql<[{ hash: Buffer }], RawPinMatch>(doorLookupSql.pin);
    this.byQr = this.sql<[{ hash: Buffer }], RawPinMatch>(doorLookupSql.qr);
    this.markUsedStmt = this.sql<[number, 'pin' | 'qr', number, number]>(
      "UPDATE access_keys SET status = 'used', used_at = ?, used_via = ?, ended_at = ? WHERE id = ? AND status = 'active'",
    );
    this.markExpiredStmt = this.sql<[number, number]>(
      "UPDATE access_keys SET status = 'expired', ended_at = ? WHERE id = ? AND status = 'active'",
    );
    // Carrier codes share the keypad with PINs, so a new PIN must differ from them too: from every one this node
    // knows, revoked too, and a new carrier code from every PIN, ended too. Then a PIN and a carrier code alike on
    // two nodes of a site were made by nodes that did not know each other, which is the clash the sync rule settles
    // (src/sync/entities/carrierCode.ts); one drawn here equal to an ended one would be revoked by that rule.
    this.pinTaken = this.sql.pluck<[{ hash: Buffer }], 1>(
      `SELECT 1 FROM access_keys WHERE pin_hash = @hash AND status = 'active'
       UNION ALL SELECT 1 FROM carrier_codes WHERE pin_hash = @hash`,
    );
    this.carrierPinTaken = this.sql.pluck<[{ hash: Buffer }], 1>(
      `SELECT 1 FROM access_keys WHERE pin_hash = @hash
       UNION ALL SELECT 1 FROM carrier_codes WHERE pin_hash = @hash AND status = 'active'`,
    );
    this.endedByPin = this.sql<[Buffer], { recipientId: Key['recipient_id']; kind: AccessKeyKind; status: AccessKeyStatus }>(
      doorLookupSql.endedPin,
    );
  }

  findActive(via: 'pin' | 'qr', hash: Buffer): DoorMatch | undefined {
    const row = (via === 'pin' ? this.byPin : this.byQr).get({ hash });
    if (!row) return undefined;
    if (row.kind === 'carrier') {
      const window = { days: daysFromMask(row.days), fromMinute: row.fromMinute, untilMinute: row.untilMinute, untilDate: row.untilDate };
      return { id: row.id, kind: 'carrier', carrier: row.carrier, carrierName: row.carrierName, window };
    }
    const { id, recipientId, kind, expiresAt, firstName, lastName } = row;
    return { id, recipientId, kind, expiresAt, recipientActive: row.recipientActive === 1, firstName, lastName };
  }

  /** The most recent ended key with this PIN, to tell a reused or expired PIN from a wrong one. */
  findEndedPin(hash: Buffer): { recipientId: number; kind: AccessKeyKind; status: AccessKeyStatus } | undefined {
    return this.endedByPin.get(hash);
  }

  /** A new PIN may not be this one: an active PIN has it, or a carrier code (whatever its status). */
  isPinActive(hash: Buffer): boolean {
    return this.pinTaken.get({ hash }) !== undefined;
  }

  /** A new carrier code may not be this one: a PIN has it (whatever its status), or an active carrier code. */
  isCarrierPinTaken(hash: Buffer): boolean {
    return this.carrierPinTaken.get({ hash }) !== undefined;
  }

  /** Returns false when another decision used it first. */
  markUsed(id: number, via: 'pin' | 'qr', now: number): boolean {
    return this.markUsedStmt.run(now, via, now, id).changes === 1;
  }

  markExpired(id: number, now: number): void {
    this.markExpiredStmt.run(now, id);
  }

  /** Single-use keys past their expiry stop being 'active', freeing their PINs for reuse. */
  expireDue(now: number): number {
    return this.sql<[number, number]>(
      "UPDATE access_keys SET status = 'expired', ended_at = ? WHERE status = 'active' AND expires_at IS NOT NULL AND expires_at <= ?",
    ).run(now, now).changes;
  }

  insert(key: {
    recipientId: number;
    kind: AccessKeyKind;
    pinHash: Buffer;
    pinEnc: Buffer;
    qrHash: Buffer;
    qrEnc: Buffer;
    expiresAt: number | null;
    createdAt: number;
    createdBy: number | null;
  }): number {
    const info = this.sql(insertSql).run(
      key.recipientId,
      key.kind,
      key.pinHash,
      key.pinEnc,
      key.qrHash,
      key.qrEnc,
      key.expiresAt,
      key.createdAt,
      key.createdBy,
    );
    return Number(info.lastInsertRowid);
  }

  /** Ends every active key of a recipient (or only its permanent one); returns how many. */
  revokeActive(recipientId: number, now: number, kind?: AccessKeyKind): number {
    const kindClause = kind ? 'AND kind = ?' : '';
    const params: unknown[] = [now, recipientId];
    if (kind) params.push(kind);
    return this.sql(
      `UPDATE access_keys SET status = 'revoked', ended_at = ? WHERE recipient_id = ? AND status = 'active' ${kindClause}`,
    ).run(...params).changes;
  }

  activePermanent(recipientId: number): AccessKeyRow | undefined {
    const raw = this.sql<[number], RawKey>(activePermanentSql).get(recipientId);
    return raw && toRow(raw);
  }

  byId(id: number): AccessKeyRow | undefined {
    const raw = this.sql<[number], RawKey>(byIdSql).get(id);
    return raw && toRow(raw);
  }

  singlesFor(recipientId: number, limit: number): AccessKeyRow[] {
    return this.sql<[number, number], RawKey>(singlesSql).all(recipientId, limit).map(toRow);
  }

  /** Many keys with one prepared statement (a roster import issuing thousands); returns their ids in order. */
  insertMany(keys: readonly Parameters<AccessKeyRepository['insert']>[0][]): number[] {
    const insert = this.sql(insertSql);
    return keys.map((k) =>
      Number(
        insert.run(k.recipientId, k.kind, k.pinHash, k.pinEnc, k.qrHash, k.qrEnc, k.expiresAt, k.createdAt, k.createdBy).lastInsertRowid,
      ),
    );
  }
}
