// Background calls: how many, when in the day, where in the county and of which type. Statistical
// checks use 99.9% bounds around the expected value, on a fixed seed so a run never flakes.
import { describe, expect, it } from 'vitest';
import { createBackgroundCalls, backgroundCallsPerYear } from '../../server/scenario/call-generator.ts';
import { createRng } from '../../server/engine/kernel/rng.ts';
import type { BackgroundCall, BackgroundCallSource } from '../../server/engine/types.ts';
import { indexRegion } from '../../shared/region-lookup.ts';
import type { Cell, LandUse, Region } from '../../shared/schemas/region.ts';
import type { CallProfile, Scenario } from '../../shared/schemas/scenario.ts';
import { INCIDENT_TYPES } from '../../shared/domain/incident-types.ts';
import type { IncidentType } from '../../shared/domain/incident-types.ts';
import { loadWorld } from '../../server/scenario/load-world.ts';
import { loadScenario } from '../../server/scenario/load-scenario.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const YEAR = 365 * DAY;
const Z999 = 3.29; // two-sided 99.9% normal quantile

/** 99.9% interval of a Poisson count with this mean (normal approximation, fine above ~30). */
function poissonBounds(mean: number): [number, number] {
  const half = Z999 * Math.sqrt(mean);
  return [mean - half, mean + half];
}

function expectWithin(count: number, [lo, hi]: [number, number], what: string) {
  expect(count, `${what}: ${count} outside [${lo.toFixed(1)}, ${hi.toFixed(1)}]`).toBeGreaterThanOrEqual(lo);
  expect(count, `${what}: ${count} outside [${lo.toFixed(1)}, ${hi.toFixed(1)}]`).toBeLessThanOrEqual(hi);
}

function mixOf(weights: Partial<Record<IncidentType, number>>): Record<IncidentType, number> {
  return Object.fromEntries(INCIDENT_TYPES.map((t) => [t, weights[t] ?? 0])) as Record<IncidentType, number>;
}

// A 6 × 6 grid: an urban core, suburbs, forest and an industrial park in the county; the east
// column belongs to a populous neighbouring city that must never get this county's calls.
function fixtureRegion(): Region {
  const cells: Cell[] = [];
  for (let r = 0; r < 6; r++) {
    for (let c = 0; c < 6; c++) {
      if (r === 5 && c === 0) continue; // a hole in the grid: no cell there
      let landUse: LandUse = 'suburban';
      let population = 20_000;
      let jurisdictionId = 'town';
      if (c === 5) { landUse = 'urban'; population = 500_000; jurisdictionId = 'neighbour-city'; }
      else if (r < 2 && c < 2) { landUse = 'urban'; population = 80_000; jurisdictionId = 'centre'; }
      else if (r >= 4 && c < 3) { landUse = 'forest'; population = 0; }
      else if (r >= 4) { landUse = 'industrial'; population = 500; jurisdictionId = 'park'; }
      cells.push({ r, c, population, landUse, jurisdictionId });
    }
  }
  return {
    id: 'test-county', name: 'Test County', nameZh: '测试县', fictional: true, note: '', utcOffsetHours: 8,
    jurisdictions: [
      { id: 'centre', name: 'Centre', nameZh: '城区', kind: 'urban-district', homeStationId: 's1', population: 320_000, center: [30.01, 120.01] },
      { id: 'town', name: 'Town', nameZh: '镇', kind: 'township', homeStationId: 's1', population: 300_000, center: [30.03, 120.03] },
      { id: 'park', name: 'Park', nameZh: '园区', kind: 'industrial-park', homeStationId: 's1', population: 3_000, center: [30.045, 120.04] },
      { id: 'neighbour-city', name: 'Neighbour', nameZh: '邻市', kind: 'neighbour', homeStationId: 's1', population: 3_000_000, center: [30.03, 120.055] },
    ],
    stations: [{ id: 's1', name: 'S1', nameZh: '一站', kind: 'class-1', jurisdictionId: 'centre', location: [30.01, 120.01], staffOnDuty: 30, specialties: [], units: [{ id: 'u1', type: 'SG' }] }],
    grid: { south: 30, west: 120, cellLat: 0.01, cellLon: 0.01, rows: 6, cols: 6 },
    cells,
  };
}

// Strong shape: evenings 4× the small hours, so the difference is plain in a year of calls.
const HOURS = [3, 2.5, 2, 1, 1, 1, 2, 3, 4, 5, 6, 6, 5, 5, 5, 5, 5, 6, 8, 8, 7, 6, 5, 4];

function fixtureProfile(overrides: Partial<CallProfile> = {}): CallProfile {
  return {
    callsPerYearPer10k: 30,
    hourOfDay: HOURS,
    landUseWeight: {
      urban: { perPerson: 1.2, perCell: 0 },
      suburban: { perPerson: 1, perCell: 0 },
      forest: { perPerson: 0, perCell: 20_000 },
      industrial: { perPerson: 1, perCell: 15_000 },
    },
    typeMix: {
      urban: mixOf({ 'building-fire': 20, 'high-rise-fire': 5, 'social-assistance': 40, 'false-alarm': 15, 'ebike-battery-fire': 20 }),
      industrial: mixOf({ hazmat: 30, 'building-fire': 30, 'false-alarm': 40 }),
      forest: mixOf({ 'forest-fire': 80, 'small-outdoor-fire': 20 }),
      default: mixOf({ 'building-fire': 25, 'small-outdoor-fire': 25, 'traffic-accident': 20, 'social-assistance': 30 }),
    },
    ...overrides,
  };
}

type Bg = Scenario['background'];
function scenarioOf(start: string, background: Partial<Bg> = {}): Pick<Scenario, 'start' | 'background'> {
  return { start, background: { enabled: true, scale: 1, ...background } };
}

function generate(source: BackgroundCallSource, seed: number, until: number): BackgroundCall[] {
  const rng = createRng(seed);
  const calls: BackgroundCall[] = [];
  for (let t = 0; ;) {
    const call = source.next(rng, t, until);
    if (!call) return calls;
    calls.push(call);
    t = call.at;
  }
}

const region = fixtureRegion();
const world = { region, callProfile: fixtureProfile() };
const inCountyPeople = region.cells.filter((c) => c.jurisdictionId !== 'neighbour-city').reduce((s, c) => s + c.population, 0);

describe('background call generator', () => {
  // 10× the profile rate: ~19,000 calls in a year, enough for tight shares.
  const start = '2026-06-01T07:30:00Z'; // 15:30 in the county (UTC+8)
  const scenario = scenarioOf(start, { scale: 10 });
  const calls = generate(createBackgroundCalls(world, scenario), 42, YEAR);
  const expectedPerYear = (30 * inCountyPeople) / 10_000 * 10;

  it('produces the profile rate × in-county population × scale over a year', () => {
    expect(backgroundCallsPerYear(world, scenario)).toBeCloseTo(expectedPerYear, 6);
    expectWithin(calls.length, poissonBounds(expectedPerYear), 'calls in a year');
  });

  it('uses the scenario callsPerYear instead of the profile when given', () => {
    const fixed = generate(createBackgroundCalls(world, scenarioOf(start, { callsPerYear: 5_000, scale: 2 })), 7, YEAR);
    expectWithin(fixed.length, poissonBounds(10_000), 'calls with callsPerYear 5000 × scale 2');
  });

  it('gives fewer calls at 3-5 am than at 18-20 pm, in proportion to the hour-of-day profile (local time)', () => {
    const startMs = Date.parse(start);
    const localHour = (at: number) => Math.floor((((startMs + at) / HOUR + 8) % 24 + 24) % 24);
    const count = (hours: number[]) => calls.filter((c) => hours.includes(localHour(c.at))).length;
    const sum = HOURS.reduce((a, b) => a + b, 0);
    const expectedIn = (hours: number[]) => expectedPerYear * hours.reduce((s, h) => s + HOURS[h]!, 0) / sum;
    const night = count([3, 4, 5]);
    const evening = count([18, 19, 20]);
    expectWithin(night, poissonBounds(expectedIn([3, 4, 5])), 'calls at 3-5 am');
    expectWithin(evening, poissonBounds(expectedIn([18, 19, 20])), 'calls at 18-20 pm');
    expect(night * 3).toBeLessThan(evening); // profile ratio is 3 : 23
  });

  it('maps sim time 0 to the local hour of the scenario start, whatever offset the start is written in', () => {
    const onlyMidnightHour = fixtureProfile({ hourOfDay: HOURS.map((_, h) => (h === 0 ? 1 : 0)) });
    const w = { region, callProfile: onlyMidnightHour };
    const offsetsOf = (s: string) => generate(createBackgroundCalls(w, scenarioOf(s)), 3, 30 * DAY).map((c) => c.at % DAY);
    // Local midnight, written in local time and in UTC: calls only in the first hour of each sim day.
    for (const s of ['2026-06-01T00:00:00+08:00', '2026-05-31T16:00:00Z']) {
      const offsets = offsetsOf(s);
      expect(offsets.length).toBeGreaterThan(20);
      expect(offsets.every((o) => o < HOUR)).toBe(true);
    }
    // Midnight in UTC+9 is 23:00 in the county: the local midnight hour is sim hour 1.
    const shifted = offsetsOf('2026-06-01T00:00:00+09:00');
    expect(shifted.length).toBeGreaterThan(20);
    expect(shifted.every((o) => o >= HOUR && o < 2 * HOUR)).toBe(true);
  });

  it('puts every call inside an in-county cell, never in the neighbouring city or off the grid', () => {
    const index = indexRegion(region);
    const inCounty = new Set(['centre', 'town', 'park']);
    const outside = calls.filter((c) => {
      const cell = index.cellAt(c.location);
      return !cell || !inCounty.has(cell.jurisdictionId);
    });
    expect(outside).toEqual([]);
  });

  it('spreads calls over land uses by population × perPerson + perCell (forest gets calls though nobody lives there)', () => {
    const index = indexRegion(region);
    const profile = world.callProfile;
    const weightOf = (c: Cell) => c.population * profile.landUseWeight[c.landUse]!.perPerson + profile.landUseWeight[c.landUse]!.perCell;
    const countyCells = region.cells.filter((c) => c.jurisdictionId !== 'neighbour-city');
    const total = countyCells.reduce((s, c) => s + weightOf(c), 0);
    for (const landUse of ['urban', 'suburban', 'forest', 'industrial'] as const) {
      const p = countyCells.filter((c) => c.landUse === landUse).reduce((s, c) => s + weightOf(c), 0) / total;
      const n = calls.filter((c) => index.cellAt(c.location)?.landUse === landUse).length;
      const half = Z999 * Math.sqrt(calls.length * p * (1 - p));
      expectWithin(n, [calls.length * p - half, calls.length * p + half], `${landUse} calls`);
    }
  });

  it('draws incident types from the land-use type mix (default mix where a land use has none)', () => {
    const profile = world.callProfile;
    const countyCells = region.cells.filter((c) => c.jurisdictionId !== 'neighbour-city');
    const weightOf = (c: Cell) => c.population * profile.landUseWeight[c.landUse]!.perPerson + profile.landUseWeight[c.landUse]!.perCell;
    const total = countyCells.reduce((s, c) => s + weightOf(c), 0);
    const expected = new Map<IncidentType, number>(INCIDENT_TYPES.map((t) => [t, 0]));
    for (const c of countyCells) {
      const mix = profile.typeMix[c.landUse] ?? profile.typeMix.default!;
      const mixTotal = Object.values(mix).reduce((a, b) => a + b, 0);
      for (const t of INCIDENT_TYPES) expected.set(t, expected.get(t)! + (weightOf(c) / total) * (mix[t] / mixTotal));
    }
    for (const t of INCIDENT_TYPES) {
      const p = expected.get(t)!;
      const n = calls.filter((c) => c.incidentType === t).length;
      if (p === 0) { expect(n, `${t} is not in any mix`).toBe(0); continue; }
      const half = Z999 * Math.sqrt(calls.length * p * (1 - p));
      expectWithin(n, [calls.length * p - half, calls.length * p + half], `${t} calls`);
    }
    // High-rise fires only come from urban cells.
    const index = indexRegion(region);
    const highRise = calls.filter((c) => c.incidentType === 'high-rise-fire');
    expect(highRise.length).toBeGreaterThan(0);
    expect(highRise.every((c) => index.cellAt(c.location)?.landUse === 'urban')).toBe(true);
  });

  it('replays the same sequence from the same seed, and a different one from another seed', () => {
    const source = createBackgroundCalls(world, scenario);
    const a = generate(source, 42, 30 * DAY);
    const b = generate(source, 42, 30 * DAY);
    const c = generate(source, 43, 30 * DAY);
    expect(a.length).toBeGreaterThan(100);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
    expect(a).toEqual(calls.slice(0, a.length)); // a second source from the same inputs agrees too
  });

  it('returns each call strictly after `after` and before `until`, in increasing time', () => {
    const rng = createRng(5);
    const source = createBackgroundCalls(world, scenario);
    const after = 10 * DAY + 123;
    const until = after + 2 * DAY;
    let t = after;
    let n = 0;
    for (let call = source.next(rng, t, until); call; call = source.next(rng, t, until)) {
      expect(call.at).toBeGreaterThan(t);
      expect(call.at).toBeLessThan(until);
      t = call.at;
      n++;
    }
    expect(n).toBeGreaterThan(10);
    expect(source.next(rng, until, until)).toBeUndefined();
  });

  it('generates no calls when the scenario turns background calls off', () => {
    const off = createBackgroundCalls(world, scenarioOf(start, { enabled: false }));
    expect(generate(off, 1, YEAR)).toEqual([]);
  });
});

describe('background calls of the demo county (real seeds)', () => {
  const demo = loadWorld();
  const year = loadScenario('scenarios/normal-year.yaml', demo);
  const calls = generate(createBackgroundCalls(demo, year), year.seed, year.duration);

  it('gives about 1,800 calls in a normal year of the ~600,000-person county', () => {
    expect(backgroundCallsPerYear(demo, year)).toBeGreaterThan(1_500);
    expect(backgroundCallsPerYear(demo, year)).toBeLessThan(2_100);
    expectWithin(calls.length, poissonBounds(backgroundCallsPerYear(demo, year)), 'calls in the normal year');
  });

  it('has a night trough and an evening peak, and everyday calls dominate the type mix', () => {
    const startMs = Date.parse(year.start);
    const localHour = (at: number) => Math.floor((((startMs + at) / HOUR + demo.region.utcOffsetHours) % 24 + 24) % 24);
    const night = calls.filter((c) => [3, 4, 5].includes(localHour(c.at))).length;
    const evening = calls.filter((c) => [18, 19, 20].includes(localHour(c.at))).length;
    expect(night * 2).toBeLessThan(evening);
    const share = (t: IncidentType) => calls.filter((c) => c.incidentType === t).length / calls.length;
    expect(share('social-assistance')).toBeGreaterThan(0.18);
    expect(share('building-fire')).toBeGreaterThan(0.12);
    expect(share('earthquake-collapse')).toBeLessThan(0.01);
    const index = indexRegion(demo.region);
    const forestFires = calls.filter((c) => c.incidentType === 'forest-fire');
    expect(forestFires.length).toBeGreaterThan(0);
    expect(forestFires.filter((c) => ['forest', 'rural', 'village', 'suburban'].includes(index.cellAt(c.location)?.landUse ?? '')).length).toBe(forestFires.length);
  });
});
