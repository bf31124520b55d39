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

export interface MigrationFile { version: number; name: string; sql: string; checksum: string }
interface AppliedMigration { version: number; name: string; checksum: string }

const FILE_NAME = /^(\d{4})-[\w-]+\.sql$/;

/** The migration files of `dir` in version order; two files with one version number are a mistake. */
export function readMigrations(dir: string): MigrationFile[] {
  const files = readdirSync(dir)
    .filter((f) => FILE_NAME.test(f))
    .sort()
    .map((f) => {
      const sql = readFileSync(join(dir, f), 'utf8');
      return { version: Number(f.slice(0, 4)), name: f, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
  for (let i = 1; i < files.length; i++) {
    const [a, b] = [files[i - 1]!, files[i]!];
    if (a.version === b.version) throw new MigrationMismatchError(`migrations ${a.name} and ${b.name} in ${dir} share version ${a.version}; each version must be used once`);
  }
  return files;
}

/** Throws unless every applied migration is one of the files, unchanged, and no file was slipped in before them. */
function checkApplied(applied: readonly AppliedMigration[], files: readonly MigrationFile[]): void {
  const refuse = (why: string): never => {
    throw new MigrationMismatchError(`${why}; refusing to use this database (nothing was changed)`);
  };
  for (const a of applied) {
    const f = files.find((x) => x.version === a.version);
    if (!f) refuse(`the database has migration ${a.name}, which this version of the simulator does not have (the database is newer than the code, or the file was removed)`);
    else if (f.name !== a.name) refuse(`migration ${a.version} is ${a.name} in the database but ${f.name} in the files`);
    else if (f.checksum !== a.checksum) refuse(`migration ${a.name} was changed after it was applied to this database (sha256 ${f.checksum.slice(0, 12)}… in the file, ${a.checksum.slice(0, 12)}… when applied)`);
  }
  const newest = applied.at(-1)?.version ?? 0;
  const done = new Set(applied.map((a) => a.version));
  const late = files.find((f) => f.version < newest && !done.has(f.version));
  if (late) refuse(`migration ${late.name} is older than ${applied.at(-1)?.name ?? ''}, which is already applied; a new migration needs a higher number`);
}

/**
 * Applies the missing migrations in order, each in its own (immediate) transaction; returns the names
 * applied. Checks everything before changing anything, and re-checks inside each transaction so two
 * processes opening the same new database do not both apply a migration.
 */
export function migrate(db: Database.Database, dir: string): string[] {
  const files = readMigrations(dir);
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)');
  const appliedStmt = db.prepare('SELECT version, name, checksum FROM schema_migrations ORDER BY version');
  const applied = (): AppliedMigration[] => appliedStmt.all() as AppliedMigration[];
  const before = applied();
  checkApplied(before, files);
  const pending = files.filter((f) => !before.some((a) => a.version === f.version));
  const record = db.prepare('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)');
  const ran: string[] = [];
  for (const f of pending) {
    const didRun = db.transaction((): boolean => {
      const now = applied();
      if (now.some((a) => a.version === f.version)) return false; // another process was first
      checkApplied(now, files);
      db.exec(f.sql);
      record.run(f.version, f.name, f.checksum, new Date().toISOString());
      return true;
    }).immediate();
    if (didRun) ran.push(f.name);
  }
  return ran;
}
