// A local frame around a hazard's source: x metres downwind, y metres crosswind (positive to the
// left of the downwind direction), mapped to [lat, lon] with an equirectangular projection (well
// under 0.1 % error over the tens of kilometres a zone spans at this latitude).
// The wind blows FROM `fromDeg` (clockwise from north), so the plume travels towards fromDeg + 180.
import type { LatLon } from '../../shared/geo.ts';

export const METRES_PER_DEG_LAT = 111_195;

export interface LocalFrame {
  origin: LatLon;
  /** Downwind bearing, degrees clockwise from north. */
  downwindDeg: number;
  toLatLon(x: number, y: number): LatLon;
  /** The inverse: downwind x and crosswind y (m) of a point. */
  toLocal(p: LatLon): [number, number];
}

export function localFrame(origin: LatLon, windFromDeg: number): LocalFrame {
  const downwindDeg = (windFromDeg + 180) % 360;
  const th = (downwindDeg * Math.PI) / 180;
  // Downwind unit vector (east, north) and its left normal.
  const dx = Math.sin(th);
  const dy = Math.cos(th);
  const lx = -dy;
  const ly = dx;
  const ky = METRES_PER_DEG_LAT;
  const kx = METRES_PER_DEG_LAT * Math.cos((origin[0] * Math.PI) / 180);
  const round = (v: number): number => Math.round(v * 1e6) / 1e6;
  return {
    origin,
    downwindDeg,
    toLatLon(x, y) {
      const east = x * dx + y * lx;
      const north = x * dy + y * ly;
      return [round(origin[0] + north / ky), round(origin[1] + east / kx)];
    },
    toLocal(p) {
      const east = (p[1] - origin[1]) * kx;
      const north = (p[0] - origin[0]) * ky;
      return [east * dx + north * dy, east * lx + north * ly];
    },
  };
}

/** A circle as a polygon of `n` vertices. */
export function circleRing(frame: LocalFrame, radiusM: number, n = 48): LatLon[] {
  const ring: LatLon[] = [];
  for (let i = 0; i < n; i++) {
    const a = (2 * Math.PI * i) / n;
    ring.push(frame.toLatLon(radiusM * Math.cos(a), radiusM * Math.sin(a)));
  }
  return ring;
}
