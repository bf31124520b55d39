// The road model's reverse trees search over junctions (junction-search.ts) and must answer exactly
// as router.ts ShortestPathTree over every node does: the road model's answers, and so the event
// log, depend on it. Asked in a scattered order, some questions bounded, both searches stop alike
// (same answer to settle, same count of junctions taken from the queue, same frontier), and every
// node's seconds, whether final, its walk to the root (each node, its seconds, the edge it is
// reached by) and its road metres are the same bit for bit: on the demo county from junctions and
// from shape points, forward and reversed, with and without traffic factors and closed roads; and on
// small made-up networks full of exact ties, one-way streets and closures, from every node.
import { describe, expect, it } from 'vitest';
import { loadWorld } from '../../server/scenario/load-world.ts';
import { generateDemoRoads, mulberry32 } from '../../server/geo/generate-roads.ts';
import { ShortestPathTree, edgeSecondsOf, rowOf, shapePoints, type SpeedFactors } from '../../server/geo/router.ts';
import { JunctionSearch } from '../../server/geo/junction-search.ts';
import { walkMetres, type TreeWalk } from '../../server/geo/junction-tree.ts';
import { buildRoadNetwork, roadClassIndex, type RoadNetwork } from '../../server/geo/road-network.ts';

const newWalk = (): TreeWalk => ({ nodes: new Int32Array(8), seconds: new Float64Array(8), edges: new Int32Array(8) });

/** Where `search` and ShortestPathTree disagree about `node` now (its seconds, finality, walk, metres). */
function nodeDifferences(search: JunctionSearch, ref: ShortestPathTree, node: number, out: TreeWalk, wrong: string[]): void {
  const s = search.secondsAt(node);
  if (s !== ref.seconds[node]) wrong.push(`${node}: ${s} s, ShortestPathTree ${ref.seconds[node]}`);
  if (search.isFinal(node) !== ref.isFinal(node)) wrong.push(`${node}: final ${search.isFinal(node)}, ShortestPathTree ${ref.isFinal(node)}`);
  if (!ref.isFinal(node) || ref.seconds[node] === Infinity) return;
  const count = search.walk(node, out);
  let v = node;
  for (let i = 0; i < count; i++, v = ref.parentOf(v)) {
    if (out.nodes[i] !== v || out.seconds[i] !== ref.seconds[v] || out.edges[i] !== ref.via[v]) {
      wrong.push(`walk from ${node}, step ${i}: node ${out.nodes[i]} (${v}), ${out.seconds[i]} s (${ref.seconds[v]}), edge ${out.edges[i]} (${ref.via[v]})`);
      return;
    }
  }
  if (v !== -1) wrong.push(`walk from ${node} stops at ${out.nodes[count - 1]} before the root ${ref.root}`);
  const m = walkMetres(out, count, search.csr.lengthM);
  if (m !== ref.metres[node]) wrong.push(`${node}: ${m} m, ShortestPathTree ${ref.metres[node]}`);
}

/**
 * Both searches from `root`, asked `queries` scattered questions (half of them bounded), then run to
 * the end and compared at every node: the differences found.
 */
function differences(net: RoadNetwork, root: number, reversed: boolean, factors: SpeedFactors | undefined, blocked: Uint8Array | undefined, queries: number, seed: number, maxBound: number): string[] {
  const ref = new ShortestPathTree(net, root, reversed, factors, blocked);
  const search = new JunctionSearch(net, root, reversed, factors, blocked);
  const rand = mulberry32(seed);
  const out = newWalk();
  const wrong: string[] = [];
  for (let q = 0; q < queries && wrong.length === 0; q++) {
    const node = Math.floor(rand() * net.nodeCount);
    const bound = rand() < 0.5 ? Infinity : rand() * maxBound;
    const a = ref.settle(node, bound);
    const b = search.settle(node, bound);
    if (a !== b) wrong.push(`settle(${node}, ${bound}): ${b}, ShortestPathTree ${a}`);
    if (search.settledCount !== ref.settledCount) wrong.push(`after settle(${node}, ${bound}): ${search.settledCount} taken from the queue, ShortestPathTree ${ref.settledCount}`);
    if (search.frontier !== ref.frontier) wrong.push(`after settle(${node}, ${bound}): frontier ${search.frontier}, ShortestPathTree ${ref.frontier}`);
    nodeDifferences(search, ref, node, out, wrong);
  }
  ref.settle(-1);
  search.settle(-1);
  for (let v = 0; v < net.nodeCount && wrong.length < 5; v++) nodeDifferences(search, ref, v, out, wrong);
  return wrong.map((w) => `root ${root}${reversed ? ' reversed' : ''}${blocked ? ' with closures' : ''}: ${w}`);
}

/** Closed edges: each position of `reversed ? rev : out` with probability `share`. */
function closures(net: RoadNetwork, share: number, rand: () => number): { out: Uint8Array; rev: Uint8Array } {
  const out = new Uint8Array(net.edgeCount);
  for (let e = 0; e < net.edgeCount; e++) if (rand() < share) out[e] = 1;
  // The same closed streets seen from the reversed CSR: position of edge (a → b) in rev is found by its ends.
  const rev = new Uint8Array(net.edgeCount);
  const row = rowOf(net.out);
  for (let e = 0; e < net.edgeCount; e++) {
    if (!out[e]) continue;
    const a = row[e]!, b = net.out.targets[e]!;
    for (let p = net.rev.offsets[b]!; p < net.rev.offsets[b + 1]!; p++) if (net.rev.targets[p] === a && !rev[p]) { rev[p] = 1; break; }
  }
  return { out, rev };
}

describe('JunctionSearch on the demo county', () => {
  const world = loadWorld({});
  const net = generateDemoRoads(world.region);
  const interior = shapePoints(net);
  const rush = new Float64Array(net.classes.length).fill(1);
  net.classes.forEach((c, i) => { if (c === 'arterial' || c === 'local') rush[i] = 0.8; });
  const junction = interior.findIndex((x, v) => x === 0 && v > net.nodeCount / 5);
  const shape = interior.findIndex((x, v) => x === 1 && v > net.nodeCount / 2);
  const other = interior.findIndex((x, v) => x === 1 && v > net.nodeCount / 3);
  const closed = closures(net, 0.02, mulberry32(11));
  // Closures next to a shape-point root: its own road cut on one side.
  const nearRoot = closures(net, 0, mulberry32(1));
  nearRoot.rev[net.rev.offsets[other]!] = 1;
  nearRoot.out[net.out.offsets[other]!] = 1;
  const cases = [
    { root: junction, reversed: true, factors: undefined, blocked: undefined },
    { root: shape, reversed: true, factors: rush, blocked: undefined },
    { root: other, reversed: false, factors: rush, blocked: undefined },
    { root: shape, reversed: true, factors: undefined, blocked: closed.rev },
    { root: junction, reversed: false, factors: rush, blocked: closed.out },
    { root: other, reversed: true, factors: undefined, blocked: nearRoot.rev },
    { root: other, reversed: false, factors: undefined, blocked: nearRoot.out },
  ];
  it('the cases start from a junction and from shape points', () => {
    expect([interior[junction], interior[shape], interior[other]]).toEqual([0, 1, 1]);
  });
  for (const { root, reversed, factors, blocked } of cases) {
    it(`answers as ShortestPathTree from node ${root} (${reversed ? 'reversed' : 'forward'}, ${factors ? 'rush hour' : 'free flow'}${blocked ? ', closures' : ''})`, () => {
      expect(differences(net, root, reversed, factors, blocked, 300, root + 3, 900)).toEqual([]);
    });
  }

  it('a search restarted from another root answers as a new one', () => {
    const search = new JunctionSearch(net, junction, true, rush);
    search.settle(shape);
    search.restart(other, undefined, closed.rev);
    const ref = new ShortestPathTree(net, other, true, undefined, closed.rev);
    const out = newWalk();
    const wrong: string[] = [];
    const rand = mulberry32(5);
    for (let q = 0; q < 200; q++) {
      const node = Math.floor(rand() * net.nodeCount);
      if (search.settle(node) !== ref.settle(node)) wrong.push(`settle(${node})`);
      nodeDifferences(search, ref, node, out, wrong);
    }
    expect(wrong.slice(0, 5)).toEqual([]);
  });
});

/**
 * A small network of `junctions` crossings joined by random streets of 100 m sections (a fifth of
 * them 200 m), each street through 0-3 shape points, each section two-way or one-way either way:
 * equal sections make many drives exactly equally fast.
 */
function smallNetwork(rand: () => number, junctions: number): RoadNetwork {
  const lat: number[] = [], lon: number[] = [];
  const from: number[] = [], to: number[] = [], len: number[] = [];
  const node = (): number => { lat.push(rand() * 0.01); lon.push(rand() * 0.01); return lat.length - 1; };
  for (let j = 0; j < junctions; j++) node();
  const streets = Math.floor(junctions * 1.6);
  for (let s = 0; s < streets; s++) {
    const a = Math.floor(rand() * junctions);
    const b = Math.floor(rand() * junctions);
    if (a === b) continue;
    const chain = [a];
    for (let k = Math.floor(rand() * 4); k > 0; k--) chain.push(node());
    chain.push(b);
    for (let i = 0; i + 1 < chain.length; i++) {
      const m = rand() < 0.2 ? 200 : 100;
      const way = rand();
      if (way < 0.85) { from.push(chain[i]!); to.push(chain[i + 1]!); len.push(m); }
      if (way < 0.7 || way >= 0.85) { from.push(chain[i + 1]!); to.push(chain[i]!); len.push(m); }
    }
  }
  const local = roadClassIndex('local');
  return buildRoadNetwork(Float64Array.from(lat), Float64Array.from(lon), Int32Array.from(from), Int32Array.from(to), Float32Array.from(len), new Uint8Array(from.length).fill(local));
}

describe('JunctionSearch on small networks with exact ties, one-way streets and closures', () => {
  it('answers as ShortestPathTree from every node, both ways, with and without closures', () => {
    const wrong: string[] = [];
    let ties = 0;
    for (let k = 0; k < 60 && wrong.length === 0; k++) {
      const rand = mulberry32(1000 + k);
      const net = smallNetwork(rand, 6 + (k % 10));
      const closed = closures(net, 0.12, rand);
      for (let root = 0; root < net.nodeCount && wrong.length === 0; root++) {
        for (const reversed of [true, false]) {
          wrong.push(...differences(net, root, reversed, undefined, undefined, 12, root + k, 120));
          wrong.push(...differences(net, root, reversed, undefined, reversed ? closed.rev : closed.out, 12, root + k + 1, 120));
        }
        // How often a node is reached equally fast by two ways (the searches must break the tie alike).
        const full = new ShortestPathTree(net, root, true);
        full.settleAll();
        const { offsets, targets } = net.rev;
        const sec = edgeSecondsOf(net, net.rev, undefined);
        for (let w = 0; w < net.nodeCount; w++) {
          let ways = 0;
          for (let p = offsets[w]!; p < offsets[w + 1]!; p++) if (full.seconds[targets[p]!]! + sec[p]! === full.seconds[w] && w !== root) ways++;
          if (ways > 1) ties++;
        }
      }
    }
    expect(wrong.slice(0, 5)).toEqual([]);
    expect(ties).toBeGreaterThan(100);
  });

  it('answers as ShortestPathTree on a ring without junctions and where two one-way streets end', () => {
    // 0-1-2-3-0: a ring of shape points only. 5: two one-way streets end there (4 → 5 ← 6), so no
    // road leads through it and no piece of the junction graph passes it; 4 and 6 are crossings.
    const ways = [[0, 1], [1, 2], [2, 3], [3, 0], [4, 7], [4, 8], [6, 9], [6, 10], [7, 9]];
    const oneWay = [[4, 5], [6, 5]];
    const from = [...ways.flatMap(([a, b]) => [a!, b!]), ...oneWay.map(([a]) => a!)];
    const to = [...ways.flatMap(([a, b]) => [b!, a!]), ...oneWay.map(([, b]) => b!)];
    const n = 11;
    const net = buildRoadNetwork(Float64Array.from({ length: n }, (_, i) => i * 1e-3), Float64Array.from({ length: n }, (_, i) => (i % 3) * 1e-3),
      Int32Array.from(from), Int32Array.from(to), new Float32Array(from.length).fill(100), new Uint8Array(from.length));
    expect(Array.from(shapePoints(net))).toEqual([1, 1, 1, 1, 0, 1, 0, 1, 0, 1, 0]);
    const wrong: string[] = [];
    for (let root = 0; root < n; root++) for (const reversed of [true, false]) wrong.push(...differences(net, root, reversed, undefined, undefined, 6, root, 60));
    expect(wrong).toEqual([]);
  });

  // Root 2, a shape point halfway round a ring 0-1-2-3-0 of equal 100 m streets, and a spur 0-4 (0 is a junction):
  // both ways round reach 0 in 200 m. Settled first, 2 walks its road towards 1 first (its first edge in the
  // reversed CSR leads to 1), then towards 3, which reaches 0 no faster: 0 keeps the way through 1, and so does 4.
  const lat = Float64Array.from([0, 0.001, 0.002, 0.001, -0.001]);
  const lon = Float64Array.from([0, 0.001, 0, -0.001, 0]);
  const ways = [[0, 1], [1, 2], [2, 3], [3, 0], [0, 4]];
  const ring = buildRoadNetwork(lat, lon, Int32Array.from(ways.flatMap(([a, b]) => [a!, b!])), Int32Array.from(ways.flatMap(([a, b]) => [b!, a!])),
    new Float32Array(2 * ways.length).fill(100), new Uint8Array(2 * ways.length));

  it('a junction both ways of a shape-point root reach equally fast keeps the way walked first', () => {
    expect(Array.from(shapePoints(ring))).toEqual([0, 1, 1, 1, 0]);
    expect(ring.rev.targets[ring.rev.offsets[2]!]).toBe(1);
    const search = new JunctionSearch(ring, 2, true);
    const out = newWalk();
    expect(search.settle(4)).toBe(true);
    const count = search.walk(4, out);
    expect(Array.from(out.nodes.subarray(0, count))).toEqual([4, 0, 1, 2]);
    expect(differences(ring, 2, true, undefined, undefined, 5, 1, 100)).toEqual([]);
  });

  it('a shape point both ends of its road reach equally fast keeps the end settled first', () => {
    // Root 4 (the spur's end): 0 is settled, walks its ring both ways; 2 is 200 m from 0 either way and
    // keeps the way walked first, through 1 (0's first edge in the reversed CSR leads to 1).
    expect(ring.rev.targets[ring.rev.offsets[0]!]).toBe(1);
    const search = new JunctionSearch(ring, 4, true);
    const out = newWalk();
    expect(search.settle(2)).toBe(true);
    const count = search.walk(2, out);
    expect(Array.from(out.nodes.subarray(0, count))).toEqual([2, 1, 0, 4]);
    expect(differences(ring, 4, true, undefined, undefined, 5, 2, 100)).toEqual([]);
  });
});
