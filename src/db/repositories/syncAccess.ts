import type { CredentialEnd, CredentialStatus, Ended, KeyUse } from '../../domain/sync/access';
import type { Stamp } from '../../domain/sync/hlc';
import type { Db } from '../open';
import { statements, type Statements } from '../prepared';
import type { Row } from '../rows';

type Key = Row<'access_keys'>;

/** A credential of this node as the merge rules need it (src/domain/sync/access.ts). */
export interface SyncedCredential {
  id: number;
  uid: string;
  recipientId: number;
  kind: Key['kind'];
  created: Stamp;
  end: CredentialEnd;
}

/** Another node's new credential, its sealed forms as they are stored. */
export interface NewCredential {
  uid: string;
  recipientId: number;
  kind: Key['kind'];
  pinHash: Buffer;
  pinEnc: Buffer;
  qrHash: Buffer;
  qrEnc: Buffer;
  expiresAt: number | null;
  createdAt: number;
  created: Stamp;
  /** The staff member who made it, by uid; stored as this node's id of that account (null when it has none). */
  createdByUid: string | null;
}

/** A credential that may clash with a new one: the same PIN, or (`sameRecipient`) another permanent PIN of its recipient. */
export interface ClashCandidate {
  uid: string;
  created: Stamp;
  why: 'samePin' | 'sameRecipient';
}

interface RawCredential {
  id: number;
  uid: string;
  recipientId: number;
  kind: Key['kind'];
  status: CredentialStatus;
  createdAt: number;
  endedAt: number | null;
  createdHlc: number | null;
  createdOrigin: string | null;
  endedHlc: number | null;
  endedOrigin: string | null;
  self: string;
}

/**
 * A stamp this node never wrote (a credential created or ended before the folder became a node, and not queued)
 * is this node's, at the row's own time: what `site init` queues it as.
 */
const stampOr = (hlc: number | null, origin: string | null, fallbackMs: number, self: string): Stamp =>
  hlc !== null && origin !== null ? { hlc, origin } : { hlc: fallbackMs * 2048, origin: self };

const toCredential = (r: RawCredential): SyncedCredential => ({
  id: r.id,
  uid: r.uid,
  recipientId: r.recipientId,
  kind: r.kind,
  created: stampOr(r.createdHlc, r.createdOrigin, r.createdAt, r.self),
  end:
    r.status === 'active'
      ? { status: 'active', stamp: null, endedAt: null }
      : { status: r.status, stamp: stampOr(r.endedHlc, r.endedOrigin, r.endedAt ?? r.createdAt, r.self), endedAt: r.endedAt },
});

const credentialColumns = `k.id, k.uid, k.recipient_id AS recipientId, k.kind, k.status, k.created_at AS createdAt, k.ended_at AS endedAt,
    c.hlc AS createdHlc, c.origin AS createdOrigin, e.hlc AS endedHlc, e.origin AS endedOrigin, n.node_uid AS self`;
const credentialTables = `access_keys k
  JOIN sync_node n ON n.id = 1
  LEFT JOIN sync_stamps c ON c.uid = k.uid AND c.field = '~created'
  LEFT JOIN sync_stamps e ON e.uid = k.uid AND e.field = '~ended'`;

/** The credentials a new one may clash with (`clashCandidates`); exported so a test can check it stays two index probes. */
export const clashCandidatesSql = `SELECT 'samePin' AS why, ${credentialColumns} FROM ${credentialTables} WHERE k.pin_hash = @pin
  UNION ALL
  SELECT 'sameRecipient' AS why, ${credentialColumns} FROM ${credentialTables}
  WHERE k.recipient_id = @recipient AND k.kind = 'permanent' AND @kind = 'permanent'`;

/**
 * The SQL of shared credentials (docs/architecture.md, "Several PCs, one building"): what the appliers of the
 * `credential` and `singleAccessUse` changes read and write, in the applier's transaction and under its `applying`
 * guard, so the triggers of migration 0018 capture none of it. The stamps are sync_stamps rows: '~created' and
 * '~ended' (the change that gave the credential its end state).
 */
export class SyncAccessRepository {
  private readonly sql: Statements;

  constructor(db: Db) {
    this.sql = statements(db);
  }

  recipientId(recipientUid: string): number | undefined {
    return this.sql.pluck<[string], number>('SELECT id FROM recipients WHERE uid = ?').get(recipientUid);
  }

  credential(uid: string): SyncedCredential | undefined {
    const raw = this.sql<[string], RawCredential>(`SELECT ${credentialColumns} FROM ${credentialTables} WHERE k.uid = ?`).get(uid);
    return raw && toCredential(raw);
  }

  /** Whose credential it is, for the double-use alert. */
  holder(uid: string): { recipientId: number; name: string } | undefined {
    return this.sql<[string], { recipientId: number; name: string }>(
      `SELECT r.id AS recipientId, r.first_name || ' ' || r.last_name AS name FROM access_keys k JOIN recipients r ON r.id = k.recipient_id
       WHERE k.uid = ?`,
    ).get(uid);
  }

  /**
   * The credentials here that a new one with this PIN (and, when permanent, this recipient) may clash with: one
   * index probe each (access_keys_by_pin, access_keys_by_recipient).
   */
  clashCandidates(pinHash: Buffer, recipientId: number, kind: Key['kind']): ClashCandidate[] {
    return this.sql<[{ pin: Buffer; recipient: number; kind: string }], RawCredential & { why: ClashCandidate['why'] }>(clashCandidatesSql)
      .all({ pin: pinHash, recipient: recipientId, kind })
      .map((raw) => ({ uid: raw.uid, created: toCredential(raw).created, why: raw.why }));
  }

  /** Every credential with this PIN, whatever its status, and its recipient's name: a carrier code arriving may clash with one. */
  withPin(pinHash: Buffer): (SyncedCredential & { recipientName: string })[] {
    return this.sql<[Buffer], RawCredential & { recipientName: string }>(
      `SELECT ${credentialColumns}, r.first_name || ' ' || r.last_name AS recipientName
       FROM ${credentialTables} JOIN recipients r ON r.id = k.recipient_id WHERE k.pin_hash = ?`,
    )
      .all(pinHash)
      .map((raw) => ({ ...toCredential(raw), recipientName: raw.recipientName }));
  }

  /** Stores another node's new credential with the end the rules gave it. Returns its local id. */
  insert(key: NewCredential, end: CredentialEnd, use: KeyUse | null): number {
    const id = Number(
      this.sql(
        `INSERT INTO access_keys (uid, recipient_id, kind, pin_hash, pin_enc, qr_hash, qr_enc, status, expires_at, used_at, used_via, created_at, ended_at,
           created_by)
         VALUES (@uid, @recipientId, @kind, @pinHash, @pinEnc, @qrHash, @qrEnc, @status, @expiresAt, @usedAt, @usedVia, @createdAt, @endedAt,
           (SELECT id FROM staff WHERE uid = @createdByUid))`,
      ).run({
        ...key,
        status: end.status,
        usedAt: use?.at ?? null,
        usedVia: use?.via ?? null,
        endedAt: end.endedAt,
      }).lastInsertRowid,
    );
    this.stamp(key.uid, '~created', key.created);
    if (end.stamp) this.stamp(key.uid, '~ended', end.stamp);
    return id;
  }

  /** A credential's new end, as merged; a use, when it is the one kept, says when and how it opened. */
  setEnd(uid: string, end: Ended, use: KeyUse | null): void {
    this.sql(
      `UPDATE access_keys SET status = @status, ended_at = @endedAt,
         used_at = CASE WHEN @status = 'used' THEN @usedAt ELSE used_at END,
         used_via = CASE WHEN @status = 'used' THEN @usedVia ELSE used_via END
       WHERE uid = @uid`,
    ).run({ uid, status: end.status, endedAt: end.endedAt, usedAt: use?.at ?? null, usedVia: use?.via ?? null });
    this.stamp(uid, '~ended', end.stamp);
  }

  /** The uses of one Single Access PIN this node knows, its own door's included. */
  uses(keyUid: string): KeyUse[] {
    return this.sql<[string], KeyUse>(
      'SELECT origin, node_name AS node, via, at, hlc FROM access_key_uses WHERE key_uid = ? ORDER BY at, origin',
    ).all(keyUid);
  }

  addUse(keyUid: string, use: KeyUse): void {
    this.sql(
      `INSERT INTO access_key_uses (key_uid, origin, node_name, via, at, hlc) VALUES (@keyUid, @origin, @node, @via, @at, @hlc)
       ON CONFLICT (key_uid, origin) DO NOTHING`,
    ).run({ keyUid, ...use });
  }

  /**
   * Queues every credential already here as a creation (after the recipients, whose uids they name), stamped from
   * `firstHlc` up in id order, with the stamps and uses the capture triggers would have written. Returns how many.
   */
  queueExisting(firstHlc: number): number {
    const queued = this.sql<[number]>(
      `INSERT INTO sync_outbox (hlc, entity, uid, fields)
       SELECT ? + row_number() OVER (ORDER BY k.id) - 1, 'credential', k.uid,
         json_object('recipient_uid', r.uid, 'kind', k.kind, 'pin_hash', hex(k.pin_hash), 'pin_enc', hex(k.pin_enc),
           'qr_hash', hex(k.qr_hash), 'qr_enc', hex(k.qr_enc), 'status', k.status, 'expires_at', k.expires_at,
           'used_at', k.used_at, 'used_via', k.used_via, 'created_at', k.created_at, 'ended_at', k.ended_at,
           'created_by_uid', (SELECT uid FROM staff WHERE id = k.created_by), 'known', json('[]'))
       FROM access_keys k JOIN recipients r ON r.id = k.recipient_id ORDER BY k.id`,
    ).run(firstHlc).changes;
    this.sql(
      `INSERT INTO sync_stamps (uid, field, hlc, origin)
       SELECT o.uid, '~created', o.hlc, n.node_uid FROM sync_outbox o, sync_node n WHERE o.entity = 'credential'
       UNION ALL
       SELECT o.uid, '~ended', o.hlc, n.node_uid FROM sync_outbox o JOIN access_keys k ON k.uid = o.uid, sync_node n
       WHERE o.entity = 'credential' AND k.status != 'active'`,
    ).run();
    this.sql(
      `INSERT INTO access_key_uses (key_uid, origin, node_name, via, at, hlc)
       SELECT k.uid, n.node_uid, n.node_name, coalesce(k.used_via, 'pin'), coalesce(k.used_at, k.ended_at, k.created_at), o.hlc
       FROM sync_outbox o JOIN access_keys k ON k.uid = o.uid, sync_node n WHERE o.entity = 'credential' AND k.status = 'used'`,
    ).run();
    this.sql('UPDATE sync_node SET hlc = max(hlc, (SELECT coalesce(max(hlc), 0) FROM sync_outbox)) WHERE id = 1').run();
    return queued;
  }

  private stamp(uid: string, field: '~created' | '~ended', stamp: Stamp): void {
    this.sql<[string, string, number, string]>(
      `INSERT INTO sync_stamps (uid, field, hlc, origin) VALUES (?, ?, ?, ?)
       ON CONFLICT (uid, field) DO UPDATE SET hlc = excluded.hlc, origin = excluded.origin`,
    ).run(uid, field, stamp.hlc, stamp.origin);
  }
}
