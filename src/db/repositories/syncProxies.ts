import type { Stamp } from '../../domain/sync/hlc';
import type { FieldStamps } from '../../domain/sync/packages';
import { proxyDetailFields, type ProxyDetailField, type ProxyRevocation } from '../../domain/sync/proxies';
import type { Db } from '../open';
import { statements, type Statements } from '../prepared';

/** Another node's new proxy, the recipient already turned into this node's id. */
export interface NewSyncedProxy {
  uid: string;
  recipientId: number;
  name: string;
  phone: string | null;
  email: string | null;
  untilDate: string | null;
  createdAt: number;
  createdBy: string;
  revokedAt: number | null;
  revokedBy: string | null;
}

/**
 * The SQL of shared proxies (entity `proxy`, migration 0026): what its applier reads and writes, inside the
 * applier's transaction and under its `applying` guard, so the capture triggers record none of it.
 */
export class SyncProxyRepository {
  private readonly sql: Statements;

  constructor(db: Db) {
    this.sql = statements(db);
  }

  recipientId(recipientUid: string): number | undefined {
    return this.sql.pluck<[string], number>('SELECT id FROM recipients WHERE uid = ?').get(recipientUid);
  }

  proxyId(uid: string): number | undefined {
    return this.sql.pluck<[string], number>('SELECT id FROM proxies WHERE uid = ?').get(uid);
  }

  /** The proxy `uid` here: its id, recipient, revocation and the stamps the merge compares. */
  proxy(uid: string):
    | {
        id: number;
        recipientId: number;
        revocation: ProxyRevocation | null;
        revocationStamp: Stamp | null;
        stamps: FieldStamps<ProxyDetailField>;
      }
    | undefined {
    const row = this.sql<[string], { id: number; recipientId: number; revokedAt: number | null; revokedBy: string | null }>(
      'SELECT id, recipient_id AS recipientId, revoked_at AS revokedAt, revoked_by AS revokedBy FROM proxies WHERE uid = ?',
    ).get(uid);
    if (!row) return undefined;
    const stamps: FieldStamps<ProxyDetailField> = { created: null, fields: {} };
    let revocationStamp: Stamp | null = null;
    for (const s of this.sql<[string], { field: string; hlc: number; origin: string }>(
      'SELECT field, hlc, origin FROM sync_stamps WHERE uid = ?',
    ).all(uid)) {
      const stamp = { hlc: s.hlc, origin: s.origin };
      if (s.field === '~created') stamps.created = stamp;
      else if (s.field === 'revoked_at') revocationStamp = stamp;
      else if ((proxyDetailFields as readonly string[]).includes(s.field)) stamps.fields[s.field as ProxyDetailField] = stamp;
    }
    const revocation = row.revokedAt === null ? null : { revoked_at: row.revokedAt, revoked_by: row.revokedBy };
    return {
      id: row.id,
      recipientId: row.recipientId,
      revocation,
      revocationStamp: revocationStamp ?? (revocation ? stamps.created : null),
      stamps,
    };
  }

  insert(p: NewSyncedProxy, created: Stamp): number {
    const id = Number(
      this.sql(
        `INSERT INTO proxies (uid, recipient_id, name, phone, email, until_date, created_at, created_by, revoked_at, revoked_by, updated_at)
         VALUES (@uid, @recipientId, @name, @phone, @email, @untilDate, @createdAt, @createdBy, @revokedAt, @revokedBy, @createdAt)`,
      ).run(p).lastInsertRowid,
    );
    this.setStamp(p.uid, '~created', created);
    if (p.revokedAt !== null) this.setStamp(p.uid, 'revoked_at', created);
    return id;
  }

  /** Writes the detail fields the change won and stamps them. */
  setDetails(uid: string, details: Partial<Record<ProxyDetailField, string | null>>, stamp: Stamp, now: number): void {
    for (const [field, value] of Object.entries(details)) {
      // Column names from the fixed list (proxyDetailFields), never from the wire.
      if (!(proxyDetailFields as readonly string[]).includes(field)) continue;
      this.sql<[string | null, number, string]>(`UPDATE proxies SET ${field} = ?, updated_at = ? WHERE uid = ?`).run(value, now, uid);
      this.setStamp(uid, field, stamp);
    }
  }

  /** The revocation kept; a proxy revoked here has its proxy PINs revoked too (their own changes follow from their node). */
  setRevocation(uid: string, revocation: ProxyRevocation, stamp: Stamp, now: number): void {
    this.sql<[number, string | null, number, string]>(
      'UPDATE proxies SET revoked_at = ?, revoked_by = ?, updated_at = ? WHERE uid = ?',
    ).run(revocation.revoked_at, revocation.revoked_by, now, uid);
    this.setStamp(uid, 'revoked_at', stamp);
  }

  /**
   * Queues every proxy already here as a creation (`site init`), after the recipients whose uids they name and
   * before the credentials that name them, stamped from `firstHlc` up in id order. Returns how many.
   */
  queueExisting(firstHlc: number): number {
    const queued = this.sql<[number]>(
      `INSERT INTO sync_outbox (hlc, entity, uid, fields)
       SELECT ? + row_number() OVER (ORDER BY p.id) - 1, 'proxy', p.uid,
         json_object('recipient_uid', r.uid, 'name', p.name, 'phone', p.phone, 'email', p.email, 'until_date', p.until_date,
           'created_at', p.created_at, 'created_by', p.created_by, 'revoked_at', p.revoked_at, 'revoked_by', p.revoked_by)
       FROM proxies p JOIN recipients r ON r.id = p.recipient_id ORDER BY p.id`,
    ).run(firstHlc).changes;
    this.sql(
      `INSERT INTO sync_stamps (uid, field, hlc, origin)
       SELECT o.uid, '~created', o.hlc, n.node_uid FROM sync_outbox o, sync_node n WHERE o.entity = 'proxy'
       ON CONFLICT (uid, field) DO NOTHING`,
    ).run();
    this.sql('UPDATE sync_node SET hlc = max(hlc, (SELECT coalesce(max(hlc), 0) FROM sync_outbox)) WHERE id = 1').run();
    return queued;
  }

  private setStamp(uid: string, field: string, stamp: Stamp): void {
    this.sql<[string, string, number, string]>(
      `INSERT INTO sync_stamps (uid, field, hlc, origin) VALUES (?, ?, ?, ?)
       ON CONFLICT (uid, field) DO UPDATE SET hlc = excluded.hlc, origin = excluded.origin`,
    ).run(uid, field, stamp.hlc, stamp.origin);
  }
}
