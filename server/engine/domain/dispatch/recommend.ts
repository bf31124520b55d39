// Dispatch recommendation (调派建议): which available units to send to an incident so that its run
// card (等级调派方案) is met, following the doctrine 就近调度、梯次增援、专业优先, in this order:
// 1. a micro station covering the site goes first (fires it can still fight);
// 2. the home station (辖区站) is always in the first dispatch; in a township the township team goes
//    together with its supervising station;
// 3. each capability need is filled nearest-first, a specialist preferred within a tolerance, in
//    echelons (local, neighbouring jurisdiction, province: echelons.ts);
// 4. the first dispatch is strengthened at night and for distant sites;
// 5. minimum firefighters and stations are topped up last;
// and units whose station's comms are cut cannot be ordered, and units no open road leads from to the
// site are left out: a need they would fill is reported unmet with a note saying so.
// Pure: unit states and travel times come in through UnitLive. The needs are needs.ts's, finding the
// nearest units unit-search.ts's.
import type { LatLon } from '../../../../shared/geo.ts';
import type { Capability } from '../../../../shared/domain/forces.ts';
import type { DispatchReason } from '../../../../shared/events.ts';
import type { RunCard } from '../../../../shared/schemas/run-cards.ts';
import type { Recommendation, RecommendedUnit } from '../../../../shared/recommendation.ts';
import type { UnitInfo, WorldIndex } from '../../kernel/world-index.ts';
import { fillFirstNeed, fits, isWater, microCovers, openNeeds, type OpenNeed } from './needs.ts';
import { ANY_UNIT, UnitSearch, type UnitLive } from './unit-search.ts';
import { sortShort } from '../../kernel/sort-short.ts';
import { fmtEta, type Pick } from './echelons.ts';

export type { UnitLive } from './unit-search.ts';

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

/** The recommendation as it is built. */
interface Draft {
  index: WorldIndex;
  input: RecommendInput;
  search: UnitSearch;
  needs: OpenNeed[];
  chosen: RecommendedUnit[];
  /** Stations with a (non-micro) unit at the incident or chosen. */
  stationsIn: Set<string>;
  /** Firefighters at the incident or chosen. */
  crew: number;
  /** Unit states and travel times. */
  live: UnitLive;
  unmet: Recommendation['unmet'];
}

export function recommendUnits(index: WorldIndex, live: UnitLive, input: RecommendInput): Recommendation {
  const draft = startDraft(index, live, input);
  if (input.firstDispatch) {
    microFirst(draft);
    homeStations(draft);
  }
  fillNeeds(draft);
  if (input.firstDispatch) strengthen(draft);
  topUpMinimums(draft);
  noteUnreachable(draft);
  sortShort(draft.chosen, (a, b) => a.etaSec - b.etaSec || (a.unitId < b.unitId ? -1 : 1));
  return { incidentId: input.incidentId, grade: input.grade, units: draft.chosen, unmet: draft.unmet };
}

/** Units already at the incident are taken, and count against the card unless told otherwise. */
function startDraft(index: WorldIndex, live: UnitLive, input: RecommendInput): Draft {
  const search = UnitSearch.of(index).begin(live, input.location, input.now, input.night);
  const draft: Draft = { index, input, search, needs: openNeeds(index, input.card), chosen: [], stationsIn: new Set(), crew: 0, live, unmet: [] };
  for (const id of input.assigned) {
    const u = index.units.get(id);
    if (!u) continue;
    search.take(u);
    draft.crew += crewOf(draft, u);
    if (!u.isMicro) draft.stationsIn.add(u.station.id);
    if (input.countAssigned) fillFirstNeed(draft.needs, u);
  }
  return draft;
}

/** Firefighters riding a unit now (a plain function: a closure per recommendation cost a name and a shape). */
function crewOf(draft: Draft, u: UnitInfo): number {
  return draft.live.crew?.(u) ?? u.type.crew;
}

function pick(draft: Draft, p: Pick, need: DispatchReason['need'], note = p.note): void {
  const { unit } = p;
  draft.search.take(unit);
  draft.crew += crewOf(draft, unit);
  if (!unit.isMicro) draft.stationsIn.add(unit.station.id);
  draft.chosen.push({ unitId: unit.id, stationId: unit.station.id, type: unit.type.code, etaSec: Math.round(p.eta), reason: { need, echelon: unit.echelon, note } });
}

/** 1. The nearest micro station covering the site, unless one is already there. */
function microFirst(draft: Draft): void {
  const { index, input, search } = draft;
  if (!input.card.microFirst || input.assigned.some((id) => index.units.get(id)?.isMicro)) return;
  const radius = index.world.doctrine.dispatch.microCoverageRadiusM;
  const micro = search.nearest(index.microUnits, (u) => microCovers(u, input.location, radius));
  if (micro) pick(draft, micro, 'micro-first', `micro station ${micro.unit.station.id} covers the site (ETA ${fmtEta(micro.eta)})`);
}

/** 2. The home station, then the supervising station of a township team. */
function homeStations(draft: Draft): void {
  const { homeStationId: home, supervisingStationId: supervising } = draft.input;
  if (home) stationUnit(draft, home, 'home-station', `home station ${home} always goes first`);
  if (supervising) stationUnit(draft, supervising, 'supervising-station', `supervising station ${supervising} goes with the local team`);
}

/** One unit of a station not yet at the incident: the quickest that fills the scarcest open need, else the quickest. */
function stationUnit(draft: Draft, stationId: string, need: DispatchReason['need'], note: string): void {
  if (draft.stationsIn.has(stationId)) return;
  const own = draft.index.unitsAt.get(stationId);
  if (!own) return;
  for (const n of draft.needs) {
    if (n.left <= 0) continue;
    const c = draft.search.nearest(own, (u) => fits(u, n.need));
    if (c) { n.left--; pick(draft, c, need, `${note}; fills ${n.need.capability} (ETA ${fmtEta(c.eta)})`); return; }
  }
  const c = draft.search.nearest(own, ANY_UNIT);
  if (c) pick(draft, c, need, `${note} (ETA ${fmtEta(c.eta)})`);
}

/** 3. Each capability need, scarcest first, one unit at a time by the doctrine's echelons. */
function fillNeeds(draft: Draft): void {
  const { index, input, search } = draft;
  for (const n of draft.needs) {
    const pool = search.narrowed(n.need, index.unitsWith.get(n.need.capability) ?? [], fits);
    while (n.left > 0) {
      const p = search.choose(pool, ANY_UNIT, n.need.capability);
      if (!p) break;
      n.left--;
      const why = input.needReasons?.[n.need.capability];
      pick(draft, p, n.need.capability, why ? `${why}; ${p.note}` : p.note);
    }
    if (n.left > 0) draft.unmet.push({ capability: n.need.capability, missing: n.left });
  }
}

/** Names the narrowed pool of fire engines (water, not a micro station's). */
const WATER_POOL = {};
const waterPool = (draft: Draft): readonly UnitInfo[] => draft.search.narrowed(WATER_POOL, draft.index.unitsWith.get('water') ?? [], isWater);

/** 4. Fires: extra water units in the first dispatch at night and when the first unit is far away. */
function strengthen(draft: Draft): void {
  const { index, input, search } = draft;
  if (!input.card.needs.some((n) => n.capability === 'water')) return;
  const rule = index.world.doctrine.dispatch.strengthen;
  let firstEta = Infinity;
  for (const c of draft.chosen) if (!index.units.get(c.unitId)!.isMicro) firstEta = Math.min(firstEta, c.etaSec);
  let extra = input.night ? rule.nightExtraWaterUnits : 0;
  if (firstEta > rule.distantEtaSeconds) extra += rule.distantExtraWaterUnits;
  for (let i = 0; i < extra; i++) {
    const p = search.choose(waterPool(draft), ANY_UNIT, 'water');
    if (!p) break;
    pick(draft, p, 'strengthen', `${input.night ? 'night' : 'distant site'}: first dispatch strengthened; ${p.note}`);
  }
}

/** 5. Water units until the card's minimum firefighters, then its minimum stations, are reached. */
function topUpMinimums(draft: Draft): void {
  const { input: { card }, search } = draft;
  const pool = waterPool(draft);
  while (draft.crew < card.minFirefighters) {
    const p = search.choose(pool, ANY_UNIT, undefined);
    if (!p) { draft.unmet.push({ capability: 'firefighters', missing: card.minFirefighters - draft.crew }); break; }
    pick(draft, p, 'firefighters', `run card needs ${card.minFirefighters} firefighters; ${p.note}`);
  }
  while (draft.stationsIn.size < card.minStations) {
    const p = search.choose(pool, (u) => !draft.stationsIn.has(u.station.id), undefined);
    if (!p) { draft.unmet.push({ capability: 'stations', missing: card.minStations - draft.stationsIn.size }); break; }
    pick(draft, p, 'stations', `run card needs ${card.minStations} stations; ${p.note}`);
  }
}

/** Say when closed roads, not shortage, keep units away: available units of the need that no road leads from. */
function noteUnreachable(draft: Draft): void {
  for (const m of draft.unmet) {
    const capability = m.capability === 'firefighters' || m.capability === 'stations' ? 'water' : m.capability;
    const cut = draft.search.unreachable(draft.index.unitsWith.get(capability) ?? []);
    if (cut > 0) m.note = `${cut} available unit${cut === 1 ? '' : 's'} with ${capability} cannot reach the site: roads closed`;
  }
}
