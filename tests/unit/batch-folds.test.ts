// The folds a batch is made of: utilisation and concurrency from a hand-written log, target
// compliance from hand-written incidents (nearest-rank percentiles worked out below), variants
// applied to a copy of the world with their mistakes reported at their line, and one replication of
// the mini world whose log is the engine's own.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../shared/events.ts';
import { TargetSetSchema } from '../../shared/schemas/targets.ts';
import { createUtilisationFold } from '../../server/metrics/unit-utilisation.ts';
import { staffAssembledSeconds, type IncidentRecord } from '../../server/metrics/incident-records.ts';
import { tallyTargets } from '../../server/metrics/target-compliance.ts';
import { applyVariant, loadVariant } from '../../server/batch/variants.ts';
import { prepareReplication, runReplication } from '../../server/batch/replication.ts';
import { createEngine } from '../../server/engine/engine.ts';
import { createLogHasher } from '../../server/metrics/log-hash.ts';
import { DataFileError } from '../../server/files/data-file-error.ts';
import { JURISDICTION, SITE, STATION, UNIT, miniScenario, miniWorld } from '../fixtures/mini-world.ts';

const ev = (t: number, e: Record<string, unknown>): DomainEvent => ({ seq: 0, t: t * 1000, ...e }) as unknown as DomainEvent;

describe('unit utilisation and station concurrency', () => {
  it('station A (3 units): one out 100-700 s, another 400-1000 s, run ends at 1200 s', () => {
    const fold = createUtilisationFold(miniWorld());
    const log = [
      ev(0, { type: 'SIMULATION_STARTED' }),
      ev(100, { type: 'UNIT_DISPATCHED', unitId: UNIT.A_SG1, incidentId: 'INC-00001' }),
      ev(400, { type: 'UNIT_DISPATCHED', unitId: UNIT.A_SG2, incidentId: 'INC-00002' }),
      ev(500, { type: 'UNIT_ARRIVED', unitId: UNIT.A_SG1, incidentId: 'INC-00001' }),
      ev(600, { type: 'UNIT_RETURNING', unitId: UNIT.A_SG1, available: false }),
      ev(700, { type: 'UNIT_IN_STATION', unitId: UNIT.A_SG1 }),
      ev(1000, { type: 'UNIT_IN_STATION', unitId: UNIT.A_SG2 }),
    ];
    for (const e of log) fold.add(e);
    const a = fold.result(1_200_000).byStation.find((s) => s.stationId === STATION.A)!;
    // k = 0: 0-100 and 1000-1200 (300 s); k = 1: 100-400 and 700-1000 (600 s); k = 2: 400-700 (300 s).
    expect(a.concurrency).toEqual([0.25, 0.5, 0.25, 0]);
    // (600 + 600) busy seconds over 3 units × 1200 s.
    expect(a.utilisation).toBeCloseTo(1 / 3, 12);
    const b = fold.result(1_200_000).byStation.find((s) => s.stationId === STATION.B)!;
    expect(b.utilisation).toBe(0);
  });

  it('a unit returning while available counts as free; a unit stood down before arriving is free at once', () => {
    const fold = createUtilisationFold(miniWorld());
    for (const e of [
      ev(0, { type: 'SIMULATION_STARTED' }),
      ev(0, { type: 'UNIT_DISPATCHED', unitId: UNIT.B_SG1, incidentId: 'I1' }),
      ev(100, { type: 'UNIT_ARRIVED', unitId: UNIT.B_SG1, incidentId: 'I1' }),
      ev(300, { type: 'UNIT_RETURNING', unitId: UNIT.B_SG1, available: true }),
      ev(300, { type: 'UNIT_DISPATCHED', unitId: UNIT.B_SG2, incidentId: 'I2' }),
      ev(400, { type: 'UNIT_RELEASED', unitId: UNIT.B_SG2, incidentId: 'I2', reason: 'commander' }),
    ]) fold.add(e);
    const r = fold.result(1_000_000);
    expect(r.byUnit[UNIT.B_SG1]).toBeCloseTo(0.3, 12);
    expect(r.byUnit[UNIT.B_SG2]).toBeCloseTo(0.1, 12);
  });
});

function rec(over: Partial<IncidentRecord>): IncidentRecord {
  return {
    id: 'INC', type: 'building-fire', grade: '1', hour: 10, night: false, jurisdictionId: JURISDICTION.urbanA, homeStationId: STATION.A,
    landUse: 'urban', peoplePerKm2: 5000, firstTier: 'national', firstStationId: STATION.A, segments: {}, derived: {}, crewArrivals: [], cancelled: false,
    ...over,
  };
}

describe('target compliance', () => {
  const set = TargetSetSchema.parse({
    name: 'test', nameZh: '测试',
    targets: [
      { id: 'engine', nameZh: '首车', nameEn: 'first engine', measure: 'firstEngineTravel', seconds: 240, percentile: 90, where: { incidentTypes: ['building-fire'] }, source: 'test' },
      { id: 'staff', nameZh: '人员', nameEn: 'staff', measure: 'staffAssembly', staff: 10, seconds: 200, percentile: 50, source: 'test' },
      { id: 'rural', nameZh: '农村', nameEn: 'rural', measure: 'turnout', seconds: 60, percentile: 90, where: { maxPeoplePerKm2: 193 }, source: 'test' },
    ],
  });

  it('first engine travel 100, 200 … 1000 s: 2 of 10 within 240 s; p90 is the 9th value (⌈0.9·10⌉ = 9) = 900 s, not met', () => {
    const records = Array.from({ length: 10 }, (_, i) => rec({ derived: { firstEngineTravel: (i + 1) * 100 } }));
    records.push(rec({ type: 'vehicle-fire', derived: { firstEngineTravel: 1 } })); // another type: left out
    const [engine] = tallyTargets(set, records, () => 'urban-district');
    expect(engine).toEqual({ id: 'engine', n: 10, within: 2, share: 0.2, atPercentile: 900, met: false });
  });

  it('staff on scene: 4 at 60 s, 6 more at 120 s → 10 by 120 s; never assembling counts as missed unless cancelled', () => {
    const arrivals: [number, number][] = [[60, 4], [120, 6], [300, 5]];
    expect(staffAssembledSeconds({ crewArrivals: arrivals }, 10)).toBe(120);
    expect(staffAssembledSeconds({ crewArrivals: arrivals }, 15)).toBe(300);
    expect(staffAssembledSeconds({ crewArrivals: arrivals }, 16)).toBeUndefined();
    const records = [
      rec({ crewArrivals: arrivals }), // 120 s
      rec({ crewArrivals: [[100, 4]] }), // never 10: missed (∞)
      rec({ crewArrivals: [[100, 4]], cancelled: true }), // cancelled: left out
    ];
    const staff = tallyTargets(set, records, () => 'urban-district')[1]!;
    expect(staff).toMatchObject({ n: 2, within: 1, share: 0.5, atPercentile: 120, met: true });
  });

  it('a density bound picks the zone: only the cell under 193 people per km² counts', () => {
    const records = [rec({ peoplePerKm2: 100, segments: { turnout: 90 } }), rec({ peoplePerKm2: 5000, segments: { turnout: 30 } })];
    expect(tallyTargets(set, records, () => 'township')[2]).toMatchObject({ n: 1, within: 0, met: false });
  });

  it('the shipped target sets load and validate', async () => {
    const { loadTargets } = await import('../../server/cli/batch.ts');
    for (const name of ['china', 'nfpa-1710', 'nfpa-1720']) expect(loadTargets(name, 'seeds').targets.length).toBeGreaterThan(2);
    expect(() => loadTargets('nfpa-9999', 'seeds')).toThrow(/unknown target set "nfpa-9999" \(expected one of: china, nfpa-1710, nfpa-1720/);
  });
});

describe('variants', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'variant-'));
  const write = (name: string, text: string): string => {
    const f = path.join(dir, name);
    fs.writeFileSync(f, text);
    return f;
  };

  it('adds a station, slows a turnout and raises the call rate on copies; the baseline world is untouched', () => {
    const world = miniWorld();
    const scenario = miniScenario({ mode: 'auto' });
    const before = JSON.stringify(world.region);
    const file = write('ok.yaml', [
      'name: New station B2',
      'changes:',
      '  - addStation: { id: stn-b2, name: B2, kind: class-2, location: [30.018, 120.02], staffOnDuty: 6, units: [{ id: B2-SG1, type: SG }] }',
      '  - turnout: { kind: class-1, day: 120 }',
      '  - callRate: { scale: 2 }',
    ].join('\n'));
    const v = applyVariant(world, scenario, loadVariant(file));
    expect(v.world.region.stations.find((s) => s.id === 'stn-b2')).toMatchObject({ kind: 'class-2', jurisdictionId: JURISDICTION.urbanA });
    expect(v.world.doctrine.turnoutSeconds['class-1'].day).toBe(120);
    expect(v.world.doctrine.turnoutSeconds['class-1'].night).toBe(world.doctrine.turnoutSeconds['class-1'].night);
    expect(v.scenario.background.scale).toBe(2 * scenario.background.scale);
    expect(JSON.stringify(world.region)).toBe(before);
  });

  it('reports each misfit at its line: an unknown station, a unit type not in the catalogue', () => {
    const file = write('bad.yaml', [
      'name: Broken',
      'changes:',
      '  - moveStation: { id: stn-nowhere, location: [30.01, 120.01] }',
      '  - staffing: { station: stn-a, units: [{ id: A-NEW, type: ZZ-99 }] }',
    ].join('\n'));
    let err: unknown;
    try { applyVariant(miniWorld(), miniScenario(), loadVariant(file)); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(DataFileError);
    const msg = (err as Error).message;
    expect(msg).toMatch(/bad\.yaml:3:\d+: changes\.0\.moveStation\.id: unknown station "stn-nowhere"/);
    expect(msg).toMatch(/bad\.yaml:4:\d+: changes\.1\.staffing\.units\.0\.type: unknown unit type "ZZ-99"/);
  });

  it('removing a home station hands its district to the nearest national or professional station', () => {
    const file = write('remove.yaml', 'name: Without A\nchanges:\n  - removeStation: { id: stn-a }\n');
    const v = applyVariant(miniWorld(), miniScenario(), loadVariant(file));
    expect(v.world.region.stations.some((s) => s.id === STATION.A)).toBe(false);
    const a = v.world.region.jurisdictions.find((j) => j.id === JURISDICTION.urbanA)!;
    expect(a.homeStationId).not.toBe(STATION.A);
    expect(v.world.region.stations.some((s) => s.id === a.homeStationId)).toBe(true);
  });
});

describe('one replication', () => {
  it('folds the same log the engine writes, and records the fire in district A with its first arrivals', () => {
    const world = miniWorld();
    const scenario = miniScenario({ mode: 'auto', calls: [{ at: '10m', type: 'building-fire', location: SITE.districtAFarFromMicro, size: 5 }] });
    const r = runReplication(prepareReplication(world, scenario), 3);
    const engine = createEngine({ world, scenario, seed: 3 });
    const h = createLogHasher();
    for (const e of engine.start()) h.add(e);
    for (const e of engine.advanceTo(engine.endsAt)) h.add(e);
    expect(r.logHash).toBe(h.hex());
    expect(r.incidents).toHaveLength(1);
    const inc = r.incidents[0]!;
    expect(inc.type).toBe('building-fire');
    expect(inc.hour).toBe(10);
    expect(inc.night).toBe(false);
    expect(inc.segments.dispatchToFirstArrival).toBeGreaterThan(0);
    expect(inc.crewArrivals.length).toBeGreaterThan(0);
    expect(r.stations.some((s) => s.utilisation > 0)).toBe(true);
  });
});
