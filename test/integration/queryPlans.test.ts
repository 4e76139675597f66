/**
 * The door's PIN and QR lookups and the staff search must stay index lookups as the tables grow:
 * a full scan of access_keys or recipients would make every key press cost O(residents).
 * The statements are the repositories' own, so a change there is what gets checked.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/db/open';
import { doorLookupSql } from '../../src/db/repositories/accessKeys';
import { ownChainLastSql } from '../../src/db/repositories/audit';
import { clashCandidatesSql } from '../../src/db/repositories/syncAccess';
import { activeByEmailSql, activeNamedSql, searchStatement } from '../../src/db/repositories/recipients';
import { toFtsQuery } from '../../src/domain/search';

const recipients = 20_000;

/** A site-sized database: recipients with a permanent key each, and some used Single Access PINs. */
function siteDatabase(file: string): Db {
  const db = openDatabase(file);
  const names = ['Lopez', 'Kim', 'Ng', 'Okafor', 'Smith', 'Garcia', 'Nguyen', 'Müller'];
  const person = db.prepare(
    'INSERT INTO recipients (first_name, last_name, unit, status, created_at, updated_at) VALUES (?, ?, ?, ?, 0, 0)',
  );
  const key = db.prepare(
    `INSERT INTO access_keys (recipient_id, kind, pin_hash, pin_enc, qr_hash, qr_enc, status, expires_at, created_at)
     VALUES (?, ?, randomblob(32), x'00', randomblob(32), x'00', ?, ?, 0)`,
  );
  db.transaction(() => {
    for (let i = 1; i <= recipients; i++) {
      const id = Number(
        person.run(`N${i}`, names[i % names.length], `${i % 400}${'ABCD'[i % 4]}`, i % 10 ? 'active' : 'inactive').lastInsertRowid,
      );
      key.run(id, 'permanent', i % 10 ? 'active' : 'revoked', null);
      if (i % 4 === 0) key.run(id, 'single', 'used', 86_400_000);
    }
  })();
  return db;
}

const plan = (db: Db, sql: string, params: unknown[] | Record<string, unknown>) =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((row) => row.detail);

const noFullScan = (details: string[]) => expect(details.filter((d) => /^SCAN (k|r|access_keys|recipients)\b/.test(d))).toEqual([]);

describe.each([
  ['without statistics', false],
  ['after ANALYZE', true],
])(`query plans on ${recipients} recipients, %s`, (_label, analyzed) => {
  let dir: string;
  let db: Db;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'packroom-plans-'));
    db = siteDatabase(join(dir, 'p.db'));
    if (analyzed) db.exec('ANALYZE');
  });
  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const hash = Buffer.alloc(32, 1);

  it('finds a PIN (or a carrier code) at the door through the active-PIN indexes, and its recipient by primary key', () => {
    const details = plan(db, doorLookupSql.pin, { hash });
    expect(details).toEqual([
      'COMPOUND QUERY',
      'LEFT-MOST SUBQUERY',
      expect.stringMatching(/^SEARCH k USING INDEX access_keys_active_pin \(pin_hash=\?\)/),
      expect.stringMatching(/^SEARCH r USING INTEGER PRIMARY KEY/),
      // A proxy PIN's proxy by primary key, and whether its recipient has packages waiting by packages_by_recipient.
      expect.stringMatching(/^SEARCH p USING INTEGER PRIMARY KEY/),
      'CORRELATED SCALAR SUBQUERY 1',
      expect.stringMatching(/^SEARCH w USING COVERING INDEX packages_by_recipient \(recipient_id=\? AND status=\?\)/),
      'UNION ALL',
      expect.stringMatching(/^SEARCH c USING INDEX carrier_codes_active_pin \(pin_hash=\?\)/),
    ]);
  });

  it('finds a QR code at the door through the active-QR index', () => {
    const details = plan(db, doorLookupSql.qr, { hash });
    expect(details).toEqual([
      expect.stringMatching(/^SEARCH k USING INDEX access_keys_active_qr \(qr_hash=\?\)/),
      expect.stringMatching(/^SEARCH r USING INTEGER PRIMARY KEY/),
      // A proxy PIN's proxy by primary key, and whether its recipient has packages waiting by packages_by_recipient.
      expect.stringMatching(/^SEARCH p USING INTEGER PRIMARY KEY/),
      'CORRELATED SCALAR SUBQUERY 1',
      expect.stringMatching(/^SEARCH w USING COVERING INDEX packages_by_recipient \(recipient_id=\? AND status=\?\)/),
    ]);
  });

  it('tells a used or expired PIN from a wrong one through the PIN index', () => {
    const details = plan(db, doorLookupSql.endedPin, [hash]);
    expect(details[0]).toMatch(/^SEARCH access_keys USING INDEX access_keys_by_pin \(pin_hash=\?\)/);
    noFullScan(details);
  });

  it("finds what another node's new credential may clash with by the PIN and the recipient indexes (sync, per credential applied)", () => {
    const details = plan(db, clashCandidatesSql, { pin: hash, recipient: 8, kind: 'permanent', proxy: null });
    expect(details).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^SEARCH k USING INDEX access_keys_by_pin \(pin_hash=\?\)/),
        expect.stringMatching(/^SEARCH k USING INDEX access_keys_by_recipient \(recipient_id=\?\)/),
      ]),
    );
    noFullScan(details);
  });

  it.each(['active', 'all'] as const)('searches %s recipients through the full-text index', (status) => {
    const { sql, params } = searchStatement({ match: toFtsQuery('ana lop'), status, limit: 50, offset: 0 });
    const details = plan(db, sql, params);
    // FTS5 shows its own index as a virtual-table "scan" with a MATCH constraint (idxStr "M…").
    expect(details).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^SCAN f VIRTUAL TABLE INDEX \d+:M/),
        expect.stringMatching(/^SEARCH r USING INTEGER PRIMARY KEY/),
      ]),
    );
    noFullScan(details);
  });

  it('lists active recipients in name order straight from the name index', () => {
    const { sql, params } = searchStatement({ match: null, status: 'active', limit: 50, offset: 0 });
    expect(plan(db, sql, params)).toEqual([expect.stringMatching(/^SEARCH r USING INDEX recipients_by_name \(status=\?\)/)]);
  });

  it('looks for a duplicate of a new recipient by name through the name index', () => {
    expect(plan(db, activeNamedSql, ['Lopez', 'N8'])).toEqual([
      expect.stringMatching(/^SEARCH r USING INDEX recipients_by_name \(status=\? AND last_name=\? AND first_name=\?\)/),
    ]);
  });

  it("chains a door decision's audit row to this node's own last row through its index, whatever other nodes' rows follow it", () => {
    expect(plan(db, ownChainLastSql, [])).toEqual([expect.stringMatching(/^SCAN audit_log USING INDEX audit_own$/)]);
  });

  it('looks for a duplicate by email address through the email index', () => {
    expect(plan(db, activeByEmailSql, ['ana@example.com'])).toEqual([
      expect.stringMatching(/^SEARCH r USING INDEX recipients_by_email \(email=\?\)/),
    ]);
  });
});
