import type {
  AttachmentKind,
  AttachmentMime,
  CarrierId,
  Channel,
  NotifyVia,
  PackageSize,
  PackageStatus,
  RecipientStatus,
  StaffRole,
} from '../contract';

/**
 * Every table as the migrated schema has it, one entry per column in the schema's order: its declared type, whether
 * it may be NULL, and the value a repository reads from it (narrower than the SQL type where a CHECK constraint or
 * the only writer says so: a status, a carrier). The row types are derived from this one description, and
 * `test/integration/rowTypes.test.ts` migrates a fresh database and fails when a column and its description disagree,
 * so a migration that adds, drops or retypes a column fails until this file says so too.
 *
 * Repositories select named columns (`columns('recipients')`) into these rows and map them to what their callers
 * use; none casts `SELECT *` into a type of its own.
 */

export type SqlType = 'INTEGER' | 'REAL' | 'TEXT' | 'BLOB';

export interface Column<T> {
  readonly type: SqlType;
  readonly notNull: boolean;
  /** Never set: carries the value's type to `Row`. */
  readonly value?: T;
}

const column = <T>(type: SqlType): Column<T> => ({ type, notNull: true });
const integer = <T extends number = number>() => column<T>('INTEGER');
const real = () => column<number>('REAL');
const text = <T extends string = string>() => column<T>('TEXT');
const blob = () => column<Buffer>('BLOB');
const nullable = <T>(c: Column<T>): Column<T | null> => ({ type: c.type, notNull: false });

/** A 0/1 flag (CHECK (x IN (0, 1))). */
const flag = () => integer<0 | 1>();

export const tables = {
  staff: {
    id: integer(),
    username: text(),
    display_name: text(),
    role: text<StaffRole>(),
    password_hash: text(),
    active: flag(),
    created_at: integer(),
    /** A language code; one a later version removed may be here too. */
    language: nullable(text()),
    /** The account's global identity (migration 0020); the insert trigger fills it. */
    uid: nullable(text()),
  },
  recipients: {
    id: integer(),
    external_id: nullable(text()),
    first_name: text(),
    last_name: text(),
    unit: text(),
    email: nullable(text()),
    phone: nullable(text()),
    status: text<RecipientStatus>(),
    manually_edited: flag(),
    created_at: integer(),
    updated_at: integer(),
    move_in: nullable(text()),
    move_out: nullable(text()),
    language: nullable(text()),
    package_notices: nullable(text<NotifyVia>()),
    /** The record's global identity (docs/architecture.md, "Global identities"); the insert trigger fills it. */
    uid: nullable(text()),
  },
  audit_log: {
    id: integer(),
    at: integer(),
    actor_staff_id: nullable(integer()),
    actor: text(),
    action: text(),
    subject: nullable(text()),
    /** JSON. */
    details: nullable(text()),
    hash: nullable(blob()),
    /** The node whose chain the row belongs to (its node_uid); null for this node's own chain (migration 0020). */
    origin: nullable(text()),
    /** Another node's row: its id, actor and subject there, as its hash covers them. */
    chain_id: nullable(integer()),
    chain_actor_staff_id: nullable(integer()),
    chain_subject: nullable(text()),
  },
  settings: {
    key: text(),
    /** JSON. */
    value: text(),
  },
  access_keys: {
    id: integer(),
    recipient_id: integer(),
    kind: text<'permanent' | 'single'>(),
    pin_hash: blob(),
    pin_enc: blob(),
    qr_hash: blob(),
    qr_enc: blob(),
    status: text<'active' | 'used' | 'revoked' | 'expired'>(),
    expires_at: nullable(integer()),
    used_at: nullable(integer()),
    used_via: nullable(text<'pin' | 'qr'>()),
    created_at: integer(),
    created_by: nullable(integer()),
    ended_at: nullable(integer()),
    uid: nullable(text()),
    /** A proxy PIN's proxy (migration 0026); NULL for the recipient's own credentials. */
    proxy_id: nullable(integer()),
  },
  outbox: {
    id: integer(),
    channel: text<Channel>(),
    recipient_id: integer(),
    access_key_id: nullable(integer()),
    template: text(),
    destination: text(),
    status: text<'pending' | 'sent' | 'failed'>(),
    attempts: integer(),
    next_attempt_at: integer(),
    last_error: nullable(text()),
    provider_id: nullable(text()),
    created_at: integer(),
    sent_at: nullable(integer()),
    last_error_key: nullable(text()),
    last_error_params: nullable(text()),
    /** A notice to a proxy of the recipient (migration 0026); NULL when it goes to the recipient. */
    proxy_id: nullable(integer()),
  },
  alerts: {
    id: integer(),
    at: integer(),
    kind: text(),
    message: text(),
    acknowledged_at: nullable(integer()),
    acknowledged_by: nullable(integer()),
    message_key: nullable(text()),
    message_params: nullable(text()),
    /** The alert's global identity (migration 0020); the insert trigger fills it. */
    uid: nullable(text()),
    /** The node that raised it (its node_uid) when another one did; null when raised here. */
    origin: nullable(text()),
  },
  roster_runs: {
    id: integer(),
    started_at: integer(),
    finished_at: integer(),
    trigger: text<'staff' | 'schedule' | 'cli'>(),
    actor: text(),
    file_name: nullable(text()),
    outcome: text<'applied' | 'blocked' | 'failed'>(),
    message: nullable(text()),
    /** JSON. */
    counts: nullable(text()),
    message_key: nullable(text()),
    message_params: nullable(text()),
  },
  carrier_codes: {
    id: integer(),
    carrier: text<CarrierId>(),
    name: text(),
    pin_hash: blob(),
    pin_enc: blob(),
    /** A bit per weekday (see domain/carrierWindow). */
    days: integer(),
    from_minute: integer(),
    until_minute: integer(),
    until_date: nullable(text()),
    status: text<'active' | 'revoked'>(),
    created_at: integer(),
    created_by: nullable(integer()),
    ended_at: nullable(integer()),
    replaces: nullable(integer()),
    uid: nullable(text()),
  },
  carrier_visits: {
    id: integer(),
    carrier_code_id: integer(),
    carrier: text<CarrierId>(),
    name: text(),
    entered_at: integer(),
    checked_at: nullable(integer()),
    logged: nullable(integer()),
  },
  door_throttle_devices: {
    device: text(),
    failures: integer(),
    last_failure_at: integer(),
    locked_until: integer(),
  },
  door_throttle_bucket: {
    id: integer<1>(),
    tokens: real(),
    at: integer(),
  },
  door_pin_requests: {
    key: blob(),
    at: integer(),
  },
  login_failures: {
    username: text(),
    count: integer(),
    until: integer(),
  },
  run_marker: {
    id: integer<1>(),
    started_at: integer(),
  },
  packages: {
    id: integer(),
    tracking: text(),
    carrier: text<CarrierId>(),
    carrier_name: nullable(text()),
    /** Null while the package is unmatched (migration 0023). */
    recipient_id: nullable(integer()),
    shelf: nullable(text()),
    size: text<PackageSize>(),
    perishable: flag(),
    note: nullable(text()),
    status: text<PackageStatus>(),
    logged_at: integer(),
    logged_by: nullable(integer()),
    logged_by_name: text(),
    picked_up_at: nullable(integer()),
    picked_up_via: nullable(text<'door' | 'desk'>()),
    picked_up_credential: nullable(text<'pin' | 'qr' | 'single-access-pin'>()),
    collected_by: nullable(text()),
    handed_over_by_name: nullable(text()),
    returned_at: nullable(integer()),
    return_reason: nullable(text()),
    missing_at: nullable(integer()),
    reminders_sent: integer(),
    last_reminded_at: nullable(integer()),
    escalated_at: nullable(integer()),
    inactive_alerted_at: nullable(integer()),
    updated_at: integer(),
    uid: nullable(text()),
    put_aside_at: nullable(integer()),
    put_aside_by_name: nullable(text()),
    /** JSON: what was read off the label, recipients by uid (src/domain/packages/unmatched.ts). */
    reading: nullable(text()),
    assigned_at: nullable(integer()),
    assigned_by_name: nullable(text()),
    /** Marked at intake: a desk handover may then need the collector's signature (migration 0024). */
    signature_required: flag(),
  },
  shelf_checks: {
    id: integer(),
    started_at: integer(),
    started_by: nullable(integer()),
    started_by_name: text(),
    status: text<'open' | 'finished' | 'cancelled'>(),
    finished_at: nullable(integer()),
    /** JSON. */
    result: nullable(text()),
  },
  shelf_check_scans: {
    check_id: integer(),
    tracking: text(),
    scanned_at: integer(),
  },
  backup_runs: {
    id: integer(),
    started_at: integer(),
    finished_at: integer(),
    trigger: text<'schedule' | 'staff' | 'cli'>(),
    outcome: text<'ok' | 'failed'>(),
    file: nullable(text()),
    bytes: nullable(integer()),
    message: nullable(text()),
    message_key: nullable(text()),
    message_params: nullable(text()),
  },
  backup_key: {
    id: integer<1>(),
    /** JSON. */
    sealed: text(),
    set_at: integer(),
  },
  roster_mappings: {
    preset: text(),
    /** JSON. */
    columns: text(),
    /** JSON. */
    status_values: text(),
    saved_at: integer(),
  },
  roster_applies: {
    id: integer(),
    state: text<'staging' | 'applying'>(),
    started_at: integer(),
    trigger: text<'staff' | 'schedule' | 'cli'>(),
    actor: text(),
    actor_staff_id: nullable(integer()),
    file_name: nullable(text()),
    total: integer(),
    done: integer(),
    attempts: integer(),
    /** JSON. */
    plan: text(),
  },
  roster_apply_items: {
    apply_id: integer(),
    seq: integer(),
    /** JSON. */
    item: text(),
  },
  sync_node: {
    id: integer<1>(),
    node_uid: text(),
    node_name: nullable(text()),
    site: nullable(text()),
    url: nullable(text()),
    capturing: flag(),
    applying: flag(),
    /** The hybrid logical clock, wall_ms × 2048 + logical (src/domain/sync/hlc.ts). */
    hlc: integer(),
    connected_at: nullable(integer()),
    disconnected_at: nullable(integer()),
    /** 0 from `site join` until the node has caught up with its site: its door refuses meanwhile. */
    caught_up: flag(),
    /** The node of the site that runs the scheduled roster import; null on a single PC and on a node that joined. */
    roster_node: nullable(text()),
  },
  sync_outbox: {
    seq: integer(),
    hlc: integer(),
    /** Any shared kind of record's name since 0017 (src/sync/entities/). */
    entity: text(),
    uid: text(),
    /** JSON: the changed shared columns by name. */
    fields: text(),
    status: nullable(text<RecipientStatus>()),
    /** JSON: { node_uid: HLC } of the deactivations an activation's writer knew. */
    base: nullable(text()),
  },
  sync_applied: {
    origin: text(),
    node_name: text(),
    seq: integer(),
    applied_at: integer(),
    lag_ms: integer(),
  },
  sync_stamps: {
    uid: text(),
    field: text(),
    hlc: integer(),
    origin: text(),
  },
  access_key_uses: {
    key_uid: text(),
    origin: text(),
    node_name: text(),
    via: text<'pin' | 'qr'>(),
    at: integer(),
    hlc: integer(),
  },
  sync_package_states: {
    uid: text(),
    hlc: integer(),
    origin: text(),
    value: text<PackageStatus>(),
    /** On a return to waiting from a final state: the HLC of the latest final state its writer had seen. */
    base: nullable(integer()),
    /** JSON: the status's details (picked_up_at, collected_by…). */
    details: text(),
  },
  package_claims: {
    uid: text(),
    claim: text(),
    round: integer(),
    origin: text(),
    hlc: integer(),
    claimed_at: integer(),
    decided_at: nullable(integer()),
    outcome: nullable(text<'won' | 'lost'>()),
  },
  attachments: {
    id: integer(),
    /** The attachment's global identity (migration 0024); the insert trigger fills it. */
    uid: nullable(text()),
    kind: text<AttachmentKind>(),
    package_id: nullable(integer()),
    door_event_uid: nullable(text()),
    mime: text<AttachmentMime>(),
    size: integer(),
    sha256: text(),
    width: integer(),
    height: integer(),
    taken_by_uid: nullable(text()),
    taken_by_name: nullable(text()),
    taken_at: integer(),
    /** The node that took it (its node_uid) when another one did; null when taken here. */
    origin: nullable(text()),
    /** When retention deleted its bytes. */
    deleted_at: nullable(integer()),
  },
  attachment_bytes: {
    attachment_id: integer(),
    bytes: blob(),
  },
  proxies: {
    id: integer(),
    uid: nullable(text()),
    recipient_id: integer(),
    name: text(),
    phone: nullable(text()),
    email: nullable(text()),
    /** The last local day (YYYY-MM-DD) the proxy may collect; NULL until revoked. */
    until_date: nullable(text()),
    created_at: integer(),
    /** The staff member's name as the desk showed it (names travel between nodes; local ids do not). */
    created_by: text(),
    revoked_at: nullable(integer()),
    revoked_by: nullable(text()),
    updated_at: integer(),
  },
  holds: {
    id: integer(),
    uid: nullable(text()),
    recipient_id: integer(),
    /** YYYY-MM-DD, this computer's calendar. */
    from_day: text(),
    until_day: text(),
    mode: text<'keep' | 'return'>(),
    return_days: nullable(integer()),
    created_at: integer(),
    created_by_name: text(),
    created_via: text<'staff' | 'sms' | 'email'>(),
    cancelled_at: nullable(integer()),
    cancelled_by_name: nullable(text()),
    end_notice_at: nullable(integer()),
    updated_at: integer(),
  },
  hold_return_alerts: {
    package_id: integer(),
    alerted_at: integer(),
  },
  hold_texts: {
    sid: text(),
    received_at: integer(),
  },
} as const satisfies Record<string, Record<string, Column<unknown>>>;

export type TableName = keyof typeof tables;

/** A row of `table` as better-sqlite3 reads it: column name to value. */
export type Row<T extends TableName> = {
  -readonly [C in keyof (typeof tables)[T]]: (typeof tables)[T][C] extends Column<infer V> ? V : never;
};

/** The table's columns for a SELECT list, in the schema's order, each prefixed with `alias.` when given. */
export function columns(table: TableName, alias?: string): string {
  return Object.keys(tables[table])
    .map((c) => (alias ? `${alias}.${c}` : c))
    .join(', ');
}
