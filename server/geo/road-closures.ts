// Which road edges a closure covers (断路): the road along a drawn line, or every edge with an end
// inside a circle or polygon (a flooded area, a collapse, a plume). Pure geometry on the network;
// the engine keeps the closures and asks the travel model to route around them.
import { haversineM, type LatLon } from '../../shared/geo.ts';
import type { ClosureArea } from '../../shared/events.ts';
import { findEdge, type RoadNetwork } from './road-network.ts';

/** A road edge lies along a drawn line when both its ends are within this distance of it (metres). */
export const ALONG_LINE_M = 30;

/** Local metres around a reference latitude (equirectangular: fine at the scale of a closure). */
function projector(refLat: number): (lat: number, lon: number) => [number, number] {
  const ky = 111_195;
  const kx = ky * Math.cos((refLat * Math.PI) / 180);
  return (lat, lon) => [lon * kx, lat * ky];
}

/** Distance from point p to segment ab, all in local metres. */
function pointSegmentM(p: [number, number], a: [number, number], b: [number, number]): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const f = len2 > 0 ? Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2)) : 0;
  return Math.hypot(p[0] - (a[0] + f * dx), p[1] - (a[1] + f * dy));
}

function insideRing(lat: number, lon: number, ring: readonly LatLon[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [yi, xi] = ring[i]!;
    const [yj, xj] = ring[j]!;
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Every forward edge with its tail or head node passing `nodeIn`. */
function edgesTouching(net: RoadNetwork, nodeIn: (v: number) => boolean): number[] {
  const inside = new Uint8Array(net.nodeCount);
  for (let v = 0; v < net.nodeCount; v++) if (nodeIn(v)) inside[v] = 1;
  const edges: number[] = [];
  const { offsets, targets } = net.out;
  for (let u = 0; u < net.nodeCount; u++) {
    for (let e = offsets[u]!; e < offsets[u + 1]!; e++) if (inside[u] || inside[targets[e]!]) edges.push(e);
  }
  return edges;
}

/** Both directions of the road along the line; if the line is shorter than any edge, the edge nearest its middle. */
function edgesAlong(net: RoadNetwork, from: LatLon, to: LatLon): number[] {
  const proj = projector((from[0] + to[0]) / 2);
  const a = proj(from[0], from[1]);
  const b = proj(to[0], to[1]);
  const mid: [number, number] = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
  const reach = Math.hypot(b[0] - a[0], b[1] - a[1]) / 2 + ALONG_LINE_M;
  const near = new Uint8Array(net.nodeCount);
  const pts: [number, number][] = new Array<[number, number]>(net.nodeCount);
  for (let v = 0; v < net.nodeCount; v++) {
    const p = proj(net.lat[v]!, net.lon[v]!);
    pts[v] = p;
    if (pointSegmentM(p, a, b) <= ALONG_LINE_M) near[v] = 1;
  }
  const { offsets, targets } = net.out;
  const edges: number[] = [];
  let nearest = -1;
  let nearestM = Infinity;
  for (let u = 0; u < net.nodeCount; u++) {
    for (let e = offsets[u]!; e < offsets[u + 1]!; e++) {
      const v = targets[e]!;
      if (near[u] && near[v]) edges.push(e);
      else if (Math.hypot(pts[u]![0] - mid[0], pts[u]![1] - mid[1]) < reach + 5_000) {
        const d = pointSegmentM(mid, pts[u]!, pts[v]!);
        if (d < nearestM) { nearestM = d; nearest = e; }
      }
    }
  }
  if (edges.length > 0 || nearest < 0 || nearestM > reach) return edges;
  // A short line on one road segment: that segment, both ways.
  const twin = findEdge(net, targets[nearest]!, rowOf(net, nearest));
  return twin >= 0 ? [nearest, twin].sort((x, y) => x - y) : [nearest];
}

/** Tail node of forward edge e (CSR rows are tails). */
function rowOf(net: RoadNetwork, e: number): number {
  const { offsets } = net.out;
  let lo = 0;
  let hi = net.nodeCount;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (offsets[mid]! <= e) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** Forward edge ids (ascending) that a closure area covers. */
export function edgesInArea(net: RoadNetwork, area: ClosureArea): number[] {
  switch (area.kind) {
    case 'segment':
      return edgesAlong(net, area.from, area.to);
    case 'circle':
      return edgesTouching(net, (v) => haversineM(area.center, [net.lat[v]!, net.lon[v]!]) <= area.radiusM);
    case 'polygon':
      return edgesTouching(net, (v) => insideRing(net.lat[v]!, net.lon[v]!, area.ring));
  }
}

export { rowOf as edgeTail };
