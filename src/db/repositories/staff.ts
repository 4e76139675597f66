import { isLanguage, type Language, type StaffRole } from '../../contract';
import type { Db } from '../open';

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

interface RawStaff {
  id: number;
  username: string;
  display_name: string;
  role: StaffRole;
  password_hash: string;
  active: number;
  language: string | null;
  created_at: number;
}

const toRow = (r: RawStaff): StaffRow => ({
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

export class StaffRepository {
  constructor(private readonly db: Db) {}

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM staff').get() as { n: number }).n;
  }

  countActiveAdmins(): number {
    return (this.db.prepare("SELECT count(*) AS n FROM staff WHERE role = 'admin' AND active = 1").get() as { n: number }).n;
  }

  byId(id: number): StaffRow | undefined {
    const raw = this.db.prepare('SELECT * FROM staff WHERE id = ?').get(id) as RawStaff | undefined;
    return raw && toRow(raw);
  }

  byUsername(username: string): StaffRow | undefined {
    const raw = this.db.prepare('SELECT * FROM staff WHERE username = ?').get(username) as RawStaff | undefined;
    return raw && toRow(raw);
  }

  list(): StaffRow[] {
    return (this.db.prepare('SELECT * FROM staff ORDER BY username').all() as RawStaff[]).map(toRow);
  }

  insert(row: Omit<StaffRow, 'id' | 'active' | 'language'>): StaffRow {
    const info = this.db
      .prepare('INSERT INTO staff (username, display_name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(row.username, row.displayName, row.role, row.passwordHash, row.createdAt);
    return { ...row, id: Number(info.lastInsertRowid), active: true, language: null };
  }

  setActive(id: number, active: boolean): void {
    this.db.prepare('UPDATE staff SET active = ? WHERE id = ?').run(active ? 1 : 0, id);
  }

  setLanguage(id: number, language: Language | null): void {
    this.db.prepare('UPDATE staff SET language = ? WHERE id = ?').run(language, id);
  }

  setPasswordHash(id: number, passwordHash: string): void {
    this.db.prepare('UPDATE staff SET password_hash = ? WHERE id = ?').run(passwordHash, id);
  }
}
