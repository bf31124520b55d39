// The embedded SQLite store: migrations (fresh, up to date, refused when out of sync), the event log
// (byte-identical round trip, all-or-nothing appends, WAL + synchronous=FULL), and `serve` keeping
// its events in a real database file, checked from a child process.
import { describe, expect, it } from 'vitest';
import { appendFileSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import Database from 'better-sqlite3';
import { openDatabase, MIGRATIONS_DIR } from '../../server/store/open-database.ts';
import { migrate, MigrationMismatchError } from '../../server/store/migrate.ts';
import { createEventStore, EventSequenceError } from '../../server/store/event-store.ts';
import { loadWorld } from '../../server/scenario/load-world.ts';
import { loadScenario } from '../../server/scenario/load-scenario.ts';
import { createBackgroundCalls } from '../../server/scenario/call-generator.ts';
import { createEngine } from '../../server/engine/engine.ts';
import type { DomainEvent } from '../../shared/events.ts';

const tmp = () => mkdtempSync(join(tmpdir(), 'fire-sim-store-'));

function engineEvents(hours: number): DomainEvent[] {
  const world = loadWorld({});
  const scenario = loadScenario('scenarios/normal-day.yaml', world);
  const engine = createEngine({ world, scenario, background: createBackgroundCalls(world, scenario) });
  return [...engine.start(), ...engine.advanceTo(hours * 3_600_000)];
}

/** A copy of the shipped migrations in a tmp folder, so a test can edit or add files. */
function migrationsCopy(): string {
  const dir = join(tmp(), 'migrations');
  mkdirSync(dir);
  for (const f of readdirSync(MIGRATIONS_DIR)) copyFileSync(join(MIGRATIONS_DIR, f), join(dir, f));
  return dir;
}

/** The migrations shipped with the code, in order (the tests add theirs after them). */
const SHIPPED = readdirSync(MIGRATIONS_DIR).filter((f) => /^\d{4}-[\w-]+\.sql$/.test(f)).sort();
const appliedRows = (db: Database.Database): unknown[] => db.prepare('SELECT * FROM schema_migrations ORDER BY version').all();
const tableNames = (db: Database.Database): string[] =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);

describe('migrations', () => {
  it('a fresh database gets every table; reopening an up-to-date one changes nothing', () => {
    const file = join(tmp(), 'sub', 'dir', 'a.db'); // parent folders are created
    openDatabase(file).close();
    const db = new Database(file);
    expect(tableNames(db)).toEqual(expect.arrayContaining(['command_results', 'events', 'exercises', 'join_codes', 'participant_sessions', 'participants', 'regions', 'scenarios', 'schema_migrations', 'snapshots']));
    const rows = appliedRows(db);
    expect(rows).toEqual(SHIPPED.map((name) => ({ version: Number(name.slice(0, 4)), name, checksum: expect.stringMatching(/^[0-9a-f]{64}$/), applied_at: expect.any(String) })));
    db.close();
    openDatabase(file).close();
    const again = new Database(file);
    expect(appliedRows(again)).toEqual(rows);
    expect(migrate(again, MIGRATIONS_DIR)).toEqual([]);
    again.close();
  });

  it('applies a new migration in order on top of an existing database', () => {
    const dir = migrationsCopy();
    const db = new Database(join(tmp(), 'n.db'));
    expect(migrate(db, dir)).toEqual(SHIPPED);
    writeFileSync(join(dir, '0090-notes.sql'), 'CREATE TABLE notes (id INTEGER PRIMARY KEY);\n');
    expect(migrate(db, dir)).toEqual(['0090-notes.sql']);
    expect(tableNames(db)).toContain('notes');
    db.close();
  });

  it('refuses a database whose applied migration was changed, naming it, and changes nothing', () => {
    const dir = migrationsCopy();
    const db = new Database(join(tmp(), 'b.db'));
    migrate(db, dir);
    const before = appliedRows(db);
    appendFileSync(join(dir, '0001-initial.sql'), '\n-- edited after release\n');
    writeFileSync(join(dir, '0090-notes.sql'), 'CREATE TABLE notes (id INTEGER PRIMARY KEY);\n'); // pending, must not run
    expect(() => migrate(db, dir)).toThrow(MigrationMismatchError);
    expect(() => migrate(db, dir)).toThrow(/migration 0001-initial\.sql was changed after it was applied.*refusing/);
    expect(appliedRows(db)).toEqual(before);
    expect(tableNames(db)).not.toContain('notes');
    db.close();
  });

  it('refuses a database newer than the code (through openDatabase, on a real file), and changes nothing', () => {
    const file = join(tmp(), 'f.db');
    openDatabase(file).close();
    const raw = new Database(file);
    raw.prepare("INSERT INTO schema_migrations VALUES (99, '0099-future.sql', 'abc', '2030-01-01T00:00:00.000Z')").run();
    const before = appliedRows(raw);
    raw.close();
    expect(() => openDatabase(file)).toThrow(/migration 0099-future\.sql.*newer than the code/);
    const after = new Database(file);
    expect(appliedRows(after)).toEqual(before);
    after.close();
  });

  it('refuses a migration slipped in below one already applied, and two files with one number', () => {
    const dir = migrationsCopy();
    const db = new Database(join(tmp(), 'g.db'));
    writeFileSync(join(dir, '0099-later.sql'), 'CREATE TABLE later (id INTEGER);\n');
    expect(migrate(db, dir)).toEqual([...SHIPPED, '0099-later.sql']);
    writeFileSync(join(dir, '0095-between.sql'), 'CREATE TABLE between_ (id INTEGER);\n');
    expect(() => migrate(db, dir)).toThrow(/0095-between\.sql is older than 0099-later\.sql/);
    expect(tableNames(db)).not.toContain('between_');
    rmSync(join(dir, '0095-between.sql'));
    writeFileSync(join(dir, '0099-other.sql'), 'SELECT 1;\n');
    expect(() => migrate(db, dir)).toThrow(/share version 99/);
    db.close();
  });

  it('WAL and synchronous=FULL are on', () => {
    const db = openDatabase(join(tmp(), 'c.db'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
    db.close();
  });
});

const exercise = { scenarioId: 'scenarios/normal-day.yaml', regionId: 'demo-county', seed: 1, mode: 'auto', status: 'running' };

describe('event store', () => {
  it('stores real engine events and reads them back byte for byte', () => {
    const file = join(tmp(), 'd.db');
    const db = openDatabase(file);
    const store = createEventStore(db);
    store.createExercise({ id: 'ex1', ...exercise });
    const events = engineEvents(12);
    expect(events.length).toBeGreaterThan(20);
    expect(new Set(events.map((e) => e.type)).size).toBeGreaterThan(8); // many kinds of event, not just the start
    store.append('ex1', events.slice(0, 10));
    store.append('ex1', events.slice(10));
    expect(store.lastSeq('ex1')).toBe(events.length);
    db.close();
    // A fresh connection: what comes back is what is in the file, not something cached.
    const reopened = openDatabase(file);
    const again = createEventStore(reopened);
    expect(JSON.stringify(again.read('ex1'))).toBe(JSON.stringify(events));
    expect(JSON.stringify(again.read('ex1', 10, 5))).toBe(JSON.stringify(events.slice(10, 15)));
    expect(again.read('ex1', events.length)).toEqual([]);
    const row = reopened.prepare('SELECT seq, sim_time, type, payload FROM events WHERE exercise_id = ? AND seq = 1').get('ex1') as { payload: string; type: string };
    expect(row.type).toBe(events[0]!.type);
    expect(JSON.parse(row.payload)).not.toHaveProperty('seq');
    expect(JSON.parse(row.payload)).not.toHaveProperty('t');
    expect(JSON.parse(row.payload)).not.toHaveProperty('type');
    reopened.close();
  });

  it('a batch that does not continue the log is refused whole, and nothing of it is written', () => {
    const db = openDatabase(join(tmp(), 'e.db'));
    const store = createEventStore(db);
    store.createExercise({ id: 'ex1', ...exercise });
    const events = engineEvents(12);
    expect(events.length).toBeGreaterThan(6);
    store.append('ex1', events.slice(0, 3));
    const gap = [events[3]!, events[5]!]; // the first would fit; the batch must still leave no trace
    expect(() => store.append('ex1', gap)).toThrow(EventSequenceError);
    expect(() => store.append('ex1', events.slice(2, 5))).toThrow(/seq 3 does not follow the stored log \(expected 4\)/);
    expect(store.lastSeq('ex1')).toBe(3);
    expect(JSON.stringify(store.read('ex1'))).toBe(JSON.stringify(events.slice(0, 3)));
    store.append('ex1', events.slice(3, 6)); // the right continuation still goes in
    expect(store.lastSeq('ex1')).toBe(6);
    db.close();
  });

  it('numbers exercises, keeps their status and sim time, and refuses unknown ones', () => {
    const db = openDatabase(join(tmp(), 'h.db'));
    const store = createEventStore(db);
    expect(store.createNumberedExercise('ex-normal-day-1', exercise)).toBe('ex-normal-day-1-1');
    expect(store.createNumberedExercise('ex-normal-day-1', exercise)).toBe('ex-normal-day-1-2');
    expect(store.createNumberedExercise('ex-normal-day-2', exercise)).toBe('ex-normal-day-2-1');
    store.setStatus('ex-normal-day-1-2', 'stopped', 7_200_000);
    expect(store.listExercises().map((x) => [x.id, x.status, x.simTime])).toEqual([
      ['ex-normal-day-1-1', 'running', 0],
      ['ex-normal-day-1-2', 'stopped', 7_200_000],
      ['ex-normal-day-2-1', 'running', 0],
    ]);
    expect(() => store.setStatus('nope', 'stopped', 0)).toThrow(/no exercise nope/);
    expect(() => store.append('nope', engineEvents(0).slice(0, 1))).toThrow(/FOREIGN KEY/);
    db.close();
  });
});

describe('the terminal feed keeps its events in SQLite', () => {
  it('a live run stopped with Ctrl-C leaves a contiguous log and a stopped exercise', async () => {
    const dir = tmp();
    const file = join(dir, 'live.db');
    const child = spawn('node_modules/.bin/tsx', ['server/cli/main.ts', 'feed', '--speed', '3600', '--db', file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    const code = await new Promise<number | null>((resolve, reject) => {
      const check = setInterval(() => {
        if (out.includes('CALL_RECEIVED')) { clearInterval(check); child.kill('SIGINT'); }
      }, 100);
      const giveUp = setTimeout(() => { clearInterval(check); child.kill('SIGKILL'); reject(new Error(`feed did not start: ${out}`)); }, 40_000);
      child.on('exit', (c) => { clearInterval(check); clearTimeout(giveUp); resolve(c); });
    });
    expect(code).toBe(0);
    expect(out.split('\n').slice(0, 3).join('\n')).toContain(`exercise ex-normal-day-1-1 in ${file}`); // where the log goes, up front
    const printed = /Event log: (\d+) events of exercise ex-normal-day-1-1 stored in /.exec(out);
    expect(printed).not.toBeNull();
    const db = new Database(file, { readonly: true });
    const ex = db.prepare('SELECT status, sim_time FROM exercises').all() as { status: string; sim_time: number }[];
    expect(ex).toHaveLength(1);
    expect(ex[0]!.status).toBe('stopped');
    expect(ex[0]!.sim_time).toBeGreaterThan(0);
    const seqs = (db.prepare("SELECT seq FROM events WHERE exercise_id = 'ex-normal-day-1-1' ORDER BY seq").all() as { seq: number }[]).map((r) => r.seq);
    expect(seqs.length).toBeGreaterThan(2);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    expect(seqs.length).toBe(Number(printed![1]));
    db.close();
  }, 60_000);
});
