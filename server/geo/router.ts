// Routing on a RoadNetwork: snapping points to nodes (uniform grid index), one reverse Dijkstra for
// many sources → one target (dispatch: all candidate units → one incident), its forward twin, and
// point-to-point routes with a path. Costs are seconds at the road-class speed × a per-class factor.
import { haversineM, type LatLon } from '../../shared/geo.ts';
import { OFF_ROAD_SPEED_KMH, nodeLatLon, type Csr, type RoadNetwork } from './road-network.ts';
import { MinHeap as Heap } from './min-heap.ts';

// ---------------------------------------------------------------------------------------------
// Snapping

export interface Snap {
  node: number;
  /** Straight-line distance from the point to the node, metres (the off-road leg). */
  offRoadM: number;
  /** The off-road leg at OFF_ROAD_SPEED_KMH, seconds. */
  offRoadSec: number;
}

interface SpatialIndex {
  south: number;
  west: number;
  dLat: number;
  dLon: number;
  rows: number;
  cols: number;
  start: Int32Array;
  items: Int32Array;
}

const indexes = new WeakMap<RoadNetwork, SpatialIndex>();
const INDEX_CELL_M = 250;

function spatialIndex(net: RoadNetwork): SpatialIndex {
  const cached = indexes.get(net);
  if (cached) return cached;
  let south = Infinity, north = -Infinity, west = Infinity, east = -Infinity;
  for (let v = 0; v < net.nodeCount; v++) {
    south = Math.min(south, net.lat[v]!);
    north = Math.max(north, net.lat[v]!);
    west = Math.min(west, net.lon[v]!);
    east = Math.max(east, net.lon[v]!);
  }
  const dLat = INDEX_CELL_M / 111_195;
  const dLon = dLat / Math.max(0.1, Math.cos((((south + north) / 2) * Math.PI) / 180));
  const rows = Math.max(1, Math.floor((north - south) / dLat) + 1);
  const cols = Math.max(1, Math.floor((east - west) / dLon) + 1);
  const cellOf = (v: number): number =>
    Math.floor((net.lat[v]! - south) / dLat) * cols + Math.floor((net.lon[v]! - west) / dLon);
  const start = new Int32Array(rows * cols + 1);
  for (let v = 0; v < net.nodeCount; v++) start[cellOf(v) + 1]!++;
  for (let i = 0; i < rows * cols; i++) start[i + 1]! += start[i]!;
  const pos = start.slice(0, rows * cols);
  const items = new Int32Array(net.nodeCount);
  for (let v = 0; v < net.nodeCount; v++) items[pos[cellOf(v)]!++] = v;
  const idx = { south, west, dLat, dLon, rows, cols, start, items };
  indexes.set(net, idx);
  return idx;
}

/** The nearest node to p and the off-road leg to it. */
export function snap(net: RoadNetwork, p: LatLon): Snap {
  const ix = spatialIndex(net);
  // Clamp the query cell into the index, then search rings outward until no closer node can exist.
  const r0 = Math.min(ix.rows - 1, Math.max(0, Math.floor((p[0] - ix.south) / ix.dLat)));
  const c0 = Math.min(ix.cols - 1, Math.max(0, Math.floor((p[1] - ix.west) / ix.dLon)));
  // Distance from p to the index box. A node in ring R is at least hypot(outside, (R-1) cells) away:
  // the offset from p to its projection on the box points outward, the offset from there inward.
  const outside = haversineM(p, [
    Math.min(Math.max(p[0], ix.south), ix.south + ix.rows * ix.dLat),
    Math.min(Math.max(p[1], ix.west), ix.west + ix.cols * ix.dLon),
  ]);
  // Inner loop on an equirectangular approximation (squared metres); haversine for the winner.
  const ky = 111_195;
  const kx = ky * Math.cos((p[0] * Math.PI) / 180);
  let best = -1;
  let bestD = Infinity;
  let bestSq = Infinity;
  const maxRing = Math.max(ix.rows, ix.cols);
  for (let ring = 0; ring <= maxRing; ring++) {
    if (best >= 0 && Math.hypot(Math.max(0, ring - 1) * INDEX_CELL_M * 0.99, outside) > bestD) break;
    for (let r = r0 - ring; r <= r0 + ring; r++) {
      if (r < 0 || r >= ix.rows) continue;
      const edgeRow = r === r0 - ring || r === r0 + ring;
      for (let c = c0 - ring; c <= c0 + ring; c += edgeRow ? 1 : 2 * ring || 1) {
        if (c < 0 || c >= ix.cols) continue;
        const cell = r * ix.cols + c;
        for (let i = ix.start[cell]!; i < ix.start[cell + 1]!; i++) {
          const v = ix.items[i]!;
          const dy = (net.lat[v]! - p[0]) * ky;
          const dx = (net.lon[v]! - p[1]) * kx;
          const sq = dx * dx + dy * dy;
          if (sq < bestSq) {
            bestSq = sq;
            best = v;
            bestD = Math.sqrt(sq) * 1.001 + 1; // a safe upper bound of the true distance for the ring test
          }
        }
      }
    }
  }
  const d = best >= 0 ? haversineM(p, [net.lat[best]!, net.lon[best]!]) : Infinity;
  return { node: best, offRoadM: d, offRoadSec: d / (OFF_ROAD_SPEED_KMH / 3.6) };
}

// ---------------------------------------------------------------------------------------------
// Dijkstra

/**
 * Speed factor per road class index (1 = the class speed); e.g. heavy vehicles 0.85. Searches cache
 * edge seconds per factor array (by identity), so an array must not change once a search has used it.
 */
export type SpeedFactors = ArrayLike<number>;


/** Factor arrays are compared by identity; a search without factors uses this key. */
const NO_FACTORS: SpeedFactors = [];
const edgeSecondsCache = new WeakMap<Csr, WeakMap<SpeedFactors, Float64Array>>();

/**
 * Seconds of every edge of a CSR at the class speed × factor, computed once per CSR and factor array
 * (the road model keeps one factor array per traffic weighting) instead of in every relaxation. The
 * product is the same double the search used to form (length × seconds per metre of the class), so
 * the trees are bit for bit the same.
 */
export function edgeSecondsOf(net: RoadNetwork, csr: Csr, factors: SpeedFactors | undefined): Float64Array {
  let byFactors = edgeSecondsCache.get(csr);
  if (!byFactors) edgeSecondsCache.set(csr, (byFactors = new WeakMap()));
  const key = factors ?? NO_FACTORS;
  let sec = byFactors.get(key);
  if (!sec) {
    const secPerM = new Float64Array(net.speedMps.length);
    for (let c = 0; c < net.speedMps.length; c++) secPerM[c] = 1 / (net.speedMps[c]! * (factors?.[c] ?? 1));
    const { lengthM, cls } = csr;
    sec = new Float64Array(lengthM.length);
    for (let e = 0; e < sec.length; e++) sec[e] = lengthM[e]! * secPerM[cls[e]!]!;
    byFactors.set(key, sec);
  }
  return sec;
}

/**
 * Shape points: nodes that only lead on along one road (exactly two distinct neighbours, no parallel
 * edges, at most one edge each way to each). Four in five nodes of a road network are such points.
 * A search does not queue them: the node that reaches one walks on along its road at once, to the
 * next junction (see `walkRoad`), so the heap holds junctions only. A shape point's seconds are
 * final once no queued node is nearer (`isFinal`): anything that could still improve it comes
 * through a junction not settled yet, which is at least the heap's top away.
 */
const interiorOf = new WeakMap<RoadNetwork, Uint8Array>();
export function shapePoints(net: RoadNetwork): Uint8Array {
  let interior = interiorOf.get(net);
  if (interior) return interior;
  interior = new Uint8Array(net.nodeCount);
  const { out, rev } = net;
  for (let v = 0; v < net.nodeCount; v++) {
    const outDeg = out.offsets[v + 1]! - out.offsets[v]!;
    const inDeg = rev.offsets[v + 1]! - rev.offsets[v]!;
    if (outDeg > 2 || inDeg > 2 || outDeg + inDeg === 0) continue;
    // Its distinct neighbours, either way (no closure per node: under tsx each costs a defineProperty).
    let a = -1, b = -1, ok = true;
    for (let k = 0; k < outDeg + inDeg; k++) {
      const w = k < outDeg ? out.targets[out.offsets[v]! + k]! : rev.targets[rev.offsets[v]! + k - outDeg]!;
      if (w === v) ok = false;
      else if (a < 0 || a === w) a = w;
      else if (b < 0 || b === w) b = w;
      else ok = false;
    }
    if (!ok || b < 0) continue;
    // At most one edge from v to each neighbour and one from each (no parallel roads).
    if (outDeg === 2 && out.targets[out.offsets[v]!] === out.targets[out.offsets[v]! + 1]) continue;
    if (inDeg === 2 && rev.targets[rev.offsets[v]!] === rev.targets[rev.offsets[v]! + 1]) continue;
    interior[v] = 1;
  }
  interiorOf.set(net, interior);
  return interior;
}

/**
 * The edge by which a walk along a road leaves shape point `v` having come from `prev`: its other
 * edge, or -1 (a one-way road that does not lead on this way).
 */
export function onward(csr: Csr, v: number, prev: number): number {
  for (let e = csr.offsets[v]!, end = csr.offsets[v + 1]!; e < end; e++) if (csr.targets[e] !== prev) return e;
  return -1;
}

/**
 * An incremental Dijkstra search from one root, forward (root → others) or reversed (others → root,
 * over the reversed graph). It settles nodes on demand, so a cached search can answer later queries.
 */
export class ShortestPathTree {
  /** Seconds from the root (reversed: to the root), Infinity if not reached yet. */
  readonly seconds: Float64Array;
  /** Road metres along the fastest path. */
  readonly metres: Float64Array;
  /**
   * The edge each node is reached by, a position in `csr` (-1 for the root and unreached nodes):
   * its parent towards the root is `rowOf(csr)[via[v]]` (parentOf).
   */
  readonly via: Int32Array;
  readonly settled: Uint8Array;
  private readonly heap: Heap;
  readonly csr: Csr;
  private readonly row: Int32Array;
  private readonly interior: Uint8Array;
  /** Key of the last node taken from the queue: a node whose seconds are not final yet is at least this far. */
  frontier = 0;
  /** Seconds of each edge of `csr` (shared by every search of that CSR and factor array). */
  private edgeSec: Float64Array;
  /** Junctions taken from the queue so far (shape points are walked past, never queued). */
  settledCount = 0;

  constructor(
    readonly net: RoadNetwork,
    public root: number,
    readonly reversed: boolean,
    factors?: SpeedFactors,
    /** Closed edges, indexed by position in the CSR searched (forward `out`, or `rev` when reversed). */
    private blocked?: Uint8Array,
  ) {
    const n = net.nodeCount;
    this.seconds = new Float64Array(n).fill(Infinity);
    this.metres = new Float64Array(n);
    this.via = new Int32Array(n).fill(-1);
    this.settled = new Uint8Array(n);
    this.heap = new Heap(1024);
    this.csr = reversed ? net.rev : net.out;
    this.row = rowOf(this.csr);
    this.interior = shapePoints(net);
    this.edgeSec = edgeSecondsOf(net, this.csr, factors);
    this.seconds[root] = 0;
    this.heap.push(0, root);
  }

  /** The node before `node` on its way to the root (-1: the root, or not reached). */
  parentOf(node: number): number {
    const e = this.via[node]!;
    return e < 0 ? -1 : this.row[e]!;
  }

  /**
   * Starts this search afresh from another root (same network and direction) on the same buffers:
   * a cache of searches reuses the one it drops instead of allocating half a megabyte per search.
   * The answers are those of a new tree.
   */
  restart(root: number, factors?: SpeedFactors, blocked?: Uint8Array): this {
    this.seconds.fill(Infinity);
    this.metres.fill(0);
    this.via.fill(-1);
    this.settled.fill(0);
    this.heap.size = 0;
    this.settledCount = 0;
    this.frontier = 0;
    this.root = root;
    this.blocked = blocked;
    this.edgeSec = edgeSecondsOf(this.net, this.csr, factors);
    this.seconds[root] = 0;
    this.heap.push(0, root);
    return this;
  }

  /**
   * Runs the search until `node` is settled (or everything reachable is, or every node left is
   * further than `maxSeconds` in this tree's costs); true if it was reached.
   */
  settle(node: number, maxSeconds = Infinity): boolean {
    const { seconds, metres, via, settled, heap, edgeSec, blocked, interior, csr } = this;
    const { offsets, targets, lengthM } = csr;
    while ((node < 0 || !this.isFinal(node)) && heap.size > 0 && heap.keys[0]! <= maxSeconds) {
      const u = heap.pop();
      if (settled[u]) continue;
      settled[u] = 1;
      this.settledCount++;
      const su = heap.lastKey;
      this.frontier = su;
      const mu = metres[u]!;
      for (let e = offsets[u]!, end = offsets[u + 1]!; e < end; e++) {
        let w = targets[e]!;
        if (settled[w] || (blocked !== undefined && blocked[e] === 1)) continue;
        let sw = su + edgeSec[e]!;
        if (!(sw < seconds[w]!)) continue;
        seconds[w] = sw;
        metres[w] = mu + lengthM[e]!;
        via[w] = e;
        // Along a road: on through its shape points to the next junction, which is queued.
        for (let prev = u; interior[w] === 1; ) {
          const f = onward(csr, w, prev);
          if (f < 0 || (blocked !== undefined && blocked[f] === 1)) break;
          const x = targets[f]!;
          const sx = sw + edgeSec[f]!;
          if (settled[x] || !(sx < seconds[x]!)) break;
          seconds[x] = sx;
          metres[x] = metres[w]! + lengthM[f]!;
          via[x] = f;
          prev = w;
          w = x;
          sw = sx;
        }
        if (interior[w] !== 1) heap.push(sw, w);
      }
    }
    if (heap.size === 0) this.frontier = Infinity;
    return node >= 0 && Number.isFinite(seconds[node]!) && this.isFinal(node);
  }

  /**
   * A node's seconds (and parent) are final: it was settled, or it is a shape point no queued
   * junction can improve (nothing left in the queue is nearer than it).
   */
  isFinal(node: number): boolean {
    return this.settled[node] === 1 || this.seconds[node]! <= (this.heap.size > 0 ? this.heap.keys[0]! : Infinity);
  }

  /** Runs the search to the end: every node reachable from (reversed: reaching) the root is final; their count. */
  settleAll(): number {
    this.settle(-1);
    let reached = 0;
    for (let v = 0; v < this.seconds.length; v++) if (this.seconds[v]! < Infinity) reached++;
    return reached;
  }

  /** Nodes from `node` to the root (reversed tree) or from the root to `node` (forward tree). */
  pathNodes(node: number): number[] {
    if (!this.settle(node)) return [];
    const path: number[] = [];
    for (let v = node; v >= 0; v = this.parentOf(v)) path.push(v);
    if (!this.reversed) path.reverse();
    return path;
  }
}

/**
 * A complete tree: every node reachable from the root (reversed: reaching it) settled, with its
 * seconds and the edge it is reached by (`via`, a position in `csr`; -1 for the root and unreached
 * nodes). The reference the road model's junction trees (junction-tree.ts) are tested against.
 */
export interface CompleteTree {
  readonly seconds: Float64Array;
  readonly via: Int32Array;
  readonly csr: Csr;
}

export function completeTree(net: RoadNetwork, root: number, reversed: boolean, factors?: SpeedFactors): CompleteTree {
  const tree = new ShortestPathTree(net, root, reversed, factors);
  tree.settleAll();
  return tree;
}

const rows = new WeakMap<Csr, Int32Array>();

/** The row (tail in the forward graph, head in the reversed one) of every edge position of a CSR. */
export function rowOf(csr: Csr): Int32Array {
  let row = rows.get(csr);
  if (!row) {
    row = new Int32Array(csr.targets.length);
    for (let u = 0; u + 1 < csr.offsets.length; u++) row.fill(u, csr.offsets[u]!, csr.offsets[u + 1]!);
    rows.set(csr, row);
  }
  return row;
}

export interface Leg {
  /** Seconds including the off-road legs at both ends (Infinity if unreachable). */
  seconds: number;
  /** Metres including the off-road legs. */
  metres: number;
}

function legFrom(tree: ShortestPathTree, node: number, a: Snap, b: Snap): Leg {
  if (!tree.settle(node)) return { seconds: Infinity, metres: Infinity };
  return {
    seconds: tree.seconds[node]! + a.offRoadSec + b.offRoadSec,
    metres: tree.metres[node]! + a.offRoadM + b.offRoadM,
  };
}

/** Times and distances from every source to one target: ONE reverse Dijkstra from the target. */
export function manyToOne(net: RoadNetwork, sources: readonly LatLon[], target: LatLon, factors?: SpeedFactors): Leg[] {
  const t = snap(net, target);
  const tree = new ShortestPathTree(net, t.node, true, factors);
  const snaps = new Map<string, Snap>(); // units often share a position (their station)
  return sources.map((s) => {
    const key = `${s[0]},${s[1]}`;
    let sn = snaps.get(key);
    if (!sn) {
      sn = snap(net, s);
      snaps.set(key, sn);
    }
    return legFrom(tree, sn.node, sn, t);
  });
}

/** Times and distances from one source to every target: one forward Dijkstra. */
export function oneToMany(net: RoadNetwork, source: LatLon, targets: readonly LatLon[], factors?: SpeedFactors): Leg[] {
  const s = snap(net, source);
  const tree = new ShortestPathTree(net, s.node, false, factors);
  return targets.map((p) => {
    const tn = snap(net, p);
    return legFrom(tree, tn.node, s, tn);
  });
}

export interface Route extends Leg {
  from: Snap;
  to: Snap;
  /** Road nodes from the snapped start to the snapped end. */
  nodes: number[];
  /** Their positions (starts and ends at the snapped nodes). */
  polyline: LatLon[];
}

/** The fastest route from one point to another (plain Dijkstra, stopping at the target). */
export function route(net: RoadNetwork, from: LatLon, to: LatLon, factors?: SpeedFactors): Route {
  const a = snap(net, from);
  const b = snap(net, to);
  const tree = new ShortestPathTree(net, a.node, false, factors);
  const leg = legFrom(tree, b.node, a, b);
  const nodes = Number.isFinite(leg.seconds) ? tree.pathNodes(b.node) : [];
  return { ...leg, from: a, to: b, nodes, polyline: nodes.map((v) => nodeLatLon(net, v)) };
}
