// Coverage figures of a region: the share of people and of built-up area that the nearest national or
// professional station reaches within 5 minutes (turnout + travel of a medium vehicle), micro stations
// within 3, township teams within their target; and the biggest gaps (clusters of 1-km cells whose
// people are outside the 5-minute circle). People are spread evenly over 250 m samples of their cell,
// each snapped to the roads with its off-road leg counted, so a cell half inside counts half. One
// multi-source search per figure (all its stations at once), never one search per cell.
import type { Doctrine } from '../../shared/schemas/doctrine.ts';
import type { Region, Station } from '../../shared/schemas/region.ts';
import {
  COVERAGE_MEASURES,
  DEFAULT_COVERAGE_CONFIG,
  type CoverageConfig,
  type CoverageFigures,
  type CoverageGap,
  type CoverageMeasureId,
  type MeasureFigures,
  type TimeOfDay,
} from '../../shared/schemas/coverage.ts';
import type { RoadNetwork } from './road-network.ts';
import { snap } from './router.ts';
import { accessSeconds, multiSourceSearch, secondsPerMetre, type SearchSource } from './coverage-search.ts';
import { sampleLattice, type SampleLattice } from './coverage-samples.ts';

export interface CoverageWorld {
  region: Pick<Region, 'id' | 'grid' | 'cells' | 'stations' | 'jurisdictions'>;
  doctrine: Pick<Doctrine, 'turnoutSeconds' | 'speedsKmh' | 'detourFactor'>;
}

export interface CoverageOptions {
  config?: CoverageConfig;
  timeOfDay?: TimeOfDay;
}

const OUTSIDE_JURISDICTION_KINDS = new Set(['neighbour', 'province']);

/** Dispatch-to-scene seconds of every sample from the stations of one figure, and who is fastest. */
interface MeasureTimes {
  stations: Station[];
  seconds: Float64Array;
  label: Int32Array;
}

export function computeCoverage(world: CoverageWorld, roads: RoadNetwork, opts: CoverageOptions = {}): CoverageFigures {
  const config = opts.config ?? DEFAULT_COVERAGE_CONFIG;
  const timeOfDay = opts.timeOfDay ?? 'day';
  const lattice = sampleLattice(world.region, roads, config.samplesPerCellSide);
  const perSample = 1 / (lattice.n * lattice.n);
  const builtUp = new Set<string>(config.builtUpLandUses);
  const jurisdictionKind = new Map(world.region.jurisdictions.map((j) => [j.id, j.kind]));

  const measures: MeasureFigures[] = [];
  let stationTimes: MeasureTimes | undefined;
  for (const id of COVERAGE_MEASURES) {
    const m = config.measures[id];
    // The gap figure needs the time to the nearest station even far outside the target.
    const times = measureTimes(world, roads, lattice, config, id, timeOfDay, id === 'station' ? Infinity : m.targetMinutes * 60);
    if (id === 'station') stationTimes = times;
    const limit = m.targetMinutes * 60 + 1e-9;
    let population = 0, covered = 0, builtKm2 = 0, builtCoveredKm2 = 0;
    const byKind = new Map<string, { pop: number; covered: number }>();
    for (let k = 0; k < lattice.count; k++) {
      const cell = world.region.cells[lattice.cell[k]!]!;
      const pop = cell.population * perSample;
      const ok = times.seconds[k]! <= limit;
      population += pop;
      if (ok) covered += pop;
      if (builtUp.has(cell.landUse)) {
        builtKm2 += lattice.areaKm2[k]!;
        if (ok) builtCoveredKm2 += lattice.areaKm2[k]!;
      }
      const jk = jurisdictionKind.get(cell.jurisdictionId) ?? 'unknown';
      let acc = byKind.get(jk);
      if (!acc) byKind.set(jk, (acc = { pop: 0, covered: 0 }));
      acc.pop += pop;
      if (ok) acc.covered += pop;
    }
    measures.push({
      id,
      nameZh: m.nameZh,
      nameEn: m.nameEn,
      kinds: [...m.kinds],
      targetMinutes: m.targetMinutes,
      stations: times.stations.length,
      population: Math.round(population),
      populationCovered: Math.round(covered),
      populationShare: share(covered, population),
      builtUpKm2: round(builtKm2, 2),
      builtUpCoveredKm2: round(builtCoveredKm2, 2),
      builtUpShare: share(builtCoveredKm2, builtKm2),
      populationShareByJurisdictionKind: Object.fromEntries([...byKind].sort(([a], [b]) => a.localeCompare(b)).map(([jk, v]) => [jk, share(v.covered, v.pop)])),
    });
  }
  const [station, micro, township] = measures as [MeasureFigures, MeasureFigures, MeasureFigures];
  return {
    regionId: world.region.id,
    timeOfDay,
    turnoutIncluded: config.turnoutIncluded,
    speedClass: config.speedClass,
    sampleM: Math.round(lattice.sideM),
    populationWithin5min: station.populationShare,
    builtUpWithin5min: station.builtUpShare,
    microPopulationWithin3min: micro.populationShare,
    microBuiltUpWithin3min: micro.builtUpShare,
    townshipPopulationWithinTarget: township.populationShare,
    townshipBuiltUpWithinTarget: township.builtUpShare,
    townshipTargetMinutes: township.targetMinutes,
    uncoveredPopulation: station.population - station.populationCovered,
    measures,
    gaps: findGaps(world, lattice, stationTimes!, config),
  };
}

/** The stations that count for a figure (kind in its list; outside forces only if configured). */
export function measureStations(world: CoverageWorld, config: CoverageConfig, id: CoverageMeasureId): Station[] {
  const kinds = new Set<string>(config.measures[id].kinds);
  return world.region.stations.filter((s) => {
    if (!kinds.has(s.kind)) return false;
    const jk = world.region.jurisdictions.find((j) => j.id === s.jurisdictionId)?.kind;
    return config.includeOutsideForces || jk === undefined || !OUTSIDE_JURISDICTION_KINDS.has(jk);
  });
}

function measureTimes(world: CoverageWorld, roads: RoadNetwork, lattice: SampleLattice, config: CoverageConfig, id: CoverageMeasureId, timeOfDay: TimeOfDay, maxSeconds: number): MeasureTimes {
  const vehicle = config.speedClass;
  const stations = measureStations(world, config, id);
  const sources: SearchSource[] = stations.map((st, i) => {
    const s = snap(roads, st.location);
    const turnout = config.turnoutIncluded ? world.doctrine.turnoutSeconds[st.kind][timeOfDay] : 0;
    return { node: s.node, startSeconds: turnout + accessSeconds(s.offRoadM, world.doctrine, vehicle), label: i };
  });
  const search = multiSourceSearch(roads, sources, secondsPerMetre(roads, vehicle), maxSeconds);
  const seconds = new Float64Array(lattice.count);
  const label = new Int32Array(lattice.count);
  for (let k = 0; k < lattice.count; k++) {
    const v = lattice.node[k]!;
    seconds[k] = search.seconds[v]! + accessSeconds(lattice.offRoadM[k]!, world.doctrine, vehicle);
    label[k] = search.label[v]!;
  }
  return { stations, seconds, label };
}

/**
 * Gaps: cells with at least `gaps.minCellPopulation` people outside the station target, grown
 * greedily from the most uncovered cell over touching cells (side or corner) within
 * `gaps.clusterRadiusKm` of it; largest uncovered population first.
 */
function findGaps(world: CoverageWorld, lattice: SampleLattice, times: MeasureTimes, config: CoverageConfig): CoverageGap[] {
  const cells = world.region.cells;
  const limit = config.measures.station.targetMinutes * 60 + 1e-9;
  const perSample = 1 / (lattice.n * lattice.n);
  const uncovered = new Float64Array(cells.length);
  for (let k = 0; k < lattice.count; k++) {
    if (times.seconds[k]! > limit) uncovered[lattice.cell[k]!]! += cells[lattice.cell[k]!]!.population * perSample;
  }
  const { rows, cols, cellLat, cellLon, south } = world.region.grid;
  const kmPerRow = cellLat * 111.195;
  const kmPerCol = cellLon * 111.195 * Math.cos(((south + (rows * cellLat) / 2) * Math.PI) / 180);
  const radius2 = config.gaps.clusterRadiusKm ** 2;
  const at = new Int32Array(rows * cols).fill(-1);
  const seeds: number[] = [];
  cells.forEach((c, i) => {
    if (uncovered[i]! > 0 && uncovered[i]! >= config.gaps.minCellPopulation) {
      at[c.r * cols + c.c] = i;
      seeds.push(i);
    }
  });
  seeds.sort((a, b) => uncovered[b]! - uncovered[a]! || a - b);
  const clusterOf = new Int32Array(cells.length).fill(-1);
  const clusters: number[][] = [];
  for (const seed of seeds) {
    if (clusterOf[seed] !== -1) continue;
    const origin = cells[seed]!;
    const members: number[] = [];
    const stack = [seed];
    clusterOf[seed] = clusters.length;
    while (stack.length > 0) {
      const ci = stack.pop()!;
      members.push(ci);
      const { r, c } = cells[ci]!;
      for (let dr = -1; dr <= 1; dr++) {
        for (let dc = -1; dc <= 1; dc++) {
          const rr = r + dr, cc = c + dc;
          if (rr < 0 || cc < 0 || rr >= rows || cc >= cols) continue;
          if (((rr - origin.r) * kmPerRow) ** 2 + ((cc - origin.c) * kmPerCol) ** 2 > radius2) continue;
          const j = at[rr * cols + cc]!;
          if (j >= 0 && clusterOf[j] === -1) {
            clusterOf[j] = clusters.length;
            stack.push(j);
          }
        }
      }
    }
    clusters.push(members);
  }

  // Centre of the uncovered people of each cluster, and the uncovered sample nearest to it.
  const sum = clusters.map(() => ({ pop: 0, lat: 0, lon: 0 }));
  for (let k = 0; k < lattice.count; k++) {
    const g = clusterOf[lattice.cell[k]!]!;
    if (g < 0 || times.seconds[k]! <= limit) continue;
    const pop = cells[lattice.cell[k]!]!.population * perSample;
    const s = sum[g]!;
    s.pop += pop;
    s.lat += lattice.lat[k]! * pop;
    s.lon += lattice.lon[k]! * pop;
  }
  const centre = sum.map((s) => [s.lat / s.pop, s.lon / s.pop] as const);
  const nearest = clusters.map(() => ({ k: -1, d: Infinity }));
  const kx = Math.cos(((lattice.grid.south + (lattice.rows * lattice.dLat) / 2) * Math.PI) / 180);
  for (let k = 0; k < lattice.count; k++) {
    const g = clusterOf[lattice.cell[k]!]!;
    if (g < 0 || times.seconds[k]! <= limit || cells[lattice.cell[k]!]!.population === 0) continue;
    const [la, lo] = centre[g]!;
    const d = (lattice.lat[k]! - la) ** 2 + ((lattice.lon[k]! - lo) * kx) ** 2;
    if (d < nearest[g]!.d) nearest[g] = { k, d };
  }

  const gaps = clusters.map((members, g): CoverageGap => {
    const main = members.reduce((a, b) => (uncovered[b]! > uncovered[a]! ? b : a));
    const mainCell = cells[main]!;
    const k = nearest[g]!.k;
    const seconds = k >= 0 ? times.seconds[k]! : Infinity;
    const label = k >= 0 ? times.label[k]! : -1;
    return {
      lat: round(centre[g]![0], 5),
      lon: round(centre[g]![1], 5),
      population: Math.round(sum[g]!.pop),
      cells: members.length,
      jurisdictionId: mainCell.jurisdictionId,
      place: mainCell.place ?? null,
      nearestStationId: label >= 0 ? times.stations[label]!.id : null,
      minutes: Number.isFinite(seconds) ? round(seconds / 60, 1) : null,
    };
  });
  return gaps
    .sort((a, b) => b.population - a.population || a.lat - b.lat || a.lon - b.lon)
    .slice(0, config.gaps.top);
}

const round = (v: number, digits: number): number => Math.round(v * 10 ** digits) / 10 ** digits;
const share = (part: number, whole: number): number => (whole > 0 ? round(part / whole, 4) : 0);
