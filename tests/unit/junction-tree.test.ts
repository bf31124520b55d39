// A station's tree kept over junctions only (junction-tree.ts) must answer exactly as the complete
// tree over every node does (router.ts completeTree): the road model's answers, and so the event
// log, depend on it. Asked in a scattered order, every node's seconds, and its walk to the root
// (each node, its seconds and the edge it is reached by), equal the complete tree's bit for bit,
// forward and reversed, with and without traffic factors, from a root that is a junction and from
// one that is a shape point of the road (a station there is made a junction); a node whose
// seconds are not final yet is never nearer than the frontier, and a node located for the landmark
// bound (locate, soFar) has its seconds so far within rounding and the same finality (the landmark
// bound relies on both).
import { describe, expect, it } from 'vitest';
import { loadWorld } from '../../server/scenario/load-world.ts';
import { generateDemoRoads, mulberry32 } from '../../server/geo/generate-roads.ts';
import { completeTree, rowOf, shapePoints } from '../../server/geo/router.ts';
import { JunctionTree, junctionGraph, pieceRoads, walkMetres, type DriveTimes, type LocatedNode, type TreeDrive, type TreeWalk } from '../../server/geo/junction-tree.ts';
import { buildRoadNetwork } from '../../server/geo/road-network.ts';

const world = loadWorld({});
const net = generateDemoRoads(world.region);
const interior = shapePoints(net);

describe('JunctionTree', () => {
  const rush = new Float64Array(net.classes.length).fill(1);
  net.classes.forEach((c, i) => { if (c === 'arterial' || c === 'local') rush[i] = 0.8; });
  const junction = interior.findIndex((x) => x === 0);
  const shape = interior.findIndex((x, v) => x === 1 && v > net.nodeCount / 2);
  const other = interior.findIndex((x, v) => x === 1 && v > net.nodeCount / 3);
  const cases = [
    { root: junction, reversed: false, factors: undefined },
    { root: shape, reversed: true, factors: rush },
    { root: other, reversed: false, factors: rush },
  ];
  it('the cases start from a junction and from shape points', () => {
    expect(interior[cases[0]!.root]).toBe(0);
    expect(interior[cases[1]!.root]).toBe(1);
    expect(interior[cases[2]!.root]).toBe(1);
  });
  for (const { root, reversed, factors } of cases) {
    it(`equals the complete tree from node ${root} (${reversed ? 'reversed' : 'forward'}, ${factors ? 'rush hour' : 'free flow'})`, () => {
      const csr = reversed ? net.rev : net.out;
      const full = completeTree(net, root, reversed, factors);
      // Stations are junctions of the graph: the root and two more nodes.
      const graph = junctionGraph(net, csr, [root, cases[1]!.root, cases[2]!.root]);
      const tree = new JunctionTree(net, graph, root, factors);
      const row = rowOf(csr);
      const out: TreeWalk = { nodes: new Int32Array(16), seconds: new Float64Array(16), edges: new Int32Array(16) };
      const located: LocatedNode = { junction: -1, tail0: -1, tail1: -1, from0: 0, from1: 0 };
      const rand = mulberry32(root + 7);
      // Gathered, then compared at once: an expect per node would cost more than the trees.
      const wrong: string[] = [];
      for (let q = 0; q < 400; q++) {
        const node = Math.floor(rand() * net.nodeCount);
        tree.settleTo(node);
        if (!tree.isFinal(node)) wrong.push(`${node} not final after settleTo`);
        if (tree.secondsAt(node) !== full.seconds[node]) wrong.push(`${node}: ${tree.secondsAt(node)} s, complete tree ${full.seconds[node]}`);
        if (full.seconds[node] === Infinity) continue;
        const count = tree.walk(node, out);
        let v = node;
        for (let i = 0; i < count; i++) {
          if (out.nodes[i] !== v || out.seconds[i] !== full.seconds[v] || out.edges[i] !== full.via[v]) wrong.push(`walk from ${node}, step ${i}: node ${out.nodes[i]} (${v}), ${out.seconds[i]} s (${full.seconds[v]}), edge ${out.edges[i]} (${full.via[v]})`);
          if (i < count - 1) v = row[full.via[v]!]!;
        }
        if (v !== root) wrong.push(`walk from ${node} ends at ${v}`);
        for (let u = 0; u < net.nodeCount; u += 89) {
          if (!tree.isFinal(u) && full.seconds[u]! < tree.frontier) wrong.push(`${u} not final, nearer than the frontier`);
          // What the landmark bound reads: the seconds so far within rounding (a road summed in one go), the same finality.
          tree.locate(u, located);
          const soFar = tree.soFar(located);
          const known = tree.known(u);
          if (tree.lastFinal !== tree.isFinal(u)) wrong.push(`${u}: located final ${tree.lastFinal}, isFinal ${tree.isFinal(u)}`);
          if (soFar !== known && !(Math.abs(soFar - known) <= 1e-12 * known)) wrong.push(`${u}: located ${soFar} s, known ${known}`);
        }
      }
      for (let u = 0; u < net.nodeCount; u++) {
        tree.settleTo(u);
        if (tree.secondsAt(u) !== full.seconds[u]) wrong.push(`${u}: ${tree.secondsAt(u)} s, complete tree ${full.seconds[u]}`);
      }
      expect(wrong.slice(0, 5)).toEqual([]);
    });
  }

  it('drive() writes what walk() and a copy in driving order give, bit for bit, both ways', () => {
    // The course of a drive from a hub tree (road-travel.ts hubCourse) is written by drive() in one
    // pass; the plain way walks the node back to the root, then copies it in driving order (offsets:
    // the access seconds plus the tree seconds, or the seconds left to the root, over the divisor).
    const wrong: string[] = [];
    for (const { root, reversed, factors } of cases) {
      const csr = reversed ? net.rev : net.out;
      const graph = junctionGraph(net, csr, [root, cases[1]!.root, cases[2]!.root]);
      const tree = new JunctionTree(net, graph, root, factors);
      // Any table of road edges by CSR position will do: the drive must read it through its pieces.
      const driven = Int32Array.from(csr.targets, (_, e) => 3 * e + 1);
      const roads = pieceRoads(graph, driven);
      const walked: TreeWalk = { nodes: new Int32Array(16), seconds: new Float64Array(16), edges: new Int32Array(16) };
      const drive: TreeDrive = { nodes: [], offsets: [], edges: [], seconds: new Float64Array(4), metres: 0 };
      const rand = mulberry32(root + 3);
      for (let q = 0; q < 300; q++) {
        const node = q === 0 ? root : Math.floor(rand() * net.nodeCount);
        tree.settleTo(node);
        if (tree.secondsAt(node) === Infinity) continue;
        const fromRoot = q % 2 === 0;
        const road = tree.secondsAt(node);
        const at: DriveTimes = { ea: 1 + rand() * 60, road, div: 0.85 + rand() * 0.4, total: 0 };
        at.total = at.ea + road / at.div + 17;
        const count = tree.walk(node, walked);
        const nodes: number[] = [], offsets: number[] = [0], edges: number[] = [], seconds: number[] = [];
        for (let k = 0; k < count; k++) {
          const i = fromRoot ? count - 1 - k : k; // the walk's position of drive node k
          nodes.push(walked.nodes[i]!);
          seconds.push(walked.seconds[i]!);
          offsets.push(at.ea + (fromRoot ? walked.seconds[i]! : road - walked.seconds[i]!) / at.div);
          if (k < count - 1) edges.push(driven[walked.edges[fromRoot ? i - 1 : i]!]!);
        }
        offsets.push(at.total);
        const metres = walkMetres(walked, count, csr.lengthM);
        const got = tree.drive(node, fromRoot, roads, at, drive);
        const same = (a: ArrayLike<number>, b: ArrayLike<number>, n: number): boolean => {
          for (let k = 0; k < n; k++) if (!Object.is(a[k], b[k])) return false;
          return a.length === n || a instanceof Float64Array;
        };
        if (got !== count) wrong.push(`${node}: ${got} nodes, walk ${count}`);
        else if (!same(drive.nodes, nodes, count) || !same(drive.edges, edges, count - 1) || !same(drive.offsets, offsets, count + 2) || !same(drive.seconds, seconds, count) || drive.metres !== metres) {
          wrong.push(`drive to ${node} (${fromRoot ? 'from' : 'to'} root ${root}) differs from the walk`);
        }
      }
    }
    expect(wrong.slice(0, 5)).toEqual([]);
  });

  it('a shape point both ends of its road reach equally fast keeps the end walked first, as the complete tree does', () => {
    // Root 0 (a junction: a spur to 5 besides its ring), a ring 0-1-2-3-0 of equal 100 m streets:
    // node 2 is 200 m both ways round. The complete tree keeps the way it walked first (0-1-2).
    const lat = Float64Array.from([0, 0.001, 0.002, 0.001, 0, -0.001]);
    const lon = Float64Array.from([0, 0.001, 0, -0.001, 0, 0]);
    const ways = [[0, 1], [1, 2], [2, 3], [3, 0], [0, 5]];
    const from = Int32Array.from(ways.flatMap(([a, b]) => [a!, b!]));
    const to = Int32Array.from(ways.flatMap(([a, b]) => [b!, a!]));
    const ring = buildRoadNetwork(lat, lon, from, to, new Float32Array(from.length).fill(100), new Uint8Array(from.length));
    const full = completeTree(ring, 0, false);
    const tree = new JunctionTree(ring, junctionGraph(ring, ring.out, [0]), 0);
    const out: TreeWalk = { nodes: new Int32Array(4), seconds: new Float64Array(4), edges: new Int32Array(4) };
    tree.settleTo(2);
    expect(tree.secondsAt(2)).toBe(full.seconds[2]);
    const count = tree.walk(2, out);
    const row = rowOf(ring.out);
    expect(Array.from(out.nodes.subarray(0, count))).toEqual([2, row[full.via[2]!]!, 0]);
    expect(out.edges[0]).toBe(full.via[2]);
  });
});
