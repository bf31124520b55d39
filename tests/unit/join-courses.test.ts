// A unit redirected on the road first finishes its stretch to the next junction (aheadOf), then
// drives a new course from there: joinCourses writes the two into one course by index. It must be
// the plain join: the lead's path then the rest's after its first point, the lead's offsets then the
// rest's after its first shifted by the lead's seconds, the rest's road edges counted on from the
// join, bit for bit, for road courses (kept as nodes) and plain ones alike.
import { describe, expect, it } from 'vitest';
import { loadWorld } from '../../server/scenario/load-world.ts';
import { mulberry32 } from '../../server/geo/generate-roads.ts';
import { nodeLatLon } from '../../server/geo/road-network.ts';
import { roadTravel } from '../../server/geo/road-travel.ts';
import { aheadOf, joinCourses } from '../../server/engine/kernel/course.ts';
import type { Course } from '../../server/engine/kernel/ports.ts';
import type { LatLon } from '../../shared/geo.ts';

const world = loadWorld({});
const net = world.roads!;
const stations = world.region.stations.map((s) => s.location);

/** The join written plainly. */
function plainJoin(lead: Course, rest: Course): Course {
  if (!Number.isFinite(rest.seconds)) return { seconds: Infinity, distanceM: Infinity, path: [lead.path[0]!], offsets: [0] };
  if (lead.path.length <= 1) return rest;
  const joined: Course = {
    seconds: lead.seconds + rest.seconds,
    distanceM: lead.distanceM + rest.distanceM,
    path: [...lead.path, ...rest.path.slice(1)],
    offsets: [...lead.offsets, ...rest.offsets.slice(1).map((o) => o + lead.seconds)],
  };
  if (rest.edges && rest.roadFrom !== undefined) {
    joined.edges = rest.edges;
    joined.roadFrom = rest.roadFrom + lead.path.length - 1;
  }
  return joined;
}

describe('joinCourses', () => {
  it('joins the stretch ahead of a unit to its new course as the plain join does, bit for bit', () => {
    const model = roadTravel(net, world.doctrine, { startLocalMs: 8 * 3_600_000, hubs: stations });
    const rand = mulberry32(17);
    const pick = (): LatLon => { const p = nodeLatLon(net, Math.floor(rand() * net.nodeCount)); return [p[0] + 1e-4, p[1] - 2e-4]; };
    let joined = 0;
    for (let i = 0; i < 60; i++) {
      const s = stations[i % stations.length]!;
      const first = model.route(s, pick(), i % 2 ? 'heavy' : 'light', i * 600_000);
      if (!Number.isFinite(first.seconds)) continue;
      const here: LatLon = [s[0] + 1e-4, s[1]];
      const lead = aheadOf(first, first.seconds * rand(), here);
      const at = lead.path[lead.path.length - 1]!;
      const rest = model.route(at, i % 3 ? pick() : stations[(i + 5) % stations.length]!, 'heavy', i * 600_000);
      const got = joinCourses(lead, rest);
      const want = plainJoin(lead, rest);
      expect(got.seconds).toBe(want.seconds);
      expect(got.distanceM).toBe(want.distanceM);
      expect(got.path).toEqual(want.path);
      expect(got.offsets.length).toBe(want.offsets.length);
      for (let k = 0; k < want.offsets.length; k++) expect(Object.is(got.offsets[k], want.offsets[k])).toBe(true);
      expect(got.edges).toBe(want.edges);
      expect(got.roadFrom).toBe(want.roadFrom);
      // A plain lead of several points joined to a plain rest.
      const plainRest: Course = { seconds: rest.seconds, distanceM: rest.distanceM, path: [...rest.path], offsets: [...rest.offsets] };
      const longLead: Course = { seconds: 3.25, distanceM: 40, path: [here, [here[0] + 1e-4, here[1]], at], offsets: [0, 1.5, 3.25] };
      expect(joinCourses(longLead, plainRest)).toEqual(plainJoin(longLead, plainRest));
      if (lead.path.length > 1) joined++;
    }
    expect(joined).toBeGreaterThan(20);
  });
});
