// Courses (full-resolution drives from the travel model) and the Legs the log carries: a leg keeps
// the path simplified (Douglas–Peucker, ~10 m), coordinates rounded to 1e-5° (~1 m) and whole-ms
// times, as a track of small whole numbers (shared/leg-track.ts), so a year of drives stays small;
// its arrival time is the course's travel time exactly (whole ms), the same figure the ETA was
// computed from. Also: the part of a course still ahead of a
// unit, up to the next junction where a new route can begin (re-routing, redirection).
import type { LatLon } from '../../../shared/geo.ts';
import type { Leg } from '../../../shared/events.ts';
import type { Course, NodePath } from './ports.ts';
import { toTrackUnits } from '../../../shared/leg-track.ts';

/** Vertices closer than this to the simplified line are dropped (metres). */
export const SIMPLIFY_M = 10;

// Scratch buffers for the simplification (the engine is single-threaded; grown when a path is longer).
let xys = new Float64Array(512);
let keep = new Uint8Array(256);
let stack = new Int32Array(512);
/**
 * The vertices a leg of the last simplified path carries, `kept` of them: the change in latitude and
 * longitude (track units) from the vertex before (the first from 0, 0), and the path index whose
 * offset gives the vertex's time (the last of a run of kept points that round to one position).
 * They depend on the path only, so units sent the same drive share them and make only their times.
 */
/** Each vertex's latitude and longitude in track units (filled with xys, read for the kept ones). */
let unitLat = new Float64Array(256);
let unitLon = new Float64Array(256);
let keptDLat = new Float64Array(256);
let keptDLon = new Float64Array(256);
let keptAt = new Int32Array(256);
let kept = 0;

/** The path the kept vertices were last made for: units sent the same drive share its path (read-only). */
let simplified: readonly LatLon[] | NodePath | undefined;

/** Room in the scratch buffers for a path of n vertices. */
function roomFor(n: number): void {
  if (keep.length < n) {
    const size = 2 ** Math.ceil(Math.log2(n));
    xys = new Float64Array(2 * size);
    keep = new Uint8Array(size);
    stack = new Int32Array(2 * size);
    unitLat = new Float64Array(size);
    unitLon = new Float64Array(size);
    keptDLat = new Float64Array(size);
    keptDLon = new Float64Array(size);
    keptAt = new Int32Array(size);
  }
}

const KY = 111_195;
/** Metres east per degree of longitude at a latitude (the path's first vertex's). */
const kxAt = (lat: number): number => KY * Math.cos((lat * Math.PI) / 180);

/** simplify() of a path of positions: the kept vertices listed. */
function simplifyPath(path: readonly LatLon[]): void {
  if (path === simplified) return;
  simplified = path;
  const n = path.length;
  roomFor(n);
  const ky = KY, kx = kxAt(path[0]![0]);
  // Point i is at xy[2i] (east), xy[2i + 1] (north).
  const xy = xys, uLat = unitLat, uLon = unitLon;
  for (let i = 0, k = 0; i < n; i++, k += 2) {
    const p = path[i]!;
    xy[k] = p[1] * kx;
    xy[k + 1] = p[0] * ky;
    uLat[i] = toTrackUnits(p[0]);
    uLon[i] = toTrackUnits(p[1]);
  }
  douglasPeucker(n);
  listKept(n);
}

/**
 * simplify() of a path of road nodes: their positions read from the network's array by node (one
 * array, in a row for each node), not from position objects scattered over the heap, and their track
 * units made once per network (the same numbers, so the same vertices kept and listed).
 */
function simplifyNodes(path: NodePath): void {
  if (path === simplified) return;
  simplified = path;
  const { from, to, nodes, coords } = path;
  const n = nodes.length + 2;
  roomFor(n);
  const ky = KY, kx = kxAt(from[0]);
  const xy = xys, uLat = unitLat, uLon = unitLon;
  xy[0] = from[1] * kx;
  xy[1] = from[0] * ky;
  uLat[0] = toTrackUnits(from[0]);
  uLon[0] = toTrackUnits(from[1]);
  for (let i = 1, k = 2; i < n - 1; i++, k += 2) {
    const c = 4 * nodes[i - 1]!;
    xy[k] = coords[c]! * kx;
    xy[k + 1] = coords[c + 1]! * ky;
    uLat[i] = coords[c + 2]!;
    uLon[i] = coords[c + 3]!;
  }
  xy[2 * n - 2] = to[1] * kx;
  xy[2 * n - 1] = to[0] * ky;
  uLat[n - 1] = toTrackUnits(to[0]);
  uLon[n - 1] = toTrackUnits(to[1]);
  douglasPeucker(n);
  listKept(n);
}

/**
 * Lists the kept points of the n in `keep` as track vertices (keptDLat, keptDLon, keptAt, kept) from
 * their track units. Rounding can make neighbours equal: one vertex, with the later point's time.
 */
function listKept(n: number): void {
  const marks = keep, uLat = unitLat, uLon = unitLon, dLat = keptDLat, dLon = keptDLon, at = keptAt;
  let count = 0, pLat = 0, pLon = 0;
  for (let i = 0; i < n; i++) {
    if (!marks[i]) continue;
    const lat = uLat[i]!, lon = uLon[i]!;
    if (count > 0 && lat === pLat && lon === pLon) { at[count - 1] = i; continue; }
    dLat[count] = lat - pLat;
    dLon[count] = lon - pLon;
    at[count++] = i;
    pLat = lat;
    pLon = lon;
  }
  kept = count;
}

/** Marks in `keep[0..n)` the vertices Douglas–Peucker keeps (first and last always) of the n points in `xys`. */
function douglasPeucker(n: number): void {
  // Locals: the loops below then read no module bindings. Point i is at xy[2i] (east), xy[2i + 1]
  // (north): one array, so the scan reads one array's map, base and length per point, not two.
  const xy = xys, marks = keep, st = stack;
  marks.fill(0, 0, n);
  marks[0] = 1;
  marks[n - 1] = 1;
  const tol2 = SIMPLIFY_M * SIMPLIFY_M;
  // Stretches with a vertex between their ends are stacked (one without has nothing to look at).
  let top = 0;
  if (n > 2) { st[top++] = 0; st[top++] = n - 1; }
  while (top > 0) {
    const b = st[--top]!;
    const a = st[--top]!;
    const ax = xy[2 * a]!, ay = xy[2 * a + 1]!;
    const dx = xy[2 * b]! - ax;
    const dy = xy[2 * b + 1]! - ay;
    const len2 = dx * dx + dy * dy;
    let worst = -1;
    // Squared distances × len² (no division, no sqrt); a stretch that ends where it starts measures
    // from that point.
    if (len2 > 0) {
      let worstD = tol2 * len2;
      // Two points a turn (in order: the first maximum still wins).
      let k = 2 * a + 2;
      const end = 2 * b;
      for (; k + 2 < end; k += 4) {
        const c0 = dy * (xy[k]! - ax) - dx * (xy[k + 1]! - ay);
        const c1 = dy * (xy[k + 2]! - ax) - dx * (xy[k + 3]! - ay);
        const d0 = c0 * c0, d1 = c1 * c1;
        if (d0 > worstD) { worstD = d0; worst = k; }
        if (d1 > worstD) { worstD = d1; worst = k + 2; }
      }
      if (k < end) {
        const cross = dy * (xy[k]! - ax) - dx * (xy[k + 1]! - ay);
        const d = cross * cross;
        if (d > worstD) { worstD = d; worst = k; }
      }
    } else {
      let worstD = tol2;
      for (let k = 2 * a + 2, end = 2 * b; k < end; k += 2) {
        const px = xy[k]! - ax, py = xy[k + 1]! - ay;
        const d = px * px + py * py;
        if (d > worstD) { worstD = d; worst = k; }
      }
    }
    if (worst >= 0) {
      const w = worst >> 1;
      marks[w] = 1;
      // A stretch with one point between its ends is looked at here, not stacked (a quarter of them).
      if (w - a === 2) { if (middleKept(xy, a, tol2)) marks[a + 1] = 1; }
      else if (w - a > 2) { st[top++] = a; st[top++] = w; }
      if (b - w === 2) { if (middleKept(xy, w, tol2)) marks[w + 1] = 1; }
      else if (b - w > 2) { st[top++] = w; st[top++] = b; }
    }
  }
}

/** Whether Douglas–Peucker keeps point a + 1 of the stretch a..a + 2 (the same sums as the scan's). */
function middleKept(xy: Float64Array, a: number, tol2: number): boolean {
  const k = 2 * a;
  const ax = xy[k]!, ay = xy[k + 1]!;
  const dx = xy[k + 4]! - ax;
  const dy = xy[k + 5]! - ay;
  const len2 = dx * dx + dy * dy;
  const px = xy[k + 2]! - ax, py = xy[k + 3]! - ay;
  if (len2 > 0) {
    const cross = dy * px - dx * py;
    return cross * cross > tol2 * len2;
  }
  return px * px + py * py > tol2;
}

/** Arrival time of a course that sets off at `departAt` (at least a second later). */
export const arrivalOf = (course: Course, departAt: number): number => departAt + Math.max(1000, Math.round(course.seconds * 1000));

/**
 * The leg the log carries for a course that sets off at `departAt`: its track (shared/leg-track.ts)
 * is the simplified path's vertices, each at departAt + its offset in whole ms (no later than the
 * arrival; the last at the arrival).
 */
export function legOf(course: Course, from: LatLon, to: LatLon, departAt: number): Leg {
  const arriveAt = arrivalOf(course, departAt);
  const distanceM = Math.round(course.distanceM);
  // A straight course needs no path: the board interpolates from → to.
  const nodePath = course.nodePath;
  if (nodePath) {
    if (nodePath.nodes.length === 0) return { from, to, departAt, arriveAt, distanceM };
    simplifyNodes(nodePath);
  } else {
    if (course.path.length <= 2) return { from, to, departAt, arriveAt, distanceM };
    simplifyPath(course.path);
  }
  const count = kept;
  if (count < 2) return { from, to, departAt, arriveAt, distanceM };
  const { offsets } = course;
  const dLat = keptDLat, dLon = keptDLon, keptI = keptAt;
  // The track written at once (what encodeTrack makes of the same vertices and times).
  const track = new Array<number>(3 * count);
  let pT = departAt;
  const last = count - 1;
  for (let j = 0, k = 0; j < last; j++) {
    const at = Math.min(arriveAt, departAt + Math.round(offsets[keptI[j]!]! * 1000));
    track[k++] = dLat[j]!;
    track[k++] = dLon[j]!;
    track[k++] = at - pT;
    pT = at;
  }
  track[3 * last] = dLat[last]!;
  track[3 * last + 1] = dLon[last]!;
  track[3 * last + 2] = arriveAt - pT;
  // Written out, not spread from the leg without a path: a spread was a fifth of the routing time.
  return { from, to, departAt, arriveAt, distanceM, track };
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
  // Two positions of the path: a course kept as road nodes makes them without making its path.
  const nodePath = course.nodePath;
  const at = nodePath ? nodePath.position(k) : course.path[k]!;
  const before = nodePath ? nodePath.position(prev) : course.path[prev]!;
  const stretchM = Math.abs(at[0] - before[0]) * 111_195 + Math.abs(at[1] - before[1]) * 111_195 * Math.cos((here[0] * Math.PI) / 180);
  return { seconds, distanceM: stretchM * share, path: [here, at], offsets: [0, seconds], edges: [], roadFrom: 1 };
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
