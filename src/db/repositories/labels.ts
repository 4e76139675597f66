import type { RosterEntry } from '../../domain/labels/match';
import type { Db } from '../open';
import { statements, type Statements } from '../prepared';
import type { Row } from '../rows';

/** What label reading reads of the roster: everyone, active or not (a former resident explains a no-match). */
export class LabelRepository {
  private readonly sql: Statements;

  constructor(db: Db) {
    this.sql = statements(db);
  }

  /** Changes whenever the roster does: a reader keeps its copy until then. */
  rosterVersion(): string {
    const row = this.sql<[], { n: number; at: number | null; id: number | null }>(
      'SELECT count(*) AS n, max(updated_at) AS at, max(id) AS id FROM recipients',
    ).get()!;
    return `${row.n}:${row.at ?? 0}:${row.id ?? 0}`;
  }

  roster(): RosterEntry[] {
    type Raw = Pick<Row<'recipients'>, 'id' | 'external_id' | 'first_name' | 'last_name' | 'unit' | 'status' | 'move_out'>;
    return this.sql<[], Raw>('SELECT id, external_id, first_name, last_name, unit, status, move_out FROM recipients ORDER BY id')
      .all()
      .map((r) => ({
        id: r.id,
        residentId: r.external_id,
        firstName: r.first_name,
        lastName: r.last_name,
        unit: r.unit,
        active: r.status === 'active',
        moveOut: r.move_out,
      }));
  }
}
