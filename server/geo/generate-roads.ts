// A SYNTHETIC, deterministic road network for a region made of a land-use grid (the FICTIONAL demo
// county 清水县): an urban grid (arterials on the 1 km cell borders, local streets every 200 m) over
// urban, suburban and industrial cells; small street grids in villages; rural roads between the cells
// of the open country, and slower winding mountain roads through forest, both as a random spanning
// tree of the land cells plus extra links; bridges over water; access tracks to the river and
// reservoir drafting points; and an expressway with interchanges (ramps to the ordinary roads on both
// sides) and a service area (demo-expressway.ts). Where the region names its bridges, expressway,
// interchanges and service area (region.features), the roads follow them, so map labels and roads
// agree; a region without features gets them planned here. Unreachable islands are dropped and every
// street is two-way, so the result is one strongly connected component. Regenerated at load: nothing
// is stored. Nothing here is a real road.
import { haversineM } from '../../shared/geo.ts';
import type { Cell, Grid, LandUse, Region } from '../../shared/schemas/region.ts';
import { buildExpressway, expresswayPlanFromFeatures, expresswayPlanFromGrid } from './demo-expressway.ts';
import { ROAD_CLASSES, buildRoadNetwork, roadClassIndex, type RoadClass, type RoadNetwork } from './road-network.ts';

export interface GenerateRoadsOptions {
  seed?: number;
  /** Spacing of local streets in grid cells, in cells (5 → 200 m with 1 km cells). */
  streetsPerCell?: number;
}

/** mulberry32: a small seeded PRNG, uniform in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const GRID_USES: ReadonlySet<LandUse> = new Set(['urban', 'suburban', 'industrial']);

type Pt = [x: number, y: number]; // x: column coordinate, y: row coordinate (in cells)

/** Accumulates nodes (grid units) and two-way edges while the network is generated. */
export class Builder {
  readonly xs: number[] = [];
  readonly ys: number[] = [];
  readonly ea: number[] = [];
  readonly eb: number[] = [];
  readonly ec: number[] = [];
  private readonly keyed = new Map<number, number>();
  private readonly edgeKeys = new Set<number>();

  node(x: number, y: number): number {
    this.xs.push(x);
    this.ys.push(y);
    return this.xs.length - 1;
  }

  /** A node on the street lattice (integer coordinates in units of 1/k cell), shared by everyone. */
  lattice(i: number, j: number, k: number): number {
    const key = (i + 1000) * 100_000 + (j + 1000);
    let v = this.keyed.get(key);
    if (v === undefined) {
      v = this.node(i / k, j / k);
      this.keyed.set(key, v);
    }
    return v;
  }

  /** An undirected edge (a two-way street); duplicates are ignored. */
  edge(a: number, b: number, cls: RoadClass): void {
    if (a === b) return;
    const key = Math.min(a, b) * 4_000_000 + Math.max(a, b);
    if (this.edgeKeys.has(key)) return;
    this.edgeKeys.add(key);
    this.ea.push(a);
    this.eb.push(b);
    this.ec.push(roadClassIndex(cls));
  }

  /** A street from a to b through the given interior points. */
  path(a: number, interior: readonly Pt[], b: number, cls: RoadClass): void {
    let prev = a;
    for (const [x, y] of interior) {
      const v = this.node(x, y);
      this.edge(prev, v, cls);
      prev = v;
    }
    this.edge(prev, b, cls);
  }
}

/** Default seed of the synthetic network (the demo county's roads). */
export const DEFAULT_ROADS_SEED = 20240611;
/** The bridges draw from their own PRNG stream so the county generator can plan and name them first. */
const BRIDGE_STREAM = 0x0b71d9e5;
/** A drafting point this close to a road node needs no track; tracks reach at most this far. */
const INTAKE_ON_ROAD_M = 25;
const INTAKE_TRACK_MAX_M = 1500;

/** A road bridge from land cell (r, c) over `span - 1` water cells to the land cell span steps along (dr, dc). */
export interface PlannedBridge { r: number; c: number; dr: number; dc: number; span: number; roadClass?: RoadClass }

/** What bridge planning needs of a region: the grid and each cell's land use. */
type GridCells = { grid: Grid; cells: readonly Pick<Cell, 'r' | 'c' | 'landUse'>[] };

function landUseLookup({ grid, cells }: GridCells): (r: number, c: number) => LandUse | undefined {
  const use = new Array<LandUse | undefined>(grid.rows * grid.cols).fill(undefined);
  for (const c of cells) use[c.r * grid.cols + c.c] = c.landUse;
  return (r, c) => (r >= 0 && r < grid.rows && c >= 0 && c < grid.cols ? use[r * grid.cols + c] : undefined);
}

/**
 * Where the bridges go on a grid of land-use cells: short crossings of 1-3 water cells between land
 * cells in a row or column, preferring the city (both ends on the street grid), spread out (3 cells
 * apart in the city, 9 in the country). `rand` should be mulberry32(seed ^ BRIDGE_STREAM) to match
 * what generateDemoRoads plans for a region without bridge features (see planDemoBridges).
 */
export function planBridges(region: GridCells, rand: () => number): PlannedBridge[] {
  const at = landUseLookup(region);
  const isLand = (r: number, c: number) => { const u = at(r, c); return u !== undefined && u !== 'water'; };
  const isGrid = (r: number, c: number) => { const u = at(r, c); return u !== undefined && GRID_USES.has(u); };
  const candidates: (PlannedBridge & { prio: number })[] = [];
  for (let r = 0; r < region.grid.rows; r++) {
    for (let c = 0; c < region.grid.cols; c++) {
      if (!isLand(r, c)) continue;
      for (const [dr, dc] of [[0, 1], [1, 0]] as const) {
        let s = 1;
        while (s <= 3 && at(r + dr * s, c + dc * s) === 'water') s++;
        if (s === 1 || s > 3 || !isLand(r + dr * s, c + dc * s)) continue;
        const both = isGrid(r, c) && isGrid(r + dr * s, c + dc * s);
        candidates.push({ r, c, dr, dc, span: s, prio: (both ? 2 : 0) + rand() - s * 0.2 });
      }
    }
  }
  candidates.sort((x, y) => y.prio - x.prio);
  const bridges: PlannedBridge[] = [];
  for (const cand of candidates) {
    const minGap = cand.prio >= 1 ? 3 : 9;
    if (bridges.some((o) => Math.abs(o.r - cand.r) + Math.abs(o.c - cand.c) < minGap)) continue;
    const { r, c, dr, dc, span } = cand;
    const both = isGrid(r, c) && isGrid(r + dr * span, c + dc * span);
    bridges.push({ r, c, dr, dc, span, roadClass: both ? 'arterial' : 'rural' });
  }
  return bridges;
}

/** The bridges generateDemoRoads builds for a region without bridge features (for naming them). */
export const planDemoBridges = (region: GridCells, seed = DEFAULT_ROADS_SEED): PlannedBridge[] =>
  planBridges(region, mulberry32(seed ^ BRIDGE_STREAM));

/**
 * The road bridges a region names: `bridge` features (not carrying the expressway) whose line runs
 * from a land cell across 1-3 water cells to a land cell in the same row or column. Undefined if the
 * region has no features at all (then the generator plans its own).
 */
export function bridgesFromFeatures(region: Region): PlannedBridge[] | undefined {
  if (!region.features) return undefined;
  const at = landUseLookup(region);
  const g = region.grid;
  const out: PlannedBridge[] = [];
  for (const f of region.features) {
    if (f.kind !== 'bridge' || f.roadClass === 'expressway') continue;
    const ends = f.line ? [f.line[0]!, f.line[f.line.length - 1]!] : [];
    const [r1, c1, r2, c2] = ends.flatMap(([lat, lon]) => [Math.floor((lat - g.south) / g.cellLat), Math.floor((lon - g.west) / g.cellLon)]);
    const problem = (what: string) => new Error(`region ${region.id}: bridge feature ${f.id}: ${what}`);
    if (r1 === undefined || c1 === undefined || r2 === undefined || c2 === undefined) throw problem('needs a line from one bank to the other');
    const span = Math.abs(r2 - r1) + Math.abs(c2 - c1);
    if ((r1 !== r2 && c1 !== c2) || span < 2 || span > 4) throw problem('its line must join two cells 2-4 cells apart in one row or column');
    const dr = Math.sign(r2 - r1), dc = Math.sign(c2 - c1);
    const land = (u: LandUse | undefined) => u !== undefined && u !== 'water';
    if (!land(at(r1, c1)) || !land(at(r2, c2))) throw problem('both ends must be on land cells');
    for (let s = 1; s < span; s++) if (at(r1 + dr * s, c1 + dc * s) !== 'water') throw problem('it must cross only water cells');
    const cls = ROAD_CLASSES.find((x) => x === f.roadClass);
    out.push({ r: r1, c: c1, dr, dc, span, ...(cls ? { roadClass: cls } : {}) });
  }
  return out;
}

export function generateDemoRoads(region: Region, opts: GenerateRoadsOptions = {}): RoadNetwork {
  const seed = opts.seed ?? DEFAULT_ROADS_SEED;
  const rand = mulberry32(seed);
  const k = opts.streetsPerCell ?? 5;
  const g = region.grid;
  const { rows, cols } = g;
  const use: (LandUse | undefined)[] = new Array<LandUse | undefined>(rows * cols).fill(undefined);
  for (const c of region.cells) use[c.r * cols + c.c] = c.landUse;
  const at = (r: number, c: number): LandUse | undefined =>
    r >= 0 && r < rows && c >= 0 && c < cols ? use[r * cols + c] : undefined;
  const useAtPt = (x: number, y: number): LandUse | undefined => at(Math.floor(y), Math.floor(x));
  const isGrid = (r: number, c: number): boolean => {
    const u = at(r, c);
    return u !== undefined && GRID_USES.has(u);
  };
  const isLand = (r: number, c: number): boolean => {
    const u = at(r, c);
    return u !== undefined && u !== 'water';
  };

  const b = new Builder();

  // 1. Urban grid: arterials on cell borders, local streets every 1/k cell.
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      if (!isGrid(r, c)) continue;
      for (let line = 0; line <= k; line++) {
        const cls: RoadClass = line === 0 || line === k ? 'arterial' : 'local';
        for (let s = 0; s < k; s++) {
          // horizontal (constant row coordinate) and vertical streets
          b.edge(b.lattice(c * k + s, r * k + line, k), b.lattice(c * k + s + 1, r * k + line, k), cls);
          b.edge(b.lattice(c * k + line, r * k + s, k), b.lattice(c * k + line, r * k + s + 1, k), cls);
        }
      }
    }
  }

  // 2. Hubs: one junction per land cell outside the urban grid; villages get a small street grid.
  const hub = new Int32Array(rows * cols).fill(-1);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const u = at(r, c);
      if (u === undefined || u === 'water' || isGrid(r, c)) continue;
      if (u === 'village') {
        const q = 4;
        const ids: number[] = [];
        for (let j = 1; j < q; j++) for (let i = 1; i < q; i++) ids.push(b.node(c + i / q, r + j / q));
        for (let j = 0; j < q - 1; j++) {
          for (let i = 0; i < q - 1; i++) {
            const v = ids[j * (q - 1) + i]!;
            if (i < q - 2) b.edge(v, ids[j * (q - 1) + i + 1]!, 'local');
            if (j < q - 2) b.edge(v, ids[(j + 1) * (q - 1) + i]!, 'local');
          }
        }
        hub[r * cols + c] = ids[4]!; // the centre
      } else {
        hub[r * cols + c] = b.node(c + 0.2 + 0.6 * rand(), r + 0.2 + 0.6 * rand());
      }
    }
  }

  /** Where a road from cell (r, c) towards a neighbour meets this cell: its hub, or a lattice node on the shared border. */
  const endpoint = (r: number, c: number, dr: number, dc: number): number => {
    const h = hub[r * cols + c]!;
    if (h >= 0) return h;
    const off = rand() < 0.5 ? 2 : 3; // 0.4 or 0.6 along the border (k = 5)
    const o = Math.min(k - 1, Math.max(1, Math.round((off * k) / 5)));
    if (dc !== 0) return b.lattice((dc > 0 ? c + 1 : c) * k, r * k + o, k);
    return b.lattice(c * k + o, (dr > 0 ? r + 1 : r) * k, k);
  };

  const metresPerCellY = g.cellLat * 111_195;
  const metresPerCellX = g.cellLon * 111_195 * Math.cos(((g.south + (rows * g.cellLat) / 2) * Math.PI) / 180);
  const distM = (p: Pt, q: Pt): number => Math.hypot((p[0] - q[0]) * metresPerCellX, (p[1] - q[1]) * metresPerCellY);
  const ptOf = (v: number): Pt => [b.xs[v]!, b.ys[v]!];

  /** Interior points of a jittered road from p to q (segments of about segM metres), or undefined if it must cross water. */
  const wiggle = (p: Pt, q: Pt, segM: number, amp: number, allowWater: boolean): Pt[] | undefined => {
    const len = distM(p, q);
    const n = Math.max(1, Math.ceil(len / segM));
    const dx = q[0] - p[0];
    const dy = q[1] - p[1];
    const norm = Math.hypot(dx, dy) || 1;
    const px = -dy / norm;
    const py = dx / norm;
    for (let attempt = 0; attempt < 4; attempt++) {
      const a = attempt === 3 ? 0 : amp;
      const s1 = (rand() * 2 - 1) * a;
      const s2 = (rand() * 2 - 1) * a * 0.5;
      const s3 = (rand() * 2 - 1) * a * 0.25;
      const pts: Pt[] = [];
      let wet = false;
      for (let i = 1; i < n * 2; i++) {
        const t = i / (n * 2);
        const d = s1 * Math.sin(Math.PI * t) + s2 * Math.sin(2 * Math.PI * t) + s3 * Math.sin(3 * Math.PI * t);
        const x = p[0] + dx * t + px * d;
        const y = p[1] + dy * t + py * d;
        if (!allowWater && useAtPt(x, y) === 'water') wet = true;
        if (i % 2 === 0) pts.push([x, y]);
      }
      if (!wet) return pts;
    }
    return undefined;
  };

  /** True if the straight line p → q crosses no water cell (sampled every ~20 m). */
  const straightStaysOnLand = (p: Pt, q: Pt): boolean => {
    const n = Math.max(1, Math.ceil(distM(p, q) / 20));
    for (let i = 1; i < n; i++) if (useAtPt(p[0] + ((q[0] - p[0]) * i) / n, p[1] + ((q[1] - p[1]) * i) / n) === 'water') return false;
    return true;
  };

  // 3. Bridges: those the region names (its features), or planned here for a region without features.
  const bridges = bridgesFromFeatures(region) ?? planBridges(region, mulberry32(seed ^ BRIDGE_STREAM));
  for (const br of bridges) {
    const r2 = br.r + br.dr * br.span;
    const c2 = br.c + br.dc * br.span;
    const a = endpoint(br.r, br.c, br.dr, br.dc);
    const z = endpoint(r2, c2, -br.dr, -br.dc);
    const cls: RoadClass = br.roadClass ?? (isGrid(br.r, br.c) && isGrid(r2, c2) ? 'arterial' : 'rural');
    b.path(a, wiggle(ptOf(a), ptOf(z), 150, 0, true)!, z, cls);
  }

  // 4. Rural and mountain roads: a random spanning tree over the land cells (the urban grid and the
  //    bridges already join their cells), plus extra links, denser near villages.
  const parent = new Int32Array(rows * cols).map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const union = (i: number, j: number): boolean => {
    const a = find(i);
    const z = find(j);
    if (a === z) return false;
    parent[a] = z;
    return true;
  };
  for (const br of bridges) union(br.r * cols + br.c, (br.r + br.dr * br.span) * cols + br.c + br.dc * br.span);
  interface Link { r: number; c: number; dr: number; dc: number; w: number }
  const links: Link[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      if (!isLand(r, c)) continue;
      for (const [dr, dc] of [[0, 1], [1, 0]] as const) {
        if (!isLand(r + dr, c + dc)) continue;
        if (isGrid(r, c) && isGrid(r + dr, c + dc)) {
          union(r * cols + c, (r + dr) * cols + c + dc);
          continue;
        }
        const forest = at(r, c) === 'forest' || at(r + dr, c + dc) === 'forest';
        links.push({ r, c, dr, dc, w: rand() + (forest ? 0.5 : 0) });
      }
    }
  }
  links.sort((x, y) => x.w - y.w);
  const roadLink = (l: Link): void => {
    const u1 = at(l.r, l.c)!;
    const u2 = at(l.r + l.dr, l.c + l.dc)!;
    const mountain = u1 === 'forest' || u2 === 'forest';
    const a = endpoint(l.r, l.c, l.dr, l.dc);
    const z = endpoint(l.r + l.dr, l.c + l.dc, -l.dr, -l.dc);
    const pts = mountain ? wiggle(ptOf(a), ptOf(z), 120, 0.22, false) : wiggle(ptOf(a), ptOf(z), 140, 0.1, false);
    if (pts) b.path(a, pts, z, mountain ? 'mountain' : 'rural');
  };
  for (const l of links) {
    const i = l.r * cols + l.c;
    const j = (l.r + l.dr) * cols + l.c + l.dc;
    const u1 = at(l.r, l.c)!;
    const u2 = at(l.r + l.dr, l.c + l.dc)!;
    const forests = (u1 === 'forest' ? 1 : 0) + (u2 === 'forest' ? 1 : 0);
    const nearTown = u1 === 'village' || u2 === 'village' || GRID_USES.has(u1) || GRID_USES.has(u2);
    const pExtra = (forests === 2 ? 0.12 : forests === 1 ? 0.25 : 0.45) + (nearTown ? 0.35 : 0);
    if (union(i, j) || rand() < pExtra) roadLink(l);
  }

  // 5. Access tracks to the drafting points (取水点) the region lists on its river and reservoir
  //    banks, so an engine can reach every natural water source by road.
  for (const wp of region.waterPoints ?? []) {
    if (wp.kind !== 'natural-intake' && wp.kind !== 'reservoir-intake') continue;
    const p: Pt = [(wp.location[1] - g.west) / g.cellLon, (wp.location[0] - g.south) / g.cellLat];
    const near: { v: number; d: number }[] = [];
    for (let v = 0; v < b.xs.length; v++) {
      const d = distM(p, ptOf(v));
      if (d <= INTAKE_TRACK_MAX_M) near.push({ v, d });
    }
    near.sort((x, y) => x.d - y.d || x.v - y.v);
    if (near[0] && near[0].d <= INTAKE_ON_ROAD_M) continue;
    const dry = near.find(({ v }) => straightStaysOnLand(p, ptOf(v)));
    if (!dry) throw new Error(`region ${region.id}: water point ${wp.id} has no road within ${INTAKE_TRACK_MAX_M} m on its bank`);
    const intake = b.node(p[0], p[1]);
    b.path(intake, wiggle(p, ptOf(dry.v), 150, 0, true)!, dry.v, 'rural');
  }

  // 6. Expressway: the region's named line with its interchanges and service area, or the heuristic line.
  const plan = expresswayPlanFromFeatures(region) ?? expresswayPlanFromGrid(region, at);
  if (plan) buildExpressway(b, plan, distM);

  // 7. Keep the largest connected component; convert to lat/lon and directed edges.
  const n = b.xs.length;
  const comp = new Int32Array(n).map((_, i) => i);
  const cfind = (i: number): number => {
    while (comp[i] !== i) {
      comp[i] = comp[comp[i]!]!;
      i = comp[i]!;
    }
    return i;
  };
  for (let e = 0; e < b.ea.length; e++) {
    const x = cfind(b.ea[e]!);
    const y = cfind(b.eb[e]!);
    if (x !== y) comp[x] = y;
  }
  const size = new Int32Array(n);
  for (let v = 0; v < n; v++) size[cfind(v)]!++;
  let root = 0;
  for (let v = 0; v < n; v++) if (size[v]! > size[root]!) root = v;
  const newId = new Int32Array(n).fill(-1);
  let kept = 0;
  for (let v = 0; v < n; v++) if (cfind(v) === root) newId[v] = kept++;
  const lat = new Float64Array(kept);
  const lon = new Float64Array(kept);
  for (let v = 0; v < n; v++) {
    const id = newId[v]!;
    if (id < 0) continue;
    lat[id] = g.south + b.ys[v]! * g.cellLat;
    lon[id] = g.west + b.xs[v]! * g.cellLon;
  }
  let m = 0;
  for (let e = 0; e < b.ea.length; e++) if (newId[b.ea[e]!]! >= 0) m += 2;
  const from = new Int32Array(m);
  const to = new Int32Array(m);
  const len = new Float32Array(m);
  const cls = new Uint8Array(m);
  let j = 0;
  for (let e = 0; e < b.ea.length; e++) {
    const a = newId[b.ea[e]!]!;
    const z = newId[b.eb[e]!]!;
    if (a < 0 || z < 0) continue;
    const d = haversineM([lat[a]!, lon[a]!], [lat[z]!, lon[z]!]);
    from[j] = a; to[j] = z; len[j] = d; cls[j] = b.ec[e]!; j++;
    from[j] = z; to[j] = a; len[j] = d; cls[j] = b.ec[e]!; j++;
  }
  return buildRoadNetwork(lat, lon, from, to, len, cls);
}
