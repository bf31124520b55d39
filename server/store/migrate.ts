// Ordered SQL migrations (migrations/NNNN-name.sql) with a table of what was applied. A database
// whose applied migrations do not match the files (changed, missing, or newer than this code) is
// refused with a message that names the migration, and nothing is changed.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';

export class MigrationMismatchError extends Error {
  override name = 'MigrationMismatchError';
}

interface MigrationFile { version: number; name: string; sql: string; checksum: string }

export function readMigrations(dir: string): MigrationFile[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}-[\w-]+\.sql$/.test(f))
    .sort()
    .map((f) => {
      const sql = readFileSync(join(dir, f), 'utf8');
      return { version: Number(f.slice(0, 4)), name: f, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

/** Applies the missing migrations in order, each in its own transaction; returns the names applied. */
export function migrate(db: Database.Database, dir: string): string[] {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)');
  const files = readMigrations(dir);
  const applied = db.prepare('SELECT version, name, checksum FROM schema_migrations ORDER BY version').all() as { version: number; name: string; checksum: string }[];
  for (const a of applied) {
    const f = files.find((x) => x.version === a.version);
    if (!f) throw new MigrationMismatchError(`the database has migration ${a.name}, which this version of the simulator does not know (the database is newer than the code, or the file was removed); refusing to start`);
    if (f.checksum !== a.checksum) throw new MigrationMismatchError(`migration ${a.name} was changed after it was applied to this database (checksum differs); refusing to start`);
  }
  const done = new Set(applied.map((a) => a.version));
  const ran: string[] = [];
  const record = db.prepare('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)');
  for (const f of files) {
    if (done.has(f.version)) continue;
    db.transaction(() => {
      db.exec(f.sql);
      record.run(f.version, f.name, f.checksum, new Date().toISOString());
    })();
    ran.push(f.name);
  }
  return ran;
}
