// Dispatch recommendation (调派建议): which available units to send to an incident so that its run
// card (等级调派方案) is met, following the doctrine 就近调度、梯次增援、专业优先:
// - a micro station covering the site goes first (fires it can still fight);
// - the home station (辖区站) is always in the first dispatch; in a township the township team goes
//   together with its supervising station;
// - each capability need is filled nearest-first, but a specialist (专业队, specialist vehicle) is
//   preferred if it arrives within the tolerance of the nearest generic unit;
// - reinforcement comes in echelons: local units first, a neighbouring jurisdiction's when local
//   units are exhausted or too far, the province's when both are exhausted;
// - the first dispatch is strengthened at night and for distant sites; minimum firefighters and
//   stations are topped up last;
// - units whose station's comms are cut cannot be ordered, and units no open road leads from to the
//   site are left out: a need they would fill is reported unmet with a note saying so.
// Pure: unit states and travel times come in through arguments. It runs for every dispatch and
// escalation (tens of thousands of times in a metropolitan year), so per-call scratch lives in
// arrays indexed by the unit's dense number, stamped per call, instead of fresh Sets and Maps.
import type { LatLon } from '../../../../shared/geo.ts';
import { haversineM } from '../../../../shared/geo.ts';
import type { Capability } from '../../../../shared/domain/forces.ts';
import type { DispatchReason } from '../../../../shared/events.ts';
import type { RunCard, RunCardNeed } from '../../../../shared/schemas/run-cards.ts';
import type { Recommendation, RecommendedUnit } from '../../../../shared/recommendation.ts';
import type { UnitStatus } from '../../../../shared/domain/status.ts';
import type { UnitInfo, WorldIndex } from '../../kernel/world-index.ts';

/** Live unit state, read through functions so only what is needed is computed. */
export interface UnitLive {
  status(unitId: string): UnitStatus;
  /** The unit's station can be given orders (its comms are not cut). */
  orderable(unitId: string): boolean;
  /** Driving seconds from where the unit is to `to`, setting off at sim time `t`; Infinity if no road leads there. */
  travelSeconds(unitId: string, to: LatLon, t: number): number;
  /** travelSeconds if at most `maxSeconds`, else undefined: the search from a unit on the road stops there. */
  travelSecondsWithin(unitId: string, to: LatLon, t: number, maxSeconds: number): number | undefined;
  /** A cheap lower bound of travelSeconds (lets the search skip far units on the road). */
  minTravelSeconds(unitId: string, to: LatLon): number;
  /** Firefighters riding the unit now (reduced staffing, injuries); absent: its type's crew. */
  crew?(unitId: string): number;
}

export interface RecommendInput {
  now: number;
  night: boolean;
  incidentId: string;
  grade: Recommendation['grade'];
  location: LatLon;
  homeStationId?: string;
  supervisingStationId?: string;
  /** Units already working for the incident; they count against the card unless `countAssigned` is false. */
  assigned: string[];
  countAssigned: boolean;
  firstDispatch: boolean;
  card: RunCard;
  /** Needs added to the card by a hazard (engine models): why, for the recommendation's reasons. */
  needReasons?: Partial<Record<Capability, string>>;
}

interface Pick { unit: UnitInfo; eta: number; note: string }

const fmt = (s: number) => `${Math.floor(s / 60)}:${String(Math.round(s % 60)).padStart(2, '0')}`;

/** Scratch arrays shared by all calls on one world (the engine is single-threaded). */
interface Scratch {
  stamp: number; takenAt: Uint32Array; etaAt: Uint32Array; eta: Float64Array; okAt: Uint32Array; ok: Uint8Array; cutAt: Uint32Array;
  /** Units in station with the same speed class share their ETA: group of each unit, and the group's ETA this call. */
  group: Int32Array; groupAt: Uint32Array; groupEta: Float64Array;
}
const scratchOf = new WeakMap<WorldIndex, Scratch>();

function scratch(index: WorldIndex): Scratch {
  let s = scratchOf.get(index);
  if (!s) {
    const n = index.unitIds.length;
    const groups = new Map<string, number>();
    const group = new Int32Array(n);
    for (const u of index.units.values()) {
      const key = `${u.station.id}\u0000${u.type.speedClass}`;
      let g = groups.get(key);
      if (g === undefined) groups.set(key, (g = groups.size));
      group[u.n] = g;
    }
    s = {
      stamp: 0, takenAt: new Uint32Array(n), etaAt: new Uint32Array(n), eta: new Float64Array(n), okAt: new Uint32Array(n), ok: new Uint8Array(n), cutAt: new Uint32Array(n),
      group, groupAt: new Uint32Array(groups.size), groupEta: new Float64Array(groups.size),
    };
    scratchOf.set(index, s);
  }
  s.stamp++;
  return s;
}

function fits(u: UnitInfo, need: RunCardNeed): boolean {
  return !u.isMicro && u.type.capabilities.includes(need.capability) && need.tiers.includes(u.stationTier) &&
    (need.minAerialM === undefined || (u.type.aerialHeightM ?? 0) >= need.minAerialM);
}

const isWater = (u: UnitInfo) => !u.isMicro && u.type.capabilities.includes('water');

export function recommendUnits(index: WorldIndex, live: UnitLive, input: RecommendInput): Recommendation {
  const { doctrine } = index.world;
  const d = doctrine.dispatch;
  const sc = scratch(index);
  const stamp = sc.stamp;
  const shift = input.night ? 'night' : 'day';

  // Dispatchability is read once per unit and per call.
  const dispatchable = (u: UnitInfo): boolean => {
    if (sc.okAt[u.n] !== stamp) {
      const s = live.status(u.id);
      sc.ok[u.n] = (s === 'inStation' || s === 'availableOnRoad' || (s === 'returning' && d.returningDispatchable)) && live.orderable(u.id) ? 1 : 0;
      sc.okAt[u.n] = stamp;
    }
    return sc.ok[u.n] === 1;
  };
  // Travel starts when the turnout ends: the ETA is the arrival time its leg will have.
  const eta = (u: UnitInfo): number => {
    if (sc.etaAt[u.n] !== stamp) {
      const standing = live.status(u.id) === 'inStation';
      const turnout = standing ? doctrine.turnoutSeconds[u.station.kind][shift] : 0;
      const g = sc.group[u.n]!;
      let e: number;
      if (standing && sc.groupAt[g] === stamp) e = sc.groupEta[g]!;
      else {
        e = turnout + live.travelSeconds(u.id, input.location, input.now + turnout * 1000);
        if (standing) { sc.groupAt[g] = stamp; sc.groupEta[g] = e; }
      }
      sc.eta[u.n] = e;
      sc.etaAt[u.n] = stamp;
      if (!Number.isFinite(e)) sc.cutAt[u.n] = stamp;
    }
    return sc.eta[u.n]!;
  };
  /**
   * ETA of a unit on the road if it can beat `best` (ties included), else undefined. A bounded
   * answer is not remembered: with a later, larger bound the search goes further.
   */
  const etaWithin = (u: UnitInfo, best: number): number | undefined => {
    if (best === Infinity || sc.etaAt[u.n] === stamp) return eta(u);
    if (bound(u) > best) return undefined;
    const e = live.travelSecondsWithin(u.id, input.location, input.now, best);
    if (e === undefined) return undefined;
    sc.eta[u.n] = e;
    sc.etaAt[u.n] = stamp;
    return e;
  };
  const taken = (u: UnitInfo) => sc.takenAt[u.n] === stamp;
  const better = (u: UnitInfo, e: number, b: UnitInfo | undefined, be: number) => !b || e < be || (e === be && u.id < b.id);

  const chosen: RecommendedUnit[] = [];
  const stationsIn = new Set<string>();
  let crew = 0;
  const crewOf = (u: UnitInfo) => live.crew?.(u.id) ?? u.type.crew;
  for (const id of input.assigned) {
    const u = index.units.get(id);
    if (!u) continue;
    sc.takenAt[u.n] = stamp;
    crew += crewOf(u);
    if (!u.isMicro) stationsIn.add(u.station.id);
  }
  const pick = (p: Pick, need: DispatchReason['need'], note = p.note) => {
    sc.takenAt[p.unit.n] = stamp;
    crew += crewOf(p.unit);
    if (!p.unit.isMicro) stationsIn.add(p.unit.station.id);
    chosen.push({ unitId: p.unit.id, stationId: p.unit.station.id, type: p.unit.type.code, etaSec: Math.round(p.eta), reason: { need, echelon: p.unit.echelon, note } });
  };

  // Needs in order of scarcity: a rescue unit is not used up on a water need another engine could fill.
  const needs = input.card.needs
    .map((need, order) => ({ need, order, left: need.vehicles, scarcity: index.unitsWith.get(need.capability)?.length ?? 0 }))
    .sort((a, b) => a.scarcity - b.scarcity || a.order - b.order);
  const fillFirstNeed = (u: UnitInfo): Capability | undefined => {
    for (const n of needs) if (n.left > 0 && fits(u, n.need)) { n.left--; return n.need.capability; }
    return undefined;
  };
  if (input.countAssigned) for (const id of input.assigned) { const u = index.units.get(id); if (u) fillFirstNeed(u); }

  /** Nearest available unit of a pool that passes `ok`, regardless of echelon. */
  // Units in station first: their ETAs are table look-ups. A unit on the road needs a search from
  // where it is: skipped when even its lower bound cannot beat the best found (ties kept), and its
  // search stops at that best.
  const onRoad = (u: UnitInfo) => live.status(u.id) !== 'inStation';
  const bound = (u: UnitInfo) => live.minTravelSeconds(u.id, input.location);

  const nearest = (pool: readonly UnitInfo[], ok: (u: UnitInfo) => boolean): Pick | undefined => {
    let b: UnitInfo | undefined;
    let be = Infinity;
    for (let pass = 0; pass < 2; pass++) {
      for (const u of pool) {
        if (taken(u) || !ok(u) || !dispatchable(u) || onRoad(u) !== (pass === 1)) continue;
        const e = pass === 0 ? eta(u) : etaWithin(u, be);
        if (e !== undefined && Number.isFinite(e) && better(u, e, b, be)) { b = u; be = e; }
      }
    }
    return b ? { unit: b, eta: be, note: '' } : undefined;
  };

  /** One pick by the doctrine: local first (specialist preferred), then neighbour, then province. */
  const choose = (pool: readonly UnitInfo[], ok: (u: UnitInfo) => boolean, cap: Capability | undefined): Pick | undefined => {
    let local: UnitInfo | undefined, le = Infinity;
    let spec: UnitInfo | undefined, se = Infinity;
    let neigh: UnitInfo | undefined, ne = Infinity;
    let prov: UnitInfo | undefined, pe = Infinity;
    for (let pass = 0; pass < 2; pass++) {
      for (const u of pool) {
        if (taken(u) || !ok(u) || !dispatchable(u) || onRoad(u) !== (pass === 1)) continue;
        const isSpec = u.echelon === 1 && cap !== undefined && u.specialistFor.has(cap);
        const e = pass === 0 ? eta(u) : etaWithin(u, u.echelon === 1 ? Math.max(le, isSpec ? se : -Infinity) : u.echelon === 2 ? ne : pe);
        if (e === undefined || !Number.isFinite(e)) continue; // cannot beat the best, or no open road from it to the site
        if (u.echelon === 1) {
          if (better(u, e, local, le)) { local = u; le = e; }
          if (isSpec && better(u, e, spec, se)) { spec = u; se = e; }
        } else if (u.echelon === 2) {
          if (better(u, e, neigh, ne)) { neigh = u; ne = e; }
        } else if (better(u, e, prov, pe)) { prov = u; pe = e; }
      }
    }
    if (local && (le <= d.localEtaLimitSeconds || !neigh || ne >= le)) {
      if (spec && spec !== local && se <= le + d.specialistToleranceSeconds) {
        return { unit: spec, eta: se, note: `specialist for ${cap} (专业优先), ETA ${fmt(se)} vs nearest ${fmt(le)}` };
      }
      return { unit: local, eta: le, note: `nearest available (ETA ${fmt(le)})` };
    }
    if (neigh) {
      const why = local ? `local units too far (nearest local ETA ${fmt(le)})` : 'local units exhausted';
      return { unit: neigh, eta: ne, note: `neighbouring jurisdiction: ${why} (ETA ${fmt(ne)})` };
    }
    if (prov) return { unit: prov, eta: pe, note: `provincial reinforcement: local and neighbouring units exhausted (ETA ${fmt(pe)})` };
    return undefined;
  };

  // 1. Micro station covering the site.
  if (input.card.microFirst && input.firstDispatch && !input.assigned.some((id) => index.units.get(id)?.isMicro)) {
    const micro = nearest(index.microUnits, (u) => haversineM(u.station.location, input.location) <= d.microCoverageRadiusM);
    if (micro) pick(micro, 'micro-first', `micro station ${micro.unit.station.id} covers the site (ETA ${fmt(micro.eta)})`);
  }

  // 2. Home station, then the supervising station of a township team.
  const stationUnit = (stationId: string, need: DispatchReason['need'], note: string) => {
    if (stationsIn.has(stationId)) return;
    const own = index.unitsAt.get(stationId);
    if (!own) return;
    // Prefer a unit that fills the scarcest open need; otherwise the quickest.
    for (const n of needs) {
      if (n.left <= 0) continue;
      const c = nearest(own, (u) => fits(u, n.need));
      if (c) { n.left--; pick(c, need, `${note}; fills ${n.need.capability} (ETA ${fmt(c.eta)})`); return; }
    }
    const c = nearest(own, () => true);
    if (c) pick(c, need, `${note} (ETA ${fmt(c.eta)})`);
  };
  if (input.firstDispatch && input.homeStationId) stationUnit(input.homeStationId, 'home-station', `home station ${input.homeStationId} always goes first`);
  if (input.firstDispatch && input.supervisingStationId) stationUnit(input.supervisingStationId, 'supervising-station', `supervising station ${input.supervisingStationId} goes with the local team`);

  // 3. Capability needs.
  const unmet: Recommendation['unmet'] = [];
  for (const n of needs) {
    const pool = index.unitsWith.get(n.need.capability) ?? [];
    const ok = (u: UnitInfo) => fits(u, n.need);
    while (n.left > 0) {
      const p = choose(pool, ok, n.need.capability);
      if (!p) break;
      n.left--;
      const why = input.needReasons?.[n.need.capability];
      pick(p, n.need.capability, why ? `${why}; ${p.note}` : p.note);
    }
    if (n.left > 0) unmet.push({ capability: n.need.capability, missing: n.left });
  }

  // 4. Strengthen the first dispatch at night and for distant sites (fires: extra water units).
  const waterPool = index.unitsWith.get('water') ?? [];
  if (input.firstDispatch && input.card.needs.some((n) => n.capability === 'water')) {
    let firstEta = Infinity;
    for (const c of chosen) if (!index.units.get(c.unitId)!.isMicro) firstEta = Math.min(firstEta, c.etaSec);
    let extra = input.night ? d.strengthen.nightExtraWaterUnits : 0;
    if (firstEta > d.strengthen.distantEtaSeconds) extra += d.strengthen.distantExtraWaterUnits;
    for (let i = 0; i < extra; i++) {
      const p = choose(waterPool, isWater, 'water');
      if (!p) break;
      pick(p, 'strengthen', `${input.night ? 'night' : 'distant site'}: first dispatch strengthened; ${p.note}`);
    }
  }

  // 5. Minimum firefighters, then minimum stations.
  while (crew < input.card.minFirefighters) {
    const p = choose(waterPool, isWater, undefined);
    if (!p) { unmet.push({ capability: 'firefighters', missing: input.card.minFirefighters - crew }); break; }
    pick(p, 'firefighters', `run card needs ${input.card.minFirefighters} firefighters; ${p.note}`);
  }
  while (stationsIn.size < input.card.minStations) {
    const p = choose(waterPool, (u) => isWater(u) && !stationsIn.has(u.station.id), undefined);
    if (!p) { unmet.push({ capability: 'stations', missing: input.card.minStations - stationsIn.size }); break; }
    pick(p, 'stations', `run card needs ${input.card.minStations} stations; ${p.note}`);
  }

  // Say when closed roads, not shortage, keep units away: available units of the need that no road leads from.
  for (const m of unmet) {
    const pool = m.capability === 'firefighters' || m.capability === 'stations' ? waterPool : index.unitsWith.get(m.capability) ?? [];
    let cut = 0;
    for (const u of pool) if (sc.cutAt[u.n] === stamp && !taken(u) && !u.isMicro) cut++;
    if (cut > 0) m.note = `${cut} available unit${cut === 1 ? '' : 's'} with ${m.capability === 'firefighters' || m.capability === 'stations' ? 'water' : m.capability} cannot reach the site: roads closed`;
  }

  chosen.sort((a, b) => a.etaSec - b.etaSec || (a.unitId < b.unitId ? -1 : 1));
  return { incidentId: input.incidentId, grade: input.grade, units: chosen, unmet };
}
