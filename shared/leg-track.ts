// The road path of a routed leg as the log carries it: one flat array of whole numbers, three per
// vertex, each the change from the vertex before (the first from latitude 0, longitude 0 and the
// leg's departAt): [Δlat, Δlon, Δms, Δlat, Δlon, Δms, …] with coordinates in 1e-5° (~1 m, the
// precision legs always had). A year of drives holds ~4.6 million vertices: as [lat, lon] pairs they
// were two heap objects each, built, kept and collected; as small integers in one array they are
// cheap to build, and short in the log (a vertex is ~10 JSON characters, against ~35).
// Decoding gives back exactly the numbers the pairs held (round to 1e-5°: k / 1e5 for the integer k).
// Logs written before this form carry `path` (LatLon[]) and `times` (absolute ms) instead: every
// reader goes through `legVertices` or `positionOnLeg`, which read both.
import type { LatLon } from './geo.ts';
import type { Leg } from './events.ts';

/**
 * A leg's path is simplified (Douglas–Peucker, shared/douglas-peucker.ts): a point closer than this to
 * the simplified line is dropped (metres).
 */
export const SIMPLIFY_M = 10;

/**
 * What a road network's own simplification says of a node, for the legs that pass it (NodePath.kept):
 * a point of a road a leg may leave out, one it keeps, or a junction, which a leg keeps unless it goes
 * straight on through it (within JUNCTION_SLACK_M of the line it is drawn along).
 */
export const NODE_DRAWN = { leftOut: 0, kept: 1, junction: 2 } as const;

/** A junction a leg goes straight through is left out when it lies this close to the leg's line (metres). */
export const JUNCTION_SLACK_M = SIMPLIFY_M / 2;

/** Track coordinates are whole multiples of 1 / TRACK_SCALE degrees. */
export const TRACK_SCALE = 1e5;

/** A coordinate in track units (the nearest multiple of 1e-5°). */
export const toTrackUnits = (deg: number): number => Math.round(deg * TRACK_SCALE);

/**
 * The track of `count` vertices: latitudes and longitudes in track units (whole numbers), times in
 * sim ms (whole, non-decreasing, none before `departAt`).
 */
export function encodeTrack(lat: ArrayLike<number>, lon: ArrayLike<number>, times: ArrayLike<number>, count: number, departAt: number): number[] {
  const track = new Array<number>(3 * count);
  let pLat = 0, pLon = 0, pT = departAt;
  for (let i = 0, k = 0; i < count; i++) {
    track[k++] = lat[i]! - pLat;
    track[k++] = lon[i]! - pLon;
    track[k++] = times[i]! - pT;
    pLat = lat[i]!; pLon = lon[i]!; pT = times[i]!;
  }
  return track;
}

/** The vertices of a routed leg (path and sim time at each), or undefined for a straight leg. */
export function legVertices(leg: Leg): { path: LatLon[]; times: number[] } | undefined {
  const { track } = leg;
  if (track) {
    const n = track.length / 3;
    if (n < 2) return undefined;
    const path = new Array<LatLon>(n);
    const times = new Array<number>(n);
    let lat = 0, lon = 0, t = leg.departAt;
    for (let i = 0, k = 0; i < n; i++) {
      lat += track[k++]!; lon += track[k++]!; t += track[k++]!;
      path[i] = [lat / TRACK_SCALE, lon / TRACK_SCALE];
      times[i] = t;
    }
    return { path, times };
  }
  const { path, times } = leg;
  if (!path || !times || path.length < 2 || times.length !== path.length) return undefined;
  return { path, times };
}
