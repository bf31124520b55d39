// Coverage over time for the debrief: at every moment the set of stations with a unit standing
// available in station changes, the share of people within each target of such a station (the same
// lattice, turnout and search as `sim coverage`, server/geo/coverage.ts). Searches are cached by the
// set of stations, so a drill that toggles between a few states costs a few searches.
import type { DomainEvent } from '../../shared/events.ts';
import type { CoveragePoint } from '../../shared/charts/coverage-over-time.ts';
import { COVERAGE_MEASURES, DEFAULT_COVERAGE_CONFIG, type CoverageConfig, type CoverageMeasureId, type TimeOfDay } from '../../shared/schemas/coverage.ts';
import type { Station } from '../../shared/schemas/region.ts';
import type { World } from '../engine/types.ts';
import { measureStations } from '../geo/coverage.ts';
import { sampleLattice } from '../geo/coverage-samples.ts';
import { accessSeconds, multiSourceSearch, secondsPerMetre, type SearchSource } from '../geo/coverage-search.ts';
import { snap } from '../geo/router.ts';

export interface CoverageOverTimeOptions {
  config?: CoverageConfig;
  timeOfDay?: TimeOfDay;
  /** Skip changes shorter than this (ms): a unit out for a minute does not make a point. Default 0. */
  minStepMs?: number;
}

export function coverageOverTime(world: World, events: readonly DomainEvent[], opts: CoverageOverTimeOptions = {}): CoveragePoint[] {
  const roads = world.roads;
  if (!roads) return [];
  const config = opts.config ?? DEFAULT_COVERAGE_CONFIG;
  const timeOfDay = opts.timeOfDay ?? 'day';
  const lattice = sampleLattice(world.region, roads, config.samplesPerCellSide);
  const perSample = 1 / (lattice.n * lattice.n);
  const secPerM = secondsPerMetre(roads, config.speedClass);
  const cellPop = new Float64Array(lattice.count);
  let total = 0;
  for (let k = 0; k < lattice.count; k++) { cellPop[k] = world.region.cells[lattice.cell[k]!]!.population * perSample; total += cellPop[k]!; }

  const stationOfUnit = new Map<string, Station>();
  for (const s of world.region.stations) for (const u of s.units) stationOfUnit.set(u.id, s);
  const inStation = new Map<string, number>(world.region.stations.map((s) => [s.id, s.units.length]));
  const counted = Object.fromEntries(COVERAGE_MEASURES.map((m) => [m, measureStations(world, config, m)])) as Record<CoverageMeasureId, Station[]>;

  const cache = new Map<string, number>();
  const shareOf = (m: CoverageMeasureId): number => {
    const stations = counted[m].filter((s) => (inStation.get(s.id) ?? 0) > 0);
    const key = `${m}:${stations.map((s) => s.id).join(',')}`;
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    const sources: SearchSource[] = stations.map((st, i) => {
      const sn = snap(roads, st.location);
      const turnout = config.turnoutIncluded ? world.doctrine.turnoutSeconds[st.kind][timeOfDay] : 0;
      return { node: sn.node, startSeconds: turnout + accessSeconds(sn.offRoadM, world.doctrine, config.speedClass), label: i };
    });
    const limit = config.measures[m].targetMinutes * 60;
    const search = multiSourceSearch(roads, sources, secPerM, limit);
    let covered = 0;
    for (let k = 0; k < lattice.count; k++) {
      if (search.seconds[lattice.node[k]!]! + accessSeconds(lattice.offRoadM[k]!, world.doctrine, config.speedClass) <= limit + 1e-9) covered += cellPop[k]!;
    }
    const share = total > 0 ? covered / total : 0;
    cache.set(key, share);
    return share;
  };
  const point = (t: number): CoveragePoint => ({ t, station: shareOf('station'), micro: shareOf('micro'), township: shareOf('township') });

  const points: CoveragePoint[] = [point(0)];
  const minStep = opts.minStepMs ?? 0;
  let pendingAt: number | undefined;
  const flush = (upTo: number): void => {
    if (pendingAt === undefined || upTo - pendingAt < minStep) return;
    const p = point(pendingAt);
    const last = points.at(-1)!;
    if (p.station !== last.station || p.micro !== last.micro || p.township !== last.township) points.push(p);
    pendingAt = undefined;
  };
  // Physically in its station, and available there (not out of service).
  const atHome = new Set(stationOfUnit.keys());
  const avail = new Set(stationOfUnit.keys());
  for (const e of events) {
    if (!('unitId' in e) || typeof e.unitId !== 'string' || !stationOfUnit.has(e.unitId)) continue;
    const id = e.unitId;
    const was = avail.has(id);
    switch (e.type) {
      case 'UNIT_DISPATCHED': atHome.delete(id); avail.delete(id); break;
      case 'UNIT_EN_ROUTE': case 'UNIT_RETURNING': atHome.delete(id); break;
      case 'UNIT_IN_STATION': atHome.add(id); avail.add(id); break;
      case 'UNIT_OUT_OF_SERVICE': avail.delete(id); break;
      case 'UNIT_BACK_IN_SERVICE': if (atHome.has(id)) avail.add(id); break;
      default: break;
    }
    const now = avail.has(id);
    if (now === was) continue;
    if (pendingAt !== undefined && e.t > pendingAt) flush(e.t);
    const st = stationOfUnit.get(id)!.id;
    inStation.set(st, (inStation.get(st) ?? 0) + (now ? 1 : -1));
    pendingAt ??= e.t;
  }
  if (pendingAt !== undefined) flush(Infinity);
  return points;
}
