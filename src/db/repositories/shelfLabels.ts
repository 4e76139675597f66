import type { Db } from '../open';
import { statements, type Statements } from '../prepared';
import type { Row } from '../rows';

/** Shelf labels: a package's global uid for its label, and the package a scanned label names. */
export class ShelfLabelRepository {
  private readonly sql: Statements;

  constructor(db: Db) {
    this.sql = statements(db);
  }

  /** The uid of each package (by id) that has one; an id missing from the answer is no package. */
  uids(ids: readonly number[]): Map<number, string> {
    const rows = this.sql<[string], Pick<Row<'packages'>, 'id' | 'uid'>>(
      'SELECT id, uid FROM packages WHERE id IN (SELECT value FROM json_each(?)) AND uid IS NOT NULL',
    ).all(JSON.stringify(ids));
    return new Map(rows.map((r) => [r.id, r.uid!]));
  }

  /** The package with this uid (the unique index packages_by_uid), or undefined when this desk has none. */
  idByUid(uid: string): number | undefined {
    return this.sql.pluck<[string], number>('SELECT id FROM packages WHERE uid = ?').get(uid);
  }
}
