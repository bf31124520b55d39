// Courses (full-resolution drives from the travel model) and the Legs the log carries: a leg keeps
// the path simplified (Douglas–Peucker, ~10 m), coordinates rounded to 1e-5° (~1 m) and whole-ms
// times, as a track of small whole numbers (shared/leg-track.ts), so a year of drives stays small;
// its arrival time is the course's travel time exactly (whole ms), the same figure the ETA was
// computed from. Also: the part of a course still ahead of a
// unit, up to the next junction where a new route can begin (re-routing, redirection).
import type { LatLon } from '../../../shared/geo.ts';
import type { Leg } from '../../../shared/events.ts';
import type { Course } from './ports.ts';
import { encodeTrack, toTrackUnits } from '../../../shared/leg-track.ts';

/** Vertices closer than this to the simplified line are dropped (metres). */
export const SIMPLIFY_M = 10;

// Scratch buffers for the simplification (the engine is single-threaded; grown when a path is longer).
let xs = new Float64Array(256);
let ys = new Float64Array(256);
let keep = new Uint8Array(256);
let stack = new Int32Array(512);
/** The kept vertices of a leg, in track units and sim ms (grown with the others). */
let lats = new Float64Array(256);
let lons = new Float64Array(256);
let ats = new Float64Array(256);

/** The path `keep` was last made for: units sent the same drive share its path (read-only). */
let simplified: readonly LatLon[] | undefined;
let simplifiedAt = 0;

/** Marks in `keep[0..n)` the vertices Douglas–Peucker keeps (first and last always). */
function simplify(path: readonly LatLon[], toleranceM: number): void {
  if (path === simplified && toleranceM === simplifiedAt) return;
  simplified = path;
  simplifiedAt = toleranceM;
  const n = path.length;
  if (xs.length < n) {
    const size = 2 ** Math.ceil(Math.log2(n));
    xs = new Float64Array(size);
    ys = new Float64Array(size);
    keep = new Uint8Array(size);
    stack = new Int32Array(2 * size);
    lats = new Float64Array(size);
    lons = new Float64Array(size);
    ats = new Float64Array(size);
  }
  const ky = 111_195;
  const kx = ky * Math.cos((path[0]![0] * Math.PI) / 180);
  // Locals: the loops below then read no module bindings.
  const x = xs, y = ys, kept = keep, st = stack;
  for (let i = 0; i < n; i++) {
    const p = path[i]!;
    x[i] = p[1] * kx;
    y[i] = p[0] * ky;
  }
  kept.fill(0, 0, n);
  kept[0] = 1;
  kept[n - 1] = 1;
  const tol2 = toleranceM * toleranceM;
  // Stretches with a vertex between their ends are stacked (one without has nothing to look at).
  let top = 0;
  if (n > 2) { st[top++] = 0; st[top++] = n - 1; }
  while (top > 0) {
    const b = st[--top]!;
    const a = st[--top]!;
    const ax = x[a]!, ay = y[a]!;
    const dx = x[b]! - ax;
    const dy = y[b]! - ay;
    const len2 = dx * dx + dy * dy;
    let worst = -1;
    let worstD = len2 > 0 ? tol2 * len2 : tol2; // squared distances × len² (no division, no sqrt)
    for (let i = a + 1; i < b; i++) {
      const px = x[i]! - ax, py = y[i]! - ay;
      const cross = dy * px - dx * py;
      const d = len2 > 0 ? cross * cross : px * px + py * py;
      if (d > worstD) { worstD = d; worst = i; }
    }
    if (worst >= 0) {
      kept[worst] = 1;
      if (worst - a > 1) { st[top++] = a; st[top++] = worst; }
      if (b - worst > 1) { st[top++] = worst; st[top++] = b; }
    }
  }
}

/** Arrival time of a course that sets off at `departAt` (at least a second later). */
export const arrivalOf = (course: Course, departAt: number): number => departAt + Math.max(1000, Math.round(course.seconds * 1000));

/** The leg the log carries for a course that sets off at `departAt`. */
export function legOf(course: Course, from: LatLon, to: LatLon, departAt: number): Leg {
  const arriveAt = arrivalOf(course, departAt);
  const distanceM = Math.round(course.distanceM);
  // A straight course needs no path: the board interpolates from → to.
  if (course.path.length <= 2) return { from, to, departAt, arriveAt, distanceM };
  simplify(course.path, SIMPLIFY_M);
  const { path, offsets } = course;
  let count = 0;
  for (let i = 0; i < path.length; i++) {
    if (!keep[i]) continue;
    const p = path[i]!;
    const at = Math.min(arriveAt, departAt + Math.round(offsets[i]! * 1000));
    const lat = toTrackUnits(p[0]);
    const lon = toTrackUnits(p[1]);
    // Rounding can make neighbours equal: keep the later time of a repeated point.
    if (count > 0 && lats[count - 1] === lat && lons[count - 1] === lon) { ats[count - 1] = at; continue; }
    lats[count] = lat;
    lons[count] = lon;
    ats[count++] = at;
  }
  if (count < 2) return { from, to, departAt, arriveAt, distanceM };
  ats[count - 1] = arriveAt;
  // Written out, not spread from the leg without a path: a spread was a fifth of the routing time.
  return { from, to, departAt, arriveAt, distanceM, track: encodeTrack(lats, lons, ats, count, departAt) };
}

/**
 * The part of a course still ahead of a unit `elapsed` seconds after it set off, up to the next road
 * junction (where a new route can start without cutting across country), starting at `here`.
 * Without a junction ahead (a straight course, or the last stretch off the road) it is just `here`.
 */
export function aheadOf(course: Course, elapsedSec: number, here: LatLon): Course {
  const from = course.roadFrom;
  if (from === undefined || !course.edges) return { seconds: 0, distanceM: 0, path: [here], offsets: [0] };
  const lastNode = from + course.edges.length;
  let k = from;
  while (k <= lastNode && course.offsets[k]! <= elapsedSec) k++;
  if (k > lastNode) return { seconds: 0, distanceM: 0, path: [here], offsets: [0] };
  const seconds = course.offsets[k]! - elapsedSec;
  // Distance: the share of the current stretch still to drive (for the leg's figure only).
  const prev = Math.max(0, k - 1);
  const span = course.offsets[k]! - course.offsets[prev]!;
  const share = span > 0 ? seconds / span : 0;
  const stretchM = Math.abs(course.path[k]![0] - course.path[prev]![0]) * 111_195 + Math.abs(course.path[k]![1] - course.path[prev]![1]) * 111_195 * Math.cos((here[0] * Math.PI) / 180);
  return { seconds, distanceM: stretchM * share, path: [here, course.path[k]!], offsets: [0, seconds], edges: [], roadFrom: 1 };
}

/** Drive `lead` then `rest` (which starts where `lead` ends). */
export function joinCourses(lead: Course, rest: Course): Course {
  if (!Number.isFinite(rest.seconds)) return { seconds: Infinity, distanceM: Infinity, path: [lead.path[0]!], offsets: [0] };
  if (lead.path.length <= 1) return rest;
  const shift = lead.seconds;
  const path = [...lead.path, ...rest.path.slice(1)];
  const offsets = [...lead.offsets, ...rest.offsets.slice(1).map((o) => o + shift)];
  const joined: Course = { seconds: shift + rest.seconds, distanceM: lead.distanceM + rest.distanceM, path, offsets };
  if (rest.edges && rest.roadFrom !== undefined) {
    joined.edges = rest.edges;
    joined.roadFrom = rest.roadFrom + lead.path.length - 1;
  }
  return joined;
}

/** Road edges of a course not yet finished `elapsed` seconds after it set off. */
export function* edgesAhead(course: Course, elapsedSec: number): Generator<number> {
  if (!course.edges || course.roadFrom === undefined) return;
  for (let i = 0; i < course.edges.length; i++) {
    if (course.offsets[course.roadFrom + i + 1]! > elapsedSec) yield course.edges[i]!;
  }
}
