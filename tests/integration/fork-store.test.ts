/* eslint-disable @typescript-eslint/no-explicit-any -- replies are checked by assertions, not types */
// How a live fork is stored, on a real server and real SQLite files: the fork's row, join codes,
// shared history, origin and paused clock are one transaction, so a failure at the last of those
// writes (a trigger refusing it) or a crash in the middle (a process killed inside the transaction)
// leaves no fork behind, and the next fork is whole; its origin is a stored column (fork_of, with the
// fork time), not read from its id; and a database from before that column (migrations up to 0005)
// is migrated on opening: forks named `<origin>-fork-<n>` get their origin, the rest do not.
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR } from '../../server/store/open-database.ts';
import { migrate } from '../../server/store/migrate.ts';
import { hashJoinCode } from '../../server/store/exercise-store.ts';
import { api, createExercise, testServer, tmpDir, type Created, type TestServer } from './server-kit.ts';

const MIN = 60_000;
let s: TestServer | undefined;
let dbFile: string;
let ex: Created;
/** The second fork (made after the crash), whose codes open it again after the migration. */
let second: Created;

const fork = (id: string, code: string, at: number) => api(s!.url, `/api/exercises/${id}/fork`, { method: 'POST', code, body: { at, live: true } });
/** What the file holds of exercise `id`, read by a connection of the test's own. */
function stored(id: string) {
  const db = new Database(dbFile, { readonly: true });
  try {
    return {
      row: db.prepare('SELECT id, status, sim_time AS simTime, fork_of AS forkOf, fork_at AS forkAt FROM exercises WHERE id = ?').get(id) as any,
      codes: (db.prepare('SELECT count(*) AS n FROM join_codes WHERE exercise_id = ?').get(id) as { n: number }).n,
      events: (db.prepare('SELECT count(*) AS n FROM events WHERE exercise_id = ?').get(id) as { n: number }).n,
    };
  } finally {
    db.close();
  }
}
const nothingOf = { row: undefined, codes: 0, events: 0 };

beforeAll(async () => {
  dbFile = join(tmpDir(), 'forks.db');
  s = await testServer({ dbFile });
  ex = await createExercise(s.url, { scenario: 'tabletop-highrise', seed: 7 });
  const control = (body: unknown) => api(s!.url, `/api/exercises/${ex.id}/control`, { method: 'POST', code: ex.codes.controller, body });
  expect((await control({ action: 'step', ms: 12 * MIN })).status).toBe(200);
  expect((await control({ action: 'stop' })).status).toBe(200);
}, 120_000);

afterAll(async () => {
  await s?.close();
});

describe('a live fork is stored in one transaction', () => {
  it('a failure at its last write leaves nothing behind; the next fork is whole, with its origin stored', async () => {
    // The file refuses to move a new exercise from created to paused: the last write of a fork.
    const raw = new Database(dbFile);
    raw.exec("CREATE TRIGGER refuse_fork_clock BEFORE UPDATE OF status ON exercises WHEN OLD.status = 'created' AND NEW.status = 'paused' BEGIN SELECT RAISE(ABORT, 'the disk gave up'); END");
    raw.close();
    const failed = await fork(ex.id, ex.codes.controller, 10 * MIN);
    expect(failed.status).toBe(500);
    expect(failed.body.error.message).toMatch(/the disk gave up/);
    expect(stored(`${ex.id}-fork-1`)).toEqual(nothingOf);
    const listed = (await api(s!.url, '/api/exercises?all=1')).body.exercises.map((e: any) => e.id);
    expect(listed).toEqual([ex.id]);

    const fixed = new Database(dbFile);
    fixed.exec('DROP TRIGGER refuse_fork_clock');
    fixed.close();
    const made = await fork(ex.id, ex.codes.controller, 10 * MIN);
    expect(made.status).toBe(201);
    expect(made.body.id).toBe(`${ex.id}-fork-1`);
    const row = stored(made.body.id);
    expect(row.row).toEqual({ id: made.body.id, status: 'paused', simTime: 10 * MIN, forkOf: ex.id, forkAt: 10 * MIN });
    expect(row.codes).toBe(3);
    expect(row.events).toBe(made.body.sharedSeq);
    expect((await api(s!.url, `/api/exercises/${made.body.id}`, { code: made.body.codes.controller })).body).toMatchObject({ forkOf: ex.id, forkAt: 10 * MIN, status: 'paused' });

    // A fork of the fork points at the fork, not at the first exercise.
    const again = await fork(made.body.id, made.body.codes.controller, 8 * MIN);
    expect(again.status).toBe(201);
    expect(stored(again.body.id).row).toMatchObject({ id: `${ex.id}-fork-1-fork-1`, forkOf: made.body.id, forkAt: 8 * MIN });
    const report = await api(s!.url, `/api/exercises/${again.body.id}/report?format=json`, { code: again.body.codes.controller });
    expect(report.body.comparison).toMatchObject({ originalId: made.body.id, forkAt: 8 * MIN });
  }, 120_000);

  it('a process killed in the middle of storing a fork leaves no half of it', async () => {
    const upTo = stored(ex.id).events;
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/fixtures/crash-mid-fork.ts', dbFile, ex.id, String(upTo)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    const signal = await new Promise<NodeJS.Signals | null>((done) => child.on('exit', (_code, sig) => done(sig)));
    expect({ signal, out, err }).toMatchObject({ signal: 'SIGKILL', out: 'crashing\n' });
    // The row, the code and the history it had written inside the transaction are all gone.
    expect(stored(`${ex.id}-fork-2`)).toEqual(nothingOf);
    const db = new Database(dbFile, { readonly: true });
    expect(db.prepare('SELECT count(*) AS n FROM join_codes WHERE code = ?').get(hashJoinCode('CRSH-CRSH-CRSH-CRSH'))).toEqual({ n: 0 });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
    // The server goes on: its next fork takes the number the dead process did not keep.
    const next = await fork(ex.id, ex.codes.controller, 11 * MIN);
    expect(next.status).toBe(201);
    expect(stored(`${ex.id}-fork-2`).row).toMatchObject({ status: 'paused', forkOf: ex.id, forkAt: 11 * MIN });
    second = next.body;
  }, 120_000);
});

/**
 * The same exercises in a database as the code before migration 0006 made it: a file migrated with
 * the migrations below 0006 only, and every row of `from` copied into its columns.
 */
function databaseBefore0006(from: string): string {
  const dir = join(tmpDir(), 'migrations-0005');
  mkdirSync(dir);
  for (const f of readdirSync(MIGRATIONS_DIR)) if (/^\d{4}-/.test(f) && Number(f.slice(0, 4)) < 6) copyFileSync(join(MIGRATIONS_DIR, f), join(dir, f));
  const file = join(tmpDir(), 'old.db');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  migrate(db, dir);
  expect(db.prepare("SELECT count(*) AS n FROM pragma_table_info('exercises') WHERE name = 'fork_of'").get()).toEqual({ n: 0 });
  db.pragma('foreign_keys = OFF');
  db.prepare('ATTACH DATABASE ? AS newer').run(from);
  const tables = (db.prepare("SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations'").all() as { name: string }[]).map((t) => t.name);
  for (const t of tables) {
    const cols = (db.prepare(`SELECT name FROM pragma_table_info('${t}')`).all() as { name: string }[]).map((c) => `"${c.name}"`).join(', ');
    db.exec(`INSERT INTO main."${t}" (${cols}) SELECT ${cols} FROM newer."${t}"`);
  }
  db.exec('DETACH DATABASE newer');
  // Two more rows of that time: a fork whose origin is not in this file, and a drill whose scenario is called "fork".
  const insert = db.prepare("INSERT INTO exercises (id, scenario_id, region_id, seed, mode, status, created_at) VALUES (?, 'x', 'demo-county', 1, 'auto', 'stopped', '2026-01-01T00:00:00.000Z')");
  insert.run('ex-gone-1-fork-1');
  insert.run('ex-fork-7-1');
  db.close();
  return file;
}

describe('databases from before the fork column', () => {
  it('migrate on opening: forks named <origin>-fork-<n> get their origin, other exercises none', async () => {
    await s!.close();
    s = undefined;
    const old = databaseBefore0006(dbFile);
    s = await testServer({ dbFile: old });
    expect(s.logs.some((l) => /could not be recovered/.test(l))).toBe(false);
    const db = new Database(old, { readonly: true });
    expect((db.prepare('SELECT name FROM schema_migrations ORDER BY version').all() as { name: string }[]).map((m) => m.name)).toContain('0006-fork-origin.sql');
    const links = Object.fromEntries((db.prepare('SELECT id, fork_of AS forkOf, fork_at AS forkAt FROM exercises').all() as { id: string; forkOf: string | null; forkAt: number | null }[]).map((r) => [r.id, [r.forkOf, r.forkAt]]));
    db.close();
    expect(links).toEqual({
      [ex.id]: [null, null],
      [`${ex.id}-fork-1`]: [ex.id, null],
      [`${ex.id}-fork-1-fork-1`]: [`${ex.id}-fork-1`, null],
      [`${ex.id}-fork-2`]: [ex.id, null],
      'ex-gone-1-fork-1': [null, null],
      'ex-fork-7-1': [null, null],
    });
    // The migrated fork is recovered paused, listed with its origin, and still reported beside it.
    const listed = (await api(s.url, '/api/exercises?all=1')).body.exercises as any[];
    expect(listed.find((e) => e.id === second.id)).toMatchObject({ forkOf: ex.id, status: 'paused', simTime: 11 * MIN });
    expect(listed.find((e) => e.id === ex.id).forkOf).toBeUndefined();
    expect(listed.find((e) => e.id === 'ex-fork-7-1').forkOf).toBeUndefined();
    const report = await api(s.url, `/api/exercises/${second.id}/report?format=json`, { code: second.codes.controller });
    expect(report.body.comparison.originalId).toBe(ex.id);
    // New forks in the migrated file store their origin and time as usual.
    const third = await fork(ex.id, ex.codes.controller, 5 * MIN);
    expect(third.body.id).toBe(`${ex.id}-fork-3`);
    expect((await api(s.url, `/api/exercises/${third.body.id}`, { code: third.body.codes.controller })).body).toMatchObject({ forkOf: ex.id, forkAt: 5 * MIN });
  }, 180_000);
});
