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
//   stations are topped up last.
// Pure: unit states and travel times come in through arguments.
import type { LatLon } from '../../../shared/geo.ts';
import { haversineM } from '../../../shared/geo.ts';
import type { Capability } from '../../../shared/domain/forces.ts';
import type { DispatchReason } from '../../../shared/events.ts';
import type { RunCard, RunCardNeed } from '../../../shared/schemas/run-cards.ts';
import type { Recommendation, RecommendedUnit, TravelTimeModel, UnitStatus } from '../types.ts';
import type { UnitInfo, WorldIndex } from '../world-index.ts';

export interface UnitLive {
  status: UnitStatus;
  position: LatLon;
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
}

interface Candidate {
  unit: UnitInfo;
  eta: number;
}

const fmt = (s: number) => `${Math.floor(s / 60)}:${String(Math.round(s % 60)).padStart(2, '0')}`;

export function recommendUnits(
  index: WorldIndex,
  live: (unitId: string) => UnitLive,
  travel: TravelTimeModel,
  input: RecommendInput,
): Recommendation {
  const { doctrine } = index.world;
  const d = doctrine.dispatch;
  const etaCache = new Map<string, number>();
  const dispatchable = (u: UnitInfo): boolean => {
    const s = live(u.id).status;
    return s === 'inStation' || s === 'availableOnRoad' || (s === 'returning' && d.returningDispatchable);
  };
  const eta = (u: UnitInfo): number => {
    let e = etaCache.get(u.id);
    if (e === undefined) {
      const l = live(u.id);
      const turnout = l.status === 'inStation' ? doctrine.turnoutSeconds[u.station.kind][input.night ? 'night' : 'day'] : 0;
      e = turnout + travel.travel(l.position, input.location, u.type.speedClass, input.now).seconds;
      etaCache.set(u.id, e);
    }
    return e;
  };

  const taken = new Set<string>(input.assigned);
  const chosen: RecommendedUnit[] = [];
  const stationsIn = new Set<string>();
  let crew = 0;
  for (const id of input.assigned) {
    const u = index.units.get(id);
    if (u) { crew += u.type.crew; if (!u.isMicro) stationsIn.add(u.station.id); }
  }
  const pick = (c: Candidate, reason: DispatchReason) => {
    taken.add(c.unit.id);
    crew += c.unit.type.crew;
    if (!c.unit.isMicro) stationsIn.add(c.unit.station.id);
    chosen.push({ unitId: c.unit.id, stationId: c.unit.station.id, type: c.unit.type.code, etaSec: Math.round(c.eta), reason });
  };

  // Needs in order of scarcity: a rescue unit is not used up on a water need another engine could fill.
  const needs = input.card.needs
    .map((need, order) => ({ need, order, left: need.vehicles, scarcity: index.unitsWith.get(need.capability)?.length ?? 0 }))
    .sort((a, b) => a.scarcity - b.scarcity || a.order - b.order);
  const fits = (u: UnitInfo, need: RunCardNeed) =>
    !u.isMicro &&
    u.type.capabilities.includes(need.capability) &&
    need.tiers.includes(u.stationTier) &&
    (need.minAerialM === undefined || (u.type.aerialHeightM ?? 0) >= need.minAerialM);
  const fillFirstNeed = (u: UnitInfo): Capability | undefined => {
    for (const n of needs) if (n.left > 0 && fits(u, n.need)) { n.left--; return n.need.capability; }
    return undefined;
  };
  if (input.countAssigned) for (const id of input.assigned) { const u = index.units.get(id); if (u) fillFirstNeed(u); }

  const nearestOf = (pool: Iterable<UnitInfo>, ok: (u: UnitInfo) => boolean): Candidate | undefined => {
    let best: Candidate | undefined;
    for (const u of pool) {
      if (taken.has(u.id) || !ok(u) || !dispatchable(u)) continue;
      const e = eta(u);
      if (!best || e < best.eta || (e === best.eta && u.id < best.unit.id)) best = { unit: u, eta: e };
    }
    return best;
  };

  // 1. Micro station covering the site.
  if (input.card.microFirst && input.firstDispatch && !input.assigned.some((id) => index.units.get(id)?.isMicro)) {
    const micro = nearestOf(index.units.values(), (u) => u.isMicro && haversineM(u.station.location, input.location) <= d.microCoverageRadiusM);
    if (micro) pick(micro, { need: 'micro-first', echelon: 1, note: `micro station ${micro.unit.station.id} covers the site (ETA ${fmt(micro.eta)})` });
  }

  // 2. Home station, then the supervising station of a township team.
  const stationUnit = (stationId: string, need: DispatchReason['need'], note: string) => {
    if (stationsIn.has(stationId)) return;
    const station = index.stations.get(stationId);
    if (!station) return;
    const own = station.units.map((s) => index.units.get(s.id)!).filter((u) => !u.isMicro || station.kind === 'micro');
    // Prefer a unit that fills the scarcest open need; otherwise the quickest.
    for (const n of needs) {
      if (n.left <= 0) continue;
      const c = nearestOf(own, (u) => fits(u, n.need));
      if (c) { n.left--; pick(c, { need, echelon: c.unit.echelon, note: `${note}; fills ${n.need.capability} (ETA ${fmt(c.eta)})` }); return; }
    }
    const c = nearestOf(own, () => true);
    if (c) pick(c, { need, echelon: c.unit.echelon, note: `${note} (ETA ${fmt(c.eta)})` });
  };
  if (input.firstDispatch && input.homeStationId) stationUnit(input.homeStationId, 'home-station', `home station ${input.homeStationId} always goes first`);
  if (input.firstDispatch && input.supervisingStationId) stationUnit(input.supervisingStationId, 'supervising-station', `supervising station ${input.supervisingStationId} goes with the local team`);

  // 3. Capability needs: specialists first, nearest first, in echelons.
  const chooseFor = (ok: (u: UnitInfo) => boolean, pool: Iterable<UnitInfo>, cap: Capability | undefined): { c: Candidate; note: string } | undefined => {
    const list = [...pool].filter((u) => !taken.has(u.id) && ok(u) && dispatchable(u));
    const best = (echelon: number, specialistOnly = false) => {
      let b: Candidate | undefined;
      for (const u of list) {
        if (u.echelon !== echelon || (specialistOnly && !(cap && u.specialistFor.has(cap)))) continue;
        const e = eta(u);
        if (!b || e < b.eta || (e === b.eta && u.id < b.unit.id)) b = { unit: u, eta: e };
      }
      return b;
    };
    const local = best(1);
    const neighbour = best(2);
    if (local && (local.eta <= d.localEtaLimitSeconds || !neighbour || neighbour.eta >= local.eta)) {
      const spec = cap ? best(1, true) : undefined;
      if (spec && spec.unit.id !== local.unit.id && spec.eta <= local.eta + d.specialistToleranceSeconds) {
        return { c: spec, note: `specialist for ${cap} (专业优先), ETA ${fmt(spec.eta)} vs nearest ${fmt(local.eta)}` };
      }
      return { c: local, note: `nearest available (ETA ${fmt(local.eta)})` };
    }
    if (neighbour) {
      const why = local ? `local units too far (nearest local ETA ${fmt(local.eta)})` : 'local units exhausted';
      return { c: neighbour, note: `neighbouring jurisdiction: ${why} (ETA ${fmt(neighbour.eta)})` };
    }
    const province = best(3);
    if (province) return { c: province, note: `provincial reinforcement: local and neighbouring units exhausted (ETA ${fmt(province.eta)})` };
    return undefined;
  };
  const unmet: Recommendation['unmet'] = [];
  for (const n of needs) {
    while (n.left > 0) {
      const got = chooseFor((u) => fits(u, n.need), index.unitsWith.get(n.need.capability) ?? [], n.need.capability);
      if (!got) break;
      n.left--;
      pick(got.c, { need: n.need.capability, echelon: got.c.unit.echelon, note: got.note });
    }
    if (n.left > 0) unmet.push({ capability: n.need.capability, missing: n.left });
  }

  // 4. Strengthen the first dispatch at night and for distant sites (fires: extra water units).
  const water = (u: UnitInfo) => !u.isMicro && u.type.capabilities.includes('water');
  if (input.firstDispatch && input.card.needs.some((n) => n.capability === 'water')) {
    const firstEta = Math.min(...chosen.filter((c) => !index.units.get(c.unitId)?.isMicro).map((c) => c.etaSec));
    let extra = input.night ? d.strengthen.nightExtraWaterUnits : 0;
    if (firstEta > d.strengthen.distantEtaSeconds) extra += d.strengthen.distantExtraWaterUnits;
    for (let i = 0; i < extra; i++) {
      const got = chooseFor(water, index.unitsWith.get('water') ?? [], 'water');
      if (!got) break;
      pick(got.c, { need: 'strengthen', echelon: got.c.unit.echelon, note: `${input.night ? 'night' : 'distant site'}: first dispatch strengthened; ${got.note}` });
    }
  }

  // 5. Minimum firefighters, then minimum stations.
  while (crew < input.card.minFirefighters) {
    const got = chooseFor(water, index.unitsWith.get('water') ?? [], undefined);
    if (!got) { unmet.push({ capability: 'firefighters', missing: input.card.minFirefighters - crew }); break; }
    pick(got.c, { need: 'firefighters', echelon: got.c.unit.echelon, note: `run card needs ${input.card.minFirefighters} firefighters; ${got.note}` });
  }
  while (stationsIn.size < input.card.minStations) {
    const got = chooseFor((u) => water(u) && !stationsIn.has(u.station.id), index.unitsWith.get('water') ?? [], undefined);
    if (!got) { unmet.push({ capability: 'stations', missing: input.card.minStations - stationsIn.size }); break; }
    pick(got.c, { need: 'stations', echelon: got.c.unit.echelon, note: `run card needs ${input.card.minStations} stations; ${got.note}` });
  }

  chosen.sort((a, b) => a.etaSec - b.etaSec || (a.unitId < b.unitId ? -1 : 1));
  return { incidentId: input.incidentId, grade: input.grade, units: chosen, unmet };
}
