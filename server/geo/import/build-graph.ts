// Turns the ways a reader found into the directed road graph: every way vertex is a node (so ways
// are split wherever they share one), each segment becomes one directed edge per allowed direction
// with its great-circle length and speed slot, and only the largest strongly connected component is
// kept, so that every kept node can reach every other (one-way dead ends and islands cut off by the
// extract's edge are dropped and counted).
import { haversineM } from '../../../shared/geo.ts';
import { ROAD_CLASSES } from '../road-network.ts';
import type { RoadArrays, SpeedSlot } from '../road-file.ts';
import type { RawRoads } from './raw-roads.ts';

export interface ImportedRoads extends RoadArrays {
  /** Undirected segments of the kept graph (each street once), for road density and population. */
  segments: { a: Int32Array; b: Int32Array; lengthM: Float32Array; residential: Uint8Array };
  stats: {
    ways: number;
    skippedWays: number;
    components: number;
    componentsDropped: number;
    nodesDropped: number;
    oneWaySegments: number;
  };
}

/** At most 256 slots fit a byte; speeds are rounded to 5 km/h so a real extract stays far below. */
const SPEED_STEP_KMH = 5;

export function buildGraph(raw: RawRoads): ImportedRoads {
  const slots: SpeedSlot[] = ROAD_CLASSES.map((cls) => ({ cls, speedKmh: undefined }));
  const slotKey = new Map<string, number>(ROAD_CLASSES.map((c, i) => [`${c}:`, i]));
  const slotOf = (cls: (typeof ROAD_CLASSES)[number], speed: number | undefined): number => {
    const s = speed === undefined ? undefined : Math.max(SPEED_STEP_KMH, Math.round(speed / SPEED_STEP_KMH) * SPEED_STEP_KMH);
    const key = `${cls}:${s ?? ''}`;
    let i = slotKey.get(key);
    if (i === undefined) {
      if (slots.length >= 256) return ROAD_CLASSES.indexOf(cls); // cannot happen with 5 km/h steps; class default then
      i = slots.length;
      slots.push({ cls, speedKmh: s });
      slotKey.set(key, i);
    }
    return i;
  };

  const { lat, lon } = raw.nodes;
  const ef: number[] = [], et: number[] = [], el: number[] = [], es: number[] = [];
  const sa: number[] = [], sb: number[] = [], sl: number[] = [], sr: number[] = [];
  let oneWaySegments = 0;
  for (const way of raw.ways) {
    const slot = slotOf(way.kind.cls, way.kind.speedKmh);
    for (let k = 0; k + 1 < way.nodes.length; k++) {
      const a = way.nodes[k]!;
      const b = way.nodes[k + 1]!;
      if (a === b) continue;
      const len = haversineM([lat[a]!, lon[a]!], [lat[b]!, lon[b]!]);
      sa.push(a); sb.push(b); sl.push(len); sr.push(way.kind.residential ? 1 : 0);
      if (way.kind.direction !== 'both') oneWaySegments++;
      if (way.kind.direction !== 'backward') { ef.push(a); et.push(b); el.push(len); es.push(slot); }
      if (way.kind.direction !== 'forward') { ef.push(b); et.push(a); el.push(len); es.push(slot); }
    }
  }

  const n = raw.nodes.count;
  const comp = stronglyConnected(n, Int32Array.from(ef), Int32Array.from(et));
  // Only nodes that carry an edge count: the rest are building corners and other non-road nodes.
  const used = new Uint8Array(n);
  for (let e = 0; e < ef.length; e++) { used[ef[e]!] = 1; used[et[e]!] = 1; }
  const size = new Map<number, number>();
  for (let v = 0; v < n; v++) if (used[v]) size.set(comp[v]!, (size.get(comp[v]!) ?? 0) + 1);
  let best = -1, bestSize = 0;
  for (const [c, s] of size) if (s > bestSize) { best = c; bestSize = s; }

  const newIndex = new Int32Array(n).fill(-1);
  let kept = 0;
  for (let v = 0; v < n; v++) if (used[v] && comp[v] === best) newIndex[v] = kept++;
  const outLat = new Float64Array(kept), outLon = new Float64Array(kept);
  for (let v = 0; v < n; v++) if (newIndex[v]! >= 0) { outLat[newIndex[v]!] = lat[v]!; outLon[newIndex[v]!] = lon[v]!; }

  const keep = (a: number, b: number): boolean => newIndex[a]! >= 0 && newIndex[b]! >= 0;
  const from: number[] = [], to: number[] = [], lengthM: number[] = [], slot: number[] = [];
  for (let e = 0; e < ef.length; e++) {
    if (!keep(ef[e]!, et[e]!)) continue;
    from.push(newIndex[ef[e]!]!); to.push(newIndex[et[e]!]!); lengthM.push(el[e]!); slot.push(es[e]!);
  }
  const segA: number[] = [], segB: number[] = [], segL: number[] = [], segR: number[] = [];
  for (let s = 0; s < sa.length; s++) {
    if (!keep(sa[s]!, sb[s]!)) continue;
    segA.push(newIndex[sa[s]!]!); segB.push(newIndex[sb[s]!]!); segL.push(sl[s]!); segR.push(sr[s]!);
  }
  return {
    lat: outLat,
    lon: outLon,
    from: Int32Array.from(from),
    to: Int32Array.from(to),
    lengthM: Float32Array.from(lengthM),
    slot: Uint8Array.from(slot),
    slots,
    segments: { a: Int32Array.from(segA), b: Int32Array.from(segB), lengthM: Float32Array.from(segL), residential: Uint8Array.from(segR) },
    stats: {
      ways: raw.ways.length,
      skippedWays: raw.skippedWays,
      components: size.size,
      componentsDropped: Math.max(0, size.size - 1),
      nodesDropped: [...size.values()].reduce((a, b) => a + b, 0) - bestSize,
      oneWaySegments,
    },
  };
}

/** Component id of every node (Kosaraju, iterative: real extracts are too deep for recursion). */
export function stronglyConnected(n: number, from: Int32Array, to: Int32Array): Int32Array {
  const csr = (tail: Int32Array, head: Int32Array): { off: Int32Array; adj: Int32Array } => {
    const off = new Int32Array(n + 1);
    for (let e = 0; e < tail.length; e++) off[tail[e]! + 1]!++;
    for (let v = 0; v < n; v++) off[v + 1]! += off[v]!;
    const pos = off.slice(0, n);
    const adj = new Int32Array(tail.length);
    for (let e = 0; e < tail.length; e++) adj[pos[tail[e]!]!++] = head[e]!;
    return { off, adj };
  };
  const fwd = csr(from, to);
  const rev = csr(to, from);
  // Pass 1: finishing order of a DFS on the forward graph.
  const order = new Int32Array(n);
  let orderLen = 0;
  const seen = new Uint8Array(n);
  const stack = new Int32Array(n);
  const next = new Int32Array(n); // next edge to look at, per node on the stack
  for (let s = 0; s < n; s++) {
    if (seen[s]) continue;
    let top = 0;
    stack[0] = s; seen[s] = 1; next[s] = fwd.off[s]!;
    while (top >= 0) {
      const v = stack[top]!;
      if (next[v]! < fwd.off[v + 1]!) {
        const w = fwd.adj[next[v]!++]!;
        if (!seen[w]) { seen[w] = 1; next[w] = fwd.off[w]!; stack[++top] = w; }
      } else {
        order[orderLen++] = v;
        top--;
      }
    }
  }
  // Pass 2: in reverse finishing order, everything reachable on the reversed graph is one component.
  const comp = new Int32Array(n).fill(-1);
  let c = 0;
  for (let i = n - 1; i >= 0; i--) {
    const s = order[i]!;
    if (comp[s]! >= 0) continue;
    let top = 0;
    stack[0] = s; comp[s] = c;
    while (top >= 0) {
      const v = stack[top--]!;
      for (let e = rev.off[v]!; e < rev.off[v + 1]!; e++) {
        const w = rev.adj[e]!;
        if (comp[w]! < 0) { comp[w] = c; stack[++top] = w; }
      }
    }
    c++;
  }
  return comp;
}
