// What a flood fill means for people and roads: flooded and boat-only area, people per AIDR 7-3
// hazard class, people stranded, and the road segments closed by depth.
// - People live evenly over their 1-km cell (its population spread over the sub-cells); those in a
//   flooded sub-cell are counted in its hazard class (depth, with the velocity the rules assume).
// - Stranded people = Σ people in flooded sub-cells × the rules' stranded share of their class
//   (an expected number; the engine draws the calls from it with its PRNG).
// - Boat-only: flooded deeper than `boatOnlyDepthM` (most vehicles are carried away).
// - A road segment closes when the water is deeper than the closure depth at its start, middle or
//   end (sampled once per network). Both directions of a closed road close.
// - Where drainage pumps worked (`lowered`: metres taken off a sub-cell's depth) the lowered depth
//   counts for everything above (a sub-cell pumped dry is not flooded land); people who have left
//   (`remaining`: the share of a sub-cell's people still there, after evacuations) are not counted.
import type { LatLon } from '../../shared/geo.ts';
import { FLOOD_HAZARD_CLASSES, type FloodHazardClass, type FloodHazardRules } from '../../shared/schemas/flood-hazard.ts';
import type { RoadNetwork } from '../geo/road-network.ts';
import { hazardClassIndex } from './flood-hazard-class.ts';
import type { FloodFill } from './flood-fill.ts';
import { subcellAt, type FloodTerrain } from './flood-terrain.ts';

export interface FloodCellImpact {
  /** Index into region.cells. */
  cellIndex: number;
  floodedFraction: number;
  maxDepthM: number;
  meanDepthM: number;
  /** The worst class among its flooded sub-cells. */
  hazardClass: FloodHazardClass;
  people: number;
  stranded: number;
  boatOnlyFraction: number;
}

export interface ClosedSegment { from: LatLon; to: LatLon; lengthM: number; depthM: number }

export interface FloodImpact {
  levelM: number;
  floodedAreaKm2: number;
  boatOnlyAreaKm2: number;
  peopleByClass: Record<FloodHazardClass, number>;
  peopleAffected: number;
  stranded: number;
  cells: FloodCellImpact[];
  /** Forward edge ids closed (both directions), ascending. */
  closedEdges: number[];
  closedSegments: ClosedSegment[];
  closedRoadKm: number;
}

/** Where each road is sampled (start, middle, end sub-cells); built once per terrain and network. */
export interface RoadSamples {
  /** One entry per undirected road: its forward edges (1 or 2), length and three sub-cells. */
  roads: { edges: number[]; from: LatLon; to: LatLon; lengthM: number; cells: [number, number, number] }[];
}

export function roadSamples(t: FloodTerrain, net: RoadNetwork): RoadSamples {
  const byKey = new Map<string, RoadSamples['roads'][number]>();
  const { offsets, targets, lengthM } = net.out;
  for (let u = 0; u < net.nodeCount; u++) {
    for (let e = offsets[u]!; e < offsets[u + 1]!; e++) {
      const v = targets[e]!;
      const key = u < v ? `${u}:${v}` : `${v}:${u}`;
      const seen = byKey.get(key);
      if (seen) { seen.edges.push(e); continue; }
      const from: LatLon = [net.lat[u]!, net.lon[u]!];
      const to: LatLon = [net.lat[v]!, net.lon[v]!];
      const mid: LatLon = [(from[0] + to[0]) / 2, (from[1] + to[1]) / 2];
      byKey.set(key, { edges: [e], from, to, lengthM: lengthM[e]!, cells: [subcellAt(t, from), subcellAt(t, mid), subcellAt(t, to)] });
    }
  }
  return { roads: [...byKey.values()] };
}

export interface ImpactOptions {
  roadClosureDepthM?: number;
  roads?: RoadSamples;
  /** Metres pumped away per sub-cell (drainage). */
  lowered?: ReadonlyMap<number, number>;
  /** Share of a sub-cell's people still there (evacuation); default 1. */
  remaining?: (subcell: number) => number;
}

/** Depth at sub-cell i once the pumps' lowering is taken off (0: dry). */
export function loweredDepth(fill: FloodFill, i: number, lowered?: ReadonlyMap<number, number>): number {
  const d = fill.depth[i]!;
  if (!lowered || lowered.size === 0) return d;
  return Math.max(0, d - (lowered.get(i) ?? 0));
}

export function floodImpact(t: FloodTerrain, fill: FloodFill, rules: FloodHazardRules, opts: ImpactOptions = {}): FloodImpact {
  const peopleByClass = Object.fromEntries(FLOOD_HAZARD_CLASSES.map((c) => [c, 0])) as Record<FloodHazardClass, number>;
  const v = rules.assumedVelocityMS;
  const perSub = t.refine * t.refine;
  const byCell = new Map<number, { n: number; sum: number; max: number; cls: number; people: number; stranded: number; boat: number }>();
  let area = 0;
  let boatArea = 0;
  let stranded = 0;
  let affected = 0;
  const lowered = opts.lowered;
  const remaining = opts.remaining;
  for (let k = 0; k < fill.floodedCount; k++) {
    const i = fill.flooded[k]!;
    const d = loweredDepth(fill, i, lowered);
    if (d <= 0) continue;
    const r = Math.floor(i / t.cols);
    const a = t.rowAreaKm2[r]!;
    area += a;
    const boat = d > rules.boatOnlyDepthM;
    if (boat) boatArea += a;
    const cls = hazardClassIndex(d, v, rules);
    const p = remaining ? t.people[i]! * remaining(i) : t.people[i]!;
    const name = FLOOD_HAZARD_CLASSES[cls]!;
    peopleByClass[name] += p;
    affected += p;
    const s = p * (rules.strandedShare[name] ?? 0);
    stranded += s;
    const ci = t.cellIndex[i]!;
    let agg = byCell.get(ci);
    if (!agg) byCell.set(ci, (agg = { n: 0, sum: 0, max: 0, cls: 0, people: 0, stranded: 0, boat: 0 }));
    agg.n++;
    agg.sum += d;
    agg.max = Math.max(agg.max, d);
    agg.cls = Math.max(agg.cls, cls);
    agg.people += p;
    agg.stranded += s;
    if (boat) agg.boat++;
  }
  const cells: FloodCellImpact[] = [...byCell.entries()]
    .sort((x, y) => x[0] - y[0])
    .map(([cellIndex, a]) => ({
      cellIndex,
      floodedFraction: a.n / perSub,
      maxDepthM: a.max,
      meanDepthM: a.sum / a.n,
      hazardClass: FLOOD_HAZARD_CLASSES[a.cls]!,
      people: a.people,
      stranded: a.stranded,
      boatOnlyFraction: a.boat / perSub,
    }));

  const closedEdges: number[] = [];
  const closedSegments: ClosedSegment[] = [];
  let closedM = 0;
  if (opts.roads) {
    const limit = opts.roadClosureDepthM ?? rules.roadClosureDepthM;
    for (const road of opts.roads.roads) {
      let deepest = 0;
      for (const c of road.cells) if (c >= 0) deepest = Math.max(deepest, loweredDepth(fill, c, lowered));
      if (deepest > limit) {
        closedEdges.push(...road.edges);
        closedSegments.push({ from: road.from, to: road.to, lengthM: road.lengthM, depthM: deepest });
        closedM += road.lengthM;
      }
    }
    closedEdges.sort((a, b) => a - b);
  }
  return {
    levelM: fill.levelM,
    floodedAreaKm2: area,
    boatOnlyAreaKm2: boatArea,
    peopleByClass,
    peopleAffected: affected,
    stranded,
    cells,
    closedEdges,
    closedSegments,
    closedRoadKm: closedM / 1000,
  };
}
