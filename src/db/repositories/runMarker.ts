import type { Db } from '../open';

/** One row while Packroom runs, so the next start can tell a clean shutdown from a power cut or crash. */
export class RunMarkerRepository {
  constructor(private readonly db: Db) {}

  /** When the run that left the marker started, or null after a clean shutdown. */
  leftOver(): number | null {
    return (this.db.prepare('SELECT started_at FROM run_marker WHERE id = 1').pluck().get() as number | undefined) ?? null;
  }

  set(startedAt: number): void {
    this.db
      .prepare('INSERT INTO run_marker (id, started_at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET started_at = excluded.started_at')
      .run(startedAt);
  }

  clear(): void {
    this.db.prepare('DELETE FROM run_marker').run();
  }
}
