// Where a crew without protection stops when it is sent into a plume's hot or warm zone (level 2
// footprint or worse, or the ERG isolation circle): approach from upwind (DOMAIN.md §9).
// - Near the source (downwind distance within the isolation radius + margin): upwind of the
//   source, `isolation radius + margin` metres against the wind.
// - Further downwind: crosswind, on the side the place lies, `margin` beyond the edge of the warm
//   zone at that downwind distance (the edge found by stepping out 10 m at a time along the
//   crosswind line until the level drops below 2).
// Outside the hot and warm zones: undefined (go there directly).
import type { LatLon } from '../../shared/geo.ts';
import type { ChemicalZones } from './chemical-zones.ts';
import { levelAt } from './zone-effects.ts';

const STEP_M = 10;

export function stagingPoint(zones: ChemicalZones, to: LatLon, marginM: number): LatLon | undefined {
  if (levelAt(zones, to) < 2) return undefined;
  const [x, y] = zones.frame.toLocal(to);
  const r = zones.erg.isolation.radiusM;
  if (x <= r + marginM) return zones.frame.toLatLon(-(r + marginM), 0);
  const side = y < 0 ? -1 : 1;
  let edge = Math.abs(y);
  const limit = (zones.threat.find((z) => z.level === 1)?.widthM ?? 10_000) / 2 + STEP_M;
  while (edge < limit && levelAt(zones, zones.frame.toLatLon(x, side * edge)) >= 2) edge += STEP_M;
  return zones.frame.toLatLon(x, side * (edge + marginM));
}
