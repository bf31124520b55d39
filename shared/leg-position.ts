// Where a unit is on its leg at a sim time. A leg is straight (from → to) or follows a routed path
// whose vertices carry the sim time the unit passes them; the position is derived, never stored, so
// server, board and replay agree without per-tick state.
import { lerpLatLon, type LatLon } from './geo.ts';
import type { Leg } from './events.ts';

export function positionOnLeg(leg: Leg, t: number): LatLon {
  const { path, times } = leg;
  if (!path || !times || path.length < 2 || times.length !== path.length) {
    const span = leg.arriveAt - leg.departAt;
    return lerpLatLon(leg.from, leg.to, span > 0 ? (t - leg.departAt) / span : 1);
  }
  if (t <= times[0]!) return path[0]!;
  const last = times.length - 1;
  if (t >= times[last]!) return path[last]!;
  // Binary search for the segment [i, i+1] holding t.
  let lo = 0;
  let hi = last;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (times[mid]! <= t) lo = mid;
    else hi = mid;
  }
  const t0 = times[lo]!;
  const t1 = times[hi]!;
  return lerpLatLon(path[lo]!, path[hi]!, t1 > t0 ? (t - t0) / (t1 - t0) : 1);
}
