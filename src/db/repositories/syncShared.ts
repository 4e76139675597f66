import { localAlertKinds, type Acknowledgement } from '../../domain/sync/alerts';
import type { Stamp } from '../../domain/sync/hlc';
import { localSettingKeys } from '../../domain/sync/settings';
import { staffFields, type Guarded, type StaffStamps, type StaffValues } from '../../domain/sync/staff';
import type { Db } from '../open';
import { statements, type Statements } from '../prepared';
import type { Row } from '../rows';

/** The site's settings are one shared record, whose fields are the keys (migration 0020). */
export const settingsUid = '0'.repeat(32);

/** A staff account as the applier needs it: its local id, what its sessions depend on, and its stamps. */
export interface SyncedStaff {
  id: number;
  active: boolean;
  passwordHash: string;
  stamps: StaffStamps;
}

/** An alert as the applier needs it: its local id and the acknowledgement that stands. */
export interface SyncedAlert {
  id: number;
  acknowledgement: Acknowledgement | null;
}

export interface AlertValues {
  at: number;
  kind: string;
  message: string;
  messageKey: string | null;
  messageParams: string | null;
}

const registers: Record<string, [keyof Pick<StaffStamps, 'active' | 'admin'>, keyof Guarded]> = {
  '~deactivated:': ['active', 'taken'],
  '~activated:': ['active', 'given'],
  '~demoted:': ['admin', 'taken'],
  '~promoted:': ['admin', 'given'],
};

/**
 * The SQL of the records a site shares besides recipients (docs/architecture.md, "Several PCs, one building"):
 * staff accounts, site settings, alerts, and the references an audit row names. Writes run in the applier's
 * transaction between `beginApplying` and `endApplying`, so migration 0020's triggers skip them.
 */
export class SyncSharedRepository {
  private readonly sql: Statements;

  constructor(db: Db) {
    this.sql = statements(db);
  }

  /**
   * Queues every shared row already here as a creation, as `site init` does for recipients, so a node that joins
   * later receives them from the stream: the staff accounts, the site's settings, the shared alerts, then this
   * node's audit chain (whose rows name the others by uid). Stamped on from the node's clock, which ends after the
   * last. Returns how many changes were queued.
   */
  queueExisting(): number {
    const local = (list: readonly string[]) => list.map((k) => `'${k.replace(/'/g, "''")}'`).join(', ');
    const next = '(SELECT hlc FROM sync_node) + row_number() OVER (ORDER BY {order})';
    const statements = [
      `INSERT INTO sync_outbox (hlc, entity, uid, fields, status)
       SELECT ${next.replace('{order}', 's.id')}, 'staff', s.uid,
         json_object('username', s.username, 'display_name', s.display_name, 'role', s.role, 'password_hash', s.password_hash,
           'language', s.language, 'created_at', s.created_at),
         CASE s.active WHEN 1 THEN 'active' ELSE 'inactive' END
       FROM staff s ORDER BY s.id`,
      `INSERT INTO sync_outbox (hlc, entity, uid, fields)
       SELECT (SELECT hlc FROM sync_node) + 1, 'settings', '${settingsUid}', json_group_object(key, value)
       FROM settings WHERE key NOT IN (${local(localSettingKeys)}) HAVING count(*) > 0`,
      `INSERT INTO sync_outbox (hlc, entity, uid, fields)
       SELECT ${next.replace('{order}', 'a.id')}, 'alert', a.uid,
         json_object('at', a.at, 'kind', a.kind, 'message', a.message, 'message_key', a.message_key, 'message_params', a.message_params,
           'acknowledged_at', a.acknowledged_at, 'acknowledged_by', (SELECT s.uid FROM staff s WHERE s.id = a.acknowledged_by))
       FROM alerts a WHERE a.kind NOT IN (${local(localAlertKinds)}) ORDER BY a.id`,
      `INSERT INTO sync_outbox (hlc, entity, uid, fields)
       SELECT ${next.replace('{order}', 'l.id')}, 'audit', printf('%032x', l.id),
         json_object('id', l.id, 'at', l.at, 'actor_staff_id', l.actor_staff_id, 'actor', l.actor, 'action', l.action,
           'subject', l.subject, 'details', l.details, 'hash', lower(hex(l.hash)),
           'actor_uid', (SELECT s.uid FROM staff s WHERE s.id = l.actor_staff_id),
           'subject_uid', CASE
             WHEN l.subject LIKE 'recipient:%' THEN (SELECT r.uid FROM recipients r WHERE r.id = CAST(substr(l.subject, 11) AS INTEGER))
             WHEN l.subject LIKE 'staff:%' THEN (SELECT s.uid FROM staff s WHERE s.id = CAST(substr(l.subject, 7) AS INTEGER))
             WHEN l.subject LIKE 'alert:%' THEN (SELECT a.uid FROM alerts a WHERE a.id = CAST(substr(l.subject, 7) AS INTEGER))
           END)
       FROM audit_log l WHERE l.origin IS NULL ORDER BY l.id`,
    ];
    let queued = 0;
    for (const sql of statements) {
      const first = this.sql.pluck<[], number>('SELECT coalesce(max(seq), 0) FROM sync_outbox').get()!;
      queued += this.sql(sql).run().changes;
      // What a creation's trigger stamps: each record's creation, its registers, each site setting's key.
      this.sql<[{ first: number }]>(
        `INSERT INTO sync_stamps (uid, field, hlc, origin)
         SELECT o.uid, '~created', o.hlc, n.node_uid FROM sync_outbox o, sync_node n WHERE o.seq > @first AND o.entity = 'staff'
         UNION ALL
         SELECT o.uid, '~deactivated:' || n.node_uid, o.hlc, n.node_uid FROM sync_outbox o, sync_node n
         WHERE o.seq > @first AND o.entity = 'staff' AND o.status = 'inactive'
         UNION ALL
         SELECT o.uid, '~demoted:' || n.node_uid, o.hlc, n.node_uid FROM sync_outbox o, sync_node n
         WHERE o.seq > @first AND o.entity = 'staff' AND json_extract(o.fields, '$.role') = 'staff'
         UNION ALL
         SELECT o.uid, j.key, o.hlc, n.node_uid FROM sync_outbox o, json_each(o.fields) j, sync_node n WHERE o.seq > @first AND o.entity = 'settings'
         UNION ALL
         SELECT o.uid, '~acknowledged', o.hlc, n.node_uid FROM sync_outbox o, sync_node n
         WHERE o.seq > @first AND o.entity = 'alert' AND json_extract(o.fields, '$.acknowledged_at') IS NOT NULL
         ON CONFLICT (uid, field) DO UPDATE SET hlc = excluded.hlc, origin = excluded.origin`,
      ).run({ first });
      this.sql('UPDATE sync_node SET hlc = max(hlc, (SELECT coalesce(max(hlc), 0) FROM sync_outbox)) WHERE id = 1').run();
    }
    return queued;
  }

  private stamps(uid: string): { field: string; hlc: number; origin: string }[] {
    return this.sql<[string], { field: string; hlc: number; origin: string }>(
      'SELECT field, hlc, origin FROM sync_stamps WHERE uid = ?',
    ).all(uid);
  }

  /** The local id of what a uid names, in the table it names it in; undefined when this node does not have it. */
  localId(table: 'staff' | 'recipients' | 'alerts', uid: string): number | undefined {
    // One statement per table (a table name cannot be a parameter), each kept by `statements`.
    return this.sql.pluck<[string], number>(`SELECT id FROM ${table} WHERE uid = ?`).get(uid);
  }

  staff(uid: string): SyncedStaff | undefined {
    const row = this.sql<[string], Pick<Row<'staff'>, 'id' | 'active' | 'password_hash'>>(
      'SELECT id, active, password_hash FROM staff WHERE uid = ?',
    ).get(uid);
    if (!row) return undefined;
    const stamps: StaffStamps = { created: null, fields: {}, active: { taken: {}, given: {} }, admin: { taken: {}, given: {} } };
    for (const { field, hlc, origin } of this.stamps(uid)) {
      if (field === '~created') stamps.created = { hlc, origin };
      else if ((staffFields as readonly string[]).includes(field)) stamps.fields[field as keyof StaffValues] = { hlc, origin };
      else {
        const prefix = Object.keys(registers).find((p) => field.startsWith(p));
        if (prefix) {
          const [flag, side] = registers[prefix]!;
          stamps[flag][side][origin] = hlc;
        }
      }
    }
    return { id: row.id, active: row.active === 1, passwordHash: row.password_hash, stamps };
  }

  /** Another node's new account (its username checked free by the caller). Returns its local id. */
  insertStaff(uid: string, values: Required<StaffValues>, active: boolean, admin: boolean): number {
    const info = this.sql(
      `INSERT INTO staff (uid, username, display_name, role, password_hash, active, language, created_at)
       VALUES (@uid, @username, @display_name, @role, @password_hash, @active, @language, @created_at)`,
    ).run({ ...values, uid, role: admin ? 'admin' : 'staff', active: active ? 1 : 0 });
    return Number(info.lastInsertRowid);
  }

  /** Writes the fields another node's change won, and the flags the merge decided. */
  updateStaff(id: number, values: StaffValues, active: boolean, admin: boolean): void {
    // One statement for any set of fields: a field the change did not win keeps its value (its flag is 0).
    const set = staffFields.map((f) => `${f} = CASE WHEN @has_${f} THEN @${f} ELSE ${f} END`).join(', ');
    const params: Record<string, unknown> = { id, active: active ? 1 : 0, role: admin ? 'admin' : 'staff' };
    for (const f of staffFields) {
      params[`has_${f}`] = f in values ? 1 : 0;
      params[f] = values[f] ?? null;
    }
    this.sql(`UPDATE staff SET ${set}, active = @active, role = @role WHERE id = @id`).run(params);
  }

  /** The guarded flags' registers as merged: one stamp row per node for each. */
  setStaffRegisters(uid: string, active: Guarded, admin: Guarded): void {
    for (const [prefix, [flag, side]] of Object.entries(registers)) {
      for (const [origin, hlc] of Object.entries((flag === 'active' ? active : admin)[side])) {
        this.setStamp(uid, prefix + origin, { hlc, origin });
      }
    }
  }

  /** The account that has this username (unique whatever its case), with its creation's stamp. */
  staffByUsername(username: string): { id: number; uid: string; created: Stamp | null } | undefined {
    const row = this.sql<[string], { id: number; uid: string; hlc: number | null; origin: string | null }>(
      `SELECT s.id, s.uid, t.hlc, t.origin FROM staff s LEFT JOIN sync_stamps t ON t.uid = s.uid AND t.field = '~created'
       WHERE s.username = ?`,
    ).get(username);
    if (!row) return undefined;
    return { id: row.id, uid: row.uid, created: row.hlc === null ? null : { hlc: row.hlc, origin: row.origin! } };
  }

  /** The later of two accounts made with one username on two nodes apart takes another (src/sync/entities/staff.ts). */
  renameStaff(id: number, username: string): void {
    this.sql<[string, number]>('UPDATE staff SET username = ? WHERE id = ?').run(username, id);
  }

  settingStamp(key: string): Stamp | null {
    return (
      this.sql<[string, string], Stamp>('SELECT hlc, origin FROM sync_stamps WHERE uid = ? AND field = ?').get(settingsUid, key) ?? null
    );
  }

  /** Another node's value of a site setting, as that node stored it (JSON text). */
  setSetting(key: string, value: string, stamp: Stamp): void {
    this.sql<[string, string]>(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    ).run(key, value);
    this.setStamp(settingsUid, key, stamp);
  }

  alert(uid: string): SyncedAlert | undefined {
    const row = this.sql<
      [string],
      Pick<Row<'alerts'>, 'id' | 'acknowledged_at'> & { by: string | null; hlc: number | null; origin: string | null }
    >(
      `SELECT a.id, a.acknowledged_at, s.uid AS by, t.hlc, t.origin FROM alerts a
       LEFT JOIN staff s ON s.id = a.acknowledged_by
       LEFT JOIN sync_stamps t ON t.uid = a.uid AND t.field = '~acknowledged'
       WHERE a.uid = ?`,
    ).get(uid);
    if (!row) return undefined;
    const acknowledged = row.acknowledged_at !== null && row.hlc !== null && row.origin !== null;
    return {
      id: row.id,
      acknowledgement: acknowledged ? { stamp: { hlc: row.hlc!, origin: row.origin! }, at: row.acknowledged_at!, by: row.by } : null,
    };
  }

  /** Another node's alert; `origin` is that node's uid. */
  insertAlert(uid: string, origin: string, values: AlertValues): number {
    const info = this.sql(
      `INSERT INTO alerts (uid, origin, at, kind, message, message_key, message_params)
       VALUES (@uid, @origin, @at, @kind, @message, @messageKey, @messageParams)`,
    ).run({ ...values, uid, origin });
    return Number(info.lastInsertRowid);
  }

  /** The acknowledgement that stands (the first), with the staff member it names here (null when unknown here). */
  acknowledgeAlert(id: number, uid: string, ack: Acknowledgement): void {
    const by = ack.by === null ? null : (this.localId('staff', ack.by) ?? null);
    this.sql<[number, number | null, number]>('UPDATE alerts SET acknowledged_at = ?, acknowledged_by = ? WHERE id = ?').run(
      ack.at,
      by,
      id,
    );
    this.setStamp(uid, '~acknowledged', ack.stamp);
  }

  setStamp(uid: string, field: string, stamp: Stamp): void {
    this.sql<[string, string, number, string]>(
      `INSERT INTO sync_stamps (uid, field, hlc, origin) VALUES (?, ?, ?, ?)
       ON CONFLICT (uid, field) DO UPDATE SET hlc = excluded.hlc, origin = excluded.origin`,
    ).run(uid, field, stamp.hlc, stamp.origin);
  }
}
