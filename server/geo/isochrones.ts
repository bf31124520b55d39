// Isochrones of one station (3 / 5 / 8 / 10 / 15 minutes by default): one forward Dijkstra from the
// station's road node, bounded by the largest band, then every 250 m land square of the region whose
// centre is reached in time (road time + its off-road leg) is in the band. The polygons are the exact
// union of those squares: honest about what was computed (a hull would paint valleys and lakes the
// crew cannot reach), and a map draws them as GeoJSON MultiPolygons with holes.
import type { Doctrine } from '../../shared/schemas/doctrine.ts';
import type { Region, Station } from '../../shared/schemas/region.ts';
import { DEFAULT_COVERAGE_CONFIG, type CoverageConfig, type StationIsochrones, type TimeOfDay } from '../../shared/schemas/coverage.ts';
import type { RoadNetwork } from './road-network.ts';
import { snap } from './router.ts';
import { accessSeconds, multiSourceSearch, secondsPerMetre, type VehicleClass } from './coverage-search.ts';
import { sampleLattice } from './coverage-samples.ts';
import { squaresToMultiPolygon } from './coverage-polygons.ts';

export interface IsochroneWorld {
  region: Pick<Region, 'grid' | 'cells' | 'stations'>;
  doctrine: Pick<Doctrine, 'turnoutSeconds' | 'speedsKmh' | 'detourFactor'>;
}

export interface IsochroneOptions {
  /** Band thresholds, minutes ascending (default seeds/coverage.yaml isochrones.minutes). */
  minutes?: readonly number[];
  turnoutIncluded?: boolean;
  timeOfDay?: TimeOfDay;
  speedClass?: VehicleClass;
  samplesPerCellSide?: number;
  /** The rest of the coverage settings (defaults for the fields above). */
  config?: CoverageConfig;
}

export class UnknownStationError extends Error {}

export function findStation(region: Pick<Region, 'stations'>, stationId: string): Station {
  const st = region.stations.find((s) => s.id === stationId);
  if (!st) {
    const near = region.stations.map((s) => s.id).filter((id) => id.includes(stationId) || stationId.includes(id)).slice(0, 5);
    throw new UnknownStationError(`unknown station "${stationId}"${near.length ? ` (did you mean ${near.join(', ')}?)` : ''}; the region has ${region.stations.length} stations`);
  }
  return st;
}

export function stationIsochrones(world: IsochroneWorld, roads: RoadNetwork, stationId: string, opts: IsochroneOptions = {}): StationIsochrones {
  const config = opts.config ?? DEFAULT_COVERAGE_CONFIG;
  const minutes = [...(opts.minutes ?? config.isochrones.minutes)];
  if (minutes.length === 0 || minutes.some((m, i) => !(m > 0) || (i > 0 && m <= minutes[i - 1]!))) {
    throw new RangeError(`isochrone minutes must be positive and strictly ascending, got ${minutes.join(', ')}`);
  }
  const turnoutIncluded = opts.turnoutIncluded ?? config.isochrones.turnoutIncluded;
  const timeOfDay = opts.timeOfDay ?? 'day';
  const vehicle = opts.speedClass ?? config.speedClass;
  const station = findStation(world.region, stationId);
  const turnoutSeconds = turnoutIncluded ? world.doctrine.turnoutSeconds[station.kind][timeOfDay] : 0;
  const maxSeconds = minutes[minutes.length - 1]! * 60;

  const s = snap(roads, station.location);
  const start = turnoutSeconds + accessSeconds(s.offRoadM, world.doctrine, vehicle);
  const search = multiSourceSearch(roads, [{ node: s.node, startSeconds: start, label: 0 }], secondsPerMetre(roads, vehicle), maxSeconds);

  const lattice = sampleLattice(world.region, roads, opts.samplesPerCellSide ?? config.samplesPerCellSide);
  // Smallest band index each sample falls in (minutes.length when beyond the last band).
  const band = new Uint8Array(lattice.count);
  for (let k = 0; k < lattice.count; k++) {
    const t = search.seconds[lattice.node[k]!]! + accessSeconds(lattice.offRoadM[k]!, world.doctrine, vehicle);
    let b = 0;
    while (b < minutes.length && t > minutes[b]! * 60) b++;
    band[k] = b;
  }
  const frame = { rows: lattice.rows, cols: lattice.cols, south: lattice.grid.south, west: lattice.grid.west, dLat: lattice.dLat, dLon: lattice.dLon };
  const bands = minutes.map((m, b) => {
    const mask = new Uint8Array(lattice.rows * lattice.cols);
    let area = 0;
    for (let k = 0; k < lattice.count; k++) {
      if (band[k]! <= b) {
        mask[lattice.square[k]!] = 1;
        area += lattice.areaKm2[k]!;
      }
    }
    return { minutes: m, areaKm2: Math.round(area * 100) / 100, geometry: squaresToMultiPolygon(frame, mask) };
  });
  return { stationId, turnoutIncluded, turnoutSeconds, timeOfDay, speedClass: vehicle, sampleM: Math.round(lattice.sideM), bands };
}
