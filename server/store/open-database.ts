// Opens the embedded SQLite database: WAL so readers never block the writer, synchronous=FULL so an
// acknowledged event survives a crash or power loss, and the migrations applied (or refused). A file
// that cannot be written (read-only mount or file) is refused with its name and the reason, before
// anything is read or written, instead of SQLite's bare "unable to open database file".
import Database from 'better-sqlite3';
import { accessSync, constants, existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate } from './migrate.ts';
import { describeStorageError } from './storage-error.ts';

export const DEFAULT_DB_FILE = 'data/fire-sim.db';
export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations', import.meta.url));

/** How long a write waits for another connection's write lock by default (CLI commands: they serve nobody meanwhile). */
export const DEFAULT_BUSY_TIMEOUT_MS = 5000;

export interface OpenOptions {
  /** ms a statement waits for another connection's lock before failing with SQLITE_BUSY. */
  busyTimeoutMs?: number;
}

export class DatabaseOpenError extends Error {
  override name = 'DatabaseOpenError';
}

/** Why `file` (or, for a new file, its folder) cannot be written, or undefined when it can. */
function notWritable(file: string): string | undefined {
  const target = existsSync(file) ? file : dirname(file);
  try {
    accessSync(target, constants.W_OK);
    // SQLite also writes <file>-wal and <file>-shm beside it.
    if (target === file) accessSync(dirname(file), constants.W_OK);
    return undefined;
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'EROFS') return `${e.path ?? target} is on a read-only file system (EROFS)`;
    if (e.code === 'EACCES' || e.code === 'EPERM') return `${e.path ?? target} may not be written (${e.code})`;
    return undefined; // anything else: let SQLite say what it finds
  }
}

export function openDatabase(file: string = DEFAULT_DB_FILE, opts: OpenOptions = {}): Database.Database {
  if (file !== ':memory:') {
    try {
      mkdirSync(dirname(file), { recursive: true });
    } catch (err) {
      throw new DatabaseOpenError(`cannot open the database ${file}: its folder cannot be made (${(err as Error).message})`);
    }
    const why = notWritable(file);
    if (why) throw new DatabaseOpenError(`cannot open the database ${file} for writing: ${why}; the event log must be writable (give a writable --db)`);
  }
  let db: Database.Database;
  try {
    db = new Database(file);
  } catch (err) {
    throw new DatabaseOpenError(`cannot open the database ${file}: ${describeStorageError(err)}`);
  }
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${Math.max(0, Math.round(opts.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS))}`);
    migrate(db, MIGRATIONS_DIR);
  } catch (e) {
    db.close();
    throw e;
  }
  return db;
}
