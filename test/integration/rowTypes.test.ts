/**
 * The row types (src/db/rows.ts) against the migrated schema: every table and column, its declared type and
 * whether it may be NULL. A migration that changes a table fails here until rows.ts says the same.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, type Db } from '../../src/db/open';
import { tables, type Column, type SqlType } from '../../src/db/rows';

type Description = Record<string, Record<string, Column<unknown>>>;

interface TableInfo {
  name: string;
  type: string;
  notnull: 0 | 1;
  pk: number;
}

const said = (c: { type: string; notNull: boolean }) => `${c.type} ${c.notNull ? 'NOT NULL' : 'NULL'}`;

/** Where the schema of `db` and the description disagree, one sentence each; empty when they agree. */
function differences(db: Db, description: Description): string[] {
  const schemaTables = (db.pragma('table_list') as { name: string; type: string; schema: string }[])
    .filter((t) => t.schema === 'main' && t.type === 'table' && !t.name.startsWith('sqlite_'))
    .map((t) => t.name)
    .sort();
  const problems: string[] = [];
  for (const table of schemaTables) {
    const described = description[table];
    if (!described) {
      problems.push(`table ${table} is in the schema but not in src/db/rows.ts`);
      continue;
    }
    const info = db.pragma(`table_info(${table})`) as TableInfo[];
    // An INTEGER PRIMARY KEY is the rowid: never NULL, though SQLite does not report it NOT NULL.
    const rowid = info.filter((c) => c.pk > 0).length === 1 ? info.find((c) => c.pk > 0 && c.type.toUpperCase() === 'INTEGER') : undefined;
    const schemaColumns = info.map((c) => ({
      name: c.name,
      type: c.type.toUpperCase() as SqlType,
      notNull: c.notnull === 1 || c === rowid,
    }));
    for (const column of schemaColumns) {
      const d = described[column.name];
      if (!d) problems.push(`${table}.${column.name} (${said(column)}) is in the schema but not in src/db/rows.ts`);
      else if (d.type !== column.type || d.notNull !== column.notNull)
        problems.push(`${table}.${column.name} is ${said(column)} in the schema but ${said(d)} in src/db/rows.ts`);
    }
    for (const name of Object.keys(described)) {
      if (!schemaColumns.some((c) => c.name === name)) problems.push(`${table}.${name} is in src/db/rows.ts but not in the schema`);
    }
    const order = schemaColumns.map((c) => c.name).filter((n) => n in described);
    const describedOrder = Object.keys(described).filter((n) => order.includes(n));
    if (order.join() !== describedOrder.join())
      problems.push(`${table}: src/db/rows.ts lists the columns in another order than the schema`);
  }
  for (const table of Object.keys(description)) {
    if (!schemaTables.includes(table)) problems.push(`table ${table} is in src/db/rows.ts but not in the schema`);
  }
  return problems;
}

function migratedDatabase(): Db {
  const db = new Database(':memory:');
  migrate(db);
  return db;
}

describe('row types', () => {
  it('describe every table of the migrated schema, column by column', () => {
    const db = migratedDatabase();
    try {
      expect(differences(db, tables)).toEqual([]);
    } finally {
      db.close();
    }
  });

  it('are reported when a column and its description disagree', () => {
    const db = migratedDatabase();
    try {
      const { hash: _dropped, ...auditLog } = tables.audit_log;
      const wrong: Description = {
        ...tables,
        staff: { ...tables.staff, language: { type: 'TEXT', notNull: true } },
        recipients: { ...tables.recipients, unit: { type: 'INTEGER', notNull: true }, nickname: { type: 'TEXT', notNull: false } },
        audit_log: auditLog,
        parcels: { id: { type: 'INTEGER', notNull: true } },
      };
      delete wrong.login_failures;
      expect(differences(db, wrong)).toEqual([
        'audit_log.hash (BLOB NULL) is in the schema but not in src/db/rows.ts',
        'table login_failures is in the schema but not in src/db/rows.ts',
        'recipients.unit is TEXT NOT NULL in the schema but INTEGER NOT NULL in src/db/rows.ts',
        'recipients.nickname is in src/db/rows.ts but not in the schema',
        'staff.language is TEXT NULL in the schema but TEXT NOT NULL in src/db/rows.ts',
        'table parcels is in src/db/rows.ts but not in the schema',
      ]);
    } finally {
      db.close();
    }
  });
});
