import init from './0001_init.sql';
import access from './0002_access.sql';
import roster from './0003_roster.sql';
import rosterImport from './0008_roster_import.sql';

/** Ordered; a migration's version is its position + 1 and is recorded in PRAGMA user_version. */
export const migrations: readonly { name: string; sql: string }[] = [
  { name: '0001_init', sql: init },
  { name: '0002_access', sql: access },
  { name: '0003_roster', sql: roster },
  { name: '0008_roster_import', sql: rosterImport },
];
