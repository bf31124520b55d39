// Builds the board's vector base map of a region (shared/map-data.ts) from its grid and road network:
// roads merged into polylines by class and simplified, land-use cells merged into water / built-up /
// floodplain polygons, jurisdiction boundaries, place names, stations with tiers, and the optional
// water points and named features. Pure and deterministic; the server caches one per region.
import { z } from 'zod';
import { LatLonSchema, type LatLon } from '../../shared/geo.ts';
import { KIND_TIER } from '../../shared/domain/forces.ts';
import type { Cell, Grid, Region } from '../../shared/schemas/region.ts';
import type { UnitTypeCatalogue } from '../../shared/schemas/unit-types.ts';
import type { RunCardsFile } from '../../shared/schemas/run-cards.ts';
import {
  BUILT_UP_KINDS,
  MAP_ROAD_CLASSES,
  type BuiltUpKind,
  type MapFeature,
  type MapPlace,
  type MapRings,
  type MapRoadClass,
  type MapStation,
  type MapWaterPoint,
  type RegionMap,
} from '../../shared/map-data.ts';
import { squaresToMultiPolygon } from './coverage-polygons.ts';
import type { RoadNetwork } from './road-network.ts';
import type { IncidentModelsFile } from '../../shared/schemas/incident-models.ts';

/** What the map needs of the world (server/engine World satisfies it). */
export interface RegionMapWorld {
  region: Region;
  unitTypes: UnitTypeCatalogue;
  runCards?: RunCardsFile;
  models?: IncidentModelsFile;
}

/** Douglas-Peucker tolerance, degrees (~2 m): removes the synthetic roads' collinear vertices, keeps bends. */
const SIMPLIFY_TOLERANCE_DEG = 2e-5;

const round5 = (x: number): number => Math.round(x * 1e5) / 1e5;
const roundLatLon = (p: LatLon): LatLon => [round5(p[0]), round5(p[1])];

export function buildRegionMap(world: RegionMapWorld, roads: RoadNetwork): RegionMap {
  const { region } = world;
  const { grid } = region;
  const cellsBy = (pred: (c: Cell) => boolean): Cell[] => region.cells.filter(pred);
  const builtUp = Object.fromEntries(
    BUILT_UP_KINDS.map((k) => [k, traceCellRings(grid, cellsBy((c) => c.landUse === k))]),
  ) as Record<BuiltUpKind, MapRings>;
  return {
    regionId: region.id,
    name: region.name,
    nameZh: region.nameZh,
    fictional: region.fictional,
    note: region.note,
    bounds: [
      roundLatLon([grid.south, grid.west]),
      roundLatLon([grid.south + grid.rows * grid.cellLat, grid.west + grid.cols * grid.cellLon]),
    ],
    roads: roadPolylines(roads),
    water: traceCellRings(grid, cellsBy((c) => c.landUse === 'water')),
    builtUp,
    floodplain: traceCellRings(grid, cellsBy((c) => (c as Cell & { floodplain?: unknown }).floodplain === true)),
    jurisdictions: region.jurisdictions.map((j) => ({
      id: j.id,
      name: j.name,
      nameZh: j.nameZh,
      kind: j.kind,
      center: roundLatLon(j.center),
      rings: traceCellRings(grid, cellsBy((c) => c.jurisdictionId === j.id)),
    })),
    places: places(region),
    stations: region.stations.map(
      (s): MapStation => ({
        id: s.id,
        name: s.name,
        nameZh: s.nameZh,
        kind: s.kind,
        tier: KIND_TIER[s.kind],
        jurisdictionId: s.jurisdictionId,
        location: roundLatLon(s.location),
        ...(s.supervisingStationId ? { supervisingStationId: s.supervisingStationId } : {}),
        units: s.units.map((u) => ({ id: u.id, type: u.type, ...(u.callsign ? { callsign: u.callsign } : {}), ...(u.callsignEn ? { callsignEn: u.callsignEn } : {}) })),
      }),
    ),
    waterPoints: optionalItems(region, 'waterPoints').map(
      (w): MapWaterPoint => ({ id: w.id, kind: w.kind, at: w.at, ...(w.name ? { name: w.name } : {}), ...(w.nameZh ? { nameZh: w.nameZh } : {}) }),
    ),
    features: optionalItems(region, 'features').map(
      (f): MapFeature => ({ id: f.id, kind: f.kind, at: f.at, name: f.name ?? f.nameZh ?? f.id, ...(f.nameZh ? { nameZh: f.nameZh } : {}) }),
    ),
    unitTypes: Object.fromEntries(
      world.unitTypes.unitTypes.map((t) => [
        t.code,
        { zh: t.zh, en: t.en, crew: t.crew, capabilities: t.capabilities, ...(t.aerialHeightM !== undefined ? { aerialHeightM: t.aerialHeightM } : {}) },
      ]),
    ),
    runCards: world.runCards?.cards ?? {},
    ...(world.models
      ? { incidentModels: Object.fromEntries(Object.entries(world.models.models).map(([type, m]) => [type, { sizeUnit: m.sizeUnit, gradeBySize: m.gradeBySize, gradeByTrapped: m.gradeByTrapped }])) }
      : {}),
  };
}

function places(region: Region): MapPlace[] {
  const { grid } = region;
  const out: MapPlace[] = [];
  const seen = new Set<string>();
  const jurisdictionKind = new Map(region.jurisdictions.map((j) => [j.id, j.kind]));
  // A town is a township's seat ("Daxu Town"), not a city site that happens to end in "Town" (Qingshui Old Town).
  const isTown = (cell: Cell): boolean => / Town$/.test(cell.place ?? '') && jurisdictionKind.get(cell.jurisdictionId) === 'township';
  for (const cell of region.cells) {
    if (!cell.place || seen.has(cell.place)) continue;
    seen.add(cell.place);
    const at = roundLatLon([grid.south + (cell.r + 0.5) * grid.cellLat, grid.west + (cell.c + 0.5) * grid.cellLon]);
    out.push({ name: cell.place, ...(cell.placeZh ? { nameZh: cell.placeZh } : {}), at, kind: isTown(cell) ? 'town' : 'place' });
  }
  for (const j of region.jurisdictions) {
    out.push({ name: j.name, nameZh: j.nameZh, at: roundLatLon(j.center), kind: 'jurisdiction', jurisdictionKind: j.kind });
  }
  return out;
}

// ---- optional region fields (water points, features): read leniently so older regions still load ----

const PointItemSchema = z
  .object({
    id: z.string().min(1),
    kind: z.string().min(1).default('point'),
    location: LatLonSchema.optional(),
    at: LatLonSchema.optional(),
    name: z.string().optional(),
    nameZh: z.string().optional(),
  })
  .transform((o) => ({ ...o, at: o.at ?? o.location }));

interface PointItem { id: string; kind: string; at: LatLon; name?: string; nameZh?: string }

function optionalItems(region: Region, key: 'waterPoints' | 'features'): PointItem[] {
  const raw = (region as unknown as Record<string, unknown>)[key];
  if (!Array.isArray(raw)) return [];
  const out: PointItem[] = [];
  for (const item of raw) {
    const parsed = PointItemSchema.safeParse(item);
    if (!parsed.success || !parsed.data.at) continue;
    const { id, kind, at, name, nameZh } = parsed.data;
    out.push({ id, kind, at: roundLatLon(at), ...(name ? { name } : {}), ...(nameZh ? { nameZh } : {}) });
  }
  return out;
}

// ---- cells → rings ----

/**
 * Outline of a set of grid cells as rings (outer boundaries and holes alike; drawn with the
 * even-odd rule): the same lattice tracer as the coverage bands, flattened to [lat, lon] rings
 * without the closing vertex.
 */
export function traceCellRings(grid: Grid, cells: readonly Pick<Cell, 'r' | 'c'>[]): MapRings {
  const mask = new Uint8Array(grid.rows * grid.cols);
  for (const { r, c } of cells) mask[r * grid.cols + c] = 1;
  const frame = { rows: grid.rows, cols: grid.cols, south: grid.south, west: grid.west, dLat: grid.cellLat, dLon: grid.cellLon };
  return squaresToMultiPolygon(frame, mask).coordinates.flatMap((polygon) =>
    polygon.map((ring) => ring.slice(0, -1).map(([lon, lat]) => roundLatLon([lat, lon]))),
  );
}

// ---- roads → polylines ----

/**
 * Road polylines by class: the undirected edges chained through nodes where exactly two edges of the
 * same class meet (and straight through 4-way crossings of one class, so a city street is one line
 * rather than one per block), then simplified and rounded.
 */
export function roadPolylines(net: RoadNetwork): Record<MapRoadClass, LatLon[][]> {
  const out = Object.fromEntries(MAP_ROAD_CLASSES.map((c) => [c, [] as LatLon[][]])) as Record<MapRoadClass, LatLon[][]>;
  // Undirected adjacency: edge index per unordered pair (two-way streets appear twice in the CSR).
  const heads: number[] = [];
  const tails: number[] = [];
  const classes: number[] = [];
  const seen = new Set<number>();
  const adj: number[][] = Array.from({ length: net.nodeCount }, () => []);
  for (let u = 0; u < net.nodeCount; u++) {
    for (let e = net.out.offsets[u]!; e < net.out.offsets[u + 1]!; e++) {
      const v = net.out.targets[e]!;
      const key = Math.min(u, v) * net.nodeCount + Math.max(u, v);
      if (u === v || seen.has(key)) continue;
      seen.add(key);
      const id = heads.length;
      tails.push(u);
      heads.push(v);
      classes.push(net.out.cls[e]!);
      adj[u]!.push(id);
      adj[v]!.push(id);
    }
  }
  const other = (id: number, v: number): number => (tails[id] === v ? heads[id]! : tails[id]!);
  const used = new Uint8Array(heads.length);
  /** The edge that continues a line arriving at v along `via`, or -1 when v ends the line. */
  const continuation = (v: number, via: number): number => {
    const here = adj[v]!;
    const cls = classes[via]!;
    const same = here.filter((id) => id !== via && classes[id] === cls && !used[id]);
    if (here.length === 2) return same[0] ?? -1;
    if (here.length !== 4 || same.length === 0) return -1;
    // At a crossing, go on only along the straightest edge (the street continues across).
    const from = other(via, v);
    const dIn = [net.lat[v]! - net.lat[from]!, net.lon[v]! - net.lon[from]!] as const;
    let best = -1;
    let bestCos = 0.95;
    for (const id of same) {
      const w = other(id, v);
      const d = [net.lat[w]! - net.lat[v]!, net.lon[w]! - net.lon[v]!] as const;
      const cos = (dIn[0] * d[0] + dIn[1] * d[1]) / (Math.hypot(dIn[0], dIn[1]) * Math.hypot(d[0], d[1]) || 1);
      if (cos > bestCos) { bestCos = cos; best = id; }
    }
    return best;
  };
  const walk = (start: number, first: number): number[] => {
    const nodes = [start];
    let v = start;
    let id = first;
    while (id >= 0 && !used[id]) {
      used[id] = 1;
      v = other(id, v);
      nodes.push(v);
      if (v === start) break;
      id = continuation(v, id);
    }
    return nodes;
  };
  const emit = (nodes: number[], cls: number): void => {
    const name = net.classes[cls] as MapRoadClass | undefined;
    if (!name || !(name in out)) return;
    const line = simplify(nodes.map((v): LatLon => [net.lat[v]!, net.lon[v]!]), SIMPLIFY_TOLERANCE_DEG).map(roundLatLon);
    out[name].push(line);
  };
  // Lines start where they must end anyway (dead ends, junctions, class changes), then what is left are loops.
  const isEnd = (v: number): boolean => {
    const here = adj[v]!;
    return here.length !== 2 || classes[here[0]!] !== classes[here[1]!];
  };
  for (const pass of [true, false]) {
    for (let v = 0; v < net.nodeCount; v++) {
      if (pass && !isEnd(v)) continue;
      for (const id of adj[v]!) {
        if (used[id]) continue;
        // A street that goes straight on through this crossing is started from its far end instead.
        if (pass && continuation(v, id) >= 0) continue;
        emit(walk(v, id), classes[id]!);
      }
    }
  }
  return out;
}

/** Douglas-Peucker on lat/lon (degrees; fine at county scale), iterative. */
export function simplify(points: LatLon[], tolerance: number): LatLon[] {
  if (points.length <= 2) return points;
  const keep = new Uint8Array(points.length);
  keep[0] = 1;
  keep[points.length - 1] = 1;
  const stack: [number, number][] = [[0, points.length - 1]];
  while (stack.length > 0) {
    const [a, b] = stack.pop()!;
    const pa = points[a]!;
    const pb = points[b]!;
    let worst = -1;
    let worstD = tolerance;
    for (let i = a + 1; i < b; i++) {
      const d = segmentDistance(points[i]!, pa, pb);
      if (d > worstD) { worstD = d; worst = i; }
    }
    if (worst >= 0) {
      keep[worst] = 1;
      stack.push([a, worst], [worst, b]);
    }
  }
  return points.filter((_, i) => keep[i]);
}

function segmentDistance(p: LatLon, a: LatLon, b: LatLon): number {
  const dx = b[1] - a[1];
  const dy = b[0] - a[0];
  const len2 = dx * dx + dy * dy;
  const t = len2 > 0 ? Math.max(0, Math.min(1, ((p[1] - a[1]) * dx + (p[0] - a[0]) * dy) / len2)) : 0;
  return Math.hypot(p[1] - (a[1] + t * dx), p[0] - (a[0] + t * dy));
}
