// Where a unit is on its leg at a sim time. A leg is straight (from → to) or follows a routed path
// whose vertices carry the sim time the unit passes them; the position is derived, never stored, so
// server, board and replay agree without per-tick state.
import { lerpLatLon, type LatLon } from './geo.ts';
import type { Leg } from './events.ts';
import { TRACK_SCALE } from './leg-track.ts';

export function positionOnLeg(leg: Leg, t: number): LatLon {
  const { track } = leg;
  if (track) {
    if (track.length >= 6) return positionOnTrack(track, leg.departAt, t);
  } else if (leg.path && leg.times && leg.path.length >= 2 && leg.times.length === leg.path.length) {
    return positionOnPath(leg.path, leg.times, t);
  }
  const span = leg.arriveAt - leg.departAt;
  return lerpLatLon(leg.from, leg.to, span > 0 ? (t - leg.departAt) / span : 1);
}

/**
 * The track read vertex by vertex, nothing allocated but the answer: the segment holding t is the
 * first whose end is passed after t (the same segment positionOnPath's search finds), and its ends
 * are the numbers legVertices decodes.
 */
function positionOnTrack(track: readonly number[], departAt: number, t: number): LatLon {
  let lat = track[0]!, lon = track[1]!, at = departAt + track[2]!;
  if (t <= at) return [lat / TRACK_SCALE, lon / TRACK_SCALE];
  for (let k = 3; k < track.length; k += 3) {
    const lat1 = lat + track[k]!, lon1 = lon + track[k + 1]!, at1 = at + track[k + 2]!;
    if (at1 > t) return lerpLatLon([lat / TRACK_SCALE, lon / TRACK_SCALE], [lat1 / TRACK_SCALE, lon1 / TRACK_SCALE], (t - at) / (at1 - at));
    lat = lat1; lon = lon1; at = at1;
  }
  return [lat / TRACK_SCALE, lon / TRACK_SCALE];
}

/** Legs of logs written before tracks: [lat, lon] pairs and absolute times. */
function positionOnPath(path: readonly LatLon[], times: readonly number[], t: number): LatLon {
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
