// Threat-zone footprints: the ground area where the (peak) concentration reaches a level of concern.
// On the ground (z = 0) both the plume and the puff peak have the form C(x,y) = C0(x)·exp(−y²/2σy²),
// so the footprint's half-width at x has the analytic solution of C(x,y) = L:
//   w(x) = σy(x) · sqrt(2 ln(C0(x) / L))     where C0(x) ≥ L, else no footprint at x.
// The footprint runs from the first to the last downwind distance where C0(x) ≥ L (found on a
// logarithmic grid of x from 1 m to maxRangeM, then bisected to 0.1 m); C0 rises then falls, so
// that is one interval. `window` clips it to the stretch the gas has reached (front) and not yet
// left (a release that stopped): the steady plume truncated by travel time.
import type { DispersionModel } from './gaussian.ts';

export const DEFAULT_MAX_RANGE_M = 100_000;
const GRID_POINTS = 400;
const OUTLINE_POINTS = 64;

export interface Footprint {
  /** Downwind distance where the footprint begins (0 at a ground-level source) and ends, m. */
  startM: number;
  endM: number;
  /** Largest half-width and where it is, m. */
  maxHalfWidthM: number;
  maxHalfWidthAtM: number;
  /** Outline in the local frame [x, y]: the left edge going out, the right edge coming back. */
  outline: [number, number][];
}

/** The analytic half-width w(x) for a level L (mg/m³); 0 where C0(x) < L. */
export function halfWidthM(model: DispersionModel, x: number, levelMgM3: number): number {
  const c0 = model.centrelineMgM3(x);
  if (!(c0 > levelMgM3)) return 0;
  return model.sigmas(x).sigmaY * Math.sqrt(2 * Math.log(c0 / levelMgM3));
}

function bisect(f: (x: number) => boolean, inside: number, outside: number): number {
  // f(inside) is true, f(outside) false; returns the boundary to 0.1 m.
  let a = inside;
  let b = outside;
  while (Math.abs(b - a) > 0.1) {
    const m = (a + b) / 2;
    if (f(m)) a = m;
    else b = m;
  }
  return (a + b) / 2;
}

/** The footprint of level L, or null where no ground concentration reaches it. */
export function footprint(model: DispersionModel, levelMgM3: number, opts: { maxRangeM?: number; window?: { fromM: number; toM: number } } = {}): Footprint | null {
  const maxRange = opts.maxRangeM ?? DEFAULT_MAX_RANGE_M;
  const above = (x: number): boolean => model.centrelineMgM3(x) >= levelMgM3;
  const xs: number[] = [];
  const ratio = Math.log(maxRange) / (GRID_POINTS - 1);
  for (let i = 0; i < GRID_POINTS; i++) xs.push(Math.exp(i * ratio));
  let first = -1;
  let last = -1;
  for (let i = 0; i < xs.length; i++) {
    if (above(xs[i]!)) {
      if (first < 0) first = i;
      last = i;
    }
  }
  if (first < 0) return null;
  let start = first === 0 ? 0 : bisect(above, xs[first]!, xs[first - 1]!);
  let end = last === xs.length - 1 ? maxRange : bisect(above, xs[last]!, xs[last + 1]!);
  if (opts.window) {
    start = Math.max(start, opts.window.fromM);
    end = Math.min(end, opts.window.toM);
    if (end <= start) return null;
  }
  // Outline: cosine spacing puts more points near both ends, where the width changes fastest.
  const left: [number, number][] = [];
  let best = 0;
  let bestAt = start;
  const samples: number[] = [];
  for (let i = 0; i <= OUTLINE_POINTS; i++) samples.push(start + ((end - start) * (1 - Math.cos((Math.PI * i) / OUTLINE_POINTS))) / 2);
  for (const x of samples) {
    const w = halfWidthM(model, x, levelMgM3);
    left.push([x, w]);
    if (w > best) { best = w; bestAt = x; }
  }
  // Refine the widest point by golden-section search between the neighbouring samples.
  const k = samples.indexOf(bestAt);
  let a = samples[Math.max(0, k - 1)]!;
  let b = samples[Math.min(samples.length - 1, k + 1)]!;
  const g = (Math.sqrt(5) - 1) / 2;
  for (let it = 0; it < 60 && b - a > 0.01; it++) {
    const c = b - g * (b - a);
    const d = a + g * (b - a);
    if (halfWidthM(model, c, levelMgM3) > halfWidthM(model, d, levelMgM3)) b = d;
    else a = c;
  }
  const refinedAt = (a + b) / 2;
  const refined = halfWidthM(model, refinedAt, levelMgM3);
  if (refined > best) { best = refined; bestAt = refinedAt; }
  const outline: [number, number][] = [...left, ...left.slice().reverse().map(([x, w]): [number, number] => [x, -w])];
  return { startM: start, endM: end, maxHalfWidthM: best, maxHalfWidthAtM: bestAt, outline };
}
