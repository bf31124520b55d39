// A search settled only as far as drives ask (router.ts ShortestPathTree, as the road model's reverse
// trees are) must answer exactly as the complete tree does (completeTree, the same search run to its
// end): the road model's answers, and so the event log, depend on it.
// Asked in a scattered order, every node's seconds and the edge it is reached by equal the complete
// tree's bit for bit, forward and reversed, with and without traffic factors; and a node not settled
// yet is never nearer than the frontier (the landmark bound relies on it).
import { describe, expect, it } from 'vitest';
import { loadWorld } from '../../server/scenario/load-world.ts';
import { generateDemoRoads, mulberry32 } from '../../server/geo/generate-roads.ts';
import { ShortestPathTree, completeTree, rowOf } from '../../server/geo/router.ts';

const world = loadWorld({});
const net = generateDemoRoads(world.region);

describe('a search settled as far as asked', () => {
  const rush = new Float64Array(net.classes.length).fill(1);
  net.classes.forEach((c, i) => { if (c === 'arterial' || c === 'local') rush[i] = 0.8; });
  const cases = [
    { root: 0, reversed: false, factors: undefined },
    { root: Math.floor(net.nodeCount / 2), reversed: true, factors: rush },
    { root: net.nodeCount - 1, reversed: false, factors: rush },
  ];
  for (const { root, reversed, factors } of cases) {
    it(`equals the complete tree from node ${root} (${reversed ? 'reversed' : 'forward'}, ${factors ? 'rush hour' : 'free flow'})`, () => {
      const full = completeTree(net, root, reversed, factors);
      const grow = new ShortestPathTree(net, root, reversed, factors);
      const row = rowOf(reversed ? net.rev : net.out);
      const rand = mulberry32(root + 1);
      for (let q = 0; q < 300; q++) {
        const node = Math.floor(rand() * net.nodeCount);
        grow.settle(node);
        expect(grow.seconds[node]).toBe(full.seconds[node]);
        // The walk to the root reads the edges of every node on the way: all settled, all final.
        for (let v = node, steps = 0; v !== root && grow.via[v]! >= 0 && steps < net.nodeCount; steps++) {
          expect(grow.isFinal(v)).toBe(true);
          expect(grow.via[v]).toBe(full.via[v]);
          v = row[grow.via[v]!]!;
        }
        for (let v = 0; v < net.nodeCount; v += 97) if (!grow.isFinal(v)) expect(full.seconds[v]).toBeGreaterThanOrEqual(grow.frontier);
      }
      for (let v = 0; v < net.nodeCount; v++) grow.settle(v);
      expect(Array.from(grow.seconds)).toEqual(Array.from(full.seconds));
      expect(Array.from(grow.via)).toEqual(Array.from(full.via));
    });
  }
});
