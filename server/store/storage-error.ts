// What a failed write to the database means for the people running a drill: SQLite's error codes
// (better-sqlite3 puts them on `err.code`) said in words, with the original message kept for the
// log. Used in the notice every participant gets when the exercise pauses on a storage failure.

const MEANING: Record<string, string> = {
  SQLITE_BUSY: 'the database is locked by another program',
  SQLITE_LOCKED: 'the database is locked by another program',
  SQLITE_FULL: 'the disk is full',
  SQLITE_READONLY: 'the database is read-only',
  SQLITE_IOERR: 'the disk reported an input/output error',
  SQLITE_CANTOPEN: 'the database file cannot be opened',
  EROFS: 'the file system holding the database is read-only',
  SQLITE_CORRUPT: 'the database file is damaged',
};

/** e.g. "the database is locked by another program (SQLITE_BUSY: database is locked)". */
export function describeStorageError(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return message;
  // Extended codes (SQLITE_IOERR_WRITE, SQLITE_BUSY_SNAPSHOT…) share their primary code's meaning.
  const primary = Object.keys(MEANING).find((k) => code === k || code.startsWith(`${k}_`));
  return primary ? `${MEANING[primary]} (${code}: ${message})` : `${message} (${code})`;
}

