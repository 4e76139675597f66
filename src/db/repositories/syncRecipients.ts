import type { Db } from '../open';
import { statements, type Statements } from '../prepared';

/**
 * The recipient SQL the applier's watch needs beyond merging (docs/architecture.md, "What is shared, and how
 * conflicts end": two records with one external id; the held-change alert naming its record). Its writes run
 * under the applying guard, in the applier's transaction: every node derives them alike, so none is captured.
 */
export class SyncRecipientRepository {
  private readonly sql: Statements;

  constructor(db: Db) {
    this.sql = statements(db);
  }

  /** Another record (not `uid`) that holds `externalId` here. */
  holderOf(externalId: string, uid: string): { id: number; uid: string } | undefined {
    return this.sql<[string, string], { id: number; uid: string }>(
      'SELECT id, uid FROM recipients WHERE external_id = ? AND uid IS NOT ?',
    ).get(externalId, uid);
  }

  /** The record lost its external id to one created before it. */
  clearExternalId(id: number, now: number): void {
    this.sql<[number, number]>('UPDATE recipients SET external_id = NULL, updated_at = ? WHERE id = ?').run(now, id);
  }

  /** How staff recognise the record `uid`, when this node has it. */
  named(uid: string): { firstName: string; lastName: string; unit: string } | undefined {
    return this.sql<[string], { firstName: string; lastName: string; unit: string }>(
      'SELECT first_name AS firstName, last_name AS lastName, unit FROM recipients WHERE uid = ?',
    ).get(uid);
  }
}
