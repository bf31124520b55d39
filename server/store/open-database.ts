// Opens the embedded SQLite database: WAL so readers never block the writer, synchronous=FULL so an
// acknowledged event survives a crash or power loss, and the migrations applied (or refused).
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate } from './migrate.ts';

export const DEFAULT_DB_FILE = 'data/fire-sim.db';
export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations', import.meta.url));

export function openDatabase(file: string = DEFAULT_DB_FILE): Database.Database {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db, MIGRATIONS_DIR);
  } catch (e) {
    db.close();
    throw e;
  }
  return db;
}
