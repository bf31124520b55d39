// Dispatch doctrine (DOMAIN.md §5: 就近调度、梯次增援、专业优先) on the mini world, one test per
// rule, each asserting what a dispatcher sees: the recommendation, the UNIT_DISPATCHED events and
// their reasons, refusals and their messages.
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../server/engine/engine.ts';
import type { Engine, Recommendation, RecommendedUnit, World } from '../../server/engine/types.ts';
import { CommandSchema, type Actor, type CommandErrorCode, type CommandInput } from '../../shared/commands.ts';
import type { DomainEvent, EventOf } from '../../shared/events.ts';
import type { Grade } from '../../shared/domain/grades.ts';
import type { IncidentType } from '../../shared/domain/incident-types.ts';
import { haversineM, type LatLon } from '../../shared/geo.ts';
import {
  FIRE_WATER_BY_GRADE, JURISDICTION, LOCAL_WATER_UNITS, SITE, STATION, STATION_LOCATION, UNIT,
  miniScenario, miniWorld, type MiniScenarioOptions,
} from '../fixtures/mini-world.ts';
import { expectOnlyRefusal, stateApartFromSeq } from '../fixtures/refused-command.ts';

const MIN = 60_000;
const controller: Actor = { role: 'controller' };
const commander: Actor = { role: 'commander' };

function startEngine(opts: MiniScenarioOptions & { world?: World } = {}): Engine {
  const engine = createEngine({ world: opts.world ?? miniWorld(), scenario: miniScenario(opts) });
  engine.start();
  return engine;
}

/** Applies a command (validated like at the edge) that must be accepted. */
function accept(engine: Engine, input: CommandInput, by: Actor = commander): { events: DomainEvent[]; incidentId?: string } {
  const { result, events } = engine.apply(CommandSchema.parse(input), by);
  if (!result.ok) throw new Error(`${input.type} refused: ${result.error.code}: ${result.error.message}`);
  return { events, ...(result.incidentId ? { incidentId: result.incidentId } : {}) };
}

/** Applies a command that must be refused with this code and change nothing but log its refusal. */
function expectRefused(engine: Engine, input: CommandInput, code: CommandErrorCode, message: RegExp, by: Actor = commander): void {
  const before = stateApartFromSeq(engine);
  const { result, events } = engine.apply(CommandSchema.parse(input), by);
  expect(result.ok, `${input.type} should be refused`).toBe(false);
  if (result.ok) return;
  expect(result.error.code).toBe(code);
  expect(result.error.command).toBe(input.type);
  expect(result.error.message).toMatch(message);
  expectOnlyRefusal(events, code, result.error.message);
  expect(stateApartFromSeq(engine)).toBe(before);
}

/** A call taken by the controller and triaged with a grade by the commander; returns its id. */
function callAndTriage(engine: Engine, location: LatLon, type: IncidentType, grade: Grade, truth: { size?: number; trapped?: number } = {}): string {
  const { incidentId } = accept(engine, { type: 'RECEIVE_CALL', location, incidentType: type, size: truth.size ?? 30, trapped: truth.trapped ?? 0 }, controller);
  expect(incidentId).toBeDefined();
  accept(engine, { type: 'TRIAGE_CALL', incidentId: incidentId!, incidentType: type, grade });
  return incidentId!;
}

function recommendation(engine: Engine, incidentId: string): Recommendation {
  const rec = engine.recommend(incidentId);
  expect(rec, `recommendation for ${incidentId}`).toBeDefined();
  return rec!;
}

const ofType = <T extends DomainEvent['type']>(events: DomainEvent[], type: T) => events.filter((e): e is EventOf<T> => e.type === type);
const unitsOf = (rec: Recommendation, stationId: string) => rec.units.filter((u) => u.stationId === stationId);
const worldTypeOf = (world: World, unitId: string) => {
  for (const s of world.region.stations) for (const u of s.units) if (u.id === unitId) return world.unitTypes.unitTypes.find((t) => t.code === u.type)!;
  throw new Error(`no unit ${unitId}`);
};
/** Units that bring water as fire engines (micro stations excluded: they are no substitute). */
const waterEngines = (world: World, units: RecommendedUnit[]) =>
  units.filter((u) => u.stationId !== STATION.M && worldTypeOf(world, u.unitId).capabilities.includes('water'));

// ---------------------------------------------------------------------------------------------

describe('dispatch doctrine on the mini world', () => {
  it('the home station (辖区站) is always in the first dispatch, even when another station is nearer', () => {
    const site = SITE.districtANearB;
    expect(haversineM(site, STATION_LOCATION[STATION.B])).toBeLessThan(haversineM(site, STATION_LOCATION[STATION.A]) / 3);
    const engine = startEngine();
    const id = callAndTriage(engine, site, 'building-fire', 1);
    const inc = engine.view().incidents.find((i) => i.id === id)!;
    expect(inc.jurisdictionId).toBe(JURISDICTION.urbanA);
    expect(inc.homeStationId).toBe(STATION.A);

    const rec = recommendation(engine, id);
    const fromA = unitsOf(rec, STATION.A);
    const fromB = unitsOf(rec, STATION.B);
    expect(fromA).toHaveLength(1);
    expect(fromA[0]!.reason).toMatchObject({ need: 'home-station', echelon: 1 });
    expect(fromA[0]!.reason.note).toMatch(/home station stn-a/);
    // B's unit arrives first, yet B does not fill the whole card: A takes the second place.
    expect(fromB).toHaveLength(1);
    expect(fromB[0]!.etaSec).toBeLessThan(fromA[0]!.etaSec);
    expect(waterEngines(miniWorld(), rec.units)).toHaveLength(FIRE_WATER_BY_GRADE[0]);

    const { events } = accept(engine, { type: 'DISPATCH_RECOMMENDED', incidentId: id });
    const dispatched = ofType(events, 'UNIT_DISPATCHED');
    expect(dispatched.map((d) => d.unitId).sort()).toEqual(rec.units.map((u) => u.unitId).sort());
    const home = dispatched.find((d) => d.unitId === fromA[0]!.unitId)!;
    expect(home.reason.need).toBe('home-station');
    expect(home.by).toBe('commander');
  });

  describe('a micro station covering the site goes first', () => {
    it('sends the micro station first for a building fire within its coverage', () => {
      const site = SITE.nearMicro;
      const world = miniWorld();
      expect(haversineM(site, STATION_LOCATION[STATION.M])).toBeLessThanOrEqual(world.doctrine.dispatch.microCoverageRadiusM);
      const engine = startEngine({ world });
      const id = callAndTriage(engine, site, 'building-fire', 1);
      const rec = recommendation(engine, id);
      const micro = rec.units.find((u) => u.unitId === UNIT.M_MICRO);
      expect(micro?.reason).toMatchObject({ need: 'micro-first', echelon: 1 });
      expect(micro!.reason.note).toMatch(/micro station stn-m covers the site/);
      // It is quickest, and it does not replace the engines of the run card.
      expect(rec.units[0]!.unitId).toBe(UNIT.M_MICRO);
      expect(waterEngines(world, rec.units)).toHaveLength(FIRE_WATER_BY_GRADE[0]);

      const { events } = accept(engine, { type: 'DISPATCH_RECOMMENDED', incidentId: id });
      const dispatched = ofType(events, 'UNIT_DISPATCHED');
      expect(dispatched.find((d) => d.unitId === UNIT.M_MICRO)?.reason.need).toBe('micro-first');
      const arrived = ofType(engine.advanceTo(15 * MIN), 'UNIT_ARRIVED').filter((a) => a.incidentId === id);
      expect(arrived[0]?.unitId).toBe(UNIT.M_MICRO);
    });

    it('does not send the micro station when the site is beyond its coverage radius', () => {
      const site = SITE.districtAFarFromMicro;
      const world = miniWorld();
      expect(haversineM(site, STATION_LOCATION[STATION.M])).toBeGreaterThan(world.doctrine.dispatch.microCoverageRadiusM);
      const engine = startEngine({ world });
      const id = callAndTriage(engine, site, 'building-fire', 1);
      const rec = recommendation(engine, id);
      expect(rec.units.length).toBeGreaterThan(0);
      expect(unitsOf(rec, STATION.M)).toEqual([]);
      expect(rec.units.some((u) => u.reason.need === 'micro-first')).toBe(false);
      const { events } = accept(engine, { type: 'DISPATCH_RECOMMENDED', incidentId: id });
      expect(ofType(events, 'UNIT_DISPATCHED').map((d) => d.unitId)).not.toContain(UNIT.M_MICRO);
    });
  });

  it('in the township, the township team goes together with its supervising station', () => {
    const site = SITE.township;
    // The supervising station B is further away than station A: it goes because it supervises.
    expect(haversineM(site, STATION_LOCATION[STATION.B])).toBeGreaterThan(haversineM(site, STATION_LOCATION[STATION.A]));
    const engine = startEngine();
    const id = callAndTriage(engine, site, 'building-fire', 1);
    const inc = engine.view().incidents.find((i) => i.id === id)!;
    expect(inc.jurisdictionId).toBe(JURISDICTION.township);
    expect(inc.homeStationId).toBe(STATION.T);

    const rec = recommendation(engine, id);
    expect(unitsOf(rec, STATION.T).map((u) => [u.unitId, u.reason.need])).toEqual([[UNIT.T_XSG, 'home-station']]);
    const supervising = unitsOf(rec, STATION.B);
    expect(supervising).toHaveLength(1);
    expect(supervising[0]!.reason).toMatchObject({ need: 'supervising-station', echelon: 1 });
    expect(supervising[0]!.reason.note).toMatch(/supervising station stn-b/);

    const { events } = accept(engine, { type: 'DISPATCH_RECOMMENDED', incidentId: id });
    const needs = new Map(ofType(events, 'UNIT_DISPATCHED').map((d) => [d.unitId, d.reason.need]));
    expect(needs.get(UNIT.T_XSG)).toBe('home-station');
    expect(needs.get(supervising[0]!.unitId)).toBe('supervising-station');
  });

  it('specialists first (专业优先): the hazmat need goes to the specialist HJ although a hazmat-capable generic unit is nearer', () => {
    const site = SITE.districtANearB;
    const hazmatNeed = (world: World) => {
      const engine = startEngine({ world });
      const id = callAndTriage(engine, site, 'hazmat', 1, { size: 1 });
      const units = recommendation(engine, id).units.filter((u) => u.reason.need === 'hazmat');
      expect(units).toHaveLength(1);
      return units[0]!;
    };
    const world = miniWorld();
    const chosen = hazmatNeed(world);
    expect(chosen.unitId).toBe(UNIT.S_HJ);
    expect(chosen.reason.echelon).toBe(1);
    expect(chosen.reason.note).toMatch(/specialist for hazmat \(专业优先\)/);

    // Without the tolerance the nearer generic unit (B's rescue vehicle with hazmat kit) would go:
    // the specialist is preferred although it arrives later, within the tolerance.
    const noTolerance = miniWorld();
    noTolerance.doctrine.dispatch.specialistToleranceSeconds = 0;
    const nearest = hazmatNeed(noTolerance);
    expect(nearest.unitId).toBe(UNIT.B_JYH);
    expect(nearest.etaSec).toBeLessThan(chosen.etaSec);
    expect(chosen.etaSec - nearest.etaSec).toBeLessThanOrEqual(world.doctrine.dispatch.specialistToleranceSeconds);
  });

  it('the grade only goes up: a lower or equal grade is refused and changes nothing; a higher one adds units for the higher card', () => {
    const engine = startEngine();
    const id = callAndTriage(engine, SITE.districtAFarFromMicro, 'building-fire', 2);
    accept(engine, { type: 'DISPATCH_RECOMMENDED', incidentId: id });
    const assigned = engine.view().incidents.find((i) => i.id === id)!.unitIds;
    expect(recommendation(engine, id).units).toEqual([]);

    expectRefused(engine, { type: 'RAISE_GRADE', incidentId: id, grade: 1 }, 'grade-not-higher', /only goes up/);
    expectRefused(engine, { type: 'RAISE_GRADE', incidentId: id, grade: 2 }, 'grade-not-higher', /only goes up/);
    expect(engine.view().incidents.find((i) => i.id === id)!.grade).toBe(2);

    const { events } = accept(engine, { type: 'RAISE_GRADE', incidentId: id, grade: 3, reason: 'fire through the roof' });
    expect(ofType(events, 'GRADE_RAISED')).toEqual([expect.objectContaining({ incidentId: id, from: 2, to: 3, by: 'commander', reason: 'fire through the roof' })]);
    expect(engine.view().incidents.find((i) => i.id === id)!.grade).toBe(3);
    // Manual mode: raising the grade dispatches nothing by itself.
    expect(ofType(events, 'UNIT_DISPATCHED')).toEqual([]);

    const rec = recommendation(engine, id);
    expect(rec.grade).toBe(3);
    expect(rec.units.length).toBeGreaterThan(0);
    expect(rec.units.map((u) => u.unitId).filter((u) => assigned.includes(u))).toEqual([]);
    const world = miniWorld();
    const waterNow = waterEngines(world, rec.units).length + assigned.filter((u) => worldTypeOf(world, u).capabilities.includes('water')).length;
    expect(waterNow).toBeGreaterThanOrEqual(FIRE_WATER_BY_GRADE[2]);
    const more = ofType(accept(engine, { type: 'DISPATCH_RECOMMENDED', incidentId: id }).events, 'UNIT_DISPATCHED');
    expect(more.map((d) => d.unitId).sort()).toEqual(rec.units.map((u) => u.unitId).sort());

    // Level 3 is now the floor.
    expectRefused(engine, { type: 'RAISE_GRADE', incidentId: id, grade: 3 }, 'grade-not-higher', /Level 3.*only goes up.*Level 3/);
  });

  it('reinforces in echelons: the neighbouring jurisdiction when local water units are exhausted, then the province', () => {
    const world = miniWorld();
    const engine = startEngine({ world });
    for (const unitId of LOCAL_WATER_UNITS) accept(engine, { type: 'SET_UNIT_OUT_OF_SERVICE', unitId, reason: 'pump maintenance' });

    const first = callAndTriage(engine, SITE.districtAFarFromMicro, 'building-fire', 1);
    const rec1 = recommendation(engine, first);
    const water1 = waterEngines(world, rec1.units);
    expect(water1).toHaveLength(FIRE_WATER_BY_GRADE[0]);
    for (const u of water1) {
      expect(u.stationId).toBe(STATION.N);
      expect(u.reason).toMatchObject({ need: 'water', echelon: 2 });
      expect(u.reason.note).toMatch(/neighbouring jurisdiction: local units exhausted/);
    }
    // What is left locally (the home station's rescue vehicle) still goes as home station.
    for (const u of rec1.units.filter((r) => r.reason.echelon === 1)) expect(u).toMatchObject({ stationId: STATION.A, reason: { need: 'home-station' } });
    const sent1 = ofType(accept(engine, { type: 'DISPATCH_RECOMMENDED', incidentId: first }).events, 'UNIT_DISPATCHED');
    expect(sent1.filter((d) => d.reason.echelon === 2).map((d) => d.unitId).sort()).toEqual([UNIT.N_SG1, UNIT.N_SG2]);

    // Neighbour exhausted too: the province's units come, as echelon 3.
    const second = callAndTriage(engine, SITE.districtANearB, 'building-fire', 1);
    const rec2 = recommendation(engine, second);
    const water2 = waterEngines(world, rec2.units);
    expect(water2.length).toBeGreaterThanOrEqual(FIRE_WATER_BY_GRADE[0]);
    for (const u of water2) {
      expect(u.stationId).toBe(STATION.P);
      expect(u.reason.echelon).toBe(3);
      expect(u.reason.note).toMatch(/provincial reinforcement/);
    }
    expect(water2.filter((u) => u.reason.need === 'water')).toHaveLength(FIRE_WATER_BY_GRADE[0]);
    const sent2 = ofType(accept(engine, { type: 'DISPATCH_RECOMMENDED', incidentId: second }).events, 'UNIT_DISPATCHED');
    expect(sent2.filter((d) => d.reason.echelon === 3).length).toBe(water2.length);
  });

  it('strengthens the first dispatch at night: more water units than the same call by day', () => {
    const world = miniWorld();
    const firstDispatch = (night: boolean) => {
      const engine = startEngine({ world, night });
      const id = callAndTriage(engine, SITE.districtAFarFromMicro, 'building-fire', 1);
      return ofType(accept(engine, { type: 'DISPATCH_RECOMMENDED', incidentId: id }).events, 'UNIT_DISPATCHED');
    };
    const day = firstDispatch(false);
    const night = firstDispatch(true);
    const water = (ds: EventOf<'UNIT_DISPATCHED'>[]) => ds.filter((d) => worldTypeOf(world, d.unitId).capabilities.includes('water'));
    expect(water(night).length).toBe(water(day).length + world.doctrine.dispatch.strengthen.nightExtraWaterUnits);
    expect(day.some((d) => d.reason.need === 'strengthen')).toBe(false);
    const extra = night.filter((d) => d.reason.need === 'strengthen');
    expect(extra).toHaveLength(world.doctrine.dispatch.strengthen.nightExtraWaterUnits);
    expect(extra[0]!.reason.note).toMatch(/^night: first dispatch strengthened/);
  });

  describe('bad commands are refused with a clear message and change nothing', () => {
    it('dispatching an out-of-service unit', () => {
      const engine = startEngine();
      accept(engine, { type: 'SET_UNIT_OUT_OF_SERVICE', unitId: UNIT.A_SG1, reason: 'broken pump' });
      const id = callAndTriage(engine, SITE.districtAFarFromMicro, 'building-fire', 1);
      expect(recommendation(engine, id).units.map((u) => u.unitId)).not.toContain(UNIT.A_SG1);
      expectRefused(engine, { type: 'DISPATCH_UNITS', incidentId: id, unitIds: [UNIT.A_SG1] }, 'unit-unavailable', /unit A-SG1 cannot be dispatched: it is outOfService/);
      // Mixed with an available unit: the whole order is refused, nobody moves.
      expectRefused(engine, { type: 'DISPATCH_UNITS', incidentId: id, unitIds: [UNIT.A_SG2, UNIT.A_SG1] }, 'unit-unavailable', /A-SG1/);
      expectRefused(engine, { type: 'SET_UNIT_OUT_OF_SERVICE', unitId: UNIT.A_SG1 }, 'not-allowed-in-state', /already out of service/);
    });

    it('dispatching a unit that is busy at another incident', () => {
      const engine = startEngine();
      const first = callAndTriage(engine, SITE.districtAFarFromMicro, 'building-fire', 1);
      accept(engine, { type: 'DISPATCH_UNITS', incidentId: first, unitIds: [UNIT.A_SG1] });
      const second = callAndTriage(engine, SITE.nearMicro, 'building-fire', 1);
      expectRefused(engine, { type: 'DISPATCH_UNITS', incidentId: second, unitIds: [UNIT.A_SG1] }, 'unit-unavailable', new RegExp(`turningOut at ${first}`));
    });

    it('acting on a closed incident', () => {
      const engine = startEngine();
      const id = callAndTriage(engine, SITE.districtAFarFromMicro, 'building-fire', 1, { size: 10 });
      accept(engine, { type: 'DISPATCH_RECOMMENDED', incidentId: id });
      // Manual mode: the scene reports overhaul done, and closing is the commander's decision.
      const later = engine.advanceTo(6 * 60 * MIN);
      expect(ofType(later, 'OVERHAUL_COMPLETED').filter((c) => c.incidentId === id)).toHaveLength(1);
      expect(ofType(later, 'INCIDENT_CLOSED').filter((c) => c.incidentId === id)).toHaveLength(0);
      const closed = ofType(accept(engine, { type: 'CLOSE_INCIDENT', incidentId: id }).events, 'INCIDENT_CLOSED');
      expect(closed).toHaveLength(1);
      // Closed with nothing left referring to it, it leaves the engine's live state: the refusals
      // below are answered from its compact record (final status and grade), as they were before.
      expect(engine.view().incidents.find((i) => i.id === id)).toBeUndefined();
      expectRefused(engine, { type: 'DISPATCH_RECOMMENDED', incidentId: id }, 'not-allowed-in-state', /cannot dispatch to incident .* it is closed/);
      expectRefused(engine, { type: 'DISPATCH_UNITS', incidentId: id, unitIds: [UNIT.B_SG1] }, 'not-allowed-in-state', /it is closed/);
      expectRefused(engine, { type: 'RAISE_GRADE', incidentId: id, grade: 4 }, 'not-allowed-in-state', /it is closed/);
      expectRefused(engine, { type: 'REQUEST_REINFORCEMENT', incidentId: id }, 'not-allowed-in-state', /is closed/);
      expectRefused(engine, { type: 'CLOSE_INCIDENT', incidentId: id }, 'not-allowed-in-state', /it is closed/);
      expectRefused(engine, { type: 'CANCEL_INCIDENT', incidentId: id, reason: 'duplicate' }, 'not-allowed-in-state', /it is closed/);
      expectRefused(engine, { type: 'GRADE_INCIDENT', incidentId: id, grade: 2 }, 'not-allowed-in-state', /is closed/);
      expectRefused(engine, { type: 'TRIAGE_CALL', incidentId: id, incidentType: 'building-fire' }, 'not-allowed-in-state', /is closed, already triaged/);
    });

    it('acting on a cancelled incident', () => {
      const engine = startEngine();
      const id = callAndTriage(engine, SITE.districtAFarFromMicro, 'building-fire', 1);
      accept(engine, { type: 'DISPATCH_RECOMMENDED', incidentId: id });
      const { events } = accept(engine, { type: 'CANCEL_INCIDENT', incidentId: id, reason: 'cancelled-by-caller' });
      expect(ofType(events, 'INCIDENT_CANCELLED')).toHaveLength(1);
      // The units that were turning out are stood down.
      expect(ofType(events, 'UNIT_RELEASED').every((r) => r.reason === 'incident-cancelled')).toBe(true);
      expect(ofType(events, 'UNIT_RELEASED').length).toBeGreaterThan(0);
      expect(engine.view().units.filter((u) => u.incidentId === id)).toEqual([]);

      expectRefused(engine, { type: 'DISPATCH_RECOMMENDED', incidentId: id }, 'not-allowed-in-state', /it is cancelled/);
      expectRefused(engine, { type: 'DISPATCH_UNITS', incidentId: id, unitIds: [UNIT.A_SG1] }, 'not-allowed-in-state', /it is cancelled/);
      expectRefused(engine, { type: 'RAISE_GRADE', incidentId: id, grade: 3 }, 'not-allowed-in-state', /it is cancelled/);
      expectRefused(engine, { type: 'CANCEL_INCIDENT', incidentId: id, reason: 'false-alarm' }, 'not-allowed-in-state', /it is cancelled/);
      expectRefused(engine, { type: 'CLOSE_INCIDENT', incidentId: id }, 'not-allowed-in-state', /it is cancelled/);
      expectRefused(engine, { type: 'REQUEST_REINFORCEMENT', incidentId: id, needs: [{ capability: 'water', vehicles: 1 }] }, 'not-allowed-in-state', /is cancelled/);
    });

    it('unknown unit and incident ids', () => {
      const engine = startEngine();
      const id = callAndTriage(engine, SITE.districtAFarFromMicro, 'building-fire', 1);
      expectRefused(engine, { type: 'DISPATCH_UNITS', incidentId: id, unitIds: ['NO-SUCH-UNIT'] }, 'not-found', /no unit NO-SUCH-UNIT/);
      expectRefused(engine, { type: 'DISPATCH_UNITS', incidentId: id, unitIds: [UNIT.A_SG1, 'NO-SUCH-UNIT'] }, 'not-found', /no unit NO-SUCH-UNIT/);
      expectRefused(engine, { type: 'RELEASE_UNIT', unitId: 'NO-SUCH-UNIT' }, 'not-found', /no unit NO-SUCH-UNIT/);
      expectRefused(engine, { type: 'SET_UNIT_OUT_OF_SERVICE', unitId: 'NO-SUCH-UNIT' }, 'not-found', /no unit/);
      expectRefused(engine, { type: 'SET_UNIT_IN_SERVICE', unitId: 'NO-SUCH-UNIT' }, 'not-found', /no unit/);
      for (const input of [
        { type: 'TRIAGE_CALL', incidentId: 'INC-99999', incidentType: 'building-fire' },
        { type: 'GRADE_INCIDENT', incidentId: 'INC-99999', grade: 2 },
        { type: 'DISPATCH_UNITS', incidentId: 'INC-99999', unitIds: [UNIT.A_SG1] },
        { type: 'DISPATCH_RECOMMENDED', incidentId: 'INC-99999' },
        { type: 'RAISE_GRADE', incidentId: 'INC-99999', grade: 3 },
        { type: 'REQUEST_REINFORCEMENT', incidentId: 'INC-99999' },
        { type: 'CANCEL_INCIDENT', incidentId: 'INC-99999', reason: 'duplicate' },
        { type: 'CLOSE_INCIDENT', incidentId: 'INC-99999' },
      ] satisfies CommandInput[]) {
        expectRefused(engine, input, 'not-found', /no incident INC-99999/);
      }
      expect(engine.recommend('INC-99999')).toBeUndefined();
    });

    it('a call outside the region', () => {
      const engine = startEngine();
      expectRefused(engine, { type: 'RECEIVE_CALL', location: SITE.outsideRegion, incidentType: 'building-fire' }, 'invalid', /outside region mini-county/, controller);
      const { incidentId } = accept(engine, { type: 'RECEIVE_CALL', location: SITE.nearMicro, incidentType: 'building-fire' }, controller);
      expectRefused(engine, { type: 'TRIAGE_CALL', incidentId: incidentId!, incidentType: 'building-fire', location: SITE.outsideRegion, grade: 1 }, 'invalid', /outside the region/);
      expect(engine.view().incidents.find((i) => i.id === incidentId)!.status).toBe('callReceived');
    });
  });

  describe('the fire does not wait for the dispatcher', () => {
    it('in auto mode, an under-reported fire is escalated after the size-up on arrival, and more units are sent', () => {
      const engine = startEngine({ mode: 'auto' });
      const { incidentId } = accept(engine, { type: 'RECEIVE_CALL', location: SITE.districtAFarFromMicro, incidentType: 'building-fire', size: 1000, trapped: 0, reportedGrade: 1 }, controller);
      const id = incidentId!;
      const events = engine.advanceTo(30 * MIN).filter((e) => 'incidentId' in e && e.incidentId === id);
      const graded = ofType(events, 'INCIDENT_GRADED');
      expect(graded).toEqual([expect.objectContaining({ grade: 1, by: 'system' })]);
      const sizeUp = ofType(events, 'SIZE_UP_REPORTED');
      expect(sizeUp).toHaveLength(1);
      expect(sizeUp[0]!.size).toBeGreaterThanOrEqual(1000);
      const raised = ofType(events, 'GRADE_RAISED');
      expect(raised.length).toBeGreaterThanOrEqual(1);
      expect(raised[0]).toMatchObject({ from: 1, by: 'system' });
      expect(raised[0]!.to).toBeGreaterThanOrEqual(3);
      expect(raised[0]!.reason).toMatch(/size-up on arrival/);
      expect(raised[0]!.seq).toBeGreaterThan(sizeUp[0]!.seq);

      const dispatched = ofType(events, 'UNIT_DISPATCHED');
      const before = dispatched.filter((d) => d.seq < raised[0]!.seq);
      const after = dispatched.filter((d) => d.seq > raised[0]!.seq);
      expect(before.length).toBeGreaterThan(0);
      expect(after.length).toBeGreaterThan(0);
      expect(after.every((d) => d.by === 'system')).toBe(true);
      expect(engine.view().incidents.find((i) => i.id === id)!.grade).toBe(raised.at(-1)!.to);
    });

    it('a late dispatch lets a fire grow: dispatched 20 minutes later, it ends larger', () => {
      const finalSize = (delayMin: number) => {
        const engine = startEngine({ mode: 'manual', duration: '12h' });
        const id = callAndTriage(engine, SITE.districtAFarFromMicro, 'building-fire', 1, { size: 30 });
        const log = delayMin > 0 ? engine.advanceTo(delayMin * MIN) : [];
        expect(ofType(log, 'UNIT_DISPATCHED')).toEqual([]);
        accept(engine, { type: 'DISPATCH_RECOMMENDED', incidentId: id });
        const done = ofType(engine.advanceTo(engine.endsAt - MIN), 'OVERHAUL_COMPLETED').filter((c) => c.incidentId === id);
        expect(done, `incident dispatched after ${delayMin} min should be overhauled by the end`).toHaveLength(1);
        const closed = ofType(accept(engine, { type: 'CLOSE_INCIDENT', incidentId: id }).events, 'INCIDENT_CLOSED');
        return closed[0]!.finalSize;
      };
      const atOnce = finalSize(0);
      const late = finalSize(20);
      expect(atOnce).toBeGreaterThanOrEqual(30);
      // 20 more minutes of unchecked growth at 6 %/min is ×3.3 in area.
      expect(late).toBeGreaterThan(atOnce * 2);
    });
  });

  // These two fail on the engine as it is (see the report): a rescue timer outlives the rescuers.
  describe('once the units have left, nobody is rescued', () => {
    const trappedFire = (engine: Engine, trapped: number, size: number) =>
      callAndTriage(engine, SITE.districtAFarFromMicro, 'building-fire', 1, { size, trapped });

    it('declaring a false alarm on scene stands the units down and stops the rescue', () => {
      const engine = startEngine();
      const id = trappedFire(engine, 3, 30);
      accept(engine, { type: 'DISPATCH_RECOMMENDED', incidentId: id });
      const working = ofType(engine.advanceTo(6 * MIN), 'UNIT_WORKING').filter((w) => w.incidentId === id);
      expect(working.length).toBeGreaterThan(0);
      expect(engine.view().incidents.find((i) => i.id === id)).toMatchObject({ status: 'onScene', knownTrapped: 3, rescued: 0 });

      const { events } = accept(engine, { type: 'CANCEL_INCIDENT', incidentId: id, reason: 'false-alarm' });
      expect(ofType(events, 'INCIDENT_CANCELLED')).toEqual([expect.objectContaining({ incidentId: id, reason: 'false-alarm' })]);
      expect(engine.view().units.filter((u) => u.incidentId === id)).toEqual([]);

      const later = engine.advanceTo(2 * 60 * MIN);
      expect(ofType(later, 'PERSON_RESCUED').filter((r) => r.incidentId === id)).toEqual([]);
      // Cancelled, its people's deadlines passed: nothing refers to it and it has left the live state.
      expect(engine.view().incidents.find((i) => i.id === id)).toBeUndefined();
    });

    it('releasing the last unit of an incident under control: no rescue without units, and the closing figures are final', () => {
      const engine = startEngine();
      const id = trappedFire(engine, 8, 10);
      accept(engine, { type: 'DISPATCH_UNITS', incidentId: id, unitIds: [UNIT.A_SG1] });
      for (let t = MIN; t <= 30 * MIN && engine.view().incidents.find((i) => i.id === id)!.status !== 'underControl'; t += MIN) engine.advanceTo(t);
      const before = engine.view().incidents.find((i) => i.id === id)!;
      expect(before.status).toBe('underControl');
      expect(before.knownTrapped).toBeGreaterThan(0);

      const { events } = accept(engine, { type: 'RELEASE_UNIT', unitId: UNIT.A_SG1 });
      expect(engine.view().units.filter((u) => u.incidentId === id)).toEqual([]);
      const later = engine.advanceTo(3 * 60 * MIN);
      expect(ofType(later, 'PERSON_RESCUED').filter((r) => r.incidentId === id), 'rescued with no unit at the incident').toEqual([]);
      const closed = ofType([...events, ...later], 'INCIDENT_CLOSED').filter((c) => c.incidentId === id);
      for (const c of closed) expect(engine.view().incidents.find((i) => i.id === id)).toMatchObject({ rescued: c.rescued, dead: c.dead });
    });
  });

  describe('reinforcement and the automatic centre', () => {
    it('a requested reinforcement dispatches the named capability on top of what is there', () => {
      const engine = startEngine({ mode: 'manual' });
      const id = callAndTriage(engine, SITE.districtAFarFromMicro, 'building-fire', 1);
      accept(engine, { type: 'DISPATCH_RECOMMENDED', incidentId: id });
      const before = engine.view().incidents.find((i) => i.id === id)!.unitIds.length;
      const { events } = accept(engine, { type: 'REQUEST_REINFORCEMENT', incidentId: id, needs: [{ capability: 'hazmat', vehicles: 1 }] });
      const requested = events.find((e) => e.type === 'REINFORCEMENT_REQUESTED');
      expect(requested).toMatchObject({ needs: [{ capability: 'hazmat', vehicles: 1 }], by: 'commander' });
      const sent = events.filter((e): e is EventOf<'UNIT_DISPATCHED'> => e.type === 'UNIT_DISPATCHED');
      expect(sent.map((e) => e.unitId)).toEqual([UNIT.S_HJ]);
      expect(engine.view().incidents.find((i) => i.id === id)!.unitIds.length).toBe(before + 1);
    });

    it('a reinforcement nobody can fill is refused and changes nothing', () => {
      const engine = startEngine({ mode: 'manual' });
      const id = callAndTriage(engine, SITE.districtAFarFromMicro, 'building-fire', 1);
      accept(engine, { type: 'DISPATCH_RECOMMENDED', incidentId: id });
      expectRefused(engine, { type: 'REQUEST_REINFORCEMENT', incidentId: id, needs: [{ capability: 'water-rescue', vehicles: 1 }] }, 'no-recommendation', /no available unit can reinforce/);
    });

    it('a micro station that comes free goes first to a waiting fire it covers, passing over one beyond its coverage', () => {
      const world = miniWorld();
      const radius = world.doctrine.dispatch.microCoverageRadiusM;
      expect(haversineM(SITE.nearMicro, STATION_LOCATION[STATION.M])).toBeLessThanOrEqual(radius);
      expect(haversineM(SITE.districtAFarFromMicro, STATION_LOCATION[STATION.M])).toBeGreaterThan(radius);
      expect(haversineM(SITE.districtANearB, STATION_LOCATION[STATION.M])).toBeGreaterThan(radius);
      const engine = startEngine({ world, mode: 'auto' });
      const call = (location: LatLon, incidentType: IncidentType, size: number): string =>
        accept(engine, { type: 'RECEIVE_CALL', location, incidentType, size, trapped: 0 }, controller).incidentId!;
      // A fire by the micro station takes it, two huge fires beyond its coverage take every engine
      // left, then a small fire by the micro station finds no unit at all: they all wait for water.
      const first = call(SITE.nearMicro, 'building-fire', 300);
      engine.advanceTo(3 * MIN);
      expect(engine.view().units.find((u) => u.id === UNIT.M_MICRO)?.incidentId).toBe(first);
      const far = call(SITE.districtAFarFromMicro, 'building-fire', 3_000);
      call(SITE.districtANearB, 'building-fire', 3_000);
      engine.advanceTo(6 * MIN);
      const near = call(SITE.nearMicro, 'small-outdoor-fire', 1);
      const before = engine.advanceTo(9 * MIN);
      const short = ofType(before, 'DISPATCH_SHORTFALL').map((e) => e.incidentId);
      expect(short).toContain(far);
      expect(short).toContain(near);
      expect(engine.view().incidents.find((i) => i.id === near)!.unitIds).toEqual([]);

      // Freed, it passes over the older fire beyond its coverage and goes to the one it covers.
      accept(engine, { type: 'RELEASE_UNIT', unitId: UNIT.M_MICRO });
      const sent = ofType(engine.advanceTo(30 * MIN), 'UNIT_DISPATCHED').filter((d) => d.unitId === UNIT.M_MICRO);
      expect(sent.map((d) => [d.incidentId, d.reason.need])).toEqual([[near, 'micro-first']]);
    });

    it('switching a manual exercise to auto lets the centre take over a call left waiting', () => {
      const engine = startEngine({ mode: 'manual' });
      const { incidentId } = accept(engine, { type: 'RECEIVE_CALL', location: SITE.districtAFarFromMicro, incidentType: 'building-fire', size: 20, trapped: 0 }, controller);
      engine.advanceTo(2 * MIN);
      expect(engine.view().incidents.find((i) => i.id === incidentId)!.status).toBe('callReceived');
      accept(engine, { type: 'SET_MODE', mode: 'auto' }, controller);
      const later = engine.advanceTo(3 * MIN);
      expect(later.some((e) => e.type === 'INCIDENT_GRADED' && e.incidentId === incidentId && e.by === 'system')).toBe(true);
      expect(later.some((e) => e.type === 'UNIT_DISPATCHED' && e.incidentId === incidentId)).toBe(true);
    });
  });
});
