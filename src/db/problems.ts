/**
 * What a damaged or busy database means to whoever runs Briefbot. Kept free of the database modules:
 * the command line reads it for every command's errors, and `feeds check` never loads SQLite.
 */

/** Path of the SQLite file named by a file: URL, relative paths from the working directory. */
export function sqlitePath(databaseUrl: string): string {
  const path = databaseUrl.replace(/^file:/, '').replace(/\?.*$/, '');
  if (path === '') throw new Error('DATABASE_URL names no file');
  return path;
}

/** SQLITE_BUSY (and its kinds): another process held the database past the busy timeout. */
export function isDatabaseBusy(error: unknown): boolean {
  return sqliteCode(error).startsWith('SQLITE_BUSY');
}

function sqliteCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

/** SQLITE_CORRUPT, or SQLITE_NOTADB after opening: the file is damaged inside (Prisma passes only the words on). */
function isDatabaseDamaged(error: unknown): boolean {
  const code = sqliteCode(error);
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return true;
  const message = error instanceof Error ? error.message : '';
  return /database disk image is malformed|file is not a database/i.test(message);
}

/** The words for a database error the operator must act on (damaged, or held by another process); null for others. */
export function databaseProblemText(error: unknown, databaseUrl: string): string | null {
  const file = sqlitePath(databaseUrl);
  if (isDatabaseDamaged(error))
    return `The database ${file} is damaged (SQLite: ${error instanceof Error ? error.message : String(error)}). Stop every Briefbot using it, then either restore it from a backup, or recover what can be read into a new file: sqlite3 ${file} ".recover" | sqlite3 recovered.db, and set DATABASE_URL=file:recovered.db (or point DATABASE_URL at a new file to start afresh).`;
  if (isDatabaseBusy(error))
    return `Another Briefbot process kept the database ${file} busy for more than 10 s; nothing was changed. Try again when it ends.`;
  return null;
}
