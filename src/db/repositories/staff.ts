import { isLanguage, type Language, type StaffRole } from '../../contract';
import type { Db } from '../open';
import { statements, type Statements } from '../prepared';
import { columns, type Row } from '../rows';

export interface StaffRow {
  id: number;
  username: string;
  displayName: string;
  role: StaffRole;
  passwordHash: string;
  active: boolean;
  /** null follows the site language. */
  language: Language | null;
  createdAt: number;
}

const toRow = (r: Row<'staff'>): StaffRow => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  role: r.role,
  passwordHash: r.password_hash,
  active: r.active === 1,
  // A code a later version removed reads as "follow the site", never as a language Packroom cannot show.
  language: isLanguage(r.language) ? r.language : null,
  createdAt: r.created_at,
});

const selectStaff = `SELECT ${columns('staff')} FROM staff`;
const byIdSql = `${selectStaff} WHERE id = ?`;
const byUsernameSql = `${selectStaff} WHERE username = ?`;
const listSql = `${selectStaff} ORDER BY username`;

export class StaffRepository {
  private readonly sql: Statements;

  constructor(db: Db) {
    this.sql = statements(db);
  }

  count(): number {
    return this.sql.pluck<[], number>('SELECT count(*) FROM staff').get()!;
  }

  countActiveAdmins(): number {
    return this.sql.pluck<[], number>("SELECT count(*) FROM staff WHERE role = 'admin' AND active = 1").get()!;
  }

  byId(id: number): StaffRow | undefined {
    const row = this.sql<[number], Row<'staff'>>(byIdSql).get(id);
    return row && toRow(row);
  }

  byUsername(username: string): StaffRow | undefined {
    const row = this.sql<[string], Row<'staff'>>(byUsernameSql).get(username);
    return row && toRow(row);
  }

  list(): StaffRow[] {
    return this.sql<[], Row<'staff'>>(listSql).all().map(toRow);
  }

  insert(row: Omit<StaffRow, 'id' | 'active' | 'language'>): StaffRow {
    const info = this.sql<[string, string, StaffRole, string, number]>(
      'INSERT INTO staff (username, display_name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?)',
    ).run(row.username, row.displayName, row.role, row.passwordHash, row.createdAt);
    return { ...row, id: Number(info.lastInsertRowid), active: true, language: null };
  }

  setActive(id: number, active: boolean): void {
    this.sql<[0 | 1, number]>('UPDATE staff SET active = ? WHERE id = ?').run(active ? 1 : 0, id);
  }

  setLanguage(id: number, language: Language | null): void {
    this.sql<[Language | null, number]>('UPDATE staff SET language = ? WHERE id = ?').run(language, id);
  }

  setPasswordHash(id: number, passwordHash: string): void {
    this.sql<[string, number]>('UPDATE staff SET password_hash = ? WHERE id = ?').run(passwordHash, id);
  }
}
