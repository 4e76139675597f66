import type { Db } from '../open';
import { statements, type Statements } from '../prepared';
import type { Row } from '../rows';

/** Writes one setting (JSON); the settings, device assignments and data key check share this row shape. */
export const upsertSettingSql = 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value';

export class SettingsRepository {
  private readonly sql: Statements;

  constructor(db: Db) {
    this.sql = statements(db);
  }

  all(): Map<string, unknown> {
    const rows = this.sql<[], Row<'settings'>>('SELECT key, value FROM settings').all();
    return new Map(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
  }

  set(key: string, value: unknown): void {
    this.sql<[string, string]>(upsertSettingSql).run(key, JSON.stringify(value));
  }
}
