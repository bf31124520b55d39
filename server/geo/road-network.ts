// A compact road graph: nodes in typed arrays, directed edges in CSR form (forward and reversed),
// each edge with a length and a road class. Road classes carry default speeds in a table that later
// data files can override (pass a different table to buildRoadNetwork).
import type { LatLon } from '../../shared/geo.ts';
import { ROAD_CLASSES, type RoadClass } from '../../shared/schemas/doctrine.ts';

// The class list lives in shared/ because the doctrine's traffic periods name road classes.
export { ROAD_CLASSES, type RoadClass };

/** Default free-flow speeds by road class, km/h (assumption for a hilly southern county). */
export const DEFAULT_ROAD_SPEEDS_KMH: Readonly<Record<RoadClass, number>> = {
  expressway: 90,
  arterial: 50,
  local: 30,
  rural: 45,
  mountain: 30,
  ramp: 40,
};

/** Speed used for the leg between a point and its snapped node (off-road / driveway), km/h. */
export const OFF_ROAD_SPEED_KMH = 15;

export function roadClassIndex(cls: RoadClass): number {
  return ROAD_CLASSES.indexOf(cls);
}

/** Directed edges in CSR form: the edges leaving (or, reversed, entering) node v are offsets[v]..offsets[v+1]-1. */
export interface Csr {
  offsets: Int32Array;
  /** Head of the edge (forward graph) or its tail (reversed graph). */
  targets: Int32Array;
  lengthM: Float32Array;
  cls: Uint8Array;
}

export interface RoadNetwork {
  nodeCount: number;
  edgeCount: number;
  lat: Float64Array;
  lon: Float64Array;
  /** Forward graph. */
  out: Csr;
  /** Reversed graph (same edges, pointing the other way): for many-to-one searches. */
  rev: Csr;
  /** Road class names, indexed by the class index stored on edges. */
  classes: readonly RoadClass[];
  /** Speed by class index, m/s. */
  speedMps: Float64Array;
}

export function nodeLatLon(net: RoadNetwork, v: number): LatLon {
  return [net.lat[v]!, net.lon[v]!];
}

/** Builds the CSR graph from a list of directed edges (from, to, length, class index). */
export function buildRoadNetwork(
  lat: Float64Array,
  lon: Float64Array,
  from: Int32Array,
  to: Int32Array,
  lengthM: Float32Array,
  cls: Uint8Array,
  speedsKmh: Readonly<Record<RoadClass, number>> = DEFAULT_ROAD_SPEEDS_KMH,
): RoadNetwork {
  const n = lat.length;
  const m = from.length;
  const speedMps = new Float64Array(ROAD_CLASSES.length);
  ROAD_CLASSES.forEach((c, i) => (speedMps[i] = speedsKmh[c] / 3.6));
  return {
    nodeCount: n,
    edgeCount: m,
    lat,
    lon,
    out: toCsr(n, from, to, lengthM, cls),
    rev: toCsr(n, to, from, lengthM, cls),
    classes: ROAD_CLASSES,
    speedMps,
  };
}

function toCsr(n: number, tail: Int32Array, head: Int32Array, lengthM: Float32Array, cls: Uint8Array): Csr {
  const m = tail.length;
  const offsets = new Int32Array(n + 1);
  for (let e = 0; e < m; e++) offsets[tail[e]! + 1]!++;
  for (let v = 0; v < n; v++) offsets[v + 1]! += offsets[v]!;
  const pos = offsets.slice(0, n);
  const targets = new Int32Array(m);
  const len = new Float32Array(m);
  const c = new Uint8Array(m);
  for (let e = 0; e < m; e++) {
    const t = tail[e]!;
    const p = pos[t]!++;
    targets[p] = head[e]!;
    len[p] = lengthM[e]!;
    c[p] = cls[e]!;
  }
  return { offsets, targets, lengthM: len, cls: c };
}

export interface RoadStats {
  nodes: number;
  directedEdges: number;
  /** Kilometres of road by class (each two-way street counted once: half the directed length). */
  kmByClass: Record<RoadClass, number>;
}

export function roadStats(net: RoadNetwork): RoadStats {
  const kmByClass = Object.fromEntries(ROAD_CLASSES.map((c) => [c, 0])) as Record<RoadClass, number>;
  for (let e = 0; e < net.edgeCount; e++) {
    const c = net.classes[net.out.cls[e]!]!;
    kmByClass[c] += net.out.lengthM[e]! / 2000;
  }
  for (const c of ROAD_CLASSES) kmByClass[c] = Math.round(kmByClass[c] * 10) / 10;
  return { nodes: net.nodeCount, directedEdges: net.edgeCount, kmByClass };
}

// ---- structure look-ups (computed once per network) ------------------------------------------

/** The forward edge a → b (the shortest if there are several), or -1. */
export function findEdge(net: RoadNetwork, a: number, b: number): number {
  const { offsets, targets, lengthM } = net.out;
  let best = -1;
  for (let e = offsets[a]!, end = offsets[a + 1]!; e < end; e++) {
    if (targets[e] === b && (best < 0 || lengthM[e]! < lengthM[best]!)) best = e;
  }
  return best;
}

const revToOutCache = new WeakMap<RoadNetwork, Int32Array>();

/**
 * For each position of the reversed CSR, the index of the same edge in the forward CSR (edge ids
 * are forward positions). Matched by tail, head, length and class, so it works however the
 * network was built.
 */
export function reverseEdgeIndex(net: RoadNetwork): Int32Array {
  const cached = revToOutCache.get(net);
  if (cached) return cached;
  const map = new Int32Array(net.edgeCount).fill(-1);
  const used = new Uint8Array(net.edgeCount);
  const { rev, out } = net;
  for (let head = 0; head < net.nodeCount; head++) {
    for (let p = rev.offsets[head]!; p < rev.offsets[head + 1]!; p++) {
      const tail = rev.targets[p]!;
      for (let e = out.offsets[tail]!; e < out.offsets[tail + 1]!; e++) {
        if (!used[e] && out.targets[e] === head && out.lengthM[e] === rev.lengthM[p] && out.cls[e] === rev.cls[p]) {
          used[e] = 1;
          map[p] = e;
          break;
        }
      }
    }
  }
  revToOutCache.set(net, map);
  return map;
}

const symmetricCache = new WeakMap<RoadNetwork, boolean>();

/** True when every edge has a twin the other way with the same length and class (all streets two-way). */
export function isSymmetric(net: RoadNetwork): boolean {
  const cached = symmetricCache.get(net);
  if (cached !== undefined) return cached;
  const { offsets, targets, lengthM, cls } = net.out;
  let ok = true;
  for (let u = 0; ok && u < net.nodeCount; u++) {
    for (let e = offsets[u]!; ok && e < offsets[u + 1]!; e++) {
      const v = targets[e]!;
      let twin = false;
      for (let f = offsets[v]!; f < offsets[v + 1]!; f++) {
        if (targets[f] === u && lengthM[f] === lengthM[e] && cls[f] === cls[e]) { twin = true; break; }
      }
      ok = twin;
    }
  }
  symmetricCache.set(net, ok);
  return ok;
}
