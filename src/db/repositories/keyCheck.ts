import type { Db } from '../open';
import { statements, type Statements } from '../prepared';
import type { Row } from '../rows';
import { upsertSettingSql } from './settings';

/**
 * The data key's check value, kept in the settings table under a key no setting uses (the
 * settings service reads only the keys it knows), so no migration is needed.
 */
const checkKey = 'dataKey.check';

export class KeyCheckRepository {
  private readonly sql: Statements;

  constructor(db: Db) {
    this.sql = statements(db);
  }

  checkValue(): string | null {
    const json = this.sql.pluck<[string], Row<'settings'>['value']>('SELECT value FROM settings WHERE key = ?').get(checkKey);
    if (json === undefined) return null;
    const value = JSON.parse(json) as unknown;
    return typeof value === 'string' ? value : null;
  }

  setCheckValue(value: string): void {
    this.sql<[string, string]>(upsertSettingSql).run(checkKey, JSON.stringify(value));
  }

  /** One value sealed with the data key (an access key's PIN, else a sealed setting), to test a key against a database from before the check value. */
  sealedSample(): Buffer | null {
    const pinEnc = this.sql.pluck<[], Row<'access_keys'>['pin_enc']>('SELECT pin_enc FROM access_keys ORDER BY id LIMIT 1').get();
    if (pinEnc) return pinEnc;
    const sealed = this.sql
      .pluck<[], string>("SELECT json_extract(value, '$.sealed') FROM settings WHERE json_type(value, '$.sealed') = 'text' LIMIT 1")
      .get();
    return sealed === undefined ? null : Buffer.from(sealed, 'base64');
  }
}
