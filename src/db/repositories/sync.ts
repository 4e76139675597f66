import type { Stamp } from '../../domain/sync/hlc';
import { recipientFields, type RecipientStamps, type RecipientValues } from '../../domain/sync/recipients';
import type { Db } from '../open';
import { statements, type Statements } from '../prepared';
import { columns, type Row } from '../rows';

/** This data folder as a node of a site; `site` is null on a single PC (sync off). */
export interface SyncNode {
  nodeUid: string;
  nodeName: string | null;
  site: string | null;
  url: string | null;
  capturing: boolean;
  hlc: number;
  connectedAt: number | null;
  disconnectedAt: number | null;
  /** The node that runs the site's scheduled roster import, when this node knows it. */
  rosterNode: string | null;
  /** False from `site join` until this node has caught up with its site (its door refuses meanwhile). */
  caughtUp: boolean;
}

export type OutboxChange = Row<'sync_outbox'>;

export interface AppliedOrigin {
  origin: string;
  nodeName: string;
  seq: number;
  appliedAt: number;
  lagMs: number;
}

const recipientColumns = recipientFields.join(', ');
// The fields of one recipient as a creation event carries them, the JSON the insert trigger writes.
const recipientJson = `json_object(${recipientFields.map((f) => `'${f}', r.${f}`).join(', ')})`;

/**
 * All of sync's SQL (docs/architecture.md, "Several PCs, one building"): the node row, the outbox the triggers of
 * migration 0015 fill, the per-origin marks, the stamps, and the writes that apply another node's change. Those
 * writes run between `beginApplying` and `endApplying`, in the caller's transaction, so the triggers skip them.
 */
export class SyncRepository {
  private readonly sql: Statements;

  constructor(db: Db) {
    this.sql = statements(db);
  }

  node(): SyncNode {
    const r = this.sql<[], Row<'sync_node'>>(`SELECT ${columns('sync_node')} FROM sync_node WHERE id = 1`).get()!;
    return {
      nodeUid: r.node_uid,
      nodeName: r.node_name,
      site: r.site,
      url: r.url,
      capturing: r.capturing === 1,
      hlc: r.hlc,
      connectedAt: r.connected_at,
      disconnectedAt: r.disconnected_at,
      rosterNode: r.roster_node,
      caughtUp: r.caught_up === 1,
    };
  }

  /** Makes this folder a node of `site` and starts capturing its changes. */
  configure(site: string, nodeName: string, url: string): void {
    this.sql<[string, string, string]>('UPDATE sync_node SET site = ?, node_name = ?, url = ?, capturing = 1 WHERE id = 1').run(
      site,
      nodeName,
      url,
    );
  }

  /** Names the node that runs the site's scheduled roster import (`site init`: the first node itself). */
  pinRosterImport(nodeName: string): void {
    this.sql<[string]>('UPDATE sync_node SET roster_node = ? WHERE id = 1').run(nodeName);
  }

  /** Makes this empty folder a node of `site` that has the site's changes still to receive (`site join`). */
  joined(site: string, nodeName: string, url: string): void {
    this.configure(site, nodeName, url);
    this.sql('UPDATE sync_node SET caught_up = 0 WHERE id = 1').run();
  }

  /** This node has applied its site's changes up to where the stream stood when it connected. */
  caughtUp(): void {
    this.sql('UPDATE sync_node SET caught_up = 1 WHERE id = 1').run();
  }

  /**
   * Queues every recipient already here as a creation, stamped from `firstHlc` up in id order, so the nodes that
   * join later receive the whole roster from the stream. Returns how many.
   */
  queueExisting(firstHlc: number): number {
    const queued = this.sql<[number]>(
      `INSERT INTO sync_outbox (hlc, entity, uid, fields, status)
       SELECT ? + row_number() OVER (ORDER BY r.id) - 1, 'recipient', r.uid, ${recipientJson}, r.status FROM recipients r ORDER BY r.id`,
    ).run(firstHlc).changes;
    this.sql(
      `INSERT INTO sync_stamps (uid, field, hlc, origin)
       SELECT o.uid, '~created', o.hlc, n.node_uid FROM sync_outbox o, sync_node n WHERE o.entity = 'recipient'
       UNION ALL
       SELECT o.uid, '~deactivated:' || n.node_uid, o.hlc, n.node_uid FROM sync_outbox o, sync_node n
       WHERE o.entity = 'recipient' AND o.status = 'inactive'`,
    ).run();
    this.sql('UPDATE sync_node SET hlc = max(hlc, (SELECT coalesce(max(hlc), 0) FROM sync_outbox)) WHERE id = 1').run();
    return queued;
  }

  setClock(hlc: number): void {
    this.sql<[number]>('UPDATE sync_node SET hlc = ? WHERE id = 1').run(hlc);
  }

  connected(now: number): void {
    this.sql<[number]>('UPDATE sync_node SET connected_at = ?, disconnected_at = NULL WHERE id = 1').run(now);
  }

  notRunning(): void {
    this.sql('UPDATE sync_node SET connected_at = NULL, disconnected_at = NULL WHERE id = 1').run();
  }

  /** Keeps the first time of an outage: "not connected since 14:02" stays 14:02 through every failed retry. */
  disconnected(now: number): void {
    this.sql<[number]>('UPDATE sync_node SET disconnected_at = coalesce(disconnected_at, ?), connected_at = NULL WHERE id = 1').run(now);
  }

  /** The oldest changes waiting to be published, in order. */
  pending(limit: number): OutboxChange[] {
    return this.sql<[number], OutboxChange>(`SELECT ${columns('sync_outbox')} FROM sync_outbox ORDER BY seq LIMIT ?`).all(limit);
  }

  pendingCount(): number {
    return this.sql.pluck<[], number>('SELECT count(*) FROM sync_outbox').get()!;
  }

  /** JetStream has it and every change before it: the stream keeps them from now on. One statement for a window. */
  published(seq: number): void {
    this.sql<[number]>('DELETE FROM sync_outbox WHERE seq <= ?').run(seq);
  }

  /** The last change of `origin` applied here; 0 for none. */
  appliedSeq(origin: string): number {
    return this.sql.pluck<[string], number>('SELECT seq FROM sync_applied WHERE origin = ?').get(origin) ?? 0;
  }

  markApplied(a: AppliedOrigin): void {
    this.sql<[string, string, number, number, number]>(
      `INSERT INTO sync_applied (origin, node_name, seq, applied_at, lag_ms) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (origin) DO UPDATE SET node_name = excluded.node_name, seq = excluded.seq, applied_at = excluded.applied_at,
         lag_ms = excluded.lag_ms`,
    ).run(a.origin, a.nodeName, a.seq, a.appliedAt, a.lagMs);
  }

  applied(): AppliedOrigin[] {
    return this.sql<[], AppliedOrigin>(
      'SELECT origin, node_name AS nodeName, seq, applied_at AS appliedAt, lag_ms AS lagMs FROM sync_applied ORDER BY node_name',
    ).all();
  }

  beginApplying(): void {
    this.sql('UPDATE sync_node SET applying = 1 WHERE id = 1').run();
  }

  endApplying(): void {
    this.sql('UPDATE sync_node SET applying = 0 WHERE id = 1').run();
  }

  /** The local id and stamps of the recipient `uid`, or undefined when this node has never seen it. */
  recipient(uid: string): { id: number; stamps: RecipientStamps } | undefined {
    const id = this.sql.pluck<[string], number>('SELECT id FROM recipients WHERE uid = ?').get(uid);
    if (id === undefined) return undefined;
    const stamps: RecipientStamps = { created: null, fields: {}, deactivated: {}, activated: {} };
    const rows = this.sql<[string], { field: string; hlc: number; origin: string }>(
      'SELECT field, hlc, origin FROM sync_stamps WHERE uid = ?',
    ).all(uid);
    for (const { field, hlc, origin } of rows) {
      if (field === '~created') stamps.created = { hlc, origin };
      else if (field.startsWith('~deactivated:')) stamps.deactivated[origin] = hlc;
      else if (field.startsWith('~activated:')) stamps.activated[origin] = hlc;
      else if ((recipientFields as readonly string[]).includes(field)) stamps.fields[field as keyof RecipientValues] = { hlc, origin };
    }
    return { id, stamps };
  }

  /** The status registers as merged: one row per node for each (src/domain/sync/recipients.ts). */
  setStatusRegisters(uid: string, registers: Pick<RecipientStamps, 'deactivated' | 'activated'>): void {
    for (const [kind, perNode] of [
      ['~deactivated:', registers.deactivated],
      ['~activated:', registers.activated],
    ] as const) {
      for (const [origin, hlc] of Object.entries(perNode)) this.setStamp(uid, kind + origin, { hlc, origin });
    }
  }

  setStamp(uid: string, field: string, stamp: Stamp): void {
    this.sql<[string, string, number, string]>(
      `INSERT INTO sync_stamps (uid, field, hlc, origin) VALUES (?, ?, ?, ?)
       ON CONFLICT (uid, field) DO UPDATE SET hlc = excluded.hlc, origin = excluded.origin`,
    ).run(uid, field, stamp.hlc, stamp.origin);
  }

  /** Another node's new recipient. Returns its local id. */
  insertRecipient(uid: string, values: Required<RecipientValues>, status: 'active' | 'inactive', now: number): number {
    const info = this.sql(
      `INSERT INTO recipients (uid, ${recipientColumns}, status, updated_at) VALUES (@uid, ${recipientFields.map((f) => `@${f}`).join(', ')}, @status, @now)`,
    ).run({ ...values, uid, status, now });
    return Number(info.lastInsertRowid);
  }

  /** Writes the fields another node's change won, and the status the merge decided. */
  updateRecipient(id: number, values: RecipientValues, status: 'active' | 'inactive', now: number): void {
    // One statement for any set of fields: a field the change did not win keeps its value (its flag is 0).
    const set = recipientFields.map((f) => `${f} = CASE WHEN @has_${f} THEN @${f} ELSE ${f} END`).join(', ');
    const params: Record<string, unknown> = { id, status, now };
    for (const f of recipientFields) {
      params[`has_${f}`] = f in values ? 1 : 0;
      params[f] = values[f] ?? null;
    }
    this.sql(`UPDATE recipients SET ${set}, status = @status, updated_at = @now WHERE id = @id`).run(params);
  }
}
