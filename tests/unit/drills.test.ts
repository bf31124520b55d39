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
    allMetOnTime(log, ['ea-hazmat-on-scene', 'ea-two-hazmat']);
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
});
