// The map's opening view: the county itself (its districts, townships and the park), not the outside
// reinforcement echelons 40-150 km away, which would shrink the county to a speck. They stay on
// the map for whoever zooms out.
import type { LatLon } from '../../../shared/geo.ts';
import type { RegionMap } from '../../../shared/map-data.ts';

const IN_COUNTY = new Set(['urban-district', 'township', 'industrial-park']);

/** [[south, west], [north, east]] of the in-county jurisdictions' boundaries; the grid's bounds if there are none. */
export function homeBounds(data: RegionMap): [LatLon, LatLon] {
  let s = Infinity, w = Infinity, n = -Infinity, e = -Infinity;
  for (const j of data.jurisdictions) {
    if (!IN_COUNTY.has(j.kind)) continue;
    for (const ring of j.rings) {
      for (const [lat, lon] of ring) {
        if (lat < s) s = lat;
        if (lat > n) n = lat;
        if (lon < w) w = lon;
        if (lon > e) e = lon;
      }
    }
  }
  return s <= n && w <= e ? [[s, w], [n, e]] : data.bounds;
}
