import type { Db } from '../open';

export interface StoredAssignment {
  role: 'keypad' | 'reader' | 'relay';
  /** As parsed by domain/deviceSelector: VID:PID[:SERIAL] or a path. */
  selector: string;
  channel: number | null;
}

const key = 'devices.assignments';

/** Door device roles live beside the settings, as one JSON row: there are at most three. */
export class DeviceAssignmentRepository {
  constructor(private readonly db: Db) {}

  all(): StoredAssignment[] {
    const raw = this.db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(key) as string | undefined;
    return raw ? (JSON.parse(raw) as StoredAssignment[]) : [];
  }

  save(assignments: StoredAssignment[]): void {
    this.db
      .prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
      .run(key, JSON.stringify(assignments));
  }
}
