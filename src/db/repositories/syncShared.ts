import type { Acknowledgement } from '../../domain/sync/alerts';
import type { Stamp } from '../../domain/sync/hlc';
import { staffFields, type Guarded, type StaffStamps, type StaffValues } from '../../domain/sync/staff';
import type { Db } from '../open';
import { statements, type Statements } from '../prepared';
import type { Row } from '../rows';

/** The stamps' `uid` of the site settings: one row per key (field). */
export const settingsStampUid = '~settings';

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

  private stamps(uid: string): { field: string; hlc: number; origin: string }[] {
    return this.sql<[string], { field: string; hlc: number; origin: string }>('SELECT field, hlc, origin FROM sync_stamps WHERE uid = ?').all(uid);
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

  /** The account, other than `uid`, that has this username (usernames are unique whatever their case). */
  usernameTaken(username: string, uid: string): boolean {
    return this.sql.pluck<[string, string], 1>('SELECT 1 FROM staff WHERE username = ? AND uid IS NOT ?').get(username, uid) !== undefined;
  }

  settingStamp(key: string): Stamp | null {
    return this.sql<[string, string], Stamp>('SELECT hlc, origin FROM sync_stamps WHERE uid = ? AND field = ?').get(settingsStampUid, key) ?? null;
  }

  /** Another node's value of a site setting, as that node stored it (JSON text). */
  setSetting(key: string, value: string, stamp: Stamp): void {
    this.sql<[string, string]>('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(
      key,
      value,
    );
    this.setStamp(settingsStampUid, key, stamp);
  }

  alert(uid: string): SyncedAlert | undefined {
    const row = this.sql<[string], Pick<Row<'alerts'>, 'id' | 'acknowledged_at'> & { by: string | null; hlc: number | null; origin: string | null }>(
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

  insertAlert(uid: string, values: AlertValues): number {
    const info = this.sql(
      `INSERT INTO alerts (uid, at, kind, message, message_key, message_params)
       VALUES (@uid, @at, @kind, @message, @messageKey, @messageParams)`,
    ).run({ ...values, uid });
    return Number(info.lastInsertRowid);
  }

  /** The acknowledgement that stands (the first), with the staff member it names here (null when unknown here). */
  acknowledgeAlert(id: number, uid: string, ack: Acknowledgement): void {
    const by = ack.by === null ? null : (this.localId('staff', ack.by) ?? null);
    this.sql<[number, number | null, number]>('UPDATE alerts SET acknowledged_at = ?, acknowledged_by = ? WHERE id = ?').run(ack.at, by, id);
    this.setStamp(uid, '~acknowledged', ack.stamp);
  }

  private setStamp(uid: string, field: string, stamp: Stamp): void {
    this.sql<[string, string, number, string]>(
      `INSERT INTO sync_stamps (uid, field, hlc, origin) VALUES (?, ?, ?, ?)
       ON CONFLICT (uid, field) DO UPDATE SET hlc = excluded.hlc, origin = excluded.origin`,
    ).run(uid, field, stamp.hlc, stamp.origin);
  }
}
