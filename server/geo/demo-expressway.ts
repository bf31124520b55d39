// The expressway of the synthetic road network: a chain of nodes every ≤400 m along a line, with
// interchanges (ramps down to the ordinary roads on both sides of the carriageway) and service areas
// (a loop off the carriageway). The line and the named interchange / service-area points come from
// the region's features (the demo county names them: 清水高速, 互通, 服务区); a region without an
// expressway feature gets the older heuristic: a line across the county south of the city, with
// interchanges near its ends, the city, the industrial park and the towns.
import type { LandUse, Region } from '../../shared/schemas/region.ts';
import { roadClassIndex, type RoadClass } from './road-network.ts';
import type { Builder } from './generate-roads.ts';

/** Grid units: x = column, y = row (fractional). */
type Pt = [x: number, y: number];

export interface ExpresswayPlan {
  line: Pt[];
  interchanges: { id: string; at: Pt }[];
  serviceAreas: { id: string; at: Pt }[];
  /** Named features must be met (an error names the feature); heuristic points that do not fit are skipped. */
  strict: boolean;
}

const NODE_SPACING_M = 400;
/** How far an interchange may reach for an ordinary road, and the shortest ramp. */
const RAMP_MAX_M = 2000;
const RAMP_MIN_M = 120;
/** Named interchange / service-area points must lie this close to the expressway line. */
const FEATURE_MAX_OFFSET_M = 1500;
/** Ramps prefer these classes (arterial / local / rural roads); mountain roads only when nothing else is near. */
const RAMP_TO: readonly RoadClass[] = ['arterial', 'local', 'rural'];

export function expresswayPlanFromFeatures(region: Region): ExpresswayPlan | undefined {
  const way = region.features?.find((f) => f.kind === 'expressway' && f.line);
  if (!way?.line) return undefined;
  const g = region.grid;
  const toPt = ([lat, lon]: [number, number]): Pt => [(lon - g.west) / g.cellLon, (lat - g.south) / g.cellLat];
  const pointsOf = (kind: string) => (region.features ?? []).filter((f) => f.kind === kind).map((f) => ({ id: f.id, at: toPt(f.location) }));
  return { line: way.line.map(toPt), interchanges: pointsOf('expressway-interchange'), serviceAreas: pointsOf('service-area'), strict: true };
}

/** The heuristic line for a region without an expressway feature (as the first road generator had it). */
export function expresswayPlanFromGrid(region: Region, at: (r: number, c: number) => LandUse | undefined): ExpresswayPlan | undefined {
  const { cols } = region.grid;
  const urban = region.cells.filter((c) => c.landUse === 'urban');
  if (urban.length === 0) return undefined;
  const cityY = urban.reduce((s, c) => s + c.r + 0.5, 0) / urban.length;
  const cityX = urban.reduce((s, c) => s + c.c + 0.5, 0) / urban.length;
  const rowExtent = (r: number): [number, number] => {
    let lo = cols, hi = -1;
    for (let c = 0; c < cols; c++) {
      const u = at(r, c);
      if (u !== undefined && u !== 'water') { lo = Math.min(lo, c); hi = Math.max(hi, c); }
    }
    return [lo, hi];
  };
  const rW = Math.round(cityY - 4), rE = Math.round(cityY + 1);
  const [west] = rowExtent(rW);
  const [, east] = rowExtent(rE);
  if (west > east) return undefined;
  const line: Pt[] = [[west + 0.5, rW + 0.5], [cityX - 5, cityY - 5.5], [cityX + 4, cityY - 5.5], [cityX + 12, cityY - 1.5], [east + 0.5, rE + 0.5]];
  const targets: Pt[] = [line[0]!, line[line.length - 1]!, [cityX, cityY]];
  const industrial = region.cells.filter((c) => c.landUse === 'industrial');
  if (industrial.length > 0) {
    targets.push([industrial.reduce((s, c) => s + c.c + 0.5, 0) / industrial.length, industrial.reduce((s, c) => s + c.r + 0.5, 0) / industrial.length]);
  }
  for (const c of region.cells) if (c.place && /town/i.test(c.place) && c.landUse !== 'water') targets.push([c.c + 0.5, c.r + 0.5]);
  return { line, interchanges: targets.map((p, i) => ({ id: `interchange-${i}`, at: p })), serviceAreas: [], strict: false };
}

/** Lays the expressway, its interchanges and service areas into the builder; returns its carriageway nodes. */
export function buildExpressway(b: Builder, plan: ExpresswayPlan, distM: (p: Pt, q: Pt) => number): number[] {
  const ptOf = (v: number): Pt => [b.xs[v]!, b.ys[v]!];
  // Nodes that an ordinary road of each class touches (before the expressway exists).
  const touches = (classes: readonly RoadClass[]): Uint8Array => {
    const idx = new Set(classes.map(roadClassIndex));
    const flag = new Uint8Array(b.xs.length);
    for (let e = 0; e < b.ea.length; e++) if (idx.has(b.ec[e]!)) { flag[b.ea[e]!] = 1; flag[b.eb[e]!] = 1; }
    return flag;
  };
  const preferred = touches(RAMP_TO);
  const anyRoad = touches(['mountain']);
  const ordinaryCount = b.xs.length;

  const nodes: number[] = [];
  for (let w = 0; w + 1 < plan.line.length; w++) {
    const p = plan.line[w]!, q = plan.line[w + 1]!;
    const n = Math.max(1, Math.ceil(distM(p, q) / NODE_SPACING_M));
    for (let i = w === 0 ? 0 : 1; i <= n; i++) nodes.push(b.node(p[0] + ((q[0] - p[0]) * i) / n, p[1] + ((q[1] - p[1]) * i) / n));
  }
  for (let i = 0; i + 1 < nodes.length; i++) b.edge(nodes[i]!, nodes[i + 1]!, 'expressway');

  const nearestOnLine = (p: Pt): { i: number; d: number } => {
    let i = -1, d = Infinity;
    nodes.forEach((v, j) => { const dj = distM(ptOf(v), p); if (dj < d) { d = dj; i = j; } });
    return { i, d };
  };
  /** A ramp as a straight chain of ~150 m segments. */
  const ramp = (a: number, z: number): void => {
    const p = ptOf(a), q = ptOf(z);
    const n = Math.max(1, Math.ceil(distM(p, q) / 150));
    const interior: Pt[] = [];
    for (let i = 1; i < n; i++) interior.push([p[0] + ((q[0] - p[0]) * i) / n, p[1] + ((q[1] - p[1]) * i) / n]);
    b.path(a, interior, z, 'ramp');
  };

  const chosen: number[] = [];
  for (const ic of plan.interchanges) {
    const { i, d } = nearestOnLine(ic.at);
    if (plan.strict && d > FEATURE_MAX_OFFSET_M) throw new Error(`interchange ${ic.id} is ${Math.round(d)} m from the expressway line (at most ${FEATURE_MAX_OFFSET_M} m)`);
    if (i < 0 || d > 6000) continue;
    const v = nodes[i]!;
    if (!plan.strict && chosen.some((o) => distM(ptOf(o), ptOf(v)) < 2500)) continue;
    // Direction of the carriageway here, to tell the two sides apart.
    const a = ptOf(nodes[Math.max(0, i - 1)]!), z = ptOf(nodes[Math.min(nodes.length - 1, i + 1)]!);
    const dir: Pt = [z[0] - a[0], z[1] - a[1]];
    const here = ptOf(v);
    let built = 0;
    for (const side of [1, -1]) {
      for (const pool of [preferred, anyRoad]) {
        let best = -1, bestD = Infinity;
        for (let u = 0; u < ordinaryCount; u++) {
          if (!pool[u]) continue;
          const q = ptOf(u);
          if (Math.sign(dir[0] * (q[1] - here[1]) - dir[1] * (q[0] - here[0])) !== side) continue;
          const du = distM(q, here);
          if (du > RAMP_MIN_M && du < bestD) { bestD = du; best = u; }
        }
        if (best >= 0 && bestD <= RAMP_MAX_M) { ramp(v, best); built++; break; }
      }
      // The heuristic plan keeps the single ramp it always had.
      if (!plan.strict && built > 0) break;
    }
    if (built === 0 && plan.strict) throw new Error(`interchange ${ic.id}: no ordinary road within ${RAMP_MAX_M} m of the expressway`);
    if (built > 0) chosen.push(v);
  }

  for (const sa of plan.serviceAreas) {
    const { i, d } = nearestOnLine(sa.at);
    if (d > FEATURE_MAX_OFFSET_M || i <= 0 || i >= nodes.length - 1) throw new Error(`service area ${sa.id} is not beside the expressway (${Math.round(d)} m off, or at its end)`);
    // A loop off the carriageway: exit ramp before, entry ramp after, the car park in between.
    const park = b.node(sa.at[0], sa.at[1]);
    ramp(nodes[i - 1]!, park);
    ramp(park, nodes[i + 1]!);
  }
  return nodes;
}
