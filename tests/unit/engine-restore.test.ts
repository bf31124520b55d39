// Engine snapshots for fast resume: an engine restored from a snapshot (after a JSON round trip,
// as a store would keep it) and given the same commands and advances produces exactly the events
// (seq, t, payload) and the final state of the engine that was never interrupted; a snapshot that
// does not fit the engine is refused.
import { describe, expect, it } from 'vitest';
import { loadWorld } from '../../server/scenario/load-world.ts';
import { loadScenario } from '../../server/scenario/load-scenario.ts';
import { createBackgroundCalls } from '../../server/scenario/call-generator.ts';
import { createEngine } from '../../server/engine/engine.ts';
import type { DomainEvent } from '../../shared/events.ts';
import { legVertices } from '../../shared/leg-track.ts';
import type { Actor, Command } from '../../shared/commands.ts';
import type { Engine, EngineConfig } from '../../server/engine/types.ts';
import type { EngineSnapshot } from '../../server/engine/snapshot.ts';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../server/store/open-database.ts';
import { createExerciseStore } from '../../server/store/exercise-store.ts';
import { exerciseEngineConfig, newExerciseEngine, rebuildFromLog, stateDigest } from '../../server/api/exercise-engine.ts';
import { DEFAULT_TIMING, ExerciseHost } from '../../server/api/exercise-host.ts';

const world = loadWorld({});
const commander: Actor = { role: 'commander', id: 'c1' };
const controller: Actor = { role: 'controller', id: 'x1' };
const roundTrip = (s: EngineSnapshot): EngineSnapshot => JSON.parse(JSON.stringify(s)) as EngineSnapshot;

interface Run { events: DomainEvent[]; snapshots: Map<number, EngineSnapshot>; digest: string }

/**
 * Drives an engine from sim time `from` to the end in `step` advances, letting `act` give commands
 * after each advance; takes a snapshot after the actions at each time in `snapAt`.
 */
function drive(engine: Engine, from: number, step: number, act: (e: Engine, t: number, log: DomainEvent[]) => void, snapAt: readonly number[] = []): Run {
  const events: DomainEvent[] = [];
  const snapshots = new Map<number, EngineSnapshot>();
  const fresh = snapAt.length > 0; // the uninterrupted run starts the engine; resumed ones do not
  if (fresh) events.push(...engine.start());
  for (let t = from; t <= engine.endsAt; t += step) {
    if (t > from || fresh) {
      events.push(...engine.advanceTo(t));
      act(engine, t, events);
    }
    if (snapAt.includes(t)) snapshots.set(t, roundTrip(engine.snapshot()));
  }
  return { events, snapshots, digest: engine.digest() };
}

function expectSameContinuation(config: EngineConfig, full: Run, step: number, act: Parameters<typeof drive>[3]): void {
  expect(full.snapshots.size).toBeGreaterThan(2);
  for (const [t, snap] of full.snapshots) {
    const resumed = createEngine({ ...config, restore: snap });
    expect(resumed.digest()).toBe(snap.digest);
    const rest = drive(resumed, t, step, act);
    const expected = full.events.filter((e) => e.seq > snap.seq);
    expect(rest.events.length, `resumed at ${t}`).toBe(expected.length);
    expect(JSON.stringify(rest.events), `resumed at ${t}`).toBe(JSON.stringify(expected));
    expect(rest.digest, `resumed at ${t}`).toBe(full.digest);
  }
}

describe('engine snapshot and restore', () => {
  it('a normal day in auto mode resumes from any snapshot with the same events and final state', () => {
    const scenario = loadScenario('scenarios/normal-day.yaml', world);
    const config: EngineConfig = { world, scenario, background: createBackgroundCalls(world, scenario) };
    const hour = 3_600_000;
    const quiet = () => {};
    const full = drive(createEngine(config), 0, hour / 4, quiet, [0, 2 * hour, 9 * hour + hour / 4, 17.5 * hour, 24 * hour]);
    expect(full.events.filter((e) => e.type === 'CALL_RECEIVED').length).toBeGreaterThan(2);
    expect(full.events.filter((e) => e.type === 'UNIT_DISPATCHED').length).toBeGreaterThan(2);
    expectSameContinuation(config, full, hour / 4, quiet);
  });

  it('a manual tabletop with closures, an early inject and a comms outage resumes exactly', () => {
    const scenario = loadScenario('scenarios/tabletop-highrise.yaml', world);
    const config: EngineConfig = { world, scenario, background: createBackgroundCalls(world, scenario) };
    const min = 60_000;
    const accept = (e: Engine, cmd: Command, by: Actor, log: DomainEvent[]) => {
      const r = e.apply(cmd, by);
      expect(r.result.ok, `${cmd.type}: ${JSON.stringify(r.result)}`).toBe(true);
      log.push(...r.events);
    };
    // A commander who triages and dispatches every call a minute after it rings; the controller
    // closes a road on an en-route unit's way, fires the second inject early, cuts a station's
    // comms and later restores them and reopens the road.
    const act = (e: Engine, t: number, log: DomainEvent[]) => {
      for (const inc of e.view().incidents) {
        if (inc.status === 'callReceived' && t - inc.receivedAt >= min) {
          accept(e, { type: 'TRIAGE_CALL', incidentId: inc.id, incidentType: inc.type, grade: 1 }, commander, log);
          const r = e.apply({ type: 'DISPATCH_RECOMMENDED', incidentId: inc.id }, commander);
          log.push(...r.events);
        }
      }
      if (t === 8 * min) {
        const driving = e.view().units.find((u) => u.status === 'enRoute' && u.leg && (legVertices(u.leg)?.path.length ?? 0) > 4);
        expect(driving).toBeDefined();
        const path = legVertices(driving!.leg!)!.path;
        accept(e, { type: 'CLOSE_ROAD', area: { kind: 'circle', center: path[Math.floor(path.length * 0.6)]!, radiusM: 80 }, reason: 'collapse', note: '', closureId: 'cut-1' }, controller, log);
      }
      if (t === 30 * min) accept(e, { type: 'FIRE_INJECT', injectId: 'inj-2' }, controller, log);
      if (t === 35 * min) accept(e, { type: 'SET_COMMS_OUTAGE', stationId: world.region.stations[0]!.id, on: true, note: '' }, controller, log);
      if (t === 70 * min) accept(e, { type: 'REOPEN_ROAD', closureId: 'cut-1' }, controller, log);
      if (t === 90 * min) accept(e, { type: 'SET_COMMS_OUTAGE', stationId: world.region.stations[0]!.id, on: false, note: '' }, controller, log);
    };
    const full = drive(createEngine(config), 0, min, act, [0, 6 * min, 8 * min, 31 * min, 50 * min, 95 * min, 150 * min]);
    const types = new Set(full.events.map((e) => e.type));
    for (const t of ['ROAD_CLOSED', 'ROAD_REOPENED', 'INJECT_FIRED', 'UNIT_ARRIVED'] as const) expect(types, t).toContain(t);
    expect(full.events.some((e) => e.type === 'INJECT_FIRED' && e.early)).toBe(true);
    expectSameContinuation(config, full, min, act);
  });

  it('refuses a snapshot taken with another seed or scenario', () => {
    const scenario = loadScenario('scenarios/tabletop-highrise.yaml', world);
    const engine = createEngine({ world, scenario });
    engine.start();
    engine.advanceTo(600_000);
    const snap = roundTrip(engine.snapshot());
    expect(() => createEngine({ world, scenario, seed: scenario.seed + 1, restore: snap })).toThrow(/another seed/);
    const day = loadScenario('scenarios/normal-day.yaml', world);
    expect(() => createEngine({ world, scenario: day, restore: snap })).toThrow(/another/);
    const tampered = { ...snap, seq: snap.seq + 1 };
    expect(() => createEngine({ world, scenario, restore: tampered })).toThrow(/digest/);
    const resumed = createEngine({ world, scenario, restore: snap });
    expect(() => resumed.start()).toThrow(/already started/);
  });

  it('a server that crashes while running resumes from its latest periodic snapshot to the state a whole replay gives', async () => {
    const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'engine-restore-')), 'x.db'));
    const store = createExerciseStore(db);
    const scenario = loadScenario('scenarios/normal-year.yaml', world);
    const config = exerciseEngineConfig(world, scenario, 7, 'auto');
    const { engine, first } = newExerciseEngine(config);
    const source = readFileSync('scenarios/normal-year.yaml', 'utf8');
    const id = store.create({ prefix: 'ex', name: 'restore', scenarioId: 'normal-year', scenarioSource: source, regionId: world.region.id, seed: 7, mode: 'auto', speed: 500_000, isDemo: false }, [], first);
    const lines: string[] = [];
    const deps = () => ({ record: store.get(id)!, world, config, store, out: { to: () => ({ emit() {} }) }, timing: { ...DEFAULT_TIMING, snapshotEvents: 100, heartbeatMs: 600_000 }, log: (l: string) => { lines.push(l); } });
    const host = ExerciseHost.created(deps(), engine, first);
    host.start();
    for (let i = 0; i < 100 && (store.latestSnapshot(id)?.seq ?? 0) < 300; i++) await new Promise((r) => setTimeout(r, 50));
    host.close(); // the process dies: no pause, no final snapshot
    const log = store.events.read(id);
    const snap = store.latestSnapshot(id)!;
    const storedClock = store.get(id)!.simTime; // before the restart stores its own
    expect(snap.seq).toBeGreaterThanOrEqual(300);

    const back = ExerciseHost.fromLog(deps());
    back.close();
    expect(lines.find((l) => l.includes('snapshot'))).toMatch(new RegExp(`resumed from the snapshot at seq (\\d+), replayed ${log.filter((e) => e.seq > snap.seq).length} stored events`));
    expect(back.seq).toBe(log.at(-1)!.seq);
    expect(back.status).toBe('paused');
    // Paused where the server last stored its clock (each stored batch carries the engine's time
    // after it, which can be past the batch's last event), at its last stored event, or at the
    // snapshot when the crash came before any later event: whichever is latest.
    const pausedAt = Math.min(scenario.duration, Math.max(storedClock, snap.seq < log.at(-1)!.seq ? log.at(-1)!.t : Math.max(log.at(-1)!.t, snap.simTime)));
    expect(back.simNow()).toBe(pausedAt);
    expect(back.checkpoint!.digest).toBe(stateDigest(rebuildFromLog(config, log, pausedAt).engine));
    db.close();
  });
});
