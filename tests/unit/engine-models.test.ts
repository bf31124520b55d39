// The engine's plug-in point for models that change the world over time (server/engine/README.md):
// a model registers its state, its timers (named by its own ids) and its reactions, and its state is
// in the canonical state, the digest, snapshots and restore by construction. Shown with a small
// model written here ("aftershock": every building fire brings a second call from the same place
// 20 minutes later) and with the built-in comms-outage model's timed outages.
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../server/engine/engine.ts';
import type { Engine, EngineConfig, EngineModel } from '../../server/engine/types.ts';
import { receiveCall } from '../../server/engine/domain/call-handling.ts';
import { CommandSchema, type Actor, type CommandInput } from '../../shared/commands.ts';
import type { DomainEvent } from '../../shared/events.ts';
import { SITE, STATION, UNIT, miniScenario, miniWorld } from '../fixtures/mini-world.ts';

const MIN = 60_000;
const controller: Actor = { role: 'controller' };
const commander: Actor = { role: 'commander' };

interface AftershockState { waiting: { incidentId: string; at: number }[]; rung: number }

const aftershock: EngineModel<AftershockState> = {
  id: 'aftershock',
  initialState: () => ({ waiting: [], rung: 0 }),
  reactions: {
    callReceived(ctx, inc) {
      if (inc.trueType !== 'building-fire' || inc.source === 'controller') return;
      const at = ctx.sim.now + 20 * MIN;
      ctx.state.waiting.push({ incidentId: inc.id, at });
      ctx.schedule(at, inc.id);
    },
  },
  onTimer(ctx, incidentId) {
    const w = ctx.state.waiting.find((x) => x.incidentId === incidentId);
    if (!w) return;
    ctx.state.waiting = ctx.state.waiting.filter((x) => x !== w);
    ctx.state.rung++;
    const first = ctx.sim.incidents.get(incidentId)!;
    receiveCall(ctx.sim, { source: 'controller', type: 'vehicle-fire', location: first.location, description: `aftershock of ${incidentId}` });
  },
};

const CALLS = [
  { at: '10m', type: 'building-fire' as const, location: SITE.districtANearB, description: 'shop fire' },
  { at: '40m', type: 'building-fire' as const, location: SITE.township, description: 'barn fire' },
];

function config(models: EngineModel<AftershockState>[] = [aftershock]): EngineConfig {
  return { world: miniWorld(), scenario: miniScenario({ calls: CALLS, mode: 'auto', duration: '3h' }), models };
}

function runTo(engine: Engine, log: DomainEvent[], t: number): void {
  log.push(...engine.advanceTo(t));
}

describe('a model registered through EngineConfig.models', () => {
  it('reacts to calls, rings its own timers by name, and its state is in the canonical state', () => {
    const engine = createEngine(config());
    const log = [...engine.start()];
    runTo(engine, log, 15 * MIN);
    expect(JSON.parse(engine.canonicalState()).models).toContainEqual(['aftershock', { waiting: [{ incidentId: 'INC-00001', at: 30 * MIN }], rung: 0 }]);
    runTo(engine, log, 3 * 60 * MIN);
    const calls = log.filter((e) => e.type === 'CALL_RECEIVED');
    expect(calls.map((e) => [e.t, e.type === 'CALL_RECEIVED' && e.description])).toEqual([
      [10 * MIN, 'shop fire'],
      [30 * MIN, 'aftershock of INC-00001'],
      [40 * MIN, 'barn fire'],
      [60 * MIN, 'aftershock of INC-00003'],
    ]);
    expect(JSON.parse(engine.canonicalState()).models).toContainEqual(['aftershock', { waiting: [], rung: 2 }]);
  });

  it('a snapshot holds its state and its pending timer; the restored engine continues with the same events', () => {
    const a = createEngine(config());
    const logA = [...a.start()];
    runTo(a, logA, 45 * MIN); // the second aftershock is waiting on the queue
    const snap = JSON.parse(JSON.stringify(a.snapshot()));
    expect(snap.models).toContainEqual(['aftershock', { waiting: [{ incidentId: 'INC-00003', at: 60 * MIN }], rung: 1 }]);
    expect(snap.digest).toMatch(/^[0-9a-f]{64}$/); // a hash, not the canonical state a second time
    expect(JSON.stringify(snap)).not.toContain(a.canonicalState());

    const b = createEngine({ ...config(), restore: snap });
    expect(b.digest()).toBe(a.digest());
    const restA: DomainEvent[] = [];
    const restB: DomainEvent[] = [];
    runTo(a, restA, 3 * 60 * MIN);
    runTo(b, restB, 3 * 60 * MIN);
    expect(restB).toEqual(restA);
    expect(restA.some((e) => e.type === 'CALL_RECEIVED' && e.description === 'aftershock of INC-00003')).toBe(true);
    expect(b.digest()).toBe(a.digest());
  });

  it('a snapshot is refused by an engine without the model', () => {
    const a = createEngine(config());
    a.start();
    a.advanceTo(15 * MIN);
    expect(() => createEngine({ ...config([]), restore: a.snapshot() })).toThrow(/taken with another models/);
  });
});

describe('comms outages (the built-in comms-outage model)', () => {
  const cmd = (engine: Engine, input: CommandInput, by: Actor = controller) => engine.apply(CommandSchema.parse(input), by);

  it('an outage with a duration ends by itself, and the station takes orders again', () => {
    const engine = createEngine({ world: miniWorld(), scenario: miniScenario({ mode: 'manual', duration: '2h' }) });
    engine.start();
    const start = cmd(engine, { type: 'SET_COMMS_OUTAGE', stationId: STATION.A, on: true, note: 'radio mast down', durationMs: 30 * MIN });
    expect(start.events.find((e) => e.type === 'COMMS_OUTAGE_STARTED')).toMatchObject({ stationId: STATION.A, until: 30 * MIN });
    expect(engine.view().commsOut).toEqual([STATION.A]);
    const call = cmd(engine, { type: 'RECEIVE_CALL', incidentType: 'building-fire', location: SITE.districtANearB, description: 'fire' });
    const incidentId = call.result.ok ? call.result.incidentId! : '';
    cmd(engine, { type: 'TRIAGE_CALL', incidentId, incidentType: 'building-fire', grade: 1 }, commander);
    expect(cmd(engine, { type: 'DISPATCH_UNITS', incidentId, unitIds: [UNIT.A_SG1] }, commander).result.ok).toBe(false);

    const ended = engine.advanceTo(30 * MIN);
    expect(ended.filter((e) => e.type === 'COMMS_OUTAGE_ENDED')).toEqual([expect.objectContaining({ t: 30 * MIN, stationId: STATION.A, by: 'system' })]);
    expect(engine.view().commsOut).toEqual([]);
    expect(cmd(engine, { type: 'DISPATCH_UNITS', incidentId, unitIds: [UNIT.A_SG1] }, commander).result.ok).toBe(true);
  });

  it('restored early and cut again without a duration: the first outage\'s timer ends nothing', () => {
    const engine = createEngine({ world: miniWorld(), scenario: miniScenario({ mode: 'manual', duration: '2h' }) });
    engine.start();
    cmd(engine, { type: 'SET_COMMS_OUTAGE', stationId: STATION.B, on: true, durationMs: 30 * MIN });
    engine.advanceTo(10 * MIN);
    cmd(engine, { type: 'SET_COMMS_OUTAGE', stationId: STATION.B, on: false });
    cmd(engine, { type: 'SET_COMMS_OUTAGE', stationId: STATION.B, on: true });
    expect(engine.advanceTo(60 * MIN).filter((e) => e.type === 'COMMS_OUTAGE_ENDED')).toEqual([]);
    expect(engine.view().commsOut).toEqual([STATION.B]);
  });

  it('only the exercise controller cuts comms', () => {
    const engine = createEngine({ world: miniWorld(), scenario: miniScenario({ mode: 'manual' }) });
    engine.start();
    const r = cmd(engine, { type: 'SET_COMMS_OUTAGE', stationId: STATION.A, on: true }, commander);
    expect(r.result.ok).toBe(false);
    if (!r.result.ok) expect(r.result.error.code).toBe('forbidden');
  });
});

describe('closing in manual mode is the players\' decision', () => {
  const cmd = (engine: Engine, input: CommandInput, by: Actor = commander) => engine.apply(CommandSchema.parse(input), by);

  function fireUnderControl(mode: 'manual' | 'auto') {
    const engine = createEngine({ world: miniWorld(), scenario: miniScenario({ mode, duration: '8h' }) });
    engine.start();
    const call = cmd(engine, { type: 'RECEIVE_CALL', incidentType: 'building-fire', location: SITE.districtANearB, description: 'shop fire', size: 10, trapped: 0 }, controller);
    const incidentId = call.result.ok ? call.result.incidentId! : '';
    if (mode === 'manual') {
      cmd(engine, { type: 'TRIAGE_CALL', incidentId, incidentType: 'building-fire', grade: 1 });
      expect(cmd(engine, { type: 'DISPATCH_RECOMMENDED', incidentId }).result.ok).toBe(true);
    }
    const log = engine.advanceTo(4 * 60 * MIN);
    return { engine, incidentId, log };
  }

  it('manual: after overhaul the scene reports it; the incident stays open with its units until the commander closes it', () => {
    const { engine, incidentId, log } = fireUnderControl('manual');
    const done = log.filter((e) => e.type === 'OVERHAUL_COMPLETED');
    expect(done).toEqual([expect.objectContaining({ incidentId })]);
    expect(log.some((e) => e.type === 'INCIDENT_CLOSED')).toBe(false);
    const inc = engine.view().incidents.find((i) => i.id === incidentId)!;
    expect(inc.status).toBe('underControl');
    expect(inc.unitIds.length).toBeGreaterThan(0);
    expect(engine.advanceTo(7 * 60 * MIN).some((e) => e.type === 'INCIDENT_CLOSED' || e.type === 'OVERHAUL_COMPLETED')).toBe(false);

    const closed = cmd(engine, { type: 'CLOSE_INCIDENT', incidentId });
    expect(closed.events.map((e) => e.type)).toContain('INCIDENT_CLOSED');
    expect(closed.events.filter((e) => e.type === 'UNIT_RELEASED')).toHaveLength(inc.unitIds.length);
  });

  it('auto: the centre closes the incident after overhaul and sends the units home', () => {
    const { log } = fireUnderControl('auto');
    expect(log.some((e) => e.type === 'INCIDENT_CLOSED')).toBe(true);
    expect(log.some((e) => e.type === 'OVERHAUL_COMPLETED')).toBe(false);
  });

  it('switching to auto mode hands over incidents whose overhaul is done: the centre closes them', () => {
    const { engine, incidentId } = fireUnderControl('manual');
    const switched = cmd(engine, { type: 'SET_MODE', mode: 'auto' }, controller);
    expect(switched.events.filter((e) => e.type === 'INCIDENT_CLOSED')).toEqual([expect.objectContaining({ incidentId })]);
  });
});
