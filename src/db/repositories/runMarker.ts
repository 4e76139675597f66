import type { Db } from '../open';
import { statements, type Statements } from '../prepared';
import type { Row } from '../rows';

/** One row while Packroom runs, so the next start can tell a clean shutdown from a power cut or crash. */
export class RunMarkerRepository {
  private readonly sql: Statements;

  constructor(db: Db) {
    this.sql = statements(db);
  }

  /** When the run that left the marker started, or null after a clean shutdown. */
  leftOver(): number | null {
    return this.sql.pluck<[], Row<'run_marker'>['started_at']>('SELECT started_at FROM run_marker WHERE id = 1').get() ?? null;
  }

  set(startedAt: number): void {
    this.sql<[number]>(
      'INSERT INTO run_marker (id, started_at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET started_at = excluded.started_at',
    ).run(startedAt);
  }

  clear(): void {
    this.sql('DELETE FROM run_marker').run();
  }
}
