// The embedded SQLite store: migrations (fresh, up to date, refused when out of sync), the event log
// (byte-identical round trip, all-or-nothing appends, WAL + synchronous=FULL), and `serve` keeping
// its events in a real database file, checked from a child process.
import { describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, appendFileSync } from 'node:fs';
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

describe('migrations', () => {
  it('a fresh database is migrated; reopening an up-to-date one changes nothing', () => {
    const file = join(tmp(), 'a.db');
    openDatabase(file).close();
    const db = new Database(file);
    expect(db.prepare('SELECT name FROM schema_migrations').all()).toEqual([{ name: '0001-initial.sql' }]);
    expect(migrate(db, MIGRATIONS_DIR)).toEqual([]);
    db.close();
  });

  it('refuses a database whose migration was changed, or that is newer than the files', () => {
    const dir = tmp();
    const migrations = join(dir, 'migrations');
    mkdirSync(migrations);
    for (const f of readdirSync(MIGRATIONS_DIR)) copyFileSync(join(MIGRATIONS_DIR, f), join(migrations, f));
    const db = new Database(join(dir, 'b.db'));
    expect(migrate(db, migrations)).toEqual(['0001-initial.sql']);
    appendFileSync(join(migrations, '0001-initial.sql'), '\n-- edited after release\n');
    expect(() => migrate(db, migrations)).toThrow(MigrationMismatchError);
    expect(() => migrate(db, migrations)).toThrow(/0001-initial\.sql was changed/);
    db.prepare("INSERT INTO schema_migrations VALUES (2, '0002-future.sql', 'x', 'now')").run();
    const fresh = join(dir, 'fresh');
    mkdirSync(fresh);
    copyFileSync(join(MIGRATIONS_DIR, '0001-initial.sql'), join(fresh, '0001-initial.sql'));
    expect(() => migrate(db, fresh)).toThrow(/0002-future\.sql.*newer than the code/);
    db.close();
  });

  it('WAL and synchronous=FULL are on', () => {
    const db = openDatabase(join(tmp(), 'c.db'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    db.close();
  });
});

describe('event store', () => {
  it('stores real engine events and reads them back byte for byte', () => {
    const db = openDatabase(join(tmp(), 'd.db'));
    const store = createEventStore(db);
    store.createExercise({ id: 'ex1', scenarioId: 'normal-day', regionId: 'demo-county', seed: 1, mode: 'auto', status: 'running' });
    const events = engineEvents(12);
    expect(events.length).toBeGreaterThan(20);
    store.append('ex1', events.slice(0, 10));
    store.append('ex1', events.slice(10));
    expect(store.lastSeq('ex1')).toBe(events.length);
    expect(JSON.stringify(store.read('ex1'))).toBe(JSON.stringify(events));
    expect(JSON.stringify(store.read('ex1', 10, 5))).toBe(JSON.stringify(events.slice(10, 15)));
    db.close();
  });

  it('a batch that does not continue the log is refused whole, and nothing of it is written', () => {
    const db = openDatabase(join(tmp(), 'e.db'));
    const store = createEventStore(db);
    store.createExercise({ id: 'ex1', scenarioId: 's', regionId: 'demo-county', seed: 1, mode: 'auto', status: 'running' });
    const events = engineEvents(12);
    expect(events.length).toBeGreaterThan(6);
    store.append('ex1', events.slice(0, 3));
    const gap = [events[3]!, events[5]!];
    expect(() => store.append('ex1', gap)).toThrow(EventSequenceError);
    expect(store.lastSeq('ex1')).toBe(3);
    db.close();
  });
});

describe('serve keeps its events in SQLite', () => {
  it('a live run stopped with Ctrl-C leaves a contiguous log and a stopped exercise', async () => {
    const dir = tmp();
    const file = join(dir, 'live.db');
    const child = spawn('node_modules/.bin/tsx', ['server/cli/main.ts', 'serve', '--speed', '3600', '--db', file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    await new Promise<void>((resolve, reject) => {
      const check = setInterval(() => {
        if (out.includes('CALL_RECEIVED')) { clearInterval(check); child.kill('SIGINT'); }
      }, 100);
      child.on('exit', () => { clearInterval(check); resolve(); });
      setTimeout(() => { clearInterval(check); child.kill('SIGKILL'); reject(new Error(`serve did not start: ${out}`)); }, 40_000);
    });
    expect(out).toMatch(/Event log: \d+ events of exercise ex-normal-day-1 stored/);
    const db = new Database(file, { readonly: true });
    const ex = db.prepare('SELECT status, sim_time FROM exercises').all() as { status: string; sim_time: number }[];
    expect(ex).toHaveLength(1);
    expect(ex[0]!.status).toBe('stopped');
    const seqs = (db.prepare("SELECT seq FROM events WHERE exercise_id = 'ex-normal-day-1' ORDER BY seq").all() as { seq: number }[]).map((r) => r.seq);
    expect(seqs.length).toBeGreaterThan(2);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    db.close();
  }, 60_000);
});
