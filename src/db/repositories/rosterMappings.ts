import type { Db } from '../open';

export interface SavedRosterMapping {
  preset: string;
  /** Roster column → the header it was read from. */
  columns: Record<string, string>;
  /** Status word (as a lookup key) → what it means. */
  statusValues: Record<string, string>;
  savedAt: number;
}

/** What an admin chose in the last manual import of each preset. */
export class RosterMappingRepository {
  constructor(private readonly db: Db) {}

  get(preset: string): SavedRosterMapping | undefined {
    const raw = this.db.prepare('SELECT * FROM roster_mappings WHERE preset = ?').get(preset) as
      { preset: string; columns: string; status_values: string; saved_at: number } | undefined;
    return (
      raw && {
        preset: raw.preset,
        columns: JSON.parse(raw.columns) as Record<string, string>,
        statusValues: JSON.parse(raw.status_values) as Record<string, string>,
        savedAt: raw.saved_at,
      }
    );
  }

  save(mapping: SavedRosterMapping): void {
    this.db
      .prepare(
        `INSERT INTO roster_mappings (preset, columns, status_values, saved_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (preset) DO UPDATE SET columns = excluded.columns, status_values = excluded.status_values, saved_at = excluded.saved_at`,
      )
      .run(mapping.preset, JSON.stringify(mapping.columns), JSON.stringify(mapping.statusValues), mapping.savedAt);
  }
}
