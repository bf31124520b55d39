// Douglas–Peucker line simplification (Douglas & Peucker 1973) over points already projected to
// metres: the ends are kept, and a stretch keeps its point furthest from the chord between its ends
// when that point is further than the tolerance, then both halves are looked at in turn. Strict >,
// and the first of equally far points wins. Used for the legs the log carries (a road network's
// roads between junctions, simplified once per network: geo/road-course.ts; and paths that are not
// road nodes: engine/kernel/course.ts). It runs over millions of points a year, so it works in
// caller-owned typed arrays and allocates nothing.

/** Scratch a simplification of up to `n` points needs: the points, the marks, the stack of stretches. */
export interface SimplifyScratch {
  /** Point i at xy[2i] (east, m) and xy[2i + 1] (north, m). */
  xy: Float64Array;
  keep: Uint8Array;
  stack: Int32Array;
}

/** Scratch for `n` points (rounded up to a power of two, so it can be kept and reused). */
export function simplifyScratch(n: number): SimplifyScratch {
  const size = 2 ** Math.ceil(Math.log2(Math.max(2, n)));
  return { xy: new Float64Array(2 * size), keep: new Uint8Array(size), stack: new Int32Array(2 * size) };
}

/** Metres north per degree of latitude (and east per degree of longitude on the equator). */
export const METRES_PER_DEGREE = 111_195;

/** Metres east per degree of longitude at a latitude (a line's first point's: fine at a county's scale). */
export const metresPerDegreeEast = (lat: number): number => METRES_PER_DEGREE * Math.cos((lat * Math.PI) / 180);

/** Marks in `keep[0..n)` the points of `xy` Douglas–Peucker keeps at tolerance `tolM` (first and last always). */
export function markKept(s: SimplifyScratch, n: number, tolM: number): void {
  // Locals: the loops below then read no object fields. One array of points, so the scan reads one
  // array's map, base and length per point, not two.
  const { xy, keep: marks, stack: st } = s;
  marks.fill(0, 0, n);
  marks[0] = 1;
  marks[n - 1] = 1;
  const tol2 = tolM * tolM;
  // Stretches with a point between their ends are stacked (one without has nothing to look at).
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
