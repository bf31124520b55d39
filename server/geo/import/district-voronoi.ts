// Station districts by travel time: one multi-source Dijkstra from every district station's road
// node over the imported graph labels each node with the station that reaches it first (a Voronoi
// diagram by travel, not by distance: a river with one bridge bends the districts the way it bends
// the response).
import type { RoadNetwork } from '../road-network.ts';

/** owner[v]: index (into `sources`) of the first source to reach node v, -1 when none does. */
export function nearestSourceByTravel(net: RoadNetwork, sources: readonly { node: number; startSec: number }[]): { owner: Int32Array; seconds: Float64Array } {
  const n = net.nodeCount;
  const owner = new Int32Array(n).fill(-1);
  const seconds = new Float64Array(n).fill(Infinity);
  const done = new Uint8Array(n);
  const heap = new MinHeap();
  sources.forEach((s, i) => {
    if (s.startSec < seconds[s.node]!) { seconds[s.node] = s.startSec; owner[s.node] = i; heap.push(s.startSec, s.node); }
  });
  const { offsets, targets, lengthM, cls } = net.out;
  while (heap.size > 0) {
    const u = heap.pop();
    if (done[u]) continue;
    done[u] = 1;
    const su = seconds[u]!;
    for (let e = offsets[u]!; e < offsets[u + 1]!; e++) {
      const v = targets[e]!;
      const sv = su + lengthM[e]! / net.speedMps[cls[e]!]!;
      if (sv < seconds[v]!) { seconds[v] = sv; owner[v] = owner[u]!; heap.push(sv, v); }
    }
  }
  return { owner, seconds };
}

/** Binary min-heap of (key, node) in growable typed arrays. */
class MinHeap {
  private keys = new Float64Array(256);
  private vals = new Int32Array(256);
  size = 0;

  push(key: number, val: number): void {
    if (this.size === this.keys.length) {
      const k = new Float64Array(this.size * 2); k.set(this.keys); this.keys = k;
      const v = new Int32Array(this.size * 2); v.set(this.vals); this.vals = v;
    }
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.keys[p]! <= key) break;
      this.keys[i] = this.keys[p]!; this.vals[i] = this.vals[p]!; i = p;
    }
    this.keys[i] = key; this.vals[i] = val;
  }

  pop(): number {
    const top = this.vals[0]!;
    const key = this.keys[--this.size]!;
    const val = this.vals[this.size]!;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= this.size) break;
      if (c + 1 < this.size && this.keys[c + 1]! < this.keys[c]!) c++;
      if (this.keys[c]! >= key) break;
      this.keys[i] = this.keys[c]!; this.vals[i] = this.vals[c]!; i = c;
    }
    this.keys[i] = key; this.vals[i] = val;
    return top;
  }
}
