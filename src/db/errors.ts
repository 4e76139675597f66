/**
 * True for SQLite errors that mean "the database cannot be written right now" (the disk is full,
 * the file or its folder is read-only, the disk failed a write), as opposed to a bad statement.
 */
export function isStorageError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    typeof code === 'string' &&
    (code === 'SQLITE_FULL' || code === 'SQLITE_CANTOPEN' || code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_IOERR'))
  );
}
