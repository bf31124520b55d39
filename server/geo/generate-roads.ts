// A synthetic, deterministic road network for a region made of a land-use grid (the demo county):
// an urban grid (arterials on the 1 km cell borders, local streets every 200 m) over urban, suburban
// and industrial cells; small street grids in villages; rural roads between the cells of the open
// country, and slower winding mountain roads through forest, both as a random spanning tree of the
// land cells plus extra links; a few bridges over water; and an expressway across the county with
// interchanges (ramps) near the city and towns. Unreachable islands are dropped, so the result is one
// strongly connected component (every street is two-way). Regenerated at load: nothing is stored.
import { haversineM } from '../../shared/geo.ts';
import type { LandUse, Region } from '../../shared/schemas/region.ts';
import { buildRoadNetwork, roadClassIndex, type RoadClass, type RoadNetwork } from './road-network.ts';

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

class Builder {
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

export function generateDemoRoads(region: Region, opts: GenerateRoadsOptions = {}): RoadNetwork {
  const rand = mulberry32(opts.seed ?? 20240611);
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

  // 3. Bridges: short crossings of 1-3 water cells between land cells, spread out.
  interface Bridge { r: number; c: number; dr: number; dc: number; span: number; prio: number }
  const candidates: Bridge[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
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
  const bridges: Bridge[] = [];
  for (const cand of candidates) {
    const city = cand.prio >= 1;
    const minGap = city ? 3 : 9;
    if (bridges.some((o) => Math.abs(o.r - cand.r) + Math.abs(o.c - cand.c) < minGap)) continue;
    bridges.push(cand);
  }
  for (const br of bridges) {
    const r2 = br.r + br.dr * br.span;
    const c2 = br.c + br.dc * br.span;
    const a = endpoint(br.r, br.c, br.dr, br.dc);
    const z = endpoint(r2, c2, -br.dr, -br.dc);
    const cls: RoadClass = isGrid(br.r, br.c) && isGrid(r2, c2) ? 'arterial' : 'rural';
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

  // 5. Expressway: across the county south of the city, with interchanges near the city and towns.
  const urban = region.cells.filter((c) => c.landUse === 'urban');
  const cityY = urban.reduce((s, c) => s + c.r + 0.5, 0) / Math.max(1, urban.length);
  const cityX = urban.reduce((s, c) => s + c.c + 0.5, 0) / Math.max(1, urban.length);
  const rowExtent = (r: number): [number, number] => {
    let lo = cols;
    let hi = -1;
    for (let c = 0; c < cols; c++) {
      if (isLand(r, c)) {
        lo = Math.min(lo, c);
        hi = Math.max(hi, c);
      }
    }
    return [lo, hi];
  };
  const rW = Math.round(cityY - 4);
  const rE = Math.round(cityY + 1);
  const [west] = rowExtent(rW);
  const [, east] = rowExtent(rE);
  const expressNodes: number[] = [];
  if (west <= east && urban.length > 0) {
    const way: Pt[] = [
      [west + 0.5, rW + 0.5],
      [cityX - 5, cityY - 5.5],
      [cityX + 4, cityY - 5.5],
      [cityX + 12, cityY - 1.5],
      [east + 0.5, rE + 0.5],
    ];
    for (let w = 0; w + 1 < way.length; w++) {
      const p = way[w]!;
      const q = way[w + 1]!;
      const n = Math.max(1, Math.ceil(distM(p, q) / 400));
      for (let i = w === 0 ? 0 : 1; i <= n; i++) {
        const t = i / n;
        expressNodes.push(b.node(p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t));
      }
    }
    for (let i = 0; i + 1 < expressNodes.length; i++) b.edge(expressNodes[i]!, expressNodes[i + 1]!, 'expressway');

    // Interchanges: both ends, nearest to the city centre and the industrial park, and near towns.
    const targets: Pt[] = [ptOf(expressNodes[0]!), ptOf(expressNodes[expressNodes.length - 1]!), [cityX, cityY]];
    const industrial = region.cells.filter((c) => c.landUse === 'industrial');
    if (industrial.length > 0) {
      targets.push([
        industrial.reduce((s, c) => s + c.c + 0.5, 0) / industrial.length,
        industrial.reduce((s, c) => s + c.r + 0.5, 0) / industrial.length,
      ]);
    }
    for (const c of region.cells) if (c.place && /town/i.test(c.place) && c.landUse !== 'water') targets.push([c.c + 0.5, c.r + 0.5]);
    const expressSet = new Set(expressNodes);
    const chosen: number[] = [];
    for (const tp of targets) {
      let best = -1;
      let bestD = Infinity;
      for (const v of expressNodes) {
        const d = distM(ptOf(v), tp);
        if (d < bestD) {
          bestD = d;
          best = v;
        }
      }
      if (best < 0 || bestD > 6000) continue;
      if (chosen.some((o) => distM(ptOf(o), ptOf(best)) < 2500)) continue;
      // Ramp to the nearest ordinary road node on land.
      let y = -1;
      let yD = Infinity;
      for (let v = 0; v < b.xs.length; v++) {
        if (expressSet.has(v)) continue;
        const d = distM(ptOf(v), ptOf(best));
        if (d < yD && d > 150) {
          yD = d;
          y = v;
        }
      }
      if (y < 0 || yD > 2000) continue;
      chosen.push(best);
      b.path(best, wiggle(ptOf(best), ptOf(y), 150, 0.05, true)!, y, 'ramp');
    }
  }

  // 6. Keep the largest connected component; convert to lat/lon and directed edges.
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
