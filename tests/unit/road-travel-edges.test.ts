// The road edges a routed course lists (what closures are checked against while a unit drives):
// edge i leads from road vertex i to vertex i + 1 of the path, and is the edge findEdge names between
// them (the shortest of parallel edges), whichever tree answered: a station's forward tree, a tree
// towards a station (reversed, on a network with one-way streets), or a destination's reverse tree.
import { describe, expect, it } from 'vitest';
import { loadWorld } from '../../server/scenario/load-world.ts';
import { mulberry32 } from '../../server/geo/generate-roads.ts';
import { findEdge, isSymmetric, nodeLatLon, type RoadNetwork } from '../../server/geo/road-network.ts';
import { rowOf } from '../../server/geo/router.ts';
import { roadTravel } from '../../server/geo/road-travel.ts';
import type { Course } from '../../server/engine/kernel/ports.ts';
import { withOneWays } from '../fixtures/one-way-network.ts';

const world = loadWorld({});
const demo = world.roads!;
const stations = world.region.stations.map((s) => s.location);

function checkEdges(net: RoadNetwork, course: Course): number {
  const row = rowOf(net.out);
  const from = course.roadFrom!;
  course.edges!.forEach((e, i) => {
    const tail = row[e]!, head = net.out.targets[e]!;
    expect(nodeLatLon(net, tail)).toEqual(course.path[from + i]);
    expect(nodeLatLon(net, head)).toEqual(course.path[from + i + 1]);
    expect(findEdge(net, tail, head)).toBe(e);
  });
  return course.edges!.length;
}

describe('road travel: the edges of a course', () => {
  for (const [name, net] of [['demo county (two-way streets)', demo], ['with one-way streets and parallel edges', withOneWays(demo, { parallels: true })]] as const) {
    it(`${name}: each edge joins consecutive road vertices and is findEdge's`, () => {
      if (net !== demo) expect(isSymmetric(net)).toBe(false);
      const model = roadTravel(net, world.doctrine, { startLocalMs: 8 * 3_600_000, hubs: stations });
      const rand = mulberry32(7);
      const pick = () => nodeLatLon(net, Math.floor(rand() * net.nodeCount));
      let edges = 0;
      for (let i = 0; i < 30; i++) {
        const s = stations[i % stations.length]!;
        const p = pick();
        for (const [a, b] of [[s, p], [p, s], [p, pick()]] as const) {
          const course = model.route(a, b, i % 2 ? 'heavy' : 'light', i * 600_000);
          if (Number.isFinite(course.seconds)) edges += checkEdges(net, course);
        }
      }
      expect(edges).toBeGreaterThan(500);
    });
  }
});
