// ShortestPathTree's incremental search (router.ts) over the road junctions, from any root (a
// junction or a shape point) and with closed roads: the reverse trees of the road model (drives
// that neither start nor end at a station). Like junction-tree.ts it relaxes whole roads from
// junction to junction ("pieces") and works a shape point's seconds out when asked, from the pieces
// through it; it keeps ~20 bytes per junction instead of ~21 per node, and touches no shape point
// while it searches. Its answers are those of ShortestPathTree bit for bit
// (tests/unit/junction-search.test.ts): the same heap pushes in the same order (so ties pop alike),
// edge seconds summed one by one from the piece's start, a shape point reached equally fast both
// ways keeps the piece walked first, the same bounded-search stops.
// A root that is a shape point is settled first and walks its road both ways to the next junctions
// ("root pieces"); a piece through the root stops there (the search over every node stops a walk at
// a settled node). A closed edge cuts its piece: the edges before it are walked, its end junction is
// not reached through it.
import type { Csr, RoadNetwork } from './road-network.ts';
import { MinHeap as Heap } from './min-heap.ts';
import { edgeSecondsOf, onward, shapePoints, type SpeedFactors } from './router.ts';
import { grow, junctionGraph, pieceSeconds, room, type JunctionGraph, type TreeWalk } from './junction-tree.ts';

/** Per closure set and graph: how many edges of each piece are open before its first closed one. */
const cutsOf = new WeakMap<Uint8Array, WeakMap<JunctionGraph, Int32Array>>();
function closureCuts(graph: JunctionGraph, blocked: Uint8Array): Int32Array {
  let byGraph = cutsOf.get(blocked);
  if (!byGraph) cutsOf.set(blocked, (byGraph = new WeakMap()));
  let cuts = byGraph.get(graph);
  if (!cuts) {
    const { first, length, pieceEdges } = graph;
    cuts = new Int32Array(first.length);
    for (let p = 0; p < cuts.length; p++) {
      let i = 0;
      while (i < length[p]! && blocked[pieceEdges[first[p]! + i]!] !== 1) i++;
      cuts[p] = i;
    }
    byGraph.set(graph, cuts);
  }
  return cuts;
}

/**
 * An incremental shortest-path search from one root, over the junctions of `csr` (forward: root →
 * others; reversed: others → root), settled on demand (`settle`) and kept between questions.
 */
export class JunctionSearch {
  readonly csr: Csr;
  readonly graph: JunctionGraph;
  private readonly interior: Uint8Array;
  /** Seconds of each junction (and, last, of a root that is a shape point); Infinity until reached. */
  private readonly seconds: Float64Array;
  /** The piece each junction is reached by: a piece of the graph (≥ 0), root piece k (-2 - k), or -1 (the root, or not reached). */
  private readonly viaPiece: Int32Array;
  /** Order in which the heap's slots were settled (0: not yet; the root is 1). */
  private readonly order: Int32Array;
  private readonly heap: Heap;
  private edgeSec: Float64Array;
  /** edgeSec of graph.pieceEdges, in their order. */
  private pieceSec: Float64Array;
  private cuts: Int32Array | undefined;
  /** Junctions (and a shape-point root) taken from the queue so far. */
  settledCount = 0;
  /** Key of the last slot taken from the queue: a node whose seconds are not final yet is at least this far. */
  frontier = 0;
  /** The root's slot: its junction, or the extra last slot when it is a shape point. */
  private rootSlot = 0;
  /** Root pieces (a shape-point root): edges rootEdges[rootStart[k] .. + rootLen[k]], ending at junction rootHead[k] (-1: none). */
  private rootEdges = new Int32Array(64);
  private readonly rootStart = new Int32Array(2);
  private readonly rootLen = new Int32Array(2);
  private readonly rootHead = new Int32Array(2);
  private rootCount = 0;
  /** The pieces of the graph through a shape-point root (-1: none) and how many of their edges lead up to it. */
  private throughRoot0 = -1;
  private throughRoot1 = -1;
  private rootAt0 = 0;
  private rootAt1 = 0;
  // The candidates of the shape point last resolved (resolve): the slot their walk starts from, the
  // edges (in pieceEdges, or in rootEdges when `candRoot`), how many, and their rank on ties.
  private candCount = 0;
  private readonly candSlot = new Int32Array(4);
  private readonly candFirst = new Int32Array(4);
  private readonly candLen = new Int32Array(4);
  private readonly candRoot = new Uint8Array(4);
  private readonly candRank = new Int32Array(4);
  /** The candidate the last `best` chose (-1: none reaches the point yet). */
  private picked = -1;

  constructor(
    readonly net: RoadNetwork,
    public root: number,
    readonly reversed: boolean,
    factors?: SpeedFactors,
    /** Closed edges, indexed by position in the CSR searched (forward `out`, or `rev` when reversed). */
    private blocked?: Uint8Array,
  ) {
    this.csr = reversed ? net.rev : net.out;
    this.graph = junctionGraph(net, this.csr, []);
    this.interior = shapePoints(net);
    const slots = this.graph.nodeOf.length + 1;
    this.seconds = new Float64Array(slots);
    this.viaPiece = new Int32Array(slots);
    this.order = new Int32Array(slots);
    this.heap = new Heap(256);
    this.edgeSec = edgeSecondsOf(net, this.csr, factors);
    this.pieceSec = pieceSeconds(this.graph, this.edgeSec);
    this.start(root, blocked);
  }

  /** Starts afresh from another root (same network and direction) on the same buffers; answers as a new search. */
  restart(root: number, factors?: SpeedFactors, blocked?: Uint8Array): this {
    this.edgeSec = edgeSecondsOf(this.net, this.csr, factors);
    this.pieceSec = pieceSeconds(this.graph, this.edgeSec);
    this.start(root, blocked);
    return this;
  }

  private start(root: number, blocked: Uint8Array | undefined): void {
    this.root = root;
    this.blocked = blocked;
    this.cuts = blocked ? closureCuts(this.graph, blocked) : undefined;
    this.seconds.fill(Infinity);
    this.viaPiece.fill(-1);
    this.order.fill(0);
    this.heap.size = 0;
    this.settledCount = 0;
    this.frontier = 0;
    this.rootCount = 0;
    this.throughRoot0 = this.throughRoot1 = -1;
    const { junctionOf, onPiece, atEdge } = this.graph;
    const j = junctionOf[root]!;
    this.rootSlot = j >= 0 ? j : this.graph.nodeOf.length;
    if (j < 0) {
      this.throughRoot0 = onPiece[2 * root]!;
      this.rootAt0 = atEdge[2 * root]!;
      this.throughRoot1 = onPiece[2 * root + 1]!;
      this.rootAt1 = atEdge[2 * root + 1]!;
      this.walkRootPieces(root, blocked);
    }
    this.seconds[this.rootSlot] = 0;
    this.heap.push(0, this.rootSlot);
  }

  /**
   * The roads from a shape-point root to the next junctions, in the CSR order of its edges, as the
   * search over every node walks them when it settles the root: a closed first edge is skipped, the
   * walk stops before a closed edge, where the road leads no further, or back at the root.
   */
  private walkRootPieces(root: number, blocked: Uint8Array | undefined): void {
    const { csr, interior } = this;
    const { offsets, targets } = csr;
    const { junctionOf } = this.graph;
    let n = 0;
    for (let e = offsets[root]!, end = offsets[root + 1]!; e < end; e++) {
      const k = this.rootCount++;
      this.rootStart[k] = n;
      this.rootHead[k] = -1;
      if (blocked !== undefined && blocked[e] === 1) { this.rootLen[k] = 0; continue; }
      if (n + 1 > this.rootEdges.length) this.rootEdges = grow(this.rootEdges, n + 1);
      this.rootEdges[n++] = e;
      let w = targets[e]!;
      for (let prev = root; interior[w] === 1; ) {
        const f = onward(csr, w, prev);
        if (f < 0 || (blocked !== undefined && blocked[f] === 1)) break;
        const x = targets[f]!;
        if (x === root) break;
        if (n + 1 > this.rootEdges.length) this.rootEdges = grow(this.rootEdges, n + 1);
        this.rootEdges[n++] = f;
        prev = w;
        w = x;
      }
      this.rootLen[k] = n - this.rootStart[k]!;
      if (interior[w] !== 1) this.rootHead[k] = junctionOf[w]!;
    }
  }

  /** How many edges of graph piece p can be walked: up to a closed edge, or up to a shape-point root. */
  private openEdges(p: number): number {
    let open = this.cuts !== undefined ? this.cuts[p]! : this.graph.length[p]!;
    if (p === this.throughRoot0 && this.rootAt0 < open) open = this.rootAt0;
    if (p === this.throughRoot1 && this.rootAt1 < open) open = this.rootAt1;
    return open;
  }

  private top(): number {
    return this.heap.size > 0 ? this.heap.keys[0]! : Infinity;
  }

  /** Takes the next slot from the queue and relaxes its pieces; the slot, or -1 (a stale entry, dropped). */
  private step(): number {
    const { heap, seconds, order, viaPiece, edgeSec, graph } = this;
    const u = heap.pop();
    if (order[u] !== 0) return -1;
    order[u] = ++this.settledCount;
    const su = heap.lastKey;
    this.frontier = su;
    if (u === graph.nodeOf.length) {
      // A shape-point root: its road both ways.
      const re = this.rootEdges;
      for (let k = 0; k < this.rootCount; k++) {
        const w = this.rootHead[k]!;
        if (w < 0 || order[w] !== 0) continue;
        let s = su;
        for (let i = this.rootStart[k]!, last = i + this.rootLen[k]!; i < last; i++) s += edgeSec[re[i]!]!;
        if (s < seconds[w]!) {
          seconds[w] = s;
          viaPiece[w] = -2 - k;
          heap.push(s, w);
        }
      }
      return u;
    }
    const { jFirst, head, first, length } = graph;
    const { cuts, pieceSec } = this;
    const r0 = this.throughRoot0, r1 = this.throughRoot1;
    for (let p = jFirst[u]!, end = jFirst[u + 1]!; p < end; p++) {
      const w = head[p]!;
      if (w < 0 || order[w] !== 0 || p === r0 || p === r1) continue;
      const a = first[p]!, b = a + length[p]!;
      if (cuts !== undefined && cuts[p]! < b - a) continue;
      let s = su;
      for (let i = a; i < b; i++) s += pieceSec[i]!;
      if (s < seconds[w]!) {
        seconds[w] = s;
        viaPiece[w] = p;
        heap.push(s, w);
      }
    }
    return u;
  }

  /**
   * Gathers the ways shape point v (not the root) can be reached: the graph pieces through it, as far
   * as they are open, and the root pieces along it. Ranked as the search over every node walks them.
   */
  private resolve(v: number): void {
    const { graph } = this;
    let c = 0;
    for (let k = 0; k < 2; k++) {
      const p = graph.onPiece[2 * v + k]!;
      if (p < 0) continue;
      const at = graph.atEdge[2 * v + k]!;
      if (at >= this.openEdges(p)) continue;
      this.candSlot[c] = graph.tail[p]!;
      this.candFirst[c] = graph.first[p]!;
      this.candLen[c] = at + 1;
      this.candRoot[c] = 0;
      this.candRank[c] = p;
      c++;
    }
    const targets = this.csr.targets;
    for (let k = 0; k < this.rootCount; k++) {
      const s = this.rootStart[k]!;
      for (let i = s, last = s + this.rootLen[k]!; i < last; i++) {
        if (targets[this.rootEdges[i]!] !== v) continue;
        this.candSlot[c] = this.rootSlot;
        this.candFirst[c] = s;
        this.candLen[c] = i - s + 1;
        this.candRoot[c] = 1;
        this.candRank[c] = k;
        c++;
        break;
      }
    }
    this.candCount = c;
  }

  /** Seconds through candidate c, once the slot it starts from is settled (else Infinity). */
  private through(c: number): number {
    const slot = this.candSlot[c]!;
    if (this.order[slot] === 0) return Infinity;
    const edges = this.candRoot[c] === 1 ? this.rootEdges : this.graph.pieceEdges;
    const edgeSec = this.edgeSec;
    let s = this.seconds[slot]!;
    for (let i = this.candFirst[c]!, last = i + this.candLen[c]!; i < last; i++) s += edgeSec[edges[i]!]!;
    return s;
  }

  /**
   * The resolved shape point's seconds so far: the lowest of its candidates', on a tie the one walked
   * first (its start settled first; pieces of one start in their order); `picked` says which.
   */
  private best(): number {
    let best = Infinity;
    let pick = -1;
    for (let c = 0; c < this.candCount; c++) {
      const s = this.through(c);
      if (s > best || s === Infinity) continue;
      if (s === best) {
        const oc = this.order[this.candSlot[c]!]!, op = this.order[this.candSlot[pick]!]!;
        if (oc > op || (oc === op && this.candRank[c]! > this.candRank[pick]!)) continue;
      }
      best = s;
      pick = c;
    }
    this.picked = pick;
    return best;
  }

  /** The slot of a junction or of the root, -1 for another shape point. */
  private slotOf(node: number): number {
    if (node === this.root) return this.rootSlot;
    return this.graph.junctionOf[node]!;
  }

  /**
   * Runs the search until `node`'s seconds are final (or everything reachable is settled, or every
   * node left is further than `maxSeconds`); true if it was reached. `node` -1: runs to the end.
   * ShortestPathTree.settle's stops exactly (one queue entry per turn, stale ones included).
   */
  settle(node: number, maxSeconds = Infinity): boolean {
    const { heap, seconds, order } = this;
    const slot = node < 0 ? -1 : this.slotOf(node);
    if (node < 0 || slot >= 0) {
      while ((node < 0 || !(order[slot] !== 0 || seconds[slot]! <= this.top())) && heap.size > 0 && heap.keys[0]! <= maxSeconds) this.step();
      if (heap.size === 0) this.frontier = Infinity;
      return node >= 0 && seconds[slot]! < Infinity && (order[slot] !== 0 || seconds[slot]! <= this.top());
    }
    // A shape point: its seconds change only when a candidate's start is settled.
    this.resolve(node);
    let s = this.best();
    while (!(s <= this.top()) && heap.size > 0 && heap.keys[0]! <= maxSeconds) {
      const u = this.step();
      if (u < 0) continue;
      for (let c = 0; c < this.candCount; c++) if (this.candSlot[c] === u) { s = this.best(); break; }
    }
    if (heap.size === 0) this.frontier = Infinity;
    return s < Infinity && s <= this.top();
  }

  /** Seconds of `node` so far (Infinity: not reached); final once isFinal(node), e.g. after settle(node). */
  secondsAt(node: number): number {
    const slot = this.slotOf(node);
    if (slot >= 0) return this.seconds[slot]!;
    this.resolve(node);
    return this.best();
  }

  /** `node`'s seconds are final: nothing still queued can lower them. */
  isFinal(node: number): boolean {
    const slot = this.slotOf(node);
    if (slot >= 0) return this.order[slot] !== 0 || this.seconds[slot]! <= this.top();
    return this.secondsAt(node) <= this.top();
  }

  /**
   * Writes into `out` the nodes from `node` to the root, each with its seconds and the CSR edge it is
   * reached by (the root: -1), growing the arrays when needed; returns the count (0: not reached).
   * Call settle(node) first.
   */
  walk(node: number, out: TreeWalk): number {
    const { graph, seconds, viaPiece, edgeSec } = this;
    const { tail, first, length, pieceEdges } = graph;
    const targets = this.csr.targets;
    let count = 0;
    // The edges to walk back along: edges[from .. from + len - 1], their walk starting at `slot`.
    let slot = this.slotOf(node);
    let edges = pieceEdges;
    let from = 0;
    let len = 0;
    if (slot < 0) {
      this.resolve(node);
      if (this.best() === Infinity) return 0;
      const c = this.picked;
      slot = this.candSlot[c]!;
      edges = this.candRoot[c] === 1 ? this.rootEdges : pieceEdges;
      from = this.candFirst[c]!;
      len = this.candLen[c]!;
    } else if (seconds[slot] === Infinity) return 0;
    for (;;) {
      if (len > 0) {
        // The nodes reached by those edges, written backwards with their seconds summed from the
        // walk's start forwards (the order the search adds them).
        if (out.nodes.length < count + len + 1) room(out, count + len + 1);
        const { nodes: on, seconds: os, edges: oe } = out;
        let s = seconds[slot]!;
        for (let i = 0, at = count + len - 1; i < len; i++, at--) {
          const e = edges[from + i]!;
          s += edgeSec[e]!;
          os[at] = s;
          oe[at] = e;
          on[at] = targets[e]!;
        }
        count += len;
      }
      const p = slot === this.rootSlot ? -1 : viaPiece[slot]!;
      if (p === -1) break;
      if (p >= 0) {
        edges = pieceEdges;
        from = first[p]!;
        len = length[p]!;
        slot = tail[p]!;
      } else {
        const k = -2 - p;
        edges = this.rootEdges;
        from = this.rootStart[k]!;
        len = this.rootLen[k]!;
        slot = this.rootSlot;
      }
    }
    if (out.nodes.length < count + 1) room(out, count + 1);
    out.nodes[count] = this.root;
    out.seconds[count] = 0;
    out.edges[count] = -1;
    return count + 1;
  }
}
