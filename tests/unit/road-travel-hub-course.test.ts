// A drive from or to a station is read off the station's tree (road-travel.ts hubCourse,
// junction-tree.ts drive): its path, the time at each vertex, its road edges and its metres are
// written in one pass over the tree's path. route() must give the figures travel() gives for the
// same drive (travel walks the tree and sums the metres on its own), bit for bit, its offsets must be
// the access leg plus the tree's seconds along the road, and its path must run from the start's node
// to the destination's, whether the station's tree answers forward (from the station) or reversed
// (towards it, on a network with one-way streets).
import { describe, expect, it } from 'vitest';
import { loadWorld } from '../../server/scenario/load-world.ts';
import { mulberry32 } from '../../server/geo/generate-roads.ts';
import { isSymmetric, nodeLatLon } from '../../server/geo/road-network.ts';
import { snap } from '../../server/geo/router.ts';
import { roadTravel } from '../../server/geo/road-travel.ts';
import type { LatLon } from '../../shared/geo.ts';
import { withOneWays } from '../fixtures/one-way-network.ts';

const world = loadWorld({});
const demo = world.roads!;
const stations = world.region.stations.map((s) => s.location);

describe('road travel: drives from and to a station', () => {
  for (const [name, net] of [['two-way streets', demo], ['one-way streets', withOneWays(demo)]] as const) {
    it(`${name}: route() has travel()'s seconds and metres exactly, a path from node to node and offsets rising to the seconds`, () => {
      if (net !== demo) expect(isSymmetric(net)).toBe(false);
      const model = roadTravel(net, world.doctrine, { startLocalMs: 8 * 3_600_000, hubs: stations });
      const rand = mulberry32(11);
      const pick = (): LatLon => { const p = nodeLatLon(net, Math.floor(rand() * net.nodeCount)); return [p[0] + 2e-4, p[1] - 1e-4]; };
      let checked = 0;
      for (let i = 0; i < 150; i++) {
        const s = stations[i % stations.length]!;
        const p = pick();
        for (const [a, b] of [[s, p], [p, s]] as const) {
          const t = i * 900_000;
          const sc = i % 2 ? 'heavy' : 'light';
          const course = model.route(a, b, sc, t);
          if (!Number.isFinite(course.seconds)) continue;
          const travel = model.travel(a, b, sc, t);
          expect(course.seconds).toBe(travel.seconds);
          expect(course.distanceM).toBe(travel.distanceM);
          const n = course.path.length;
          expect(course.path[0]).toBe(a);
          expect(course.path[n - 1]).toBe(b);
          expect(course.path[1]).toEqual(nodeLatLon(net, snap(net, a).node));
          expect(course.path[n - 2]).toEqual(nodeLatLon(net, snap(net, b).node));
          expect(course.offsets).toHaveLength(n);
          expect(course.edges).toHaveLength(n - 3);
          expect(course.roadFrom).toBe(1);
          expect(course.offsets[0]).toBe(0);
          expect(course.offsets[n - 1]).toBe(course.seconds);
          for (let j = 1; j < n; j++) expect(course.offsets[j]!).toBeGreaterThanOrEqual(course.offsets[j - 1]!);
          // The road part takes the seconds between the first and the last road vertex.
          const access = model.travel(a, nodeLatLon(net, snap(net, a).node), sc, t).seconds;
          expect(course.offsets[1]).toBeCloseTo(access, 9);
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(30);
    });
  }
});
