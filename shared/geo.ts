// Small pure geometry helpers shared by server and client.
import { z } from 'zod';

export const LatLonSchema = z.tuple([z.number().min(-90).max(90), z.number().min(-180).max(180)]);
/** [latitude, longitude] in degrees (WGS84). */
export type LatLon = [number, number];

const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;

/**
 * A sphere's radius a little smaller than haversineM's: distances measured on it (a chord, the
 * latitude apart) are lower bounds of haversineM with a margin of about a millionth over its rounding.
 */
export const LOWER_BOUND_RADIUS_M = 6_371_000;

/** Great-circle distance in metres (haversine). */
export function haversineM(a: LatLon, b: LatLon): number {
  const dLat = (b[0] - a[0]) * RAD;
  const dLon = (b[1] - a[1]) * RAD;
  const s = Math.sin(dLat / 2) ** 2 + Math.cos(a[0] * RAD) * Math.cos(b[0] * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(s)));
}

/** Point a fraction f (0..1) of the way from a to b (linear in degrees: fine at county scale). */
export function lerpLatLon(a: LatLon, b: LatLon, f: number): LatLon {
  const g = Math.max(0, Math.min(1, f));
  return [a[0] + (b[0] - a[0]) * g, a[1] + (b[1] - a[1]) * g];
}
