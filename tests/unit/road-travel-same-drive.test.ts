// The units of one station sent to one place ask the road model for the same drive one after
// another, and it hands the later ones the first one's path and road edges (road-travel.ts
// lastDrive). Each must still get exactly the drive it would get asked alone: its own seconds and
// times (its speed class), the same path, distance and edges; and a drive at another hour, to
// another place or from another place is planned afresh.
import { describe, expect, it } from 'vitest';
import { loadWorld } from '../../server/scenario/load-world.ts';
import { mulberry32 } from '../../server/geo/generate-roads.ts';
import { nodeLatLon } from '../../server/geo/road-network.ts';
import { roadTravel } from '../../server/geo/road-travel.ts';
import type { SpeedClass } from '../../shared/domain/forces.ts';
import type { LatLon } from '../../shared/geo.ts';
import type { Course } from '../../server/engine/kernel/ports.ts';

const world = loadWorld({});
const net = world.roads!;
const stations = world.region.stations.map((s) => s.location);

/** The same course, number for number, as a road model that was asked nothing else. */
function expectSameCourse(again: Course, alone: Course): void {
  expect(again.seconds).toBe(alone.seconds);
  expect(again.distanceM).toBe(alone.distanceM);
  expect(again.offsets).toEqual(alone.offsets);
  expect(again.path).toEqual(alone.path);
  expect(again.edges).toEqual(alone.edges);
}
const rand = mulberry32(7);
const pick = (): LatLon => { const p = nodeLatLon(net, Math.floor(rand() * net.nodeCount)); return [p[0] + 3e-4, p[1] - 2e-4]; };
const classes: SpeedClass[] = ['heavy', 'light', 'medium', 'trailer', 'on-foot'];
const morningRush = -4 * 3_600_000; // 08:00 with the model's noon start

describe('road travel: the same drive asked again', () => {
  it('gives every speed class the drive it gets asked alone, from stations and from elsewhere, at two hours', () => {
    const asked = roadTravel(net, world.doctrine, { startLocalMs: 12 * 3_600_000, hubs: stations });
    let shared = 0;
    for (let k = 0; k < 24; k++) {
      const to = pick();
      const from = k % 2 === 0 ? stations[k % stations.length]! : pick();
      const t = k % 3 === 0 ? morningRush : 0;
      const first = asked.route(from, to, classes[0]!, t);
      for (const sc of classes) {
        const again = asked.route([from[0], from[1]], [to[0], to[1]], sc, t); // equal places, other arrays
        // Alone: a model that has planned nothing yet (the trees it shares are the same either way).
        const alone = roadTravel(net, world.doctrine, { startLocalMs: 12 * 3_600_000, hubs: stations }).route(from, to, sc, t);
        expectSameCourse(again, alone);
        if (sc !== 'on-foot' && again.path === first.path) shared++;
      }
    }
    // The later vehicles of a drive did share the first one's path (walkers have their own weighting).
    expect(shared).toBeGreaterThanOrEqual(24 * 3);
  });

  it('reads the times of drives to a station, and after a drive asked for its metres alone, as if asked alone', () => {
    // The shared drive's times are read off its tree walk: towards a station (the walk is the drive)
    // as well as from one (the walk leads back); a travel() question walks too, and must not leave
    // the next vehicle the wrong times.
    const asked = roadTravel(net, world.doctrine, { startLocalMs: 12 * 3_600_000, hubs: stations });
    let shared = 0;
    for (let k = 0; k < 24; k++) {
      const place = pick();
      const station = stations[k % stations.length]!;
      const [from, to] = k % 2 === 0 ? [place, station] : [station, place];
      const t = k % 3 === 0 ? morningRush : 0;
      const first = asked.route(from, to, classes[0]!, t);
      for (const sc of classes) {
        if (sc === 'medium' && k % 4 < 2) asked.travel(pick(), k % 4 === 0 ? station : pick(), sc, t);
        const again = asked.route(from, to, sc, t);
        const alone = roadTravel(net, world.doctrine, { startLocalMs: 12 * 3_600_000, hubs: stations }).route(from, to, sc, t);
        expectSameCourse(again, alone);
        if (sc !== 'on-foot' && again.path === first.path) shared++;
      }
    }
    expect(shared).toBeGreaterThanOrEqual(24 * 2);
  });
});
