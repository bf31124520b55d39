// The nearest-unit search (dispatch/unit-search.ts) skips work: lower bounds, shared ETAs per station
// and speed class, bars that only what can change the doctrine's pick must reach, each unit's kind of
// candidate worked out once per world. None of it may change a pick: on random states of the mini
// world's units (in station, on the road, busy, cut off by comms or by roads, some already taken),
// every pick is the one the plain rule gives with every candidate asked for its ETA: the nearest of
// each echelon, then the doctrine (echelons.ts).
import { describe, expect, it } from 'vitest';
import { indexWorld, type UnitInfo } from '../../server/engine/kernel/world-index.ts';
import { ANY_UNIT, UnitSearch, type UnitLive } from '../../server/engine/domain/dispatch/unit-search.ts';
import { better, noBests, offer, pickByEchelon } from '../../server/engine/domain/dispatch/echelons.ts';
import type { Capability } from '../../shared/domain/forces.ts';
import type { UnitStatus } from '../../shared/domain/status.ts';
import { haversineM, type LatLon } from '../../shared/geo.ts';
import { miniWorld, STATION_LOCATION } from '../fixtures/mini-world.ts';
import { prng } from '../fixtures/prng.ts';

/** Seeded: the same cases on every run. */
const rng = prng;

const index = indexWorld(miniWorld());
const units = [...index.units.values()];
const dispatch = index.world.doctrine.dispatch;
const SITE: LatLon = [30, 120];

/** One random state of the world's units: status, comms, driving seconds (Infinity: roads closed) and a lower bound of them. */
interface State { status: UnitStatus[]; orderable: boolean[]; drive: number[]; low: number[] }

function randomState(r: () => number): State {
  const s: State = { status: [], orderable: [], drive: [], low: [] };
  for (const u of units) {
    const x = r();
    s.status[u.n] = x < 0.45 ? 'inStation' : x < 0.75 ? 'availableOnRoad' : x < 0.85 ? 'returning' : 'working';
    s.orderable[u.n] = r() > 0.05;
    // Seconds on a coarse grid so ties (broken by id) come up; units of a station share them, as a
    // station's units share their place.
    s.drive[u.n] = r() < 0.08 ? Infinity : 60 * Math.floor(1 + r() * 40);
    s.low[u.n] = s.drive[u.n]! * (r() < 0.3 ? 1 : r());
  }
  // Units in station stand at their station: same seconds for the same station and speed class.
  const shared = new Map<string, number>();
  for (const u of units) {
    if (s.status[u.n] !== 'inStation') continue;
    const key = `${u.station.id}|${u.type.speedClass}`;
    const d = shared.get(key);
    if (d === undefined) shared.set(key, s.drive[u.n]!);
    else { s.drive[u.n] = d; s.low[u.n] = Math.min(s.low[u.n]!, d); }
  }
  // The bound is the same for a station and speed class too (the search keeps one per group).
  const lows = new Map<string, number>();
  for (const u of units) {
    if (s.status[u.n] !== 'inStation') continue;
    const key = `${u.station.id}|${u.type.speedClass}`;
    lows.set(key, Math.min(lows.get(key) ?? Infinity, s.low[u.n]!));
  }
  for (const u of units) if (s.status[u.n] === 'inStation') s.low[u.n] = lows.get(`${u.station.id}|${u.type.speedClass}`)!;
  return s;
}

function liveOf(s: State, asked: { whole: UnitInfo[] }): UnitLive {
  return {
    status: (u) => s.status[u.n]!,
    orderable: (u) => s.orderable[u.n]!,
    travelSeconds: (u) => { asked.whole.push(u); return s.drive[u.n]!; },
    travelSecondsWithin: (u, _to, _t, max) => (s.drive[u.n]! <= max ? s.drive[u.n] : undefined),
    minTravelSeconds: (u) => s.low[u.n]!,
  };
}

/** The plain rule: every candidate asked for its ETA (turnout from the station, then the drive). */
function plainEtas(s: State, night: boolean, taken: Set<UnitInfo>, pool: readonly UnitInfo[]): { u: UnitInfo; eta: number }[] {
  const out: { u: UnitInfo; eta: number }[] = [];
  for (const u of pool) {
    const st = s.status[u.n];
    const available = st === 'inStation' || st === 'availableOnRoad' || (st === 'returning' && dispatch.returningDispatchable);
    if (taken.has(u) || !available || !s.orderable[u.n]) continue;
    const turnout = st === 'inStation' ? index.world.doctrine.turnoutSeconds[u.station.kind][night ? 'night' : 'day'] : 0;
    const eta = turnout + s.drive[u.n]!;
    if (Number.isFinite(eta)) out.push({ u, eta });
  }
  return out;
}

function plainChoose(cands: { u: UnitInfo; eta: number }[], cap: Capability | undefined) {
  const bests = noBests();
  for (const { u, eta } of cands) offer(bests, u, eta, u.echelon === 1 && cap !== undefined && u.specialistFor.has(cap));
  return pickByEchelon(bests, dispatch, cap);
}

function plainNearest(cands: { u: UnitInfo; eta: number }[]) {
  let best: UnitInfo | undefined;
  let bestEta = Infinity;
  for (const { u, eta } of cands) if (better(u, eta, best, bestEta)) { best = u; bestEta = eta; }
  return best && { unit: best, eta: bestEta };
}

const CAPS: (Capability | undefined)[] = [undefined, 'water', 'rescue', 'hazmat', 'aerial', 'foam'];

/**
 * Pick after pick from one search (a run card's need for several vehicles makes several), each
 * against the plain rule's: choose (with its note when `notes`) and nearest, then the pick taken.
 */
function expectPlainPicks(search: ReturnType<UnitSearch['begin']>, s: State, night: boolean, taken: Set<UnitInfo>, cap: Capability | undefined, picks: number, label: string, notes = false): void {
  const pool = cap === undefined ? units : index.unitsWith.get(cap) ?? [];
  for (let k = 0; k < picks; k++) {
    const cands = plainEtas(s, night, taken, pool);
    const want = plainChoose(cands, cap);
    const got = search.choose(pool, ANY_UNIT, cap);
    const seen = (p: { unit: UnitInfo; eta: number; note?: string } | undefined) => p && { unit: p.unit.id, eta: p.eta, ...(notes ? { note: p.note } : {}) };
    expect(seen(got), `${label}, pick ${k}`).toEqual(seen(want));
    const near = plainNearest(cands);
    const gotNear = search.nearest(pool, ANY_UNIT);
    expect(gotNear && { unit: gotNear.unit.id, eta: gotNear.eta }, `${label}, pick ${k}`).toEqual(near && { unit: near.unit.id, eta: near.eta });
    if (!got) break;
    search.take(got.unit);
    taken.add(got.unit);
  }
}

describe('the nearest-unit search gives the plain rule\'s picks', () => {
  it('choose and nearest, pick after pick, on 1,500 random states of the units', () => {
    const r = rng(17);
    for (let c = 0; c < 1_500; c++) {
      const s = randomState(r);
      const night = r() < 0.3;
      const asked = { whole: [] as UnitInfo[] };
      const search = UnitSearch.of(index).begin(liveOf(s, asked), SITE, 0, night);
      const taken = new Set<UnitInfo>();
      for (const u of units) if (r() < 0.1) { search.take(u); taken.add(u); }
      expectPlainPicks(search, s, night, taken, CAPS[Math.floor(r() * CAPS.length)], 4, `case ${c}`, true);
    }
  });

  it('takes turnout times from the doctrine the world has now (a table replaced between searches is read again)', () => {
    const doctrine = index.world.doctrine as { turnoutSeconds: typeof index.world.doctrine.turnoutSeconds };
    const before = doctrine.turnoutSeconds;
    // Slow turnouts by a different amount for each kind and shift: a pick made with the old table would differ.
    doctrine.turnoutSeconds = Object.fromEntries(Object.entries(before).map(([kind, t], i) => [kind, { day: t.day + 97 * (i + 1), night: t.night + 41 * (i + 2) }])) as typeof before;
    try {
      const r = rng(23);
      for (let c = 0; c < 300; c++) {
        const s = randomState(r);
        const night = r() < 0.5;
        const search = UnitSearch.of(index).begin(liveOf(s, { whole: [] }), SITE, 0, night);
        expectPlainPicks(search, s, night, new Set(), CAPS[Math.floor(r() * CAPS.length)], 3, `case ${c}`);
      }
    } finally {
      doctrine.turnoutSeconds = before;
    }
  });

  it('bounds units in station by the chord times the model\'s least seconds a metre, never above the ETA', () => {
    // Drives of units in station exactly the great-circle distance at the fastest speed: the bound is
    // as tight as it may be, and the units of a station tie (broken by id), so a bound a hair above
    // its ETA would skip a unit the plain rule picks.
    const r = rng(41);
    const PER_METRE = 1 / 25;
    const places = Object.values(STATION_LOCATION);
    for (let c = 0; c < 1_500; c++) {
      const a = places[Math.floor(r() * places.length)]!;
      const b = places[Math.floor(r() * places.length)]!;
      const f = r();
      const site: LatLon = [a[0] + (b[0] - a[0]) * f + (r() - 0.5) * 0.02, a[1] + (b[1] - a[1]) * f + (r() - 0.5) * 0.02];
      const s = randomState(r);
      for (const u of units) {
        if (s.status[u.n] === 'inStation') s.drive[u.n] = haversineM(u.station.location, site) * PER_METRE;
        else s.low[u.n] = Math.min(s.low[u.n]!, haversineM(u.station.location, site) * PER_METRE);
      }
      const night = r() < 0.3;
      const live: UnitLive = { ...liveOf(s, { whole: [] }), minSecondsPerMetre: () => PER_METRE };
      const search = UnitSearch.of(index).begin(live, site, 0, night);
      const taken = new Set<UnitInfo>();
      expectPlainPicks(search, s, night, taken, CAPS[Math.floor(r() * CAPS.length)], 3, `case ${c}`);
    }
  });

  it('measures bounds to where each unit goes: a staging point for crews without protection, the site for hazmat crews', () => {
    // A chemical release sends crews without protection to a staging point (models/hazards.ts
    // approachPoint), which can be much nearer to a station than the site. Drives exactly the
    // great-circle distance to that point at the fastest speed for units in station (a little more
    // for units on the road): a bound measured to the site would exceed the ETA and skip the unit
    // the plain rule picks, and one ETA shared by a station's units of one speed class (station S:
    // HJ and SG) would give the hazmat crew's drive to the crew that stops short, or the reverse.
    const r = rng(53);
    const PER_METRE = 1 / 25;
    const places = Object.values(STATION_LOCATION);
    const goesToSite = (u: UnitInfo): boolean => u.type.capabilities.includes('hazmat');
    for (let c = 0; c < 1_500; c++) {
      const a = places[Math.floor(r() * places.length)]!;
      const b = places[Math.floor(r() * places.length)]!;
      const f = r();
      const site: LatLon = [a[0] + (b[0] - a[0]) * f + (r() - 0.5) * 0.02, a[1] + (b[1] - a[1]) * f + (r() - 0.5) * 0.02];
      const near = places[Math.floor(r() * places.length)]!;
      const staging: LatLon = [near[0] + (r() - 0.5) * 0.004, near[1] + (r() - 0.5) * 0.004];
      const s = randomState(r);
      const from: LatLon[] = [];
      for (const u of units) {
        const standing = s.status[u.n] === 'inStation';
        from[u.n] = standing ? u.station.location : [u.station.location[0] + (r() - 0.5) * 0.02, u.station.location[1] + (r() - 0.5) * 0.02];
        if (s.drive[u.n] !== Infinity) s.drive[u.n] = haversineM(from[u.n]!, goesToSite(u) ? site : staging) * PER_METRE * (standing ? 1 : 1 + r() * 0.3);
      }
      const night = r() < 0.3;
      const live: UnitLive = {
        status: (u) => s.status[u.n]!,
        orderable: (u) => s.orderable[u.n]!,
        travelSeconds: (u) => s.drive[u.n]!,
        travelSecondsWithin: (u, _to, _t, max) => (s.drive[u.n]! <= max ? s.drive[u.n] : undefined),
        minTravelSeconds: (u, to) => haversineM(from[u.n]!, to) * PER_METRE,
        minSecondsPerMetre: () => PER_METRE,
        approachPoint: (u, to) => (goesToSite(u) ? to : staging),
      };
      const search = UnitSearch.of(index).begin(live, site, 0, night);
      const taken = new Set<UnitInfo>();
      expectPlainPicks(search, s, night, taken, CAPS[Math.floor(r() * CAPS.length)], 3, `case ${c}`);
    }
  });

  it('counts every available unit in station no road leads from, asked for its ETA or skipped by its bound (none when none)', () => {
    const r = rng(29);
    let counted = 0;
    for (let c = 0; c < 1_500; c++) {
      // Units in station or busy: those in station are all looked at by a scan, so the count does not
      // depend on which of them the bests asked for an ETA.
      const s = randomState(r);
      for (const u of units) if (s.status[u.n] !== 'inStation') s.status[u.n] = 'working';
      const search = UnitSearch.of(index).begin(liveOf(s, { whole: [] }), SITE, 0, false);
      const taken = new Set<UnitInfo>();
      for (const u of units) if (r() < 0.1) { search.take(u); taken.add(u); }
      const cap = CAPS[Math.floor(r() * CAPS.length)];
      const pool = cap === undefined ? units : index.unitsWith.get(cap) ?? [];
      const picks = Math.floor(r() * 3);
      for (let k = 0; k < picks; k++) {
        const got = search.choose(pool, ANY_UNIT, cap);
        if (!got) break;
        search.take(got.unit);
        taken.add(got.unit);
      }
      const cut = pool.filter((u) => s.status[u.n] === 'inStation' && s.orderable[u.n] && !taken.has(u) && !u.isMicro && s.drive[u.n] === Infinity).length;
      expect(search.unreachable(pool), `case ${c}`).toBe(picks === 0 ? 0 : cut);
      if (picks > 0) counted += cut;
    }
    expect(counted).toBeGreaterThan(100);
  });
});
