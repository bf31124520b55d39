// The seconds from every hub (station) to every junction under one weighting, junction-major: the
// seconds from all the hubs to one junction lie side by side. A recommendation asks for the drives
// of a dozen stations to one place in a row (a metropolitan year: ~268,000 questions from stations):
// read here they come from one or two rows of a few cache lines and no tree is looked up, where each
// question read a different hub's tree (junction-tree.ts: its seconds and settled order, twice over)
// after looking it up in a table by node. Measured: the year's questions asked again once the trees
// are settled, 65-70 → 38-40 ms; a 60-day run under callgrind's cache model (L1 48 KB, L2 1 MB),
// 0.43 M fewer L1 and 0.12 M fewer L2 read misses.
//
// A hub's tree writes each junction's seconds here as it settles it (copySettledTo): what is here is
// final. A place whose junctions are not all settled yet is answered by the tree (NaN here), which
// settles further. A shape point's seconds are summed from its road's tail junction along the road's
// edges in the order the tree sums them (throughPiece), so they are the tree's bit for bit.
import type { JunctionGraph, JunctionTree } from './junction-tree.ts';

export class HubSeconds {
  /** Seconds of junction j from hub column c at j * hubs + c (NaN: not settled yet). */
  private readonly seconds: Float64Array;

  /**
   * `pieceSec`: the weighting's edge seconds along the graph's pieces (junction-tree.ts pieceSeconds),
   * `hubs`: the number of hub columns.
   */
  constructor(readonly graph: JunctionGraph, private readonly pieceSec: Float64Array, readonly hubs: number) {
    this.seconds = new Float64Array(graph.nodeOf.length * hubs).fill(NaN);
  }

  /**
   * Has the column take its seconds from `tree` (the hub's tree on this graph and weighting; a tree
   * dropped for memory and built again is followed anew). A tree of another hub list's graph numbers
   * its junctions otherwise: it is not followed.
   */
  follow(column: number, tree: JunctionTree): void {
    if (tree.graph !== this.graph || tree.copiesTo(this.seconds)) return;
    tree.copySettledTo(this.seconds, column, this.hubs);
  }

  /**
   * Seconds from the hub of a column to `node`: a junction's, or the lower of a shape point's through
   * each road it lies on (the tree's pick; on a tie both are equal). NaN: not known here yet (a
   * junction it needs is not settled yet).
   */
  secondsTo(node: number, column: number): number {
    const { graph, seconds, hubs, pieceSec } = this;
    const j = graph.junctionOf[node]!;
    if (j >= 0) return seconds[j * hubs + column]!;
    let best = Infinity;
    for (let k = 0; k < 2; k++) {
      const p = graph.onPiece[2 * node + k]!;
      if (p < 0) continue;
      let s = seconds[graph.tail[p]! * hubs + column]!;
      if (s !== s) return NaN;
      for (let i = graph.first[p]!, last = i + graph.atEdge[2 * node + k]!; i <= last; i++) s += pieceSec[i]!;
      if (s < best) best = s;
    }
    return best;
  }
}
