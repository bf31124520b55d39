// The engine's legs (server/engine/kernel/course.ts legOf) against a plain reference written here:
// Douglas–Peucker as a recursion over the whole path (strict >, the first maximum wins), each kept
// point rounded to 1e-5° and timed at departAt + its offset in whole ms (no later than the arrival),
// neighbours that round to one position merged into one vertex with the later time, the last at the
// arrival, and the track made by encodeTrack. legOf lists a path's track vertices once and reuses
// them for every leg on the same path (the units of one station sent to one place): each leg must
// still be exactly the reference's, whatever path came before it.
import { describe, expect, it } from 'vitest';
import type { Leg } from '../../shared/events.ts';
import type { LatLon } from '../../shared/geo.ts';
import type { Course } from '../../server/engine/kernel/ports.ts';
import { toTrackUnits } from '../../shared/leg-track.ts';
import { arrivalOf, legOf, SIMPLIFY_M } from '../../server/engine/kernel/course.ts';
import { mulberry32 } from '../../server/geo/generate-roads.ts';
import { referenceLegOf, type KeptPoint } from '../fixtures/reference-leg.ts';

/** Douglas–Peucker by recursion, in the projection legOf uses (metres, east scaled at the first point's latitude). */
function referenceKeep(path: readonly LatLon[]): boolean[] {
  const ky = 111_195;
  const kx = ky * Math.cos((path[0]![0] * Math.PI) / 180);
  const x = path.map((p) => p[1] * kx);
  const y = path.map((p) => p[0] * ky);
  const keep = path.map((_, i) => i === 0 || i === path.length - 1);
  const tol2 = SIMPLIFY_M * SIMPLIFY_M;
  const stretch = (a: number, b: number): void => {
    const dx = x[b]! - x[a]!, dy = y[b]! - y[a]!;
    const len2 = dx * dx + dy * dy;
    let worst = -1;
    let worstD = len2 > 0 ? tol2 * len2 : tol2;
    for (let i = a + 1; i < b; i++) {
      const px = x[i]! - x[a]!, py = y[i]! - y[a]!;
      const cross = dy * px - dx * py;
      const d = len2 > 0 ? cross * cross : px * px + py * py;
      if (d > worstD) { worstD = d; worst = i; }
    }
    if (worst < 0) return;
    keep[worst] = true;
    stretch(a, worst);
    stretch(worst, b);
  };
  stretch(0, path.length - 1);
  return keep;
}

function referenceLeg(course: Course, from: LatLon, to: LatLon, departAt: number): Leg {
  if (course.path.length <= 2) return { from, to, departAt, arriveAt: arrivalOf(course, departAt), distanceM: Math.round(course.distanceM) };
  const keep = referenceKeep(course.path);
  const points = course.path.flatMap((p, i): KeptPoint[] => (keep[i] ? [[i, toTrackUnits(p[0]), toTrackUnits(p[1])]] : []));
  return referenceLegOf(course, from, to, departAt, points);
}

const rand = mulberry32(11);

/** A road-like path: steps of a few to a hundred metres, some on a straight line, some repeated or within a metre. */
function roadPath(n: number): LatLon[] {
  let lat = 24.5 + rand(), lon = 110 + rand();
  let heading = rand() * 2 * Math.PI;
  const path: LatLon[] = [[lat, lon]];
  for (let i = 1; i < n; i++) {
    const r = rand();
    if (r < 0.05) { path.push(path[i - 1]!); continue; } // the same point again
    if (r < 0.1) { path.push([path[i - 1]![0] + 3e-6, path[i - 1]![1]]); continue; } // rounds to the same 1e-5°
    if (r > 0.6) heading += (rand() - 0.5) * 1.5; // else straight on: points on one line
    const step = (r < 0.3 ? 5 : 100) * rand() / 111_195;
    lat += step * Math.cos(heading);
    lon += step * Math.sin(heading);
    path.push([lat, lon]);
  }
  return path;
}

/** A path on a grid of 1e-4° (city blocks): many points at exactly the same distance from a line (ties). */
function gridPath(n: number): LatLon[] {
  let i = 0, j = 0;
  const path: LatLon[] = [];
  for (let k = 0; k < n; k++) {
    path.push([24.6 + i * 1e-4, 110.5 + j * 1e-4]);
    const r = rand();
    if (r < 0.4) i++; else if (r < 0.8) j++; else if (r < 0.9) i--; else j--;
  }
  return path;
}

/** Offsets in seconds along the path (non-decreasing, some equal), and the course's seconds beyond the last now and then. */
function courseOn(path: LatLon[]): Course {
  const offsets = [0];
  for (let i = 1; i < path.length; i++) offsets.push(offsets[i - 1]! + (rand() < 0.1 ? 0 : rand() * 20));
  const seconds = offsets[offsets.length - 1]! + (rand() < 0.3 ? rand() * 0.002 : 0);
  return { seconds, distanceM: rand() * 20_000, path, offsets };
}

describe('legOf', () => {
  it('gives the reference\'s leg for road-like paths, paths on a grid (ties), legs on the same path one after another, and on a path seen before', () => {
    const paths: LatLon[][] = [];
    for (let k = 0; k < 400; k++) paths.push(roadPath(2 + Math.floor(rand() * (k % 10 === 0 ? 600 : 60))));
    for (let k = 0; k < 200; k++) paths.push(gridPath(3 + Math.floor(rand() * 80)));
    // A plateau level with both ends: its three points tie, the first is kept.
    paths.push([[24.6, 110.5], [24.601, 110.501], [24.601, 110.502], [24.601, 110.503], [24.6, 110.504]]);
    // Tiny paths: one point, a loop back to the start (a chord of length 0), every point the same.
    paths.push([[24.6, 110.5]], [[24.6, 110.5], [24.6, 110.5001], [24.6, 110.5]], [[24.6, 110.5], [24.6, 110.5], [24.6, 110.5], [24.6, 110.5]]);
    let legs = 0, tracks = 0;
    const check = (path: LatLon[]): void => {
      const course = courseOn(path);
      const departAt = Math.floor(rand() * 3e10);
      const leg = legOf(course, path[0]!, path[path.length - 1]!, departAt);
      expect(leg).toEqual(referenceLeg(course, path[0]!, path[path.length - 1]!, departAt));
      legs++;
      if (leg.track) tracks++;
    };
    for (const path of paths) {
      // Units of one station sent one after another: the same path, their own times.
      const times = rand() < 0.3 ? 3 : 1;
      for (let t = 0; t < times; t++) check(path);
    }
    // A path asked again after others: its own vertices again, not the last path's.
    for (let k = 0; k < 200; k++) check(paths[Math.floor(rand() * paths.length)]!);
    expect(legs).toBeGreaterThan(800);
    expect(tracks).toBeGreaterThan(700);
  });
});
