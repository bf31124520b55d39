// Travel without a road network (mini worlds in tests, regions without roads): great-circle
// distance × detour factor, driven at the average speed of the unit's class (both from
// seeds/doctrine.yaml), in a straight line. Closures need roads, so this model has none.
import { haversineM, type LatLon } from '../../../shared/geo.ts';
import type { Doctrine } from '../../../shared/schemas/doctrine.ts';
import type { SpeedClass } from '../../../shared/domain/forces.ts';
import type { Course, TravelTimeModel } from './ports.ts';

export function greatCircleTravel(doctrine: Doctrine): TravelTimeModel {
  const mps = Object.fromEntries(Object.entries(doctrine.speedsKmh).map(([k, v]) => [k, v / 3.6])) as Record<SpeedClass, number>;
  const travel = (from: LatLon, to: LatLon, speedClass: SpeedClass) => {
    const distanceM = haversineM(from, to) * doctrine.detourFactor;
    return { seconds: distanceM / mps[speedClass], distanceM };
  };
  // travel()'s seconds by the same sums, without the object: a recommendation asks for them (and
  // for the bound, the same figure) for every station it looks at.
  const seconds = (from: LatLon, to: LatLon, speedClass: SpeedClass) => (haversineM(from, to) * doctrine.detourFactor) / mps[speedClass];
  return {
    travel,
    travelSeconds: seconds,
    minSeconds: seconds,
    route(from, to, speedClass): Course {
      const { seconds, distanceM } = travel(from, to, speedClass);
      return { seconds, distanceM, path: [from, to], offsets: [0, seconds] };
    },
  };
}
