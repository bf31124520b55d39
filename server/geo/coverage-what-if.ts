// What-if for coverage: add a station (position and force kind), move one, or remove one, then the
// figures before and after and the difference of every figure. The region is copied, never changed:
// the same loaded world serves both sides, and its population samples (the costly part) are shared.
import { FORCE_KIND_NAMES } from '../../shared/domain/forces.ts';
import type { LatLon } from '../../shared/geo.ts';
import type { Station } from '../../shared/schemas/region.ts';
import type { CoverageComparison, CoverageDelta, CoverageFigures, WhatIf } from '../../shared/schemas/coverage.ts';
import type { RoadNetwork } from './road-network.ts';
import { computeCoverage, type CoverageOptions, type CoverageWorld } from './coverage.ts';
import { findStation } from './isochrones.ts';

export class WhatIfError extends Error {}

type WhatIfRegion = CoverageWorld['region'];

/** The region with the changes applied in order (a copy; the input is untouched). */
export function applyWhatIf<R extends WhatIfRegion>(region: R, changes: readonly WhatIf[]): R {
  let stations: Station[] = [...region.stations];
  let added = 0;
  for (const ch of changes) {
    if (ch.type === 'remove') {
      const st = findStation({ stations }, ch.stationId);
      stations = stations.filter((s) => s !== st);
    } else if (ch.type === 'move') {
      const st = findStation({ stations }, ch.stationId);
      checkInside(region, [ch.lat, ch.lon], `--move-station ${ch.stationId}`);
      stations = stations.map((s) => (s === st ? { ...s, location: [ch.lat, ch.lon] } : s));
    } else {
      const location: LatLon = [ch.lat, ch.lon];
      checkInside(region, location, '--add-station');
      let id = ch.id;
      if (id === undefined) {
        do id = `what-if-${++added}`;
        while (stations.some((s) => s.id === id));
      } else if (stations.some((s) => s.id === id)) {
        throw new WhatIfError(`a station "${id}" already exists`);
      }
      const names = FORCE_KIND_NAMES[ch.kind];
      stations.push({
        id,
        name: `What-if ${names.en}`,
        nameZh: `拟建${names.zh}`,
        kind: ch.kind,
        jurisdictionId: jurisdictionAt(region, location),
        location,
        staffOnDuty: 1,
        specialties: [],
        units: [],
      });
    }
  }
  return { ...region, stations };
}

/** Figures before and after the changes, and after − before for every number. */
export function compareCoverage(world: CoverageWorld, roads: RoadNetwork, changes: readonly WhatIf[], opts: CoverageOptions = {}): CoverageComparison {
  const region = applyWhatIf(world.region, changes);
  const before = computeCoverage(world, roads, opts);
  const after = computeCoverage({ ...world, region }, roads, opts);
  return { whatIf: [...changes], before, after, delta: coverageDelta(before, after) };
}

/** after − before for every numeric figure, flattened to dotted keys (measures by id, gaps summarised). */
export function coverageDelta(before: CoverageFigures, after: CoverageFigures): CoverageDelta {
  const a = flatten(before);
  const b = flatten(after);
  const delta: CoverageDelta = {};
  for (const [key, vb] of b) {
    const va = a.get(key) ?? 0;
    delta[key] = Math.round((vb - va) * 1e4) / 1e4;
  }
  for (const [key, va] of a) if (!b.has(key)) delta[key] = Math.round(-va * 1e4) / 1e4;
  return delta;
}

function flatten(f: CoverageFigures): Map<string, number> {
  const out = new Map<string, number>();
  const walk = (prefix: string, v: unknown): void => {
    if (typeof v === 'number') out.set(prefix, v);
    else if (v && typeof v === 'object' && !Array.isArray(v)) for (const [k, x] of Object.entries(v)) walk(prefix ? `${prefix}.${k}` : k, x);
  };
  // Settings and totals that a what-if cannot change are left out.
  const { measures, gaps, sampleM: _s, townshipTargetMinutes: _t, ...flat } = f;
  walk('', flat);
  for (const m of measures) {
    const { id: _id, targetMinutes: _m, population: _p, builtUpKm2: _b, ...figures } = m;
    walk(m.id, figures);
  }
  out.set('gaps.count', gaps.length);
  out.set('gaps.population', gaps.reduce((n, g) => n + g.population, 0));
  out.set('gaps.largestPopulation', gaps[0]?.population ?? 0);
  return out;
}

function checkInside(region: WhatIfRegion, p: LatLon, what: string): void {
  const g = region.grid;
  const north = g.south + g.rows * g.cellLat;
  const east = g.west + g.cols * g.cellLon;
  if (p[0] < g.south || p[0] > north || p[1] < g.west || p[1] > east) {
    throw new WhatIfError(`${what}: ${p[0]},${p[1]} is outside region ${region.id} (lat ${g.south}..${round4(north)}, lon ${g.west}..${round4(east)})`);
  }
}

/** The jurisdiction of the grid cell under p, else the one whose centre is nearest. */
function jurisdictionAt(region: WhatIfRegion, p: LatLon): string {
  const g = region.grid;
  const r = Math.floor((p[0] - g.south) / g.cellLat);
  const c = Math.floor((p[1] - g.west) / g.cellLon);
  const cell = region.cells.find((x) => x.r === r && x.c === c);
  if (cell) return cell.jurisdictionId;
  let best = region.jurisdictions[0]!;
  let bestD = Infinity;
  for (const j of region.jurisdictions) {
    const d = (j.center[0] - p[0]) ** 2 + (j.center[1] - p[1]) ** 2;
    if (d < bestD) [best, bestD] = [j, d];
  }
  return best.id;
}

const round4 = (v: number): number => Math.round(v * 1e4) / 1e4;
