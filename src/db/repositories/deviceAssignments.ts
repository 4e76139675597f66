import type { Db } from '../open';
import { statements, type Statements } from '../prepared';
import type { Row } from '../rows';
import { upsertSettingSql } from './settings';

export interface StoredAssignment {
  role: 'keypad' | 'reader' | 'relay';
  /** As parsed by domain/deviceSelector: VID:PID[:SERIAL] or a path. */
  selector: string;
  channel: number | null;
}

const key = 'devices.assignments';

/** Door device roles live beside the settings, as one JSON row: there are at most three. */
export class DeviceAssignmentRepository {
  private readonly sql: Statements;

  constructor(db: Db) {
    this.sql = statements(db);
  }

  all(): StoredAssignment[] {
    const json = this.sql.pluck<[string], Row<'settings'>['value']>('SELECT value FROM settings WHERE key = ?').get(key);
    return json === undefined ? [] : (JSON.parse(json) as StoredAssignment[]);
  }

  save(assignments: StoredAssignment[]): void {
    this.sql<[string, string]>(upsertSettingSql).run(key, JSON.stringify(assignments));
  }
}
