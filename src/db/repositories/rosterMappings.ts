import type { Db } from '../open';
import { statements, type Statements } from '../prepared';
import { columns, type Row } from '../rows';

export interface SavedRosterMapping {
  preset: string;
  /** Roster column → the header it was read from. */
  columns: Record<string, string>;
  /** Status word (as a lookup key) → what it means. */
  statusValues: Record<string, string>;
  savedAt: number;
}

const byPresetSql = `SELECT ${columns('roster_mappings')} FROM roster_mappings WHERE preset = ?`;

/** What an admin chose in the last manual import of each preset. */
export class RosterMappingRepository {
  private readonly sql: Statements;

  constructor(db: Db) {
    this.sql = statements(db);
  }

  get(preset: string): SavedRosterMapping | undefined {
    const row = this.sql<[string], Row<'roster_mappings'>>(byPresetSql).get(preset);
    return (
      row && {
        preset: row.preset,
        columns: JSON.parse(row.columns) as Record<string, string>,
        statusValues: JSON.parse(row.status_values) as Record<string, string>,
        savedAt: row.saved_at,
      }
    );
  }

  save(mapping: SavedRosterMapping): void {
    this.sql<[string, string, string, number]>(
      `INSERT INTO roster_mappings (preset, columns, status_values, saved_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (preset) DO UPDATE SET columns = excluded.columns, status_values = excluded.status_values, saved_at = excluded.saved_at`,
    ).run(mapping.preset, JSON.stringify(mapping.columns), JSON.stringify(mapping.statusValues), mapping.savedAt);
  }
}
