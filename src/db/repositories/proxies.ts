import type { Db } from '../open';
import { statements, type Statements } from '../prepared';
import { columns, type Row } from '../rows';

type Raw = Row<'proxies'> & { has_pin: 0 | 1 };

export interface ProxyRow {
  id: number;
  uid: string | null;
  recipientId: number;
  name: string;
  phone: string | null;
  email: string | null;
  untilDate: string | null;
  createdAt: number;
  createdBy: string;
  revokedAt: number | null;
  revokedBy: string | null;
  /** Whether the proxy holds an active proxy PIN. */
  hasPin: boolean;
}

const toRow = (r: Raw): ProxyRow => ({
  id: r.id,
  uid: r.uid,
  recipientId: r.recipient_id,
  name: r.name,
  phone: r.phone,
  email: r.email,
  untilDate: r.until_date,
  createdAt: r.created_at,
  createdBy: r.created_by,
  revokedAt: r.revoked_at,
  revokedBy: r.revoked_by,
  hasPin: r.has_pin === 1,
});

const select = `SELECT ${columns('proxies', 'p')},
    EXISTS (SELECT 1 FROM access_keys k WHERE k.proxy_id = p.id AND k.status = 'active') AS has_pin
  FROM proxies p`;

export interface NewProxy {
  recipientId: number;
  name: string;
  phone: string | null;
  email: string | null;
  untilDate: string | null;
  createdBy: string;
  now: number;
}

/** People allowed to collect for a recipient (migration 0026), and the proxy PINs tied to them. */
export class ProxyRepository {
  private readonly sql: Statements;

  constructor(db: Db) {
    this.sql = statements(db);
  }

  insert(p: NewProxy): number {
    return Number(
      this.sql(
        `INSERT INTO proxies (recipient_id, name, phone, email, until_date, created_at, created_by, updated_at)
         VALUES (@recipientId, @name, @phone, @email, @untilDate, @now, @createdBy, @now)`,
      ).run(p).lastInsertRowid,
    );
  }

  byId(id: number): ProxyRow | undefined {
    const raw = this.sql<[number], Raw>(`${select} WHERE p.id = ?`).get(id);
    return raw && toRow(raw);
  }

  /** Every proxy of a recipient, revoked ones too (the card shows them struck through), newest first. */
  forRecipient(recipientId: number): ProxyRow[] {
    return this.sql<[number], Raw>(`${select} WHERE p.recipient_id = ? ORDER BY p.id DESC`).all(recipientId).map(toRow);
  }

  /** The recipient's proxies not revoked that have a phone or an email: they get the package notices too. */
  reachable(recipientId: number): ProxyRow[] {
    return this.sql<[number], Raw>(
      `${select} WHERE p.recipient_id = ? AND p.revoked_at IS NULL AND (p.phone IS NOT NULL OR p.email IS NOT NULL) ORDER BY p.id`,
    )
      .all(recipientId)
      .map(toRow);
  }

  /** Returns false when it was already revoked. */
  revoke(id: number, now: number, by: string): boolean {
    return (
      this.sql<[number, string, number, number]>(
        'UPDATE proxies SET revoked_at = ?, revoked_by = ?, updated_at = ? WHERE id = ? AND revoked_at IS NULL',
      ).run(now, by, now, id).changes === 1
    );
  }

  /** Ends the proxy's active PIN (revoked, or replaced by a new one); returns how many ended. */
  revokeKeys(proxyId: number, now: number): number {
    return this.sql<[number, number]>(
      "UPDATE access_keys SET status = 'revoked', ended_at = ? WHERE proxy_id = ? AND status = 'active'",
    ).run(now, proxyId).changes;
  }

  /** The proxy's active PIN, sealed, for a look-up. */
  activeKey(proxyId: number): { id: number; pinEnc: Buffer; createdAt: number } | undefined {
    return this.sql<[number], { id: number; pinEnc: Buffer; createdAt: number }>(
      "SELECT id, pin_enc AS pinEnc, created_at AS createdAt FROM access_keys WHERE proxy_id = ? AND status = 'active' ORDER BY id DESC LIMIT 1",
    ).get(proxyId);
  }
}
