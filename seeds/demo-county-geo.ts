// Grid geometry and the fixed water geography of the FICTIONAL demo county 清水县, shared by the
// county generator (seeds/generate-demo-county.ts) and its terrain, water-point and feature modules:
// the 1 km grid, grid-unit points and distances, the seeded PRNG, the Qing River and the reservoir.
import type { LatLon } from '../shared/geo.ts';

// ---- PRNG -----------------------------------------------------------------------------------------

/** mulberry32: tiny, fast, good enough for generating seed data; same seed → same county. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---- grid -----------------------------------------------------------------------------------------

/** 1 km cells: 0.009° of latitude ≈ 1.0 km, 0.0099° of longitude ≈ 1.0 km at 24.6° N. */
export const GRID = { south: 24.33, west: 110.24, cellLat: 0.009, cellLon: 0.0099, rows: 60, cols: 66 } as const;
export const KM_PER_ROW = GRID.cellLat * 111.195;
export const KM_PER_COL = GRID.cellLon * 111.195 * Math.cos(((GRID.south + (GRID.rows * GRID.cellLat) / 2) * Math.PI) / 180);

/** A point in grid units: fractional row (north) and column (east); cell (r, c) spans [r, r+1) × [c, c+1). */
export interface Pt { r: number; c: number }

export const round5 = (x: number) => Math.round(x * 1e5) / 1e5;
export const toLatLon = (p: Pt): LatLon => [round5(GRID.south + p.r * GRID.cellLat), round5(GRID.west + p.c * GRID.cellLon)];
export const cellCentre = (r: number, c: number): Pt => ({ r: r + 0.5, c: c + 0.5 });
export const km = (a: Pt, b: Pt) => Math.hypot((a.r - b.r) * KM_PER_ROW, (a.c - b.c) * KM_PER_COL);
export const key = (r: number, c: number) => r * GRID.cols + c;
export const clamp = (x: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, x));

/** Distance (km) from p to the segment a–b. */
export function kmToSegment(p: Pt, a: Pt, b: Pt): number {
  const ax = a.c * KM_PER_COL, ay = a.r * KM_PER_ROW, bx = b.c * KM_PER_COL, by = b.r * KM_PER_ROW;
  const px = p.c * KM_PER_COL, py = p.r * KM_PER_ROW;
  const dx = bx - ax, dy = by - ay;
  const t = clamp(((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy), 0, 1);
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}
export const kmToPolyline = (p: Pt, line: readonly Pt[]) => {
  let best = Infinity;
  for (let i = 1; i < line.length; i++) best = Math.min(best, kmToSegment(p, line[i - 1]!, line[i]!));
  return best;
};

// ---- water geography ------------------------------------------------------------------------------

/** The Qing River (清水河), NW → SE through the city; rasterised into a band of 'water' cells. */
export const RIVER: readonly Pt[] = [
  { r: 62, c: 10 }, { r: 52, c: 16 }, { r: 44, c: 22 }, { r: 37, c: 28 }, { r: 32.5, c: 33 }, { r: 29, c: 37 },
  { r: 25, c: 42 }, { r: 19, c: 47 }, { r: 12, c: 51 }, { r: 5, c: 55 }, { r: -2, c: 58 },
];
export const RESERVOIR = { centre: { r: 51.5, c: 39.5 } as Pt, radiusKm: 1.4 };
