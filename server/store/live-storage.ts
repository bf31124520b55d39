// The exercise server's database file, able to let go of it and take it back. When the file system
// under the database turns read-only (ext4 `errors=remount-ro` after a disk error), it stays
// read-only for as long as any file on it is open: Linux refuses to remount it writable, or to
// unmount it, while the server holds the database. So the server closes the file (the operator can
// then unmount, check and mount the disk again) and reopens it, by its path, once the file is there
// again on a writable file system. Meanwhile every use of the store fails with StorageUnavailableError.
import type Database from 'better-sqlite3';
import { existsSync, openSync, closeSync, unlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { createExerciseStore, type ExerciseStore } from './exercise-store.ts';
import { openDatabase, type OpenOptions } from './open-database.ts';

/** Thrown by the store while its database file is let go (its file system is read-only). */
export class StorageUnavailableError extends Error {
  override name = 'StorageUnavailableError';
  readonly code = 'EROFS';
}

export interface LiveStorage {
  /** The store on the database as it is now open (a stand-in that refuses everything while let go). */
  readonly store: ExerciseStore;
  readonly file: string;
  /** Set (to the reason) while the database file is let go. */
  readonly released: string | undefined;
  /** True when the database's folder cannot be written because its file system is read-only (EROFS). */
  fileSystemReadOnly(): boolean;
  /** Closes the database file so its file system can be remounted; the store refuses until reopen(). */
  release(why: string): void;
  /**
   * Opens the database file again when it is there (a missing file means the disk is not mounted
   * back yet: opening would make a new, empty database in its place) and its folder can be written.
   * True when the database is open.
   */
  reopen(): boolean;
  close(): void;
}

export function openLiveStorage(file: string, opts: OpenOptions = {}): LiveStorage {
  let db: Database.Database | undefined = openDatabase(file, opts);
  let current: ExerciseStore = createExerciseStore(db);
  let released: string | undefined;

  const refuse = (): never => {
    throw new StorageUnavailableError(`the database ${basename(file)} is closed while its file system is read-only (${released}); it is reopened once it can be written`);
  };
  // Any member (and the event store's members) of the store, refusing while the file is let go.
  const refusing: ExerciseStore = new Proxy({} as ExerciseStore, { get: (_t, key) => (key === 'events' ? new Proxy({}, { get: () => refuse }) : refuse) });
  const store: ExerciseStore = new Proxy({} as ExerciseStore, { get: (_t, key) => Reflect.get(released ? refusing : current, key) });

  const fileSystemReadOnly = (): boolean => {
    const probe = join(dirname(file), `.${basename(file)}.probe-${process.pid}`);
    try {
      closeSync(openSync(probe, 'w'));
      unlinkSync(probe);
      return false;
    } catch (err) {
      return (err as NodeJS.ErrnoException).code === 'EROFS';
    }
  };

  return {
    store,
    file,
    get released() { return released; },
    fileSystemReadOnly,
    release(why) {
      if (released) return;
      released = why;
      try {
        db?.close();
      } catch { /* closing a connection on a read-only file system: nothing more to lose */ }
      db = undefined;
    },
    reopen() {
      if (!released) return true;
      if (!existsSync(file) || fileSystemReadOnly()) return false;
      try {
        db = openDatabase(file, opts);
        current = createExerciseStore(db);
      } catch {
        db?.close();
        db = undefined;
        return false;
      }
      released = undefined;
      return true;
    },
    close() {
      db?.close();
      db = undefined;
    },
  };
}
