// Default travel-time model until the road network lands: great-circle distance × detour factor,
// driven at the average speed of the unit's class (both from seeds/doctrine.yaml).
import { haversineM, type LatLon } from '../../shared/geo.ts';
import type { Doctrine } from '../../shared/schemas/doctrine.ts';
import type { SpeedClass } from '../../shared/domain/forces.ts';
import type { TravelTimeModel } from './types.ts';

export function greatCircleTravel(doctrine: Doctrine): TravelTimeModel {
  const mps = Object.fromEntries(Object.entries(doctrine.speedsKmh).map(([k, v]) => [k, v / 3.6])) as Record<SpeedClass, number>;
  return {
    travel(from: LatLon, to: LatLon, speedClass: SpeedClass) {
      const distanceM = haversineM(from, to) * doctrine.detourFactor;
      return { seconds: distanceM / mps[speedClass], distanceM };
    },
  };
}
