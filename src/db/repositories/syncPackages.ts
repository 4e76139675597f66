import type { Stamp } from '../../domain/sync/hlc';
import {
  packageFields,
  type Claim,
  type FieldStamps,
  type PackageField,
  type PackageState,
  type StateDetails,
  type StateEvent,
  type Values,
} from '../../domain/sync/packages';
import type { Db } from '../open';
import { statements, type Statements } from '../prepared';
import type { Row } from '../rows';

/** The columns a status change writes, with the status (migration 0019, `details`). */
const detailColumns = [
  'picked_up_at',
  'picked_up_via',
  'picked_up_credential',
  'collected_by',
  'handed_over_by_name',
  'returned_at',
  'return_reason',
  'missing_at',
] as const satisfies readonly (keyof StateDetails)[];

/** The shared columns of `packages` as they are stored: `recipient_uid` travels for `recipient_id`. */
const storedFields = packageFields.filter((f) => f !== 'recipient_uid');

export interface PackageCreation {
  uid: string;
  /** Null for a package put aside, unmatched. */
  recipientId: number | null;
  values: Values<PackageField>;
  state: StateEvent;
  now: number;
}

export interface CarrierCodeCreation {
  uid: string;
  carrier: string;
  name: string;
  pinHash: Buffer;
  pinEnc: Buffer;
  days: number;
  fromMinute: number;
  untilMinute: number;
  untilDate: string | null;
  status: 'active' | 'revoked';
  createdAt: number;
  endedAt: number | null;
  replacesUid: string | null;
}

/** One of this node's claims that it has not decided yet. */
export interface OpenClaim {
  uid: string;
  claim: string;
  round: number;
  claimedAt: number;
}

/**
 * The SQL of shared packages, carrier codes and claims (docs/architecture.md, "Several PCs, one building"): what
 * another node's change needs read and written. The writes that apply a change run in the applier's transaction
 * under the `applying` guard, so the capture triggers of migration 0019 skip them.
 */
export class SyncPackageRepository {
  private readonly sql: Statements;

  constructor(db: Db) {
    this.sql = statements(db);
  }

  // ---- Packages ----

  /** The local id and per-field stamps of the package `uid`, or undefined when this node has never seen it. */
  package(uid: string): { id: number; stamps: FieldStamps<PackageField> } | undefined {
    const id = this.sql.pluck<[string], number>('SELECT id FROM packages WHERE uid = ?').get(uid);
    return id === undefined ? undefined : { id, stamps: this.stamps(uid, packageFields) };
  }

  /** The per-field stamps of the record `uid`, for the fields `names`. */
  stamps<F extends string>(uid: string, names: readonly F[]): FieldStamps<F> {
    const stamps: FieldStamps<F> = { created: null, fields: {} };
    const rows = this.sql<[string], Pick<Row<'sync_stamps'>, 'field' | 'hlc' | 'origin'>>(
      'SELECT field, hlc, origin FROM sync_stamps WHERE uid = ?',
    ).all(uid);
    for (const { field, hlc, origin } of rows) {
      if (field === '~created') stamps.created = { hlc, origin };
      else if ((names as readonly string[]).includes(field)) stamps.fields[field as F] = { hlc, origin };
    }
    return stamps;
  }

  recipientId(uid: string): number | undefined {
    return this.sql.pluck<[string], number>('SELECT id FROM recipients WHERE uid = ?').get(uid);
  }

  /** Every change of status of the package this node has, its own and the others'. */
  states(uid: string): StateEvent[] {
    return this.sql<[string], Row<'sync_package_states'>>(
      'SELECT uid, hlc, origin, value, base, details FROM sync_package_states WHERE uid = ?',
    )
      .all(uid)
      .map((r) => ({
        stamp: { hlc: r.hlc, origin: r.origin },
        value: r.value as PackageState,
        base: r.base,
        details: JSON.parse(r.details),
      }));
  }

  /** Records a change of status (a redelivered one is already there and changes nothing). */
  addState(uid: string, e: StateEvent): void {
    this.sql<[string, number, string, string, number | null, string]>(
      'INSERT OR IGNORE INTO sync_package_states (uid, hlc, origin, value, base, details) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(uid, e.stamp.hlc, e.stamp.origin, e.value, e.base, JSON.stringify(e.details));
  }

  /** Another node's new package. Returns its local id. */
  insertPackage(p: PackageCreation): number {
    const params: Record<string, unknown> = { uid: p.uid, recipient_id: p.recipientId, status: p.state.value, now: p.now };
    for (const f of storedFields) params[f] = p.values[f] ?? null;
    for (const c of detailColumns) params[c] = p.state.details[c];
    const columns = [...storedFields, ...detailColumns];
    const info = this.sql(
      `INSERT INTO packages (uid, recipient_id, status, updated_at, ${columns.join(', ')})
       VALUES (@uid, @recipient_id, @status, @now, ${columns.map((c) => `@${c}`).join(', ')})`,
    ).run(params);
    return Number(info.lastInsertRowid);
  }

  /** Writes the fields another node's change won; `recipientId` when the recipient was among them. */
  updatePackage(id: number, values: Values<PackageField>, recipientId: number | null, now: number): void {
    // One statement for any set of fields: a field the change did not win keeps its value (its flag is 0).
    const set = storedFields.map((f) => `${f} = CASE WHEN @has_${f} THEN @${f} ELSE ${f} END`).join(', ');
    const params: Record<string, unknown> = { id, now, recipient_id: recipientId };
    for (const f of storedFields) {
      params[`has_${f}`] = f in values ? 1 : 0;
      params[f] = values[f] ?? null;
    }
    this.sql(`UPDATE packages SET ${set}, recipient_id = coalesce(@recipient_id, recipient_id), updated_at = @now WHERE id = @id`).run(
      params,
    );
  }

  /** The status the merge decided, with its details. */
  setState(id: number, state: StateEvent, now: number): void {
    const params: Record<string, unknown> = { id, status: state.value, now };
    for (const c of detailColumns) params[c] = state.details[c];
    this.sql(
      `UPDATE packages SET status = @status, ${detailColumns.map((c) => `${c} = @${c}`).join(', ')}, updated_at = @now WHERE id = @id`,
    ).run(params);
  }

  setStamp(uid: string, field: string, stamp: Stamp): void {
    this.sql<[string, string, number, string]>(
      `INSERT INTO sync_stamps (uid, field, hlc, origin) VALUES (?, ?, ?, ?)
       ON CONFLICT (uid, field) DO UPDATE SET hlc = excluded.hlc, origin = excluded.origin`,
    ).run(uid, field, stamp.hlc, stamp.origin);
  }

  /**
   * Queues every package and carrier code already here as a creation (`site init`), stamped from `firstHlc` up,
   * after what was queued before. Returns how many.
   */
  queueExisting(firstHlc: number): number {
    const packages = this.sql<[number]>(
      `INSERT INTO sync_outbox (hlc, entity, uid, fields)
       SELECT ? + row_number() OVER (ORDER BY p.id) - 1, 'package', p.uid,
         json_object(${storedFields.map((f) => `'${f}', p.${f}`).join(', ')}, 'recipient_uid', r.uid,
           'state', json_object('value', p.status, 'base', NULL, 'details', json_object(${detailColumns.map((c) => `'${c}', p.${c}`).join(', ')})))
       FROM packages p JOIN recipients r ON r.id = p.recipient_id ORDER BY p.id`,
    ).run(firstHlc).changes;
    const codes = this.sql<[number]>(
      `INSERT INTO sync_outbox (hlc, entity, uid, fields)
       SELECT ? + row_number() OVER (ORDER BY c.id) - 1, 'carrierCode', c.uid,
         json_object('carrier', c.carrier, 'name', c.name, 'pin_hash', hex(c.pin_hash), 'pin_enc', hex(c.pin_enc), 'days', c.days,
           'from_minute', c.from_minute, 'until_minute', c.until_minute, 'until_date', c.until_date, 'status', c.status,
           'created_at', c.created_at, 'ended_at', c.ended_at, 'replaces_uid', (SELECT uid FROM carrier_codes WHERE id = c.replaces))
       FROM carrier_codes c ORDER BY c.id`,
    ).run(firstHlc + packages).changes;
    this.sql(
      `INSERT INTO sync_stamps (uid, field, hlc, origin)
       SELECT o.uid, '~created', o.hlc, n.node_uid FROM sync_outbox o, sync_node n WHERE o.entity IN ('package', 'carrierCode')
       ON CONFLICT (uid, field) DO NOTHING`,
    ).run();
    this.sql(
      `INSERT OR IGNORE INTO sync_package_states (uid, hlc, origin, value, base, details)
       SELECT o.uid, o.hlc, n.node_uid, json_extract(o.fields, '$.state.value'), NULL, json_extract(o.fields, '$.state.details')
       FROM sync_outbox o, sync_node n WHERE o.entity = 'package'`,
    ).run();
    this.sql('UPDATE sync_node SET hlc = max(hlc, (SELECT coalesce(max(hlc), 0) FROM sync_outbox)) WHERE id = 1').run();
    return packages + codes;
  }

  // ---- Carrier codes ----

  /**
   * Every carrier code with this PIN, whatever its status, with its creation stamp (this node's, at the row's own
   * time, when it was made before the folder became a node): a credential arriving may clash with one.
   */
  carrierCodesWithPin(pinHash: Buffer): { uid: string; carrier: string; name: string; created: Stamp }[] {
    return this.sql<
      [Buffer],
      { uid: string; carrier: string; name: string; createdAt: number; hlc: number | null; origin: string | null; self: string }
    >(
      `SELECT c.uid, c.carrier, c.name, c.created_at AS createdAt, s.hlc, s.origin, n.node_uid AS self
       FROM carrier_codes c JOIN sync_node n ON n.id = 1 LEFT JOIN sync_stamps s ON s.uid = c.uid AND s.field = '~created'
       WHERE c.pin_hash = ?`,
    )
      .all(pinHash)
      .map((r) => ({
        uid: r.uid,
        carrier: r.carrier,
        name: r.name,
        created: r.hlc !== null && r.origin !== null ? { hlc: r.hlc, origin: r.origin } : { hlc: r.createdAt * 2048, origin: r.self },
      }));
  }

  carrierCode(uid: string): { id: number; status: 'active' | 'revoked' } | undefined {
    return this.sql<[string], { id: number; status: 'active' | 'revoked' }>('SELECT id, status FROM carrier_codes WHERE uid = ?').get(uid);
  }

  /** Another node's new carrier code; the staff member who made it is not known here. Returns its local id. */
  insertCarrierCode(c: CarrierCodeCreation): number {
    const info = this.sql(
      `INSERT INTO carrier_codes (uid, carrier, name, pin_hash, pin_enc, days, from_minute, until_minute, until_date, status, created_at,
         ended_at, replaces)
       VALUES (@uid, @carrier, @name, @pinHash, @pinEnc, @days, @fromMinute, @untilMinute, @untilDate, @status, @createdAt, @endedAt,
         (SELECT id FROM carrier_codes WHERE uid = @replacesUid))`,
    ).run(c);
    return Number(info.lastInsertRowid);
  }

  /** Revoked; its end time is written only when the change won it (`endedAt` undefined keeps the one here). */
  revokeCarrierCode(id: number, endedAt: number | null | undefined): void {
    this.sql<[number, number | null, number]>(
      "UPDATE carrier_codes SET status = 'revoked', ended_at = CASE WHEN ? THEN ? ELSE ended_at END WHERE id = ?",
    ).run(endedAt === undefined ? 0 : 1, endedAt ?? null, id);
  }

  // ---- Claims ----

  /** Makes this node's claim; the capture trigger stamps it with the node's clock and sends it. */
  claim(claim: string, round: number, nodeUid: string, now: number): void {
    this.sql<[string, number, string, number]>(
      'INSERT INTO package_claims (uid, claim, round, origin, hlc, claimed_at) VALUES (lower(hex(randomblob(16))), ?, ?, ?, 0, ?)',
    ).run(claim, round, nodeUid, now);
  }

  /** Another node's claim, as it made it (one received twice is already there). */
  addClaim(c: { uid: string; claim: string; round: number; origin: string; hlc: number; claimedAt: number }): void {
    this.sql(
      `INSERT OR IGNORE INTO package_claims (uid, claim, round, origin, hlc, claimed_at)
       VALUES (@uid, @claim, @round, @origin, @hlc, @claimedAt)`,
    ).run(c);
  }

  /** Every node's claims of `claim`, in every round. */
  claims(claim: string): Claim[] {
    return this.sql<[string], Pick<Row<'package_claims'>, 'round' | 'hlc' | 'origin'>>(
      'SELECT round, hlc, origin FROM package_claims WHERE claim = ?',
    )
      .all(claim)
      .map((r) => ({ round: r.round, stamp: { hlc: r.hlc, origin: r.origin } }));
  }

  /** This node's claim of the latest round of `claim`: its round, and when and how it decided it (null: not yet). */
  latest(
    claim: string,
    nodeUid: string,
  ): { round: number; mine: { decidedAt: number | null; outcome: 'won' | 'lost' | null } | null } | null {
    const round = this.sql.pluck<[string], number | null>('SELECT max(round) FROM package_claims WHERE claim = ?').get(claim) ?? null;
    if (round === null) return null;
    const mine = this.sql<[string, number, string], Pick<Row<'package_claims'>, 'decided_at' | 'outcome'>>(
      'SELECT decided_at, outcome FROM package_claims WHERE claim = ? AND round = ? AND origin = ?',
    ).get(claim, round, nodeUid);
    return { round, mine: mine ? { decidedAt: mine.decided_at, outcome: mine.outcome } : null };
  }

  /** The latest round of each claim made since `since` that `nodeUid` has no claim in. */
  unanswered(nodeUid: string, since: number): { claim: string; round: number }[] {
    return this.sql<[number, string], { claim: string; round: number }>(
      `WITH latest AS (SELECT claim, max(round) AS round FROM package_claims WHERE claimed_at >= ? GROUP BY claim)
       SELECT l.claim, l.round FROM latest l
       WHERE NOT EXISTS (SELECT 1 FROM package_claims m WHERE m.claim = l.claim AND m.round = l.round AND m.origin = ?)
       ORDER BY l.claim`,
    ).all(since, nodeUid);
  }

  /** This node's claims it has not decided yet. */
  open(nodeUid: string): OpenClaim[] {
    return this.sql<[string], Pick<Row<'package_claims'>, 'uid' | 'claim' | 'round' | 'claimed_at'>>(
      'SELECT uid, claim, round, claimed_at FROM package_claims WHERE decided_at IS NULL AND origin = ? ORDER BY claimed_at, uid',
    )
      .all(nodeUid)
      .map((r) => ({ uid: r.uid, claim: r.claim, round: r.round, claimedAt: r.claimed_at }));
  }

  decided(uid: string, outcome: 'won' | 'lost', now: number): void {
    this.sql<[number, string, string]>('UPDATE package_claims SET decided_at = ?, outcome = ? WHERE uid = ?').run(now, outcome, uid);
  }

  /** The other nodes this node has applied changes from: the ones a claim waits for. */
  knownNodes(): string[] {
    return this.sql.pluck<[], string>('SELECT origin FROM sync_applied').all();
  }

  /** A recipient's uid, for the claim's name. */
  recipientUid(id: number): string | undefined {
    return this.sql.pluck<[number], string | null>('SELECT uid FROM recipients WHERE id = ?').get(id) ?? undefined;
  }

  packageId(uid: string): number | undefined {
    return this.sql.pluck<[string], number>('SELECT id FROM packages WHERE uid = ?').get(uid);
  }

  packageUid(id: number): string | undefined {
    return this.sql.pluck<[number], string | null>('SELECT uid FROM packages WHERE id = ?').get(id) ?? undefined;
  }

  /** Sync is on (capturing): reminders are claimed before they go. */
  capturing(): boolean {
    return this.sql.pluck<[], number>('SELECT capturing FROM sync_node WHERE id = 1').get() === 1;
  }
}
