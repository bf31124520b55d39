// Road courses keep their path as road nodes (server/geo/road-course.ts) and make the positions only
// when `path` is read; legOf makes their legs from the nodes, aheadOf reads two positions. Each must
// be exactly what a course with the positions written out gives: the same path (start, each node's
// position, destination), the same leg from legOf as for a plain course with that path and those
// times, whichever course was simplified before (legOf keeps the last path's vertices), and the same
// stretch ahead of a unit at any moment of the drive.
import { describe, expect, it } from 'vitest';
import { loadWorld } from '../../server/scenario/load-world.ts';
import { mulberry32 } from '../../server/geo/generate-roads.ts';
import { nodeLatLon } from '../../server/geo/road-network.ts';
import { roadTravel } from '../../server/geo/road-travel.ts';
import { aheadOf, legOf } from '../../server/engine/kernel/course.ts';
import type { Course } from '../../server/engine/kernel/ports.ts';
import type { LatLon } from '../../shared/geo.ts';
import { withOneWays } from '../fixtures/one-way-network.ts';

const world = loadWorld({});
const stations = world.region.stations.map((s) => s.location);

describe('road courses kept as nodes', () => {
  for (const [name, net] of [['two-way streets', world.roads!], ['one-way streets', withOneWays(world.roads!)]] as const) {
    it(`${name}: path and leg are those of the same course written out as positions`, () => {
      const model = roadTravel(net, world.doctrine, { startLocalMs: 8 * 3_600_000, hubs: stations });
      const rand = mulberry32(5);
      const pick = (): LatLon => { const p = nodeLatLon(net, Math.floor(rand() * net.nodeCount)); return [p[0] + 2e-4, p[1] - 1e-4]; };
      let checked = 0;
      for (let i = 0; i < 120; i++) {
        // From a station, to a station, and between two other places (a reverse tree); each asked
        // twice (the second shares the first's path), once as another class.
        const s = stations[i % stations.length]!;
        const p = pick();
        const [a, b] = i % 3 === 0 ? [s, p] : i % 3 === 1 ? [p, s] : [p, pick()];
        for (const sc of ['heavy', 'light'] as const) {
          const course = model.route(a, b, sc, i * 600_000);
          if (!Number.isFinite(course.seconds)) continue;
          const nodes = course.nodePath!.nodes;
          const written: LatLon[] = [a, ...nodes.map((v) => nodeLatLon(net, v)), b];
          // aheadOf first: before `path` is read, it reads positions off the nodes.
          const road: Course = { seconds: course.seconds, distanceM: course.distanceM, path: written, offsets: [...course.offsets], edges: [...course.edges!], roadFrom: course.roadFrom! };
          const here: LatLon = [a[0] + 1e-4, a[1]];
          for (const f of [0, 0.01, 0.3, 0.7, 0.999, 1]) {
            const e = f * course.seconds;
            expect(aheadOf(course, e, here)).toEqual(aheadOf(road, e, here));
          }
          expect(course.path).toEqual(written);
          expect(course.path[0]).toBe(a);
          expect(course.path[course.path.length - 1]).toBe(b);
          const plain: Course = { seconds: course.seconds, distanceM: course.distanceM, path: written, offsets: [...course.offsets] };
          const t = 1_000_000 + i;
          expect(legOf(course, a, b, t)).toEqual(legOf(plain, a, b, t));
          // And again after the plain one: the nodes' vertices are made afresh, not taken from it.
          expect(legOf(course, a, b, t + 7)).toEqual(legOf({ ...plain, path: [...written] }, a, b, t + 7));
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(20);
    });
  }
});
