import type { Db } from '../open';

/**
 * The data key's check value, kept in the settings table under a key no setting uses (the
 * settings service reads only the keys it knows), so no migration is needed.
 */
const checkKey = 'dataKey.check';

export class KeyCheckRepository {
  constructor(private readonly db: Db) {}

  checkValue(): string | null {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(checkKey) as { value: string } | undefined;
    if (!row) return null;
    const value = JSON.parse(row.value) as unknown;
    return typeof value === 'string' ? value : null;
  }

  setCheckValue(value: string): void {
    this.db
      .prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
      .run(checkKey, JSON.stringify(value));
  }

  /** One value sealed with the data key (an access key's PIN, else a sealed setting), to test a key against a database from before the check value. */
  sealedSample(): Buffer | null {
    const access = this.db.prepare('SELECT pin_enc FROM access_keys ORDER BY id LIMIT 1').get() as { pin_enc: Buffer } | undefined;
    if (access) return access.pin_enc;
    const setting = this.db
      .prepare("SELECT json_extract(value, '$.sealed') AS sealed FROM settings WHERE json_type(value, '$.sealed') = 'text' LIMIT 1")
      .get() as { sealed: string } | undefined;
    return setting ? Buffer.from(setting.sealed, 'base64') : null;
  }
}
