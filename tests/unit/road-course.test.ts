// Road courses keep their path as road nodes (server/geo/road-course.ts) and make the positions only
// when `path` is read; legOf makes their legs from the nodes, aheadOf reads two positions. Each must
// be what a course with the positions written out gives: the same path (start, each node's position,
// destination) and the same stretch ahead of a unit at any moment of the drive. Their legs keep what
// the network's own simplification keeps (nodeKept) and the junctions where they turn, with the path's
// ends and its first and last road node, timed as a plain course's vertices are, whichever course was
// simplified before (legOf keeps the last path's vertices).
import { describe, expect, it } from 'vitest';
import { loadWorld } from '../../server/scenario/load-world.ts';
import { mulberry32 } from '../../server/geo/generate-roads.ts';
import { nodeLatLon } from '../../server/geo/road-network.ts';
import { roadTravel } from '../../server/geo/road-travel.ts';
import { nodeKept } from '../../server/geo/road-course.ts';
import { aheadOf, legOf } from '../../server/engine/kernel/course.ts';
import { JUNCTION_SLACK_M, NODE_DRAWN, toTrackUnits, TRACK_SCALE } from '../../shared/leg-track.ts';
import type { Leg } from '../../shared/events.ts';
import type { Course } from '../../server/engine/kernel/ports.ts';
import type { LatLon } from '../../shared/geo.ts';
import { withOneWays } from '../fixtures/one-way-network.ts';
import { referenceLegOf, type KeptPoint } from '../fixtures/reference-leg.ts';

const world = loadWorld({});
const stations = world.region.stations.map((s) => s.location);

/**
 * The leg of a road course built plainly from its path written out (the reference): the path's ends,
 * its first and last road node and the road points the network keeps (`drawn`), at their positions in
 * track units projected at the start's latitude; a junction is left out while it and the junctions
 * left out since the last vertex kept all lie within JUNCTION_SLACK_M of the line from that vertex to
 * the next point; each vertex timed at departAt + its offset in whole ms (no later than the arrival),
 * neighbours that round to one position merged into one vertex with the later time, the last at the
 * arrival.
 */
function referenceLeg(course: Course, drawn: (i: number) => number, departAt: number): Leg {
  const { path } = course;
  const from = path[0]!, to = path[path.length - 1]!;
  const ky = 111_195 / TRACK_SCALE, kx = (111_195 * Math.cos((from[0] * Math.PI) / 180)) / TRACK_SCALE;
  const unitsOf = (i: number): [number, number] => [toTrackUnits(path[i]![0]), toTrackUnits(path[i]![1])];
  const metres = (i: number): [number, number] => { const [la, lo] = unitsOf(i); return [lo * kx, la * ky]; };
  const slack2 = JUNCTION_SLACK_M ** 2;
  /** Point h lies within the slack of the line from point a to point b. */
  const nearLine = (h: number, a: number, b: number): boolean => {
    const [ax, ay] = metres(a), [bx, by] = metres(b), [hx, hy] = metres(h);
    const dx = bx - ax, dy = by - ay, px = hx - ax, py = hy - ay;
    const len2 = dx * dx + dy * dy;
    const cross = dy * px - dx * py;
    return len2 > 0 ? cross * cross <= slack2 * len2 : px * px + py * py <= slack2;
  };
  const vertices = [0];
  let held: number[] = [];
  for (let i = 1; i < path.length; i++) {
    const d = drawn(i);
    if (d === NODE_DRAWN.leftOut) continue;
    if (held.length > 0 && !held.every((h) => nearLine(h, vertices[vertices.length - 1]!, i))) {
      vertices.push(held[held.length - 1]!);
      held = [];
    }
    if (d === NODE_DRAWN.junction) held.push(i);
    else { vertices.push(i); held = []; }
  }
  return referenceLegOf(course, from, to, departAt, vertices.map((i): KeptPoint => [i, ...unitsOf(i)]));
}

describe('road courses kept as nodes', () => {
  for (const [name, net] of [['two-way streets', world.roads!], ['one-way streets', withOneWays(world.roads!)]] as const) {
    it(`${name}: path and leg are those of the same course written out as positions`, () => {
      const model = roadTravel(net, world.doctrine, { startLocalMs: 8 * 3_600_000, hubs: stations });
      const kept = nodeKept(net);
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
          const m = nodes.length;
          const drawn = (k: number): number => (k <= 1 || k >= m ? NODE_DRAWN.kept : kept[nodes[k - 1]!]!);
          const t = 1_000_000 + i;
          expect(legOf(course, a, b, t)).toEqual(referenceLeg(plain, drawn, t));
          // And again after a plain course (simplified as a whole): the nodes' vertices are made afresh, not taken from it.
          legOf({ ...plain, path: [...written] }, a, b, t);
          expect(legOf(course, a, b, t + 7)).toEqual(referenceLeg(plain, drawn, t + 7));
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(20);
    });
  }
});
