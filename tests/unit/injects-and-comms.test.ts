// The controller's levers besides roads: the scenario's inject timeline (each scripted call fires on
// time, or early when the controller fires it, or never when skipped) and communications outages
// (a station whose comms are cut cannot be given dispatch orders; units already out carry on).
// On the mini world (great-circle travel): these rules do not depend on roads.
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../server/engine/engine.ts';
import { replay } from '../../server/engine/replay.ts';
import type { Engine, EngineConfig } from '../../server/engine/types.ts';
import { CommandSchema, type Actor, type CommandErrorCode, type CommandInput } from '../../shared/commands.ts';
import type { DomainEvent, EventOf } from '../../shared/events.ts';
import { ScenarioSchema } from '../../shared/schemas/scenario.ts';
import { applyEvent, createBoardState } from '../../shared/board-state.ts';
import { SITE, STATION, UNIT, miniScenario, miniWorld, type MiniScenarioOptions } from '../fixtures/mini-world.ts';
import { expectOnlyRefusal, stateApartFromSeq } from '../fixtures/refused-command.ts';

const MIN = 60_000;
const controller: Actor = { role: 'controller' };
const commander: Actor = { role: 'commander' };

const CALLS: MiniScenarioOptions['calls'] = [
  { at: '10m', type: 'building-fire', location: SITE.districtANearB, description: 'shop fire' },
  { id: 'chem-leak', at: '30m', type: 'hazmat', location: SITE.township, description: 'tanker leak' },
  { at: '1h', type: 'vehicle-fire', location: SITE.nearMicro, description: 'car on fire' },
];

function exercise(opts: MiniScenarioOptions = {}): { engine: Engine; log: DomainEvent[]; config: EngineConfig } {
  const config: EngineConfig = { world: miniWorld(), scenario: miniScenario({ calls: CALLS, ...opts }) };
  const engine = createEngine(config);
  return { engine, log: [...engine.start()], config };
}

function run(x: { engine: Engine; log: DomainEvent[] }, input: CommandInput, by: Actor = controller): { events: DomainEvent[]; incidentId?: string } {
  const { result, events } = x.engine.apply(CommandSchema.parse(input), by);
  if (!result.ok) throw new Error(`${input.type} refused: ${result.error.message}`);
  x.log.push(...events);
  return { events, ...(result.incidentId ? { incidentId: result.incidentId } : {}) };
}

function refused(x: { engine: Engine; log: DomainEvent[] }, input: CommandInput, code: CommandErrorCode, message: RegExp, by: Actor = controller): void {
  const before = stateApartFromSeq(x.engine);
  const { result, events } = x.engine.apply(CommandSchema.parse(input), by);
  expect(result.ok).toBe(false);
  if (!result.ok) {
    expect(result.error.code).toBe(code);
    expect(result.error.message).toMatch(message);
    expectOnlyRefusal(events, code, result.error.message);
  }
  x.log.push(...events);
  expect(stateApartFromSeq(x.engine)).toBe(before);
}

const ofType = <T extends DomainEvent['type']>(events: readonly DomainEvent[], type: T) => events.filter((e): e is EventOf<T> => e.type === type);

describe('injects', () => {
  it('each scripted call is a pending inject with a stable id, listed for the controller in firing order', () => {
    const x = exercise();
    expect(x.engine.view().injects.map((i) => [i.id, i.at, i.type, i.description])).toEqual([
      ['inj-1', 10 * MIN, 'building-fire', 'shop fire'],
      ['chem-leak', 30 * MIN, 'hazmat', 'tanker leak'],
      ['inj-3', 60 * MIN, 'vehicle-fire', 'car on fire'],
    ]);
    expect(x.engine.view().injects[1]!.location).toEqual(SITE.township);
  });

  it('fires on time with INJECT_FIRED (early: false) naming the incident its call opened', () => {
    const x = exercise();
    const events = x.engine.advanceTo(10 * MIN);
    const fired = ofType(events, 'INJECT_FIRED');
    const call = ofType(events, 'CALL_RECEIVED');
    expect(fired.map((e) => [e.injectId, e.early, e.t])).toEqual([['inj-1', false, 10 * MIN]]);
    expect(call.map((e) => [e.incidentId, e.source, e.description])).toEqual([[fired[0]!.incidentId, 'scripted', 'shop fire']]);
    expect(x.engine.view().injects.map((i) => i.id)).toEqual(['chem-leak', 'inj-3']);
  });

  it('FIRE_INJECT fires a pending one now (early: true) and it does not fire again at its time; SKIP_INJECT cancels one', () => {
    const x = exercise();
    x.log.push(...x.engine.advanceTo(5 * MIN));
    const early = run(x, { type: 'FIRE_INJECT', injectId: 'chem-leak' });
    expect(ofType(early.events, 'INJECT_FIRED').map((e) => [e.injectId, e.early, e.t])).toEqual([['chem-leak', true, 5 * MIN]]);
    expect(ofType(early.events, 'CALL_RECEIVED').map((e) => [e.incidentId, e.source, e.description])).toEqual([[early.incidentId, 'scripted', 'tanker leak']]);
    expect(ofType(run(x, { type: 'SKIP_INJECT', injectId: 'inj-3' }).events, 'INJECT_SKIPPED').map((e) => [e.injectId, e.by])).toEqual([['inj-3', 'controller']]);
    expect(x.engine.view().injects.map((i) => i.id)).toEqual(['inj-1']);
    refused(x, { type: 'FIRE_INJECT', injectId: 'chem-leak' }, 'not-allowed-in-state', /inject chem-leak was already fired/);
    refused(x, { type: 'SKIP_INJECT', injectId: 'inj-3' }, 'not-allowed-in-state', /already skipped/);
    refused(x, { type: 'FIRE_INJECT', injectId: 'inj-9' }, 'not-found', /no inject inj-9 in this scenario \(pending: inj-1\)/);
    // Over the whole timeline: inj-1 on time, chem-leak only the once, inj-3 never.
    x.log.push(...x.engine.advanceTo(2 * 60 * MIN));
    expect(ofType(x.log, 'INJECT_FIRED').map((e) => [e.injectId, e.early])).toEqual([['chem-leak', true], ['inj-1', false]]);
    expect(ofType(x.log, 'CALL_RECEIVED').length).toBe(2);
    // The board folds the same.
    const board = createBoardState([], 'manual');
    for (const e of x.log) applyEvent(board, e);
    expect(board.firedInjects).toEqual(['chem-leak', 'inj-1']);
    expect(board.skippedInjects).toEqual(['inj-3']);
    // Replaying the log (the controller's commands are in it) rebuilds the same state.
    const again = replay(x.config, x.log, x.engine.now);
    expect(JSON.stringify(again.events)).toBe(JSON.stringify(x.log));
    expect(again.engine.digest()).toBe(x.engine.digest());
  });

  it('are the controller\'s (or the scenario\'s): a commander or an observer is refused', () => {
    const x = exercise();
    refused(x, { type: 'FIRE_INJECT', injectId: 'inj-1' }, 'forbidden', /exercise controller/, commander);
    refused(x, { type: 'SKIP_INJECT', injectId: 'inj-1' }, 'forbidden', /observer may not/, { role: 'observer' });
    expect(run(x, { type: 'FIRE_INJECT', injectId: 'inj-1' }, { role: 'scenario' }).incidentId).toBe('INC-00001');
  });

  it('scenario files: ids must be unique, counting the default ones', () => {
    const parsed = ScenarioSchema.safeParse({ ...miniScenario(), calls: [{ at: '1m', type: 'building-fire', location: SITE.nearMicro }, { id: 'inj-1', at: '2m', type: 'building-fire', location: SITE.nearMicro }] });
    expect(parsed.success).toBe(false);
    if (!parsed.success) {
      expect(parsed.error.issues[0]!.path).toEqual(['calls', 1, 'id']);
      expect(parsed.error.issues[0]!.message).toMatch(/inject id "inj-1" is already used by scripted call 1/);
    }
  });
});

describe('comms outage', () => {
  function fireAt(x: { engine: Engine; log: DomainEvent[] }, at = SITE.districtAFarFromMicro): string {
    const id = run(x, { type: 'RECEIVE_CALL', location: at, incidentType: 'building-fire' }).incidentId!;
    run(x, { type: 'TRIAGE_CALL', incidentId: id, incidentType: 'building-fire', grade: 1 }, commander);
    return id;
  }

  it('a station whose comms are cut gets no orders until they return; its units already out carry on', () => {
    const x = exercise({ calls: [] });
    const first = fireAt(x);
    // A-SG1 is sent before the outage.
    run(x, { type: 'DISPATCH_UNITS', incidentId: first, unitIds: [UNIT.A_SG1] }, commander);
    const cut = run(x, { type: 'SET_COMMS_OUTAGE', stationId: STATION.A, on: true, note: 'exchange flooded' }).events;
    expect(ofType(cut, 'COMMS_OUTAGE_STARTED').map((e) => [e.stationId, e.note, e.by])).toEqual([[STATION.A, 'exchange flooded', 'controller']]);
    expect(x.engine.view().commsOut).toEqual([STATION.A]);
    // A second fire in A's district: A is its home station, yet none of A's units is recommended.
    const second = fireAt(x);
    const rec = x.engine.recommend(second)!;
    expect(rec.units.length).toBeGreaterThan(0);
    expect(rec.units.filter((u) => u.stationId === STATION.A)).toEqual([]);
    refused(x, { type: 'DISPATCH_UNITS', incidentId: second, unitIds: [UNIT.A_SG2] }, 'unit-unavailable', /communications of station stn-a are cut/, commander);
    // The unit already out arrives as planned.
    x.log.push(...x.engine.advanceTo(x.engine.now + 20 * MIN));
    expect(ofType(x.log, 'UNIT_ARRIVED').map((e) => e.unitId)).toContain(UNIT.A_SG1);
    refused(x, { type: 'SET_COMMS_OUTAGE', stationId: STATION.A, on: true }, 'not-allowed-in-state', /already cut/);
    refused(x, { type: 'SET_COMMS_OUTAGE', stationId: 'stn-x', on: true }, 'not-found', /no station stn-x/);
    refused(x, { type: 'SET_COMMS_OUTAGE', stationId: STATION.B, on: true }, 'forbidden', /controller/, commander);
    // Restored: A's units are recommended and can be sent again.
    expect(ofType(run(x, { type: 'SET_COMMS_OUTAGE', stationId: STATION.A, on: false }).events, 'COMMS_OUTAGE_ENDED').length).toBe(1);
    expect(x.engine.recommend(second)!.units.some((u) => u.stationId === STATION.A)).toBe(true);
    run(x, { type: 'DISPATCH_UNITS', incidentId: second, unitIds: [UNIT.A_SG2] }, commander);
    const board = createBoardState([], 'manual');
    for (const e of x.log) applyEvent(board, e);
    expect(board.commsOut).toEqual([]);
  });

  it('auto mode: an incident left short while comms were down is served when they return', () => {
    const x = exercise({ calls: [], mode: 'auto' });
    for (const s of [STATION.A, STATION.B, STATION.S, STATION.T, STATION.M, STATION.N, STATION.P]) run(x, { type: 'SET_COMMS_OUTAGE', stationId: s, on: true });
    run(x, { type: 'RECEIVE_CALL', location: SITE.districtAFarFromMicro, incidentType: 'building-fire' });
    x.log.push(...x.engine.advanceTo(5 * MIN));
    expect(ofType(x.log, 'UNIT_DISPATCHED')).toEqual([]);
    expect(ofType(x.log, 'DISPATCH_SHORTFALL').length).toBe(1);
    run(x, { type: 'SET_COMMS_OUTAGE', stationId: STATION.A, on: false });
    expect(ofType(x.log, 'UNIT_DISPATCHED').map((e) => x.engine.view().units.find((u) => u.id === e.unitId)!.stationId)).toContain(STATION.A);
  });
});
