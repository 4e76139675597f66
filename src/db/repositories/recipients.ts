import { isLanguage, type Language, type NotifyVia, type RecipientStatus } from '../../contract';
import type { ExistingRecipient } from '../../domain/roster/types';
import type { Db } from '../open';
import { statements, type Statements } from '../prepared';
import { columns, type Row } from '../rows';

export interface RecipientRow {
  id: number;
  externalId: string | null;
  firstName: string;
  lastName: string;
  unit: string;
  email: string | null;
  phone: string | null;
  /** null follows the site language. */
  language: Language | null;
  /** Where package notices go; null: every channel on file. */
  packageNotices: NotifyVia | null;
  status: RecipientStatus;
  manuallyEdited: boolean;
  createdAt: number;
  updatedAt: number;
}

export type RecipientFields = Pick<RecipientRow, 'firstName' | 'lastName' | 'unit' | 'email' | 'phone' | 'language' | 'packageNotices'>;

type RawRecipient = Row<'recipients'>;

const selectRecipient = `SELECT ${columns('recipients', 'r')} FROM recipients r`;
const byIdSql = `${selectRecipient} WHERE r.id = ?`;
const activeByPhoneSql = `${selectRecipient} WHERE r.phone = ? AND r.status = 'active' ORDER BY r.id LIMIT 1`;
// The name probes recipients_by_name (status, last name, first name). Email has no index: the one read by it is
// the duplicate check when staff add a recipient, a scan measured at about 3 ms for 20,000 recipients.
export const activeNamedSql = `${selectRecipient}
  WHERE r.status = 'active' AND r.last_name = ? COLLATE NOCASE AND r.first_name = ? COLLATE NOCASE ORDER BY r.id`;
export const activeByEmailSql = `${selectRecipient} WHERE r.email = ? AND r.status = 'active' ORDER BY r.id LIMIT 1`;

const toRow = (r: RawRecipient): RecipientRow => ({
  id: r.id,
  externalId: r.external_id,
  firstName: r.first_name,
  lastName: r.last_name,
  unit: r.unit,
  email: r.email,
  phone: r.phone,
  language: isLanguage(r.language) ? r.language : null,
  packageNotices: r.package_notices,
  status: r.status,
  manuallyEdited: r.manually_edited === 1,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export interface SearchQuery {
  /** An FTS5 MATCH expression, or null to list everyone. */
  match: string | null;
  status: RecipientStatus | 'all';
  limit: number;
  offset: number;
}

// Every field an import compares and writes back, read alike for imported and hand-added recipients: the
// plan writes a linked recipient's row as it read it, so a field missing here was wiped (a hand-set language).
const rosterColumns = `id, first_name AS firstName, last_name AS lastName, unit, email, phone, status, manually_edited AS manuallyEdited,
  move_in AS moveIn, move_out AS moveOut, language, updated_at AS updatedAt`;

const ORDER = 'ORDER BY r.last_name COLLATE NOCASE, r.first_name COLLATE NOCASE, r.id';

/** The recipient search statement and its parameters; exported so a test can check its query plan. */
export function searchStatement(q: SearchQuery): { sql: string; params: Record<string, unknown> } {
  const statusClause = q.status === 'all' ? '' : 'AND r.status = @status';
  const sql = q.match
    ? `SELECT ${columns('recipients', 'r')} FROM recipients_fts f JOIN recipients r ON r.id = f.rowid
       WHERE recipients_fts MATCH @match ${statusClause} ${ORDER} LIMIT @limit OFFSET @offset`
    : `${selectRecipient} WHERE 1 ${statusClause} ${ORDER} LIMIT @limit OFFSET @offset`;
  const params: Record<string, unknown> = { limit: q.limit + 1, offset: q.offset };
  if (q.match) params.match = q.match;
  if (q.status !== 'all') params.status = q.status;
  return { sql, params };
}

export class RecipientRepository {
  private readonly sql: Statements;

  constructor(private readonly db: Db) {
    this.sql = statements(db);
  }

  byId(id: number): RecipientRow | undefined {
    const raw = this.sql<[number], RawRecipient>(byIdSql).get(id);
    return raw && toRow(raw);
  }

  activeByPhone(phone: string): RecipientRow | undefined {
    const raw = this.sql<[string], RawRecipient>(activeByPhoneSql).get(phone);
    return raw && toRow(raw);
  }

  /** Active recipients with this first and last name (ignoring case), in any unit. */
  activeNamed(firstName: string, lastName: string): RecipientRow[] {
    return this.sql<[string, string], RawRecipient>(activeNamedSql).all(lastName, firstName).map(toRow);
  }

  activeByEmail(email: string): RecipientRow | undefined {
    const raw = this.sql<[string], RawRecipient>(activeByEmailSql).get(email);
    return raw && toRow(raw);
  }

  /** Returns up to `limit + 1` rows so the caller can tell whether there are more. */
  search(q: SearchQuery): RecipientRow[] {
    const { sql, params } = searchStatement(q);
    return this.sql<[Record<string, unknown>], RawRecipient>(sql).all(params).map(toRow);
  }

  insert(
    fields: Omit<RecipientFields, 'packageNotices'> & {
      packageNotices?: NotifyVia | null;
      externalId?: string | null;
      manuallyEdited: boolean;
      now: number;
    },
  ): RecipientRow {
    const info = this.sql(
      `INSERT INTO recipients (external_id, first_name, last_name, unit, email, phone, language, package_notices, manually_edited,
         created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      fields.externalId ?? null,
      fields.firstName,
      fields.lastName,
      fields.unit,
      fields.email,
      fields.phone,
      fields.language,
      fields.packageNotices ?? null,
      fields.manuallyEdited ? 1 : 0,
      fields.now,
      fields.now,
    );
    return this.byId(Number(info.lastInsertRowid))!;
  }

  update(id: number, fields: RecipientFields & { manuallyEdited: boolean; now: number }): void {
    this.sql(
      `UPDATE recipients SET first_name = ?, last_name = ?, unit = ?, email = ?, phone = ?, language = ?, package_notices = ?,
         manually_edited = ?, updated_at = ? WHERE id = ?`,
    ).run(
      fields.firstName,
      fields.lastName,
      fields.unit,
      fields.email,
      fields.phone,
      fields.language,
      fields.packageNotices,
      fields.manuallyEdited ? 1 : 0,
      fields.now,
      id,
    );
  }

  setStatus(id: number, status: RecipientStatus, now: number): void {
    this.sql<[RecipientStatus, number, number]>('UPDATE recipients SET status = ?, updated_at = ? WHERE id = ?').run(status, now, id);
  }

  /** Staff switched the recipient on or off by hand: the roster import must not silently undo it. */
  markManuallyEdited(id: number, now: number): void {
    this.sql<[number, number]>('UPDATE recipients SET manually_edited = 1, updated_at = ? WHERE id = ?').run(now, id);
  }

  // ---- Roster import: whole-roster reads and batched writes. ----

  /**
   * Recipients that came from an import, as the roster diff compares them, in id order from after
   * `afterId`: a page at a time, so reading 50,000 of them never holds up the door for long.
   */
  forRoster(afterId: number, limit: number): RosterRecipient[] {
    // Read straight into the shape the diff wants: at 50,000 rows a second object per row shows.
    const rows = this.sql<[number, number], Omit<RosterRecipient, 'manuallyEdited'> & { manuallyEdited: 0 | 1 | boolean }>(
      `SELECT external_id AS externalId, ${rosterColumns} FROM recipients WHERE external_id IS NOT NULL AND id > ? ORDER BY id LIMIT ?`,
    ).all(afterId, limit);
    for (const row of rows) row.manuallyEdited = row.manuallyEdited === 1;
    return rows as RosterRecipient[];
  }

  /**
   * Recipients added by hand (no resident ID), which an import may link to a file row by unit and name.
   * A building has few of them, so one read.
   */
  handAdded(): HandAddedRecipient[] {
    const rows = this.sql<[], Omit<HandAddedRecipient, 'manuallyEdited' | 'externalId'> & { manuallyEdited: 0 | 1 }>(
      `SELECT ${rosterColumns} FROM recipients WHERE external_id IS NULL ORDER BY id`,
    ).all();
    return rows.map((row) => ({ ...row, externalId: null, manuallyEdited: row.manuallyEdited === 1 }));
  }

  /** The highest recipient id (0 when there is none); see rosterFingerprint in services/roster. */
  lastRecipientId(): number {
    return this.sql.pluck<[], number>('SELECT coalesce(max(id), 0) FROM recipients').get()!;
  }

  /** How many recipients have ids in (afterId, upToId], and the sum of their updated_at. */
  fingerprintPart(afterId: number, upToId: number): { count: number; total: number } {
    return this.sql<[number, number], { count: number; total: number }>(
      'SELECT count(*) AS count, total(updated_at) AS total FROM recipients WHERE id > ? AND id <= ?',
    ).get(afterId, upToId)!;
  }

  /** updated_at of each of these recipients, to tell which ones someone wrote since a preview. */
  updatedAt(ids: readonly number[]): Map<number, number> {
    const select = this.sql.pluck<[number], Row<'recipients'>['updated_at']>('SELECT updated_at FROM recipients WHERE id = ?');
    return new Map(ids.map((id) => [id, select.get(id) ?? -1]));
  }

  /** A hand-added recipient an import matched by unit and name takes the file's resident ID. */
  linkImported(id: number, externalId: string): void {
    this.sql<[string, number]>('UPDATE recipients SET external_id = ? WHERE id = ? AND external_id IS NULL').run(externalId, id);
  }

  // The name-search index (FTS5) merges its segments as rows go in; with one segment per small
  // transaction, now and then one insert pays for merging most of the index (over 100 ms at 50,000
  // rows). During a bulk import those merges are paused and done a bounded step per chunk instead.

  pauseSearchMerges(): void {
    this.sql("INSERT INTO recipients_fts (recipients_fts, rank) VALUES ('automerge', 0)").run();
  }

  /** About `pages` pages of merge work: a few milliseconds. */
  mergeSearchIndex(pages: number): void {
    this.sql<[number]>("INSERT INTO recipients_fts (recipients_fts, rank) VALUES ('merge', ?)").run(pages);
  }

  /** Back to FTS5's default (merge when 4 segments share a level); a closed database is left as it is. */
  resumeSearchMerges(): void {
    if (this.db.open) this.sql("INSERT INTO recipients_fts (recipients_fts, rank) VALUES ('automerge', 4)").run();
  }

  /** Returns the new ids, in order. */
  insertImported(rows: readonly RosterInsert[], now: number): number[] {
    const insert = this.sql(
      `INSERT INTO recipients (external_id, first_name, last_name, unit, email, phone, move_in, move_out, language, manually_edited,
         created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)`,
    );
    return rows.map((r) =>
      Number(
        insert.run(r.externalId, r.firstName, r.lastName, r.unit, r.email, r.phone, r.moveIn, r.moveOut, r.language, now, now)
          .lastInsertRowid,
      ),
    );
  }

  updateImported(rows: readonly RosterUpdate[], now: number): void {
    const update = this.sql(
      `UPDATE recipients SET first_name = ?, last_name = ?, unit = ?, email = ?, phone = ?, move_in = ?, move_out = ?,
         language = ?, status = ?, manually_edited = ?, updated_at = ? WHERE id = ?`,
    );
    for (const r of rows) {
      update.run(
        r.firstName,
        r.lastName,
        r.unit,
        r.email,
        r.phone,
        r.moveIn,
        r.moveOut,
        r.language,
        r.status,
        r.manuallyEdited ? 1 : 0,
        now,
        r.id,
      );
    }
  }
}

export interface RosterRecipient extends ExistingRecipient {
  id: number;
  externalId: string;
  updatedAt: number;
}

export interface HandAddedRecipient extends ExistingRecipient {
  id: number;
  externalId: null;
  updatedAt: number;
}

export type RosterInsert = Pick<
  ExistingRecipient,
  'firstName' | 'lastName' | 'unit' | 'email' | 'phone' | 'moveIn' | 'moveOut' | 'language'
> & {
  externalId: string;
};

export type RosterUpdate = Omit<RosterRecipient, 'externalId' | 'updatedAt'>;
