// The drill library (scenarios/drill-*.yaml) run headless to its end in auto mode: the right
// capabilities dispatched, each contingency fired when (and only when) its condition held at its
// check time (re-derived here from the log itself), every expected action met by the automatic centre.
import { describe, expect, it } from 'vitest';
import { loadWorld } from '../../server/scenario/load-world.ts';
import { loadScenario } from '../../server/scenario/load-scenario.ts';
import { engineConfigFor } from '../../server/scenario/engine-config.ts';
import { createEngine } from '../../server/engine/engine.ts';
import type { Capability } from '../../shared/domain/forces.ts';
import type { DomainEvent, EventOf } from '../../shared/events.ts';

const world = loadWorld({});
const MIN = 60_000;
/** Unit type codes: the region's units and those reinforcements bring in (added as each drill loads). */
const unitType = new Map(world.region.stations.flatMap((s) => s.units.map((u) => [u.id, u.type] as const)));
const capsOf = (unitId: string): readonly Capability[] => world.unitTypes.unitTypes.find((t) => t.code === unitType.get(unitId))!.capabilities;

function play(file: string): { log: DomainEvent[]; incidentOf: (inject: string) => string } {
  const s = loadScenario(`scenarios/${file}.yaml`, world);
  expect(s.mode).toBe('auto');
  for (const j of s.injects) if (j.kind === 'reinforcements') for (const u of j.units) unitType.set(u.id, u.type);
  const engine = createEngine(engineConfigFor(world, s));
  const log = engine.start();
  for (let t = MIN; t <= engine.endsAt; t += MIN) log.push(...engine.advanceTo(t));
  expect(log.at(-1)?.type).toBe('SIMULATION_ENDED');
  const incidentOf = (inject: string) => log.find((e): e is EventOf<'INJECT_FIRED'> => e.type === 'INJECT_FIRED' && e.injectId === inject)!.incidentId!;
  return { log, incidentOf };
}

const of = <T extends DomainEvent['type']>(log: DomainEvent[], type: T) => log.filter((e): e is EventOf<T> => e.type === type);
/** Units of a capability that did something (dispatched / arrived) at an incident before time t. */
const withCap = (log: DomainEvent[], type: 'UNIT_DISPATCHED' | 'UNIT_ARRIVED', incidentId: string, cap: Capability, before = Infinity) =>
  of(log, type).filter((e) => e.incidentId === incidentId && e.t <= before && capsOf(e.unitId).includes(cap));

function contingency(log: DomainEvent[], id: string): 'fired' | 'skipped' {
  if (of(log, 'INJECT_FIRED').some((e) => e.injectId === id)) return 'fired';
  expect(of(log, 'INJECT_SKIPPED').find((e) => e.injectId === id)).toMatchObject({ by: 'system', reason: 'condition-false' });
  return 'skipped';
}

function allMetOnTime(log: DomainEvent[], ids: string[]): void {
  const met = of(log, 'EXPECTED_ACTION_MET');
  expect(met.map((e) => e.expectedId).sort()).toEqual([...ids].sort());
  for (const e of met) expect(e, e.expectedId).toMatchObject({ by: 'system', onTime: true });
}

/** When an incident was first reported under control (Infinity: never). */
const underControlAt = (log: DomainEvent[], incidentId: string) => of(log, 'INCIDENT_UNDER_CONTROL').find((e) => e.incidentId === incidentId)?.t ?? Infinity;
const firedAt = (log: DomainEvent[], id: string) => of(log, 'INJECT_FIRED').find((e) => e.injectId === id)?.t;
const dispatchedUnits = (log: DomainEvent[], incidentId: string) => of(log, 'UNIT_DISPATCHED').filter((e) => e.incidentId === incidentId).map((e) => e.unitId);

describe('drill library, headless in auto mode', () => {
  it('high-rise at night: aerial and rescue sent; "where is the aerial" fires, "send an aerial" does not', () => {
    const { log, incidentOf } = play('drill-highrise-night');
    const fire = incidentOf('fire');
    expect(withCap(log, 'UNIT_DISPATCHED', fire, 'aerial').length).toBeGreaterThan(0);
    expect(withCap(log, 'UNIT_DISPATCHED', fire, 'rescue').length).toBeGreaterThan(0);
    expect(of(log, 'UNIT_DISPATCHED').some((e) => e.unitId === 'qs-chengbei-YT-1')).toBe(false); // in maintenance from the start
    expect(contingency(log, 'c-where-aerial')).toBe(withCap(log, 'UNIT_ARRIVED', fire, 'aerial', 11 * MIN).length === 0 ? 'fired' : 'skipped');
    expect(contingency(log, 'c-no-aerial-dispatched')).toBe(withCap(log, 'UNIT_DISPATCHED', fire, 'aerial', 40 * MIN).length === 0 ? 'fired' : 'skipped');
    expect(contingency(log, 'c-where-aerial')).toBe('fired');
    expect(contingency(log, 'c-no-aerial-dispatched')).toBe('skipped');
    expect(of(log, 'INJECT_FIRED').find((e) => e.injectId === 'press')?.t).toBe(70 * MIN);
    expect(of(log, 'INJECT_FIRED').some((e) => e.injectId === 'collapse')).toBe(false); // held: only the controller fires it
    allMetOnTime(log, ['ea-aerial', 'ea-first-on-scene', 'ea-home', 'ea-grade']);
  });

  it('chemical park leak: two hazmat units dispatched and one on scene; the contingency stays silent', () => {
    const { log, incidentOf } = play('drill-chemical-leak');
    const leak = incidentOf('leak');
    expect(withCap(log, 'UNIT_DISPATCHED', leak, 'hazmat').length).toBeGreaterThanOrEqual(2);
    expect(contingency(log, 'c-no-hazmat')).toBe(withCap(log, 'UNIT_ARRIVED', leak, 'hazmat', 25 * MIN).length === 0 ? 'fired' : 'skipped');
    expect(contingency(log, 'c-no-hazmat')).toBe('skipped');
    expect(of(log, 'INJECT_FIRED').find((e) => e.injectId === 'worker')?.t).toBe(13 * MIN); // 8 min after the leak's call
    // A team's units (the special-service station, 特勤站): met when its second unit arrives at the leak, not before.
    const specialArrivals = of(log, 'UNIT_ARRIVED').filter((e) => e.incidentId === leak && e.unitId.startsWith('qs-special-'));
    expect(specialArrivals.length).toBeGreaterThanOrEqual(2);
    expect(of(log, 'EXPECTED_ACTION_MET').find((e) => e.expectedId === 'ea-special-on-scene')?.t).toBe(specialArrivals[1]!.t);
    allMetOnTime(log, ['ea-hazmat-on-scene', 'ea-two-hazmat', 'ea-special-on-scene']);
  });

  it('earthquake: rescue at all three collapses with the bridge down and Chengnan cut off for 20 min', () => {
    const { log, incidentOf } = play('drill-earthquake');
    for (const c of ['c1', 'c2', 'c3']) expect(withCap(log, 'UNIT_DISPATCHED', incidentOf(c), 'rescue').length, c).toBeGreaterThan(0);
    expect(of(log, 'ROAD_CLOSED').find((e) => e.closureId === 'bridge')).toMatchObject({ reason: 'collapse', t: MIN });
    expect(of(log, 'ROAD_REOPENED').find((e) => e.closureId === 'bridge')?.t).toBe(150 * MIN);
    expect(of(log, 'COMMS_OUTAGE_ENDED').find((e) => e.stationId === 'qs-chengnan')?.t).toBe(22 * MIN);
    // No Chengnan unit is given an order while its communications are cut.
    expect(of(log, 'UNIT_DISPATCHED').filter((e) => e.unitId.startsWith('qs-chengnan-') && e.t >= 2 * MIN && e.t < 22 * MIN)).toEqual([]);
    expect(contingency(log, 'c-no-search')).toBe(withCap(log, 'UNIT_ARRIVED', incidentOf('c1'), 'search', 45 * MIN).length === 0 ? 'fired' : 'skipped');
    expect(of(log, 'REINFORCEMENTS_ARRIVED')[0]).toMatchObject({ source: 'provincial', t: 120 * MIN });
    allMetOnTime(log, ['ea-rescue-c1', 'ea-all-dispatched']);
  });

  it('underground station: smoke extraction and air supply sent, four passengers out, a firefighter hurt but the engine stays', () => {
    const { log, incidentOf } = play('drill-underground-metro');
    const fire = incidentOf('fire');
    expect(withCap(log, 'UNIT_DISPATCHED', fire, 'smoke-extraction').length).toBeGreaterThan(0);
    expect(withCap(log, 'UNIT_DISPATCHED', fire, 'air-supply').length).toBeGreaterThan(0);
    const rescued = of(log, 'PERSON_RESCUED').filter((e) => e.incidentId === fire);
    expect(rescued.map((e) => e.remaining)).toEqual([3, 2, 1, 0]);
    // "First passenger out" is watched: it fires at the moment of the first rescue.
    expect(firedAt(log, 'c-first-out')).toBe(rescued[0]!.t);
    expect(contingency(log, 'c-air')).toBe(withCap(log, 'UNIT_DISPATCHED', fire, 'air-supply', 20 * MIN).length === 0 ? 'fired' : 'skipped');
    expect(contingency(log, 'c-no-smoke')).toBe(withCap(log, 'UNIT_ARRIVED', fire, 'smoke-extraction', 30 * MIN).length === 0 ? 'fired' : 'skipped');
    expect(of(log, 'POWER_OUTAGE_STARTED')[0]).toMatchObject({ t: 25 * MIN, handlingFactor: 1.2, until: 85 * MIN });
    expect(of(log, 'CREW_CHANGED')).toEqual([expect.objectContaining({ t: 40 * MIN, unitId: 'qs-special-SG-1', crew: 3, injured: 1 })]);
    expect(of(log, 'UNIT_OUT_OF_SERVICE').some((e) => e.unitId === 'qs-special-SG-1')).toBe(false); // 3 of 4 left: it keeps working
    expect(firedAt(log, 'flashover')).toBeUndefined(); // held for the controller
    allMetOnTime(log, ['ea-smoke', 'ea-rescue', 'ea-air', 'ea-rescued']);
  });

  it('mall fire: aerial and rescue sent, level 3 for the cinema, the broken-down ladder out for an hour', () => {
    const { log, incidentOf } = play('drill-mall-fire');
    const fire = incidentOf('fire');
    const aerial = withCap(log, 'UNIT_DISPATCHED', fire, 'aerial');
    expect(aerial.length).toBeGreaterThan(0);
    expect(firedAt(log, 'c-aerial-sent')).toBe(aerial[0]!.t); // watched: fires as the aerial is sent
    expect(of(log, 'GRADE_RAISED').some((e) => e.incidentId === fire && e.to >= 3) || of(log, 'INCIDENT_GRADED').some((e) => e.incidentId === incidentOf('cinema') && e.grade >= 3)).toBe(true);
    expect(of(log, 'UNIT_OUT_OF_SERVICE').find((e) => e.unitId === 'qs-chengdong-DG-32-1')?.t).toBe(23 * MIN);
    expect(of(log, 'UNIT_BACK_IN_SERVICE').find((e) => e.unitId === 'qs-chengdong-DG-32-1')?.t).toBe(83 * MIN);
    expect(of(log, 'UNIT_DISPATCHED').filter((e) => e.unitId === 'qs-chengdong-DG-32-1' && e.t > 23 * MIN && e.t < 83 * MIN)).toEqual([]);
    expect(contingency(log, 'c-not-controlled')).toBe(underControlAt(log, fire) > 90 * MIN ? 'fired' : 'skipped');
    expect(of(log, 'CALL_RECEIVED').some((e) => e.source === 'background')).toBe(true); // the normal load goes on
    expect(firedAt(log, 'atrium')).toBeUndefined();
    allMetOnTime(log, ['ea-aerial', 'ea-rescue', 'ea-home', 'ea-grade3']);
  });

  it('forest fire: forest teams first, the fire jumps the ridge after the wind change and the militia squad goes there', () => {
    const { log, incidentOf } = play('drill-forest-fire');
    const fire = incidentOf('fire');
    expect(withCap(log, 'UNIT_DISPATCHED', fire, 'forest').length).toBeGreaterThan(0);
    expect(withCap(log, 'UNIT_DISPATCHED', fire, 'logistics').length).toBeGreaterThan(0);
    expect(firedAt(log, 'jump')).toBe(70 * MIN); // 10 min after the wind message
    const jump = incidentOf('jump');
    expect(of(log, 'REINFORCEMENTS_ARRIVED')[0]).toMatchObject({ source: 'militia', t: 70 * MIN });
    // The militia squad was out of service until it arrived, then went to the fire across the ridge.
    expect(of(log, 'UNIT_DISPATCHED').filter((e) => e.unitId.startsWith('militia-') && e.t < 70 * MIN)).toEqual([]);
    expect(dispatchedUnits(log, jump)).toContain('militia-gaoling-SL-1');
    expect(contingency(log, 'c-no-forest')).toBe(withCap(log, 'UNIT_ARRIVED', fire, 'forest', 45 * MIN).length === 0 ? 'fired' : 'skipped');
    expect(firedAt(log, 'c-village') !== undefined).toBe(underControlAt(log, jump) > 90 * MIN);
    allMetOnTime(log, ['ea-forest', 'ea-forest-on-scene', 'ea-logistics', 'ea-jump']);
  });

  it('urban flood: boats to the riverside park, the provincial water team put to work on arrival, the centre on backup power', () => {
    const { log, incidentOf } = play('drill-urban-flood');
    const park = incidentOf('park');
    expect(withCap(log, 'UNIT_DISPATCHED', park, 'water-rescue').length).toBeGreaterThan(0);
    expect(of(log, 'HAZARD_STARTED').find((e) => e.hazardId === 'qing-flood')).toMatchObject({ kind: 'flood' });
    expect(of(log, 'ROAD_CLOSED').filter((e) => e.by === 'system' && e.reason === 'flood').length).toBeGreaterThan(0); // the water closes roads by itself
    expect(of(log, 'ROAD_CLOSED').find((e) => e.closureId === 'bridge-flood')).toMatchObject({ t: 90 * MIN, reason: 'flood' });
    expect(of(log, 'POWER_OUTAGE_ENDED')[0]?.t).toBe(150 * MIN);
    expect(of(log, 'COMMS_OUTAGE_ENDED').find((e) => e.stationId === 'tw-longjiang')?.t).toBe(130 * MIN);
    expect(of(log, 'UNIT_DISPATCHED').filter((e) => e.unitId.startsWith('tw-longjiang-') && e.t >= 40 * MIN && e.t < 130 * MIN)).toEqual([]);
    // The provincial team arrives at T+1h and the centre sends it to the stranded people waiting.
    const prov = of(log, 'UNIT_DISPATCHED').filter((e) => e.unitId.startsWith('prov-water-'));
    expect(prov.length).toBeGreaterThan(0);
    expect(Math.min(...prov.map((e) => e.t))).toBe(60 * MIN);
    expect(contingency(log, 'c-no-boat')).toBe(withCap(log, 'UNIT_ARRIVED', park, 'water-rescue', 50 * MIN).length === 0 ? 'fired' : 'skipped');
    const rescuedBy = (inject: string, t: number) => of(log, 'PERSON_RESCUED').filter((e) => e.incidentId === incidentOf(inject) && e.t <= t).length;
    expect(contingency(log, 'c-province')).toBe(rescuedBy('park', 120 * MIN) < 4 || rescuedBy('village', 120 * MIN) < 3 ? 'fired' : 'skipped');
    expect(firedAt(log, 'level-up')).toBeUndefined();
    // Rescue done at the park (its last person out): the boats leave for the next rescue at once,
    // the drainage and rescue units stay until the park closes.
    const parkRescued = of(log, 'PERSON_RESCUED').filter((e) => e.incidentId === park);
    expect(parkRescued.map((e) => e.remaining)).toEqual([3, 2, 1, 0]);
    const parkReleases = of(log, 'UNIT_RELEASED').filter((e) => e.incidentId === park);
    const boatsFreed = parkReleases.filter((e) => e.reason === 'rescue-done');
    expect(boatsFreed.length).toBeGreaterThan(0);
    for (const e of boatsFreed) expect(e.t, e.unitId).toBe(parkRescued.at(-1)!.t);
    expect(boatsFreed.every((e) => capsOf(e.unitId).every((c) => c === 'water-rescue'))).toBe(true);
    const parkClosed = of(log, 'INCIDENT_CLOSED').find((e) => e.incidentId === park)!.t;
    expect(parkReleases.filter((e) => e.reason === 'incident-closed').map((e) => e.t)).toEqual(expect.arrayContaining([parkClosed]));
    expect(parkReleases.some((e) => e.reason === 'incident-closed' && capsOf(e.unitId).includes('pumping'))).toBe(true);
    // The old people at Hejiao (lives at risk) get boats before the earlier callers sheltering safely
    // in their houses: a boat freed at the park is on its way within the deadline, and all three are out.
    const village = incidentOf('village');
    const villageBoats = withCap(log, 'UNIT_ARRIVED', village, 'water-rescue');
    expect(villageBoats.length).toBeGreaterThan(0);
    expect(villageBoats[0]!.t - firedAt(log, 'village')!).toBeLessThanOrEqual(40 * MIN);
    expect(boatsFreed.map((e) => e.unitId)).toContain(withCap(log, 'UNIT_DISPATCHED', village, 'water-rescue')[0]!.unitId);
    expect(of(log, 'PERSON_RESCUED').filter((e) => e.incidentId === village).map((e) => e.remaining)).toEqual([2, 1, 0]);
    allMetOnTime(log, ['ea-boats', 'ea-boats-on-scene', 'ea-village']);
  });

  it('expressway pile-up: three rescue units, hazmat and decontamination at the tanker, the ammonia release starts with its call', () => {
    const { log, incidentOf } = play('drill-expressway-tanker');
    const pileup = incidentOf('pileup');
    const tanker = incidentOf('tanker');
    expect(withCap(log, 'UNIT_DISPATCHED', pileup, 'rescue').length).toBeGreaterThanOrEqual(3);
    expect(withCap(log, 'UNIT_DISPATCHED', tanker, 'hazmat').length).toBeGreaterThan(0);
    expect(withCap(log, 'UNIT_DISPATCHED', tanker, 'decon').length).toBeGreaterThan(0);
    expect(of(log, 'HAZARD_STARTED').find((e) => e.hazardId === 'ammonia-tanker')).toMatchObject({ t: 20 * MIN, substanceId: 'ammonia' });
    // Closed for its `lasts: 2h`: the closing event carries the end the boards show, and the engine keeps it.
    expect(of(log, 'ROAD_CLOSED').find((e) => e.closureId === 'expressway-east')).toMatchObject({ t: 16 * MIN, reason: 'accident', until: 136 * MIN });
    expect(of(log, 'ROAD_REOPENED').find((e) => e.closureId === 'expressway-east')).toMatchObject({ t: 136 * MIN, by: 'system' });
    // Hot zone: fires at its first check (T+21) because a unit had already arrived at the wreck.
    const firstArrival = Math.min(...of(log, 'UNIT_ARRIVED').filter((e) => e.incidentId === pileup || e.incidentId === tanker).map((e) => e.t));
    expect(firstArrival).toBeLessThanOrEqual(21 * MIN);
    expect(firedAt(log, 'c-hot-zone')).toBe(21 * MIN);
    expect(contingency(log, 'c-no-hazmat')).toBe(withCap(log, 'UNIT_ARRIVED', tanker, 'hazmat', 50 * MIN).length === 0 ? 'fired' : 'skipped');
    expect(of(log, 'CREW_CHANGED')).toEqual([expect.objectContaining({ t: 55 * MIN, unitId: 'qs-chengdong-JY-1', crew: 3 })]);
    allMetOnTime(log, ['ea-rescue-3', 'ea-rescue-on-scene', 'ea-hazmat', 'ea-decon']);
  });

  it('normal day: the background load runs, scripted calls answered within the targets, a short crew and a breakdown', () => {
    const { log, incidentOf } = play('drill-normal-day');
    expect(of(log, 'CALL_RECEIVED').filter((e) => e.source === 'background').length).toBeGreaterThan(0);
    expect(of(log, 'CREW_CHANGED')).toEqual([expect.objectContaining({ t: 0, unitId: 'qs-chengnan-SG-1', crew: 3 })]);
    expect(of(log, 'UNIT_DISPATCHED').filter((e) => e.unitId === 'qs-chengnan-DG-32-1' && e.t < 6 * 60 * MIN)).toEqual([]);
    expect(of(log, 'UNIT_DISPATCHED').filter((e) => e.unitId === 'qs-xincheng-SG-1' && e.t >= 4 * 60 * MIN && e.t < 6 * 60 * MIN)).toEqual([]);
    const lift = incidentOf('lift');
    expect(firedAt(log, 'c-rescued')).toBe(of(log, 'PERSON_RESCUED').find((e) => e.incidentId === lift)!.t);
    const ebike = incidentOf('ebike');
    expect(contingency(log, 'c-slow')).toBe(of(log, 'UNIT_ARRIVED').some((e) => e.incidentId === ebike && e.t <= 95 * MIN) ? 'skipped' : 'fired');
    allMetOnTime(log, ['ea-ebike-8min', 'ea-ebike-home', 'ea-car-8min', 'ea-lift-dispatch']);
  });

  it('cross-region: the neighbouring counties\' teams arrive and take the second tank; the province comes only while the fire is not under control', () => {
    const { log, incidentOf } = play('drill-cross-region');
    const tank = incidentOf('tank');
    expect(withCap(log, 'UNIT_DISPATCHED', tank, 'foam').length).toBeGreaterThan(0);
    const arrived = of(log, 'REINFORCEMENTS_ARRIVED');
    expect(arrived.map((e) => [e.injectId, e.source, e.t])).toEqual([
      ['beishan', 'neighbour-county', 55 * MIN], ['xiling', 'neighbour-county', 65 * MIN],
      ...(underControlAt(log, tank) > 90 * MIN ? [['province', 'provincial', 90 * MIN]] : []),
    ]);
    const next = dispatchedUnits(log, incidentOf('next-tank'));
    expect(next).toEqual(expect.arrayContaining(['nb-beishan-conv-PM-1', 'nb-beishan-conv-PM-2', 'nb-xiling-conv-CAFS-1']));
    // No team unit moves before its team arrived; the held social team never does.
    for (const e of of(log, 'UNIT_DISPATCHED')) {
      if (e.unitId.startsWith('nb-beishan-conv-')) expect(e.t).toBeGreaterThanOrEqual(55 * MIN);
      if (e.unitId.startsWith('nb-xiling-conv-')) expect(e.t).toBeGreaterThanOrEqual(65 * MIN);
      expect(e.unitId).not.toMatch(/^bluesky-/);
    }
    expect(contingency(log, 'province')).toBe(underControlAt(log, tank) > 90 * MIN ? 'fired' : 'skipped');
    expect(contingency(log, 'province')).toBe('fired');
    expect(contingency(log, 'c-slow-grade')).toBe('skipped');
    // Each team is met by the first dispatch of one of its own units (team: the reinforcements inject's id).
    const firstOf = (prefix: string) => of(log, 'UNIT_DISPATCHED').find((e) => e.unitId.startsWith(prefix))?.t;
    const metAt = (id: string) => of(log, 'EXPECTED_ACTION_MET').find((e) => e.expectedId === id)?.t;
    expect(metAt('ea-beishan-tasked')).toBe(firstOf('nb-beishan-conv-'));
    expect(metAt('ea-xiling-tasked')).toBe(firstOf('nb-xiling-conv-'));
    allMetOnTime(log, ['ea-grade4', 'ea-foam', 'ea-next-tank', 'ea-next-tank-weight', 'ea-beishan-tasked', 'ea-xiling-tasked']);
  });
});
