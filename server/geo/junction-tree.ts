// A station's shortest-path tree kept over the road junctions only. Four in five road nodes are
// shape points, which only lead on along their road (router.ts shapePoints): the search relaxes
// whole roads from junction to junction ("pieces", summing their edges' seconds one by one, as a
// search over every node adds them), and a shape point's seconds and parent are worked out when
// asked, from the pieces that run through it. The answers are those of router.ts ShortestPathTree over
// every node, bit for bit (tests/unit/junction-tree.test.ts): a piece is walked as that search walks
// it, the junctions are queued and settled in the same order, and where both ends of a road reach a
// shape point equally fast the end settled first keeps it, as there. A tree holds ~17 bytes per
// junction instead of 13 per node: a metropolitan year builds 132 station trees, and first touching
// their memory (page faults) was most of the cost of building them.
import { cached, cachedPair } from '../../shared/cached.ts';
import type { Csr, RoadNetwork } from './road-network.ts';
import { MinHeap as Heap } from './min-heap.ts';
import { edgeSecondsOf, onward, shapePoints, type SpeedFactors } from './router.ts';

/**
 * The pieces of one CSR (forward or reversed) with a set of nodes forced to be junctions (the
 * stations, so a tree's root is one). Piece p leaves junction `tail` by CSR edge pieceEdges[first[p]]
 * and follows `length[p]` edges through shape points to junction `head[p]` (-1: it ends at a shape
 * point that leads no further this way, a one-way road met against its direction).
 */
export interface JunctionGraph {
  readonly csr: Csr;
  /** Junction index of each node, -1 for a shape point. */
  readonly junctionOf: Int32Array;
  /** Node of each junction. */
  readonly nodeOf: Int32Array;
  /** Pieces leaving junction j: jFirst[j] .. jFirst[j + 1] - 1, in the CSR order of their first edges. */
  readonly jFirst: Int32Array;
  readonly tail: Int32Array;
  readonly head: Int32Array;
  readonly first: Int32Array;
  readonly length: Int32Array;
  /** CSR edge positions of all pieces, piece after piece. */
  readonly pieceEdges: Int32Array;
  /**
   * For each shape point, the (at most two) pieces that run through it and which of their edges
   * reaches it: piece `onPiece[2v + k]` (or -1), edge `atEdge[2v + k]` of it (0 = its first).
   */
  readonly onPiece: Int32Array;
  readonly atEdge: Int32Array;
}

const graphs = new WeakMap<Csr, Map<string, JunctionGraph>>();

/** The junction graph of `csr` with `forced` nodes as junctions (cached per CSR and set). */
export function junctionGraph(net: RoadNetwork, csr: Csr, forced: readonly number[]): JunctionGraph {
  const key = [...forced].sort((a, b) => a - b).join(',');
  let byKey = graphs.get(csr);
  if (!byKey) graphs.set(csr, (byKey = new Map()));
  let g = byKey.get(key);
  if (!g) byKey.set(key, (g = buildGraph(net, csr, forced)));
  return g;
}

function buildGraph(net: RoadNetwork, csr: Csr, forced: readonly number[]): JunctionGraph {
  const n = net.nodeCount;
  const interior = Uint8Array.from(shapePoints(net));
  for (const v of forced) interior[v] = 0;
  const junctionOf = new Int32Array(n).fill(-1);
  let junctions = 0;
  for (let v = 0; v < n; v++) if (!interior[v]) junctionOf[v] = junctions++;
  const nodeOf = new Int32Array(junctions);
  for (let v = 0; v < n; v++) if (!interior[v]) nodeOf[junctionOf[v]!] = v;
  const { offsets, targets } = csr;
  // Every edge starts a piece (at a junction) or leads on from a shape point in at most one piece:
  // the edge count bounds both the pieces and their edges.
  const m = targets.length;
  const jFirst = new Int32Array(junctions + 1);
  const tail = new Int32Array(m), head = new Int32Array(m), first = new Int32Array(m), length = new Int32Array(m);
  const edges = new Int32Array(m);
  const onPiece = new Int32Array(2 * n).fill(-1);
  const atEdge = new Int32Array(2 * n).fill(-1);
  let pieces = 0;
  let count = 0;
  for (let j = 0; j < junctions; j++) {
    jFirst[j] = pieces;
    const u = nodeOf[j]!;
    for (let e = offsets[u]!; e < offsets[u + 1]!; e++) {
      const p = pieces++;
      tail[p] = j;
      first[p] = count;
      let prev = u;
      let w = targets[e]!;
      edges[count++] = e;
      // On along the road while it passes shape points (as router.ts walks it). A ring of shape
      // points with no junction cannot occur: the walk starts at a junction and ends at one, or
      // where the road leads no further, or back at its start.
      while (interior[w] === 1) {
        const k = onPiece[2 * w] === -1 ? 0 : 1;
        onPiece[2 * w + k] = p;
        atEdge[2 * w + k] = count - first[p]! - 1;
        const f = onward(csr, w, prev);
        if (f < 0) break;
        prev = w;
        w = targets[f]!;
        edges[count++] = f;
      }
      head[p] = interior[w] === 1 ? -1 : junctionOf[w]!;
      length[p] = count - first[p]!;
    }
  }
  jFirst[junctions] = pieces;
  return {
    csr, junctionOf, nodeOf, jFirst,
    tail: tail.slice(0, pieces), head: head.slice(0, pieces), first: first.slice(0, pieces), length: length.slice(0, pieces),
    pieceEdges: edges.slice(0, count), onPiece, atEdge,
  };
}

/** `out` filled with a value per edge of the pieces, piece after piece, from `byEdge` (by CSR position). */
function alongPieces<T extends Float64Array | Float32Array | Int32Array>(graph: JunctionGraph, byEdge: ArrayLike<number>, out: T): T {
  const { pieceEdges } = graph;
  for (let i = 0; i < pieceEdges.length; i++) out[i] = byEdge[pieceEdges[i]!]!;
  return out;
}

/** Per graph and edge-seconds array: the seconds of each edge of the pieces, piece after piece (read in a row, not through pieceEdges). */
const pieceSecondsOf = new WeakMap<JunctionGraph, WeakMap<Float64Array, Float64Array>>();
export const pieceSeconds = (graph: JunctionGraph, edgeSec: Float64Array): Float64Array =>
  cachedPair(pieceSecondsOf, graph, edgeSec, (g, byEdge) => alongPieces(g, byEdge, new Float64Array(g.pieceEdges.length)));

/** Per graph: the node each edge of the pieces reaches, piece after piece. */
const pieceTargetsOf = new WeakMap<JunctionGraph, Int32Array>();
const pieceTargets = (graph: JunctionGraph): Int32Array =>
  cached(pieceTargetsOf, graph, (g) => alongPieces(g, g.csr.targets, new Int32Array(g.pieceEdges.length)));

/**
 * A node as landmark bounds read it in every tree of one graph and weighting (JunctionTree.locate):
 * its junction, or the tails of the (at most two) pieces through it (-1: none) and the seconds from
 * each tail to it, summed along the piece in one go (so within rounding of the tree's own sums).
 */
export interface LocatedNode { junction: number; tail0: number; tail1: number; from0: number; from1: number }

/** Per graph and edge-seconds array: the seconds from each piece's tail to the end of each of its edges. */
const offsetsOf = new WeakMap<JunctionGraph, WeakMap<Float64Array, Float64Array>>();
const pieceOffsets = (graph: JunctionGraph, edgeSec: Float64Array): Float64Array =>
  cachedPair(offsetsOf, graph, edgeSec, ({ first, length, pieceEdges }, byEdge) => {
    const off = new Float64Array(pieceEdges.length);
    for (let p = 0; p < first.length; p++) {
      let s = 0;
      for (let i = first[p]!, last = i + length[p]!; i < last; i++) off[i] = s += byEdge[pieceEdges[i]!]!;
    }
    return off;
  });

/** Per graph: the road metres of each edge of the pieces (its CSR's lengthM), piece after piece. */
const pieceMetresOf = new WeakMap<JunctionGraph, Float32Array>();
const pieceMetres = (graph: JunctionGraph): Float32Array =>
  cached(pieceMetresOf, graph, (g) => alongPieces(g, g.csr.lengthM, new Float32Array(g.pieceEdges.length)));

/**
 * Per graph and table of road edges by CSR position (`driven`: the road edge a drive takes over each
 * edge of the graph's CSR): for each edge of the pieces, piece after piece, the node it reaches and
 * its road edge side by side (at 2i, 2i + 1). What JunctionTree.drive reads: a drive reads its pieces
 * in a row and not through pieceEdges, and one table for both (instead of pieceTargets and a table of
 * road edges) saved ~6 of ~216 instructions and ~0.26 of ~2.45 simulated D1 misses a node driven.
 */
const pieceRoadsOf = new WeakMap<JunctionGraph, WeakMap<Int32Array, Int32Array>>();
export const pieceRoads = (graph: JunctionGraph, driven: Int32Array): Int32Array =>
  cachedPair(pieceRoadsOf, graph, driven, ({ pieceEdges, csr }, road) => {
    const roads = new Int32Array(2 * pieceEdges.length);
    for (let i = 0; i < pieceEdges.length; i++) {
      roads[2 * i] = csr.targets[pieceEdges[i]!]!;
      roads[2 * i + 1] = road[pieceEdges[i]!]!;
    }
    return roads;
  });

/**
 * Makes now what the trees and landmark bounds of a graph under one weighting read (each made once
 * and kept): the pieces' edge seconds, the nodes they reach, their metres, and the seconds along them.
 */
export function prepareGraph(graph: JunctionGraph, edgeSec: Float64Array): void {
  pieceSeconds(graph, edgeSec);
  pieceTargets(graph);
  pieceMetres(graph);
  pieceOffsets(graph, edgeSec);
}

/** Where a walk to the root writes: each node, its seconds, and the CSR edge it is reached by (-1: the root). */
export interface TreeWalk { nodes: Int32Array; seconds: Float64Array; edges: Int32Array }

/** A copy of `a` with room for at least `size` entries (at least twice as long). */
export const grow = <T extends Int32Array | Float64Array>(a: T, size: number): T => {
  const b = new (a.constructor as new (n: number) => T)(Math.max(size, 2 * a.length));
  b.set(a);
  return b;
};

/**
 * ShortestPathTree's search over junctions: settled only as far as questions need (`settleTo`), kept
 * between them. The root must be a junction of `graph`.
 */
export class JunctionTree {
  /** Seconds of each junction from (reversed: to) the root; Infinity until reached. */
  private readonly seconds: Float64Array;
  /** The piece each junction is reached by (-1: the root, or not reached). */
  private readonly viaPiece: Int32Array;
  /** Order in which junctions were settled (0: not yet; the root is 1). */
  private readonly order: Int32Array;
  private settledCount = 0;
  private readonly heap: Heap;
  private readonly edgeSec: Float64Array;
  /** edgeSec of graph.pieceEdges in their order, and the nodes they reach (shared by the trees of a graph). */
  private readonly pieceSec: Float64Array;
  private readonly pieceTo: Int32Array;
  /** The metres of graph.pieceEdges in their order (shared by the trees of a graph). */
  private readonly pieceM: Float32Array;
  /** Key of the last junction settled: a node whose seconds are not final yet is at least this far. */
  frontier = 0;
  readonly bytes: number;

  constructor(net: RoadNetwork, readonly graph: JunctionGraph, readonly root: number, factors?: SpeedFactors) {
    const j = graph.nodeOf.length;
    const r = graph.junctionOf[root]!;
    if (r < 0) throw new Error(`junction tree: root ${root} is not a junction`);
    this.seconds = new Float64Array(j).fill(Infinity);
    this.viaPiece = new Int32Array(j).fill(-1);
    this.order = new Int32Array(j);
    this.heap = new Heap(256);
    this.edgeSec = edgeSecondsOf(net, graph.csr, factors);
    this.pieceSec = pieceSeconds(graph, this.edgeSec);
    this.pieceTo = pieceTargets(graph);
    this.pieceM = pieceMetres(graph);
    this.seconds[r] = 0;
    this.heap.push(0, r);
    this.bytes = 17 * j;
  }

  /** The heap's top key: no junction not settled yet is nearer. */
  top(): number {
    return this.heap.size > 0 ? this.heap.keys[0]! : Infinity;
  }

  /** Settles the next junction; false when none is left. */
  private step(): boolean {
    const { heap, seconds, order, viaPiece, pieceSec, graph } = this;
    const { jFirst, head, first, length } = graph;
    for (;;) {
      if (heap.size === 0) { this.frontier = Infinity; return false; }
      const u = heap.pop();
      if (order[u] !== 0) continue;
      order[u] = ++this.settledCount;
      const su = heap.lastKey;
      this.frontier = su;
      if (this.copyTo) this.copyTo[this.copyAt + u * this.copyStride] = su;
      for (let p = jFirst[u]!, end = jFirst[u + 1]!; p < end; p++) {
        const w = head[p]!;
        if (w < 0 || order[w] !== 0) continue;
        let s = su;
        for (let i = first[p]!, last = i + length[p]!; i < last; i++) s += pieceSec[i]!;
        if (s < seconds[w]!) {
          seconds[w] = s;
          viaPiece[w] = p;
          heap.push(s, w);
        }
      }
      if (heap.size === 0) this.frontier = Infinity;
      return true;
    }
  }

  /** Seconds at shape point v through its k-th piece, when that piece's tail is settled (else Infinity). */
  private throughPiece(v: number, k: number): number {
    const { graph } = this;
    const p = graph.onPiece[2 * v + k]!;
    if (p < 0) return Infinity;
    const t = graph.tail[p]!;
    if (this.order[t] === 0) return Infinity;
    let s = this.seconds[t]!;
    const pieceSec = this.pieceSec;
    for (let i = graph.first[p]!, last = i + graph.atEdge[2 * v + k]!; i <= last; i++) s += pieceSec[i]!;
    return s;
  }

  /** The piece (0 or 1) the last `pick` chose (-1: neither reaches the point yet). */
  private picked = -1;

  /**
   * Shape point v's seconds so far: the lower of its pieces', or on a tie the piece walked first
   * (its tail settled first; pieces of one junction in their order); `picked` says which.
   */
  private pick(v: number): number {
    const a = this.throughPiece(v, 0);
    const b = this.throughPiece(v, 1);
    if (a < b) { this.picked = 0; return a; }
    if (b < a) { this.picked = 1; return b; }
    if (a === Infinity) { this.picked = -1; return Infinity; }
    const { graph } = this;
    const pa = graph.onPiece[2 * v]!, pb = graph.onPiece[2 * v + 1]!;
    const oa = this.order[graph.tail[pa]!]!, ob = this.order[graph.tail[pb]!]!;
    this.picked = oa < ob || (oa === ob && pa < pb) ? 0 : 1;
    return a;
  }

  /** The best seconds known for `node` so far (Infinity: not reached); final once isFinal(node). */
  known(node: number): number {
    const j = this.graph.junctionOf[node]!;
    return j >= 0 ? this.seconds[j]! : this.pick(node);
  }

  /** Writes into `out` where `node` lies on this tree's graph, with the seconds of this tree's weighting. */
  locate(node: number, out: LocatedNode): void {
    const { graph } = this;
    out.junction = graph.junctionOf[node]!;
    out.tail0 = out.tail1 = -1;
    if (out.junction >= 0) return;
    const off = pieceOffsets(graph, this.edgeSec);
    const p0 = graph.onPiece[2 * node]!, p1 = graph.onPiece[2 * node + 1]!;
    if (p0 >= 0) { out.tail0 = graph.tail[p0]!; out.from0 = off[graph.first[p0]! + graph.atEdge[2 * node]!]!; }
    if (p1 >= 0) { out.tail1 = graph.tail[p1]!; out.from1 = off[graph.first[p1]! + graph.atEdge[2 * node + 1]!]!; }
  }

  /** Whether the node of the last `soFar` is final (its seconds are no more than the heap's top, or it is a settled junction). */
  lastFinal = false;

  /**
   * A located node's seconds so far, within rounding of known(node): no less than its final seconds
   * (Infinity: not reached yet); `lastFinal` says whether they are final. For landmark bounds, which
   * ask every tree about the same two nodes: no piece is walked.
   */
  soFar(n: LocatedNode): number {
    const { seconds, order } = this;
    const top = this.top();
    const j = n.junction;
    if (j >= 0) {
      const s = seconds[j]!;
      this.lastFinal = order[j] !== 0 || s <= top;
      return s;
    }
    let s = Infinity;
    if (n.tail0 >= 0 && order[n.tail0] !== 0) s = seconds[n.tail0]! + n.from0;
    if (n.tail1 >= 0 && order[n.tail1] !== 0) s = Math.min(s, seconds[n.tail1]! + n.from1);
    this.lastFinal = s <= top;
    return s;
  }

  /** `node`'s seconds are final: nothing still queued can lower them. */
  isFinal(node: number): boolean {
    const j = this.graph.junctionOf[node]!;
    if (j >= 0) return this.order[j] !== 0 || this.seconds[j]! <= this.top();
    return this.pick(node) <= this.top();
  }

  /** Settles junctions until `node`'s seconds are final (or everything reachable is settled). */
  settleTo(node: number): void {
    const j = this.graph.junctionOf[node]!;
    if (j >= 0) {
      while (this.order[j] === 0 && !(this.seconds[j]! <= this.top()) && this.step());
      return;
    }
    while (!(this.pick(node) <= this.top()) && this.step());
  }

  /** Where each junction's seconds are also written as it is settled (copySettledTo). */
  private copyTo: Float64Array | undefined;
  private copyAt = 0;
  private copyStride = 0;

  /**
   * Writes each settled junction j's seconds (final) to out[at + j * stride]: those settled so far
   * now, the others as they are settled (hub-seconds.ts keeps the hub trees' seconds side by side).
   */
  copySettledTo(out: Float64Array, at: number, stride: number): void {
    this.copyTo = out;
    this.copyAt = at;
    this.copyStride = stride;
    const { seconds, order } = this;
    for (let j = 0; j < order.length; j++) if (order[j] !== 0) out[at + j * stride] = seconds[j]!;
  }

  /** Whether settled seconds are written to `out` (copySettledTo). */
  copiesTo(out: Float64Array): boolean {
    return this.copyTo === out;
  }

  /** `node`'s seconds (Infinity: unreachable); call settleTo(node) first. */
  secondsAt(node: number): number {
    return this.known(node);
  }

  /** Set by pieceReaching(): the last edge of that piece that leads to the node (0 = its first). */
  private upTo = 0;

  /**
   * The piece of the tree path that leads to `node` (settled and reachable; -1 for the root), with
   * in `upTo` the last of its edges to follow: a junction's own piece whole, a shape point's up to it.
   */
  private pieceReaching(node: number): number {
    const { graph } = this;
    const j = graph.junctionOf[node]!;
    if (j >= 0) {
      const p = this.viaPiece[j]!;
      this.upTo = p < 0 ? 0 : graph.length[p]! - 1;
      return p;
    }
    this.pick(node);
    const k = this.picked;
    if (k < 0) throw new Error(`junction tree: node ${node} is not reached`);
    this.upTo = graph.atEdge[2 * node + k]!;
    return graph.onPiece[2 * node + k]!;
  }

  /**
   * Writes into `out` the nodes from `node` to the root, each with its seconds and the CSR edge it is
   * reached by (the root: -1), growing the arrays when needed; returns the count. `node` must be
   * settled (settleTo) and reachable. (No closures in here: under tsx every named closure made per
   * call also costs a defineProperty, which was 0.24 s of a metropolitan year.)
   */
  walk(node: number, out: TreeWalk): number {
    const { graph, seconds, viaPiece, pieceSec, pieceTo } = this;
    const { junctionOf, tail, nodeOf, pieceEdges, first, length } = graph;
    let count = 0;
    // The piece that leads to the node and the last of its edges to walk back along.
    let p = this.pieceReaching(node);
    let upTo = this.upTo;
    let j = junctionOf[node]!;
    for (; p >= 0; ) {
      // The nodes reached by edges upTo..0 of piece p, written backwards with their seconds summed
      // from its tail forwards (the order the search adds them; a junction's is its stored sum).
      if (out.nodes.length < count + upTo + 2) room(out, count + upTo + 2);
      const { nodes: on, seconds: os, edges: oe } = out;
      const t = tail[p]!;
      let s = seconds[t]!;
      const base = first[p]!;
      for (let i = base, last = base + upTo, at = count + upTo; i <= last; i++, at--) {
        s += pieceSec[i]!;
        os[at] = s;
        oe[at] = pieceEdges[i]!;
        on[at] = pieceTo[i]!;
      }
      count += upTo + 1;
      j = t;
      p = viaPiece[j]!;
      if (p >= 0) upTo = length[p]! - 1;
    }
    if (out.nodes.length < count + 1) room(out, count + 1);
    out.nodes[count] = nodeOf[j]!;
    out.seconds[count] = seconds[j]!;
    out.edges[count] = -1;
    return count + 1;
  }

  /**
   * The drive along the tree path between the root and `node` (settled and reachable), written
   * straight into a course's arrays in driving order: from the root when `fromRoot` (a forward
   * tree), else towards it; `roads` gives the node and road edge of each piece edge (pieceRoads).
   * The same nodes, seconds, road edges and metres as walk() followed by a copy in driving order,
   * bit for bit (tests/unit/junction-tree.test.ts), in one pass from the root outwards: the seconds
   * are summed edge by edge from the root on, as the search summed them (a junction's stored
   * seconds are the sum along the piece that reached it, so a piece's sums go on from the last
   * one's and no junction's seconds are read), the metres likewise. The pieces are listed first, one
   * step per piece, so that the count is known before anything is written. On the metropolitan
   * year's 118,759 drives from and to stations (callgrind): ~210 instructions and ~2.2 simulated D1
   * misses a node, against ~265 and ~2.95 for walk() into scratch arrays and a second pass copying
   * them into the course.
   */
  drive(node: number, fromRoot: boolean, roads: Int32Array, at: DriveTimes, out: TreeDrive): number {
    const { graph, seconds, viaPiece, pieceSec, pieceM } = this;
    const { junctionOf, tail, nodeOf, first, length } = graph;
    // The piece that leads to the node and the last of its edges to drive.
    let p = this.pieceReaching(node);
    const upTo = this.upTo;
    let j = junctionOf[node]!;
    // The pieces from the node back to the root, and the count of nodes on them.
    let stack = pieceStack;
    let depth = 0;
    let count = 1;
    if (p >= 0) {
      count += upTo + 1;
      stack[depth++] = p;
      for (j = tail[p]!; (p = viaPiece[j]!) >= 0; j = tail[p]!) {
        if (depth === stack.length) stack = pieceStack = grow(stack, depth + 1);
        stack[depth++] = p;
        count += length[p]!;
      }
    }
    if (out.seconds.length < count) out.seconds = grow(out.seconds, count);
    const sec = out.seconds;
    const nodes = new Array<number>(count);
    const offsets = new Array<number>(count + 2);
    const edges = new Array<number>(count - 1);
    const { ea, road, div } = at;
    offsets[0] = 0;
    offsets[count + 1] = at.total;
    let m = 0;
    let s = seconds[j]!; // the root's
    if (fromRoot) {
      nodes[0] = nodeOf[j]!;
      sec[0] = s;
      offsets[1] = ea + s / div;
      let d = 1;
      for (let q = depth - 1; q >= 0; q--) {
        const pp = stack[q]!;
        for (let i = first[pp]!, last = i + (q === 0 ? upTo : length[pp]! - 1); i <= last; i++, d++) {
          s += pieceSec[i]!;
          m += pieceM[i]!;
          nodes[d] = roads[2 * i]!;
          sec[d] = s;
          offsets[d + 1] = ea + s / div;
          edges[d - 1] = roads[2 * i + 1]!;
        }
      }
    } else {
      let d = count - 1;
      nodes[d] = nodeOf[j]!;
      sec[d] = s;
      offsets[d + 1] = ea + (road - s) / div;
      for (let q = depth - 1; q >= 0; q--) {
        const pp = stack[q]!;
        for (let i = first[pp]!, last = i + (q === 0 ? upTo : length[pp]! - 1); i <= last; i++) {
          s += pieceSec[i]!;
          m += pieceM[i]!;
          edges[--d] = roads[2 * i + 1]!;
          nodes[d] = roads[2 * i]!;
          sec[d] = s;
          offsets[d + 1] = ea + (road - s) / div;
        }
      }
    }
    out.nodes = nodes;
    out.offsets = offsets;
    out.edges = edges;
    out.metres = m;
    return count;
  }
}

/** The pieces of a drive (JunctionTree.drive), from its node back to the root (scratch, grown when needed). */
let pieceStack = new Int32Array(64);

/** What turns a drive's tree seconds into its course's offsets: the access leg's seconds, the tree seconds at the start (reversed trees), the divisor. */
export interface DriveTimes { ea: number; road: number; div: number; total: number }

/** A drive in driving order (JunctionTree.drive): its course's arrays, its tree seconds at each node (scratch), its road metres. */
export interface TreeDrive { nodes: number[]; offsets: number[]; edges: number[]; seconds: Float64Array; metres: number }

/** Grows a walk's arrays to hold `size` nodes. */
export function room(out: TreeWalk, size: number): void {
  if (out.nodes.length >= size) return;
  out.nodes = grow(out.nodes, size);
  out.seconds = grow(out.seconds, size);
  out.edges = grow(out.edges, size);
}

/**
 * Road metres of a walk's first node: the lengths (`lengthM` of the CSR the tree searched) of the
 * edges walked, summed from the root outwards, as a search over every node sums them.
 */
export function walkMetres(out: TreeWalk, count: number, lengthM: Float32Array): number {
  let m = 0;
  for (let i = count - 2; i >= 0; i--) m += lengthM[out.edges[i]!]!;
  return m;
}
