// Courses (full-resolution drives from the travel model) and the Legs the log carries: a leg keeps
// the path simplified (Douglas–Peucker, ~10 m: on the road, the network's roads simplified once
// between junctions; elsewhere, the whole path), coordinates rounded to 1e-5° (~1 m) and whole-ms
// times, as a track of small whole numbers (shared/leg-track.ts), so a year of drives stays small;
// its arrival time is the course's travel time exactly (whole ms), the same figure the ETA was
// computed from. Also: the part of a course still ahead of a
// unit, up to the next junction where a new route can begin (re-routing, redirection).
import type { LatLon } from '../../../shared/geo.ts';
import type { Leg } from '../../../shared/events.ts';
import type { Course, NodePath } from './ports.ts';
import { JUNCTION_SLACK_M, NODE_DRAWN, SIMPLIFY_M, toTrackUnits, TRACK_SCALE } from '../../../shared/leg-track.ts';
import { markKept, METRES_PER_DEGREE, metresPerDegreeEast, simplifyScratch } from '../../../shared/douglas-peucker.ts';

export { SIMPLIFY_M };

// Scratch for the simplification of paths of positions (the engine is single-threaded; grown when a
// path is longer), and the vertices a leg of the last simplified path carries, `kept` of them: the
// change in latitude and longitude (track units) from the vertex before (the first from 0, 0), and
// the path index whose offset gives the vertex's time (the last of a run of kept points that round to
// one position). They depend on the path only, so units sent the same drive share them and make only
// their times.
let scratch = simplifyScratch(256);
/** The latitude and longitude in track units of the junctions simplifyNodes holds back. */
let unitLat = new Float64Array(256);
let unitLon = new Float64Array(256);
let keptDLat = new Float64Array(256);
let keptDLon = new Float64Array(256);
let keptAt = new Int32Array(256);
/** simplifyNodes' junctions held back (their positions in unitLat, unitLon): the path index of each. */
let heldAt = new Int32Array(256);
let kept = 0;
/** The position (track units) of the last vertex listed. */
let lastLat = 0;
let lastLon = 0;

/** The path the kept vertices were last made for: units sent the same drive share its path (read-only). */
let simplified: readonly LatLon[] | NodePath | undefined;

/** Room in the buffers for a path of n vertices. */
function roomFor(n: number): void {
  if (keptAt.length < n) {
    scratch = simplifyScratch(n);
    const size = scratch.keep.length;
    unitLat = new Float64Array(size);
    unitLon = new Float64Array(size);
    keptDLat = new Float64Array(size);
    keptDLon = new Float64Array(size);
    keptAt = new Int32Array(size);
    heldAt = new Int32Array(size);
  }
}

/** simplify() of a path of positions (a straight course, or one joined from two): Douglas–Peucker over the whole path, the kept vertices listed. */
function simplifyPath(path: readonly LatLon[]): void {
  if (path === simplified) return;
  simplified = path;
  const n = path.length;
  roomFor(n);
  const ky = METRES_PER_DEGREE, kx = metresPerDegreeEast(path[0]![0]);
  // Point i is at xy[2i] (east), xy[2i + 1] (north).
  const xy = scratch.xy;
  for (let i = 0, k = 0; i < n; i++, k += 2) {
    const p = path[i]!;
    xy[k] = p[1] * kx;
    xy[k + 1] = p[0] * ky;
  }
  markKept(scratch, n, SIMPLIFY_M);
  const marks = scratch.keep;
  startListing();
  // Track units for the kept points only.
  for (let i = 0; i < n; i++) {
    if (!marks[i]) continue;
    const p = path[i]!;
    keepVertex(i, toTrackUnits(p[0]), toTrackUnits(p[1]));
  }
}

/**
 * simplify() of a path of road nodes, from the network's own simplification (NodePath.kept: its
 * roads simplified once, between junctions) instead of a scan of the whole path: the path keeps its
 * two ends off the road, its first and last road node, the points its roads keep, and the junctions
 * where it turns. A junction is left out when it lies within JUNCTION_SLACK_M of the line from the
 * last vertex kept to the next point kept, as do the junctions left out since that vertex: a road
 * point between two kept points of its road then lies within SIMPLIFY_M + JUNCTION_SLACK_M of the
 * leg's line (on the roads a path joins or leaves part-way, the nearest kept point may be off the
 * path: there it is near enough, not promised). Points are read as track units (a table of 8 bytes
 * a node), and only where the network keeps them.
 */
function simplifyNodes(path: NodePath): void {
  if (path === simplified) return;
  simplified = path;
  const { from, to, nodes, units, kept: drawn } = path;
  const m = nodes.length;
  roomFor(m + 2);
  // Metres per track unit north and east (east at the start's latitude).
  const ky = METRES_PER_DEGREE / TRACK_SCALE, kx = metresPerDegreeEast(from[0]) / TRACK_SCALE;
  const slack2 = JUNCTION_SLACK_M * JUNCTION_SLACK_M;
  startListing();
  keepVertex(0, toTrackUnits(from[0]), toTrackUnits(from[1]));
  // The last vertex kept (metres), and the junctions held back since it: left out if the line goes on straight.
  let px = lastLon * kx, py = lastLat * ky;
  let held = 0;
  // Locals: the loop reads no module bindings.
  const heldLat = unitLat, heldLon = unitLon, heldI = heldAt;
  for (let i = 1; i <= m + 1; i++) {
    let lat: number, lon: number, d: number;
    if (i <= m) {
      const v = nodes[i - 1]!;
      d = i === 1 || i === m ? NODE_DRAWN.kept : drawn[v]!;
      if (d === NODE_DRAWN.leftOut) continue;
      lat = units[2 * v]!;
      lon = units[2 * v + 1]!;
    } else {
      d = NODE_DRAWN.kept;
      lat = toTrackUnits(to[0]);
      lon = toTrackUnits(to[1]);
    }
    // This point is the next one kept or held after the held junctions. If they are not all near the
    // line to it, the line turns at the last of them: it is kept (the earlier ones were near the line to it).
    if (held > 0 && !heldNearLine(held, lon * kx - px, lat * ky - py, px, py, kx, ky, slack2)) {
      keepVertex(heldI[held - 1]!, heldLat[held - 1]!, heldLon[held - 1]!);
      px = lastLon * kx;
      py = lastLat * ky;
      held = 0;
    }
    if (d === NODE_DRAWN.junction) {
      heldLat[held] = lat;
      heldLon[held] = lon;
      heldI[held++] = i;
      continue;
    }
    keepVertex(i, lat, lon);
    px = lastLon * kx;
    py = lastLat * ky;
    held = 0;
  }
}

/**
 * Whether the `count` junctions held back (unitLat, unitLon) all lie within the slack (squared:
 * slack2) of the line from the last vertex kept (px, py, metres) along (dx, dy) metres.
 */
function heldNearLine(count: number, dx: number, dy: number, px: number, py: number, kx: number, ky: number, slack2: number): boolean {
  const len2 = dx * dx + dy * dy;
  for (let h = 0; h < count; h++) {
    const hx = unitLon[h]! * kx - px, hy = unitLat[h]! * ky - py;
    const cross = dy * hx - dx * hy;
    if (len2 > 0 ? cross * cross > slack2 * len2 : hx * hx + hy * hy > slack2) return false;
  }
  return true;
}

/** Starts a new listing of track vertices: none yet, the first one's changes from 0, 0. */
function startListing(): void {
  kept = 0;
  lastLat = 0;
  lastLon = 0;
}

/**
 * Lists path point i (at lat, lon in track units) as the next track vertex (keptDLat, keptDLon,
 * keptAt, kept). Rounding can make neighbours equal: one vertex, with the later point's time.
 */
function keepVertex(i: number, lat: number, lon: number): void {
  const count = kept;
  if (count > 0 && lat === lastLat && lon === lastLon) { keptAt[count - 1] = i; return; }
  keptDLat[count] = lat - lastLat;
  keptDLon[count] = lon - lastLon;
  keptAt[count] = i;
  kept = count + 1;
  lastLat = lat;
  lastLon = lon;
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
  // Written by index into arrays of their size: spreads, a slice and a map of each were most of the
  // cost of joining (a unit redirected on the road joins the stretch ahead of it to a new course).
  const leadPath = lead.path, restPath = rest.path;
  const n = leadPath.length;
  const path = new Array<LatLon>(n + restPath.length - 1);
  for (let i = 0; i < n; i++) path[i] = leadPath[i]!;
  for (let i = 1; i < restPath.length; i++) path[n + i - 1] = restPath[i]!;
  const leadOffsets = lead.offsets, restOffsets = rest.offsets;
  const k = leadOffsets.length;
  const offsets = new Array<number>(k + restOffsets.length - 1);
  for (let i = 0; i < k; i++) offsets[i] = leadOffsets[i]!;
  for (let i = 1; i < restOffsets.length; i++) offsets[k + i - 1] = restOffsets[i]! + shift;
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
