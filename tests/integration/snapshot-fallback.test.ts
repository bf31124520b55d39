// A snapshot that cannot be used is only a slower restart: a real exercise host runs a busy year at
// high speed on a real SQLite file, taking periodic snapshots, and "dies" (timers stopped, nothing
// more stored). Then the latest snapshot is damaged in the file (cut short, or its engine state
// altered so it no longer matches its digest): the restart says so, resumes from the snapshot before
// it plus the log, and reaches the state digest a whole replay of the log gives. With every snapshot
// damaged it replays the whole log, to the same digest.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { loadWorld } from '../../server/scenario/load-world.ts';
import { loadScenario } from '../../server/scenario/load-scenario.ts';
import { openDatabase } from '../../server/store/open-database.ts';
import { createExerciseStore, type ExerciseStore } from '../../server/store/exercise-store.ts';
import { exerciseEngineConfig, newExerciseEngine, rebuildFromLog } from '../../server/api/exercise-engine.ts';
import { DEFAULT_TIMING, ExerciseHost } from '../../server/api/exercise-host.ts';
import { createEngine } from '../../server/engine/engine.ts';
import type { EngineConfig } from '../../server/engine/types.ts';
import type { DomainEvent } from '../../shared/events.ts';

const world = loadWorld({});
const scenario = loadScenario('scenarios/normal-year.yaml', world);
const config: EngineConfig = exerciseEngineConfig(world, scenario, 7, 'auto');

let db: Database.Database;
let store: ExerciseStore;
let id: string;
let log: DomainEvent[];
let snapSeqs: number[];
const lines: string[] = [];
const deps = () => ({ record: store.get(id)!, world, config, store, out: { to: () => ({ emit() {} }) }, timing: { ...DEFAULT_TIMING, snapshotEvents: 100, heartbeatMs: 600_000 }, log: (l: string) => { lines.push(l); } });

beforeAll(async () => {
  db = openDatabase(join(mkdtempSync(join(tmpdir(), 'snapshot-fallback-')), 'x.db'));
  store = createExerciseStore(db);
  const { engine, first } = newExerciseEngine(config);
  id = store.create({ prefix: 'ex', name: 'fallback', scenarioId: 'normal-year', scenarioSource: readFileSync('scenarios/normal-year.yaml', 'utf8'), regionId: world.region.id, seed: 7, mode: 'auto', speed: 500_000, isDemo: false }, [], first);
  const host = ExerciseHost.created(deps(), engine, first);
  host.start();
  const count = () => (db.prepare('SELECT COUNT(*) AS n FROM snapshots WHERE exercise_id = ?').get(id) as { n: number }).n;
  for (let i = 0; i < 400 && count() < 4; i++) await new Promise((r) => setTimeout(r, 50));
  host.close(); // the process dies: no pause, no final snapshot
  log = store.events.read(id);
  snapSeqs = (db.prepare('SELECT seq FROM snapshots WHERE exercise_id = ? ORDER BY seq').all(id) as { seq: number }[]).map((r) => r.seq);
}, 60_000);

afterAll(() => db.close());

/** What the exercise must come back to: the whole stored log replayed, paused where it was last stored. */
function expectedDigest(): { digest: string; at: number } {
  const at = store.get(id)!.simTime;
  return { digest: rebuildFromLog(config, log, Math.max(at, log.at(-1)!.t)).engine.digest(), at };
}

function recover(): ExerciseHost {
  lines.length = 0;
  const back = ExerciseHost.fromLog(deps());
  back.close();
  return back;
}

describe('snapshot fallback', () => {
  it('the stored snapshots hold the engine digest itself (not a hash of it), equal to a replay of the log up to them', () => {
    expect(snapSeqs.length).toBeGreaterThanOrEqual(4);
    const row = db.prepare('SELECT seq, sim_time AS simTime, state, digest FROM snapshots WHERE exercise_id = ? AND seq = ?').get(id, snapSeqs[1]) as { seq: number; simTime: number; state: string; digest: string };
    const upTo = log.filter((e) => e.seq <= row.seq);
    const replayed = rebuildFromLog(config, upTo, row.simTime);
    expect(replayed.extra).toEqual([]);
    expect(row.digest).toBe(replayed.engine.digest());
    expect(JSON.parse(row.state).engine.digest).toBe(row.digest);
    // …and the engine restored from it has that digest too.
    expect(createEngine({ ...config, restore: JSON.parse(row.state).engine }).digest()).toBe(row.digest);
  });

  it('a latest snapshot cut short in the file: resumed from the one before it plus the log, same state digest', () => {
    const [latest, previous] = [snapSeqs.at(-1)!, snapSeqs.at(-2)!];
    const keep = (db.prepare('SELECT state FROM snapshots WHERE exercise_id = ? AND seq = ?').get(id, latest) as { state: string }).state;
    db.prepare('UPDATE snapshots SET state = substr(state, 1, 200) WHERE exercise_id = ? AND seq = ?').run(id, latest);
    try {
      const back = recover();
      expect(lines).toContainEqual(expect.stringMatching(new RegExp(`snapshot at seq ${latest} not used \\(.*JSON.*\\); trying the one before it`)));
      expect(lines).toContainEqual(`exercise ${id}: resumed from the snapshot at seq ${previous}, replayed ${log.filter((e) => e.seq > previous).length} stored events`);
      const want = expectedDigest();
      expect(back.seq).toBe(log.at(-1)!.seq);
      expect(back.status).toBe('paused');
      expect(back.checkpoint!.digest).toBe(want.digest);
    } finally {
      db.prepare('UPDATE snapshots SET state = ? WHERE exercise_id = ? AND seq = ?').run(keep, id, latest);
    }
  });

  it('a latest snapshot whose engine state was altered (valid JSON, wrong digest): refused, the one before it used, same digest', () => {
    const [latest, previous] = [snapSeqs.at(-1)!, snapSeqs.at(-2)!];
    const keep = (db.prepare('SELECT state FROM snapshots WHERE exercise_id = ? AND seq = ?').get(id, latest) as { state: string }).state;
    const altered = JSON.parse(keep);
    altered.engine.now += 1; // one ms later: the state no longer reproduces the stored digest
    db.prepare('UPDATE snapshots SET state = ? WHERE exercise_id = ? AND seq = ?').run(JSON.stringify(altered), id, latest);
    try {
      const back = recover();
      expect(lines).toContainEqual(expect.stringMatching(new RegExp(`snapshot at seq ${latest} not used \\(.*digest.*\\); trying the one before it`)));
      expect(lines).toContainEqual(expect.stringContaining(`resumed from the snapshot at seq ${previous},`));
      expect(back.checkpoint!.digest).toBe(expectedDigest().digest);
    } finally {
      db.prepare('UPDATE snapshots SET state = ? WHERE exercise_id = ? AND seq = ?').run(keep, id, latest);
    }
  });

  it('every snapshot damaged: the whole log is replayed, same digest; with the snapshots intact the latest is used', () => {
    const all = db.prepare('SELECT seq, state FROM snapshots WHERE exercise_id = ?').all(id) as { seq: number; state: string }[];
    db.prepare("UPDATE snapshots SET state = '{' WHERE exercise_id = ?").run(id);
    try {
      const back = recover();
      expect(lines.filter((l) => l.includes('not used'))).toHaveLength(3);
      expect(lines).toContainEqual(`exercise ${id}: 3 snapshots tried; replaying the whole log`);
      expect(lines.some((l) => l.includes('resumed from the snapshot'))).toBe(false);
      expect(back.checkpoint!.digest).toBe(expectedDigest().digest);
    } finally {
      for (const s of all) db.prepare('UPDATE snapshots SET state = ? WHERE exercise_id = ? AND seq = ?').run(s.state, id, s.seq);
    }
    const back = recover();
    expect(lines).toContainEqual(expect.stringContaining(`resumed from the snapshot at seq ${snapSeqs.at(-1)},`));
    expect(back.checkpoint!.digest).toBe(expectedDigest().digest);
  });
});
