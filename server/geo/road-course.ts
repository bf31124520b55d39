// A course on the road network kept as the road nodes it drives rather than as
// positions: its path of positions is made only when something reads it (re-routing, redirection
// of a unit on the road, joining two courses); a leg is made from the nodes directly
// (kernel/course.ts legOf). A year plans ~120,000 distinct paths of ~60 road vertices, and nearly
// all of them are only ever made into legs.
import { cached } from '../../shared/cached.ts';
import type { LatLon } from '../../shared/geo.ts';
import type { Course, NodePath } from '../engine/types.ts';
import type { RoadNetwork } from './road-network.ts';
import { NODE_DRAWN, SIMPLIFY_M, toTrackUnits } from '../../shared/leg-track.ts';
import { markKept, METRES_PER_DEGREE, metresPerDegreeEast, simplifyScratch } from '../../shared/douglas-peucker.ts';
import { shapePoints } from './router.ts';
import { junctionGraph } from './junction-tree.ts';

/**
 * One position per road node, made when a path is first read through it and shared by every path
 * through it (a year of routes would otherwise make tens of millions of two-number arrays). Read-only.
 */
const pointsOf = new WeakMap<RoadNetwork, LatLon[]>();
export function nodePoints(net: RoadNetwork): LatLon[] {
  let points = pointsOf.get(net);
  if (!points) pointsOf.set(net, (points = new Array<LatLon>(net.nodeCount)));
  return points;
}

/** NodePath.units of a network (made once). */
const unitsOf = new WeakMap<RoadNetwork, Int32Array>();
export const nodeUnits = (net: RoadNetwork): Int32Array =>
  cached(unitsOf, net, ({ nodeCount, lat, lon }) => {
    const units = new Int32Array(2 * nodeCount);
    for (let v = 0; v < nodeCount; v++) {
      units[2 * v] = toTrackUnits(lat[v]!);
      units[2 * v + 1] = toTrackUnits(lon[v]!);
    }
    return units;
  });

/**
 * NodePath.kept of a network (made once): its roads simplified between junctions. Each road (a
 * piece of the network's junction graph: from a junction along its direction through its shape
 * points to the next junction) is simplified by Douglas–Peucker. A two-way road is walked once, from
 * the end met first in node order. Junctions are marked as such: a leg keeps those where it turns
 * (kernel/course.ts). Simplified once, a road is drawn the same in every leg that drives it, and a
 * leg is made by reading a byte a node: simplifying each leg's whole path, ~60 nodes a drive and
 * 120,000 drives a metropolitan year, was most of the cost of making legs.
 */
const keptOf = new WeakMap<RoadNetwork, Uint8Array>();
export const nodeKept = (net: RoadNetwork): Uint8Array => cached(keptOf, net, simplifyRoads);

/** nodeKept of a network, worked out. */
function simplifyRoads(net: RoadNetwork): Uint8Array {
  const n = net.nodeCount;
  const interior = shapePoints(net);
  const { lat, lon } = net;
  const { targets } = net.out;
  // The network's roads, junction to junction (its pieces, with no node forced to be a junction).
  const { nodeOf, tail, first, length, pieceEdges } = junctionGraph(net, net.out, []);
  const kept = new Uint8Array(n);
  for (let v = 0; v < n; v++) kept[v] = interior[v] ? NODE_DRAWN.leftOut : NODE_DRAWN.junction;
  /** Shape points already on a road simplified. */
  const done = new Uint8Array(n);
  let scratch = simplifyScratch(64);
  const road: number[] = [];
  for (let p = 0; p < tail.length; p++) {
    const start = first[p]!;
    const w = targets[pieceEdges[start]!]!;
    if (!interior[w] || done[w]) continue;
    // The road from its junction: its shape points, then where it ends (a junction; or a shape point
    // a one-way road leads no further from, or one of a road simplified before: kept as an end).
    road.length = 0;
    road.push(nodeOf[tail[p]!]!);
    for (let i = start; i < start + length[p]!; i++) {
      const v = targets[pieceEdges[i]!]!;
      road.push(v);
      if (!interior[v] || done[v]) break;
      done[v] = 1;
    }
    const count = road.length;
    if (scratch.keep.length < count) scratch = simplifyScratch(count);
    const xy = scratch.xy;
    const kx = metresPerDegreeEast(lat[road[0]!]!);
    for (let i = 0; i < count; i++) {
      const v = road[i]!;
      xy[2 * i] = lon[v]! * kx;
      xy[2 * i + 1] = lat[v]! * METRES_PER_DEGREE;
    }
    markKept(scratch, count, SIMPLIFY_M);
    for (let i = 0; i < count; i++) if (scratch.keep[i] && interior[road[i]!]) kept[road[i]!] = NODE_DRAWN.kept;
  }
  // A shape point no road from a junction leads to (against every one-way road into it) is kept.
  for (let v = 0; v < n; v++) if (interior[v] && !done[v]) kept[v] = NODE_DRAWN.kept;
  return kept;
}

/** A network with the tables its paths share (NodePath.units and kept: nodeUnits, nodeKept). */
export interface PathTables { readonly net: RoadNetwork; readonly units: Int32Array; readonly kept: Uint8Array }

/** The tables of `net` its paths share (a travel model fetches them once, not two WeakMap look-ups a path). */
export const pathTables = (net: RoadNetwork): PathTables => ({ net, units: nodeUnits(net), kept: nodeKept(net) });

/** The path of a drive as road nodes; shared (read-only) by the courses that drive it. */
export class RoadPath implements NodePath {
  readonly units: Int32Array;
  readonly kept: Uint8Array;
  private positions: LatLon[] | undefined;

  private readonly net: RoadNetwork;

  /** `tables`: pathTables of the network the nodes are on. */
  constructor(tables: PathTables, readonly from: LatLon, readonly to: LatLon, readonly nodes: readonly number[]) {
    this.net = tables.net;
    this.units = tables.units;
    this.kept = tables.kept;
  }

  position(i: number): LatLon {
    if (this.positions) return this.positions[i]!;
    const n = this.nodes.length;
    if (i <= 0 || i > n) return i <= 0 ? this.from : this.to;
    const v = this.nodes[i - 1]!;
    const shared = nodePoints(this.net);
    return shared[v] ?? (shared[v] = [this.net.lat[v]!, this.net.lon[v]!]);
  }

  /** The positions: `from`, each node's shared position, `to` (made once, read-only). */
  points(): LatLon[] {
    if (this.positions) return this.positions;
    const { nodes, net } = this;
    const { lat, lon } = net;
    const shared = nodePoints(net);
    const n = nodes.length;
    const path = new Array<LatLon>(n + 2);
    path[0] = this.from;
    for (let i = 0; i < n; i++) {
      const v = nodes[i]!;
      path[i + 1] = shared[v] ?? (shared[v] = [lat[v]!, lon[v]!]);
    }
    path[n + 1] = this.to;
    return (this.positions = path);
  }
}

/** A routed course over a RoadPath: its own times, the path's road edges (edges[i] from path[1 + i]). */
export class RoadCourse implements Course {
  readonly roadFrom = 1;
  constructor(
    public seconds: number,
    public distanceM: number,
    readonly nodePath: RoadPath,
    readonly offsets: number[],
    readonly edges: readonly number[],
  ) {}

  get path(): LatLon[] {
    return this.nodePath.points();
  }

  /** The course as a plain object (snapshots store plain data): its path written out, the fields in a plain course's order. */
  toJSON(): Course {
    return { seconds: this.seconds, distanceM: this.distanceM, path: this.path, offsets: [...this.offsets], edges: [...this.edges], roadFrom: this.roadFrom };
  }
}
