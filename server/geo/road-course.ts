// A course on the road network kept as the road nodes it drives rather than as
// positions: its path of positions is made only when something reads it (re-routing, redirection
// of a unit on the road, joining two courses); a leg is made from the nodes directly
// (kernel/course.ts legOf). A year plans ~120,000 distinct paths of ~60 road vertices, and nearly
// all of them are only ever made into legs.
import type { LatLon } from '../../shared/geo.ts';
import type { Course, NodePath } from '../engine/types.ts';
import type { RoadNetwork } from './road-network.ts';
import { toTrackUnits } from '../../shared/leg-track.ts';

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

/** NodePath.coords of a network (made once). */
const coordsOf = new WeakMap<RoadNetwork, Float64Array>();
export function nodeCoords(net: RoadNetwork): Float64Array {
  let coords = coordsOf.get(net);
  if (!coords) {
    coords = new Float64Array(4 * net.nodeCount);
    for (let v = 0; v < net.nodeCount; v++) {
      const lat = net.lat[v]!, lon = net.lon[v]!;
      coords[4 * v] = lon;
      coords[4 * v + 1] = lat;
      coords[4 * v + 2] = toTrackUnits(lat);
      coords[4 * v + 3] = toTrackUnits(lon);
    }
    coordsOf.set(net, coords);
  }
  return coords;
}

/** The path of a drive as road nodes; shared (read-only) by the courses that drive it. */
export class RoadPath implements NodePath {
  readonly coords: Float64Array;
  private positions: LatLon[] | undefined;

  constructor(private readonly net: RoadNetwork, readonly from: LatLon, readonly to: LatLon, readonly nodes: readonly number[]) {
    this.coords = nodeCoords(net);
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
