// Connected bathtub fill (DOMAIN.md §11): a place floods only if its ground is below the water
// surface AND it is connected to the water source through flooded ground, so a basin behind a ridge
// stays dry. The sources are the river's sub-cells, each with its own surface = its normal level +
// the flood level (the river slopes, so one flat surface would drown the lower valley). The water
// spreads breadth-first over 4-connected sub-cells from all sources at once; a dry sub-cell takes
// the surface of the nearest flooded neighbour that reaches it first (the nearest river reach), and
// one left dry by a lower front can still be flooded by a higher one arriving later.
// Depressions are not pre-filled (Priority-Flood, Barnes et al. 2014, is the reference for that):
// a hollow floods only when the water reaches it over its rim.
import { SOURCE_NONE, SOURCE_RIVER, type FloodTerrain } from './flood-terrain.ts';

export interface FloodFill {
  levelM: number;
  /** Water depth per sub-cell, m (0: dry; source sub-cells are not counted as flooded land). */
  depth: Float32Array;
  /** Flooded land sub-cells, in the order the water reached them. */
  flooded: Int32Array;
  floodedCount: number;
}

export interface FillOptions {
  /** `river`: only the river's cells are sources; `all`: every water body. */
  waters?: 'river' | 'all';
}

/** Reusable buffers for repeated fills of one terrain (the engine refills at every level change). */
export interface FillScratch { surface: Float64Array; queue: Int32Array }

export function fillScratch(t: FloodTerrain): FillScratch {
  return { surface: new Float64Array(t.rows * t.cols), queue: new Int32Array(t.rows * t.cols) };
}

export function floodFill(t: FloodTerrain, levelM: number, opts: FillOptions = {}, scratch: FillScratch = fillScratch(t)): FloodFill {
  const n = t.rows * t.cols;
  const { surface, queue } = scratch;
  surface.fill(Number.NaN);
  const depth = new Float32Array(n);
  const all = opts.waters === 'all';
  let head = 0;
  let tail = 0;
  for (let i = 0; i < n; i++) {
    const s = t.source[i]!;
    if (s === SOURCE_NONE || (!all && s !== SOURCE_RIVER)) continue;
    surface[i] = t.normalWater[i]! + levelM;
    queue[tail++] = i;
  }
  const floodedStart = tail;
  const cols = t.cols;
  const visit = (from: number, to: number): void => {
    if (!Number.isNaN(surface[to]!) || t.source[to] !== SOURCE_NONE) return;
    const g = t.ground[to]!;
    const s = surface[from]!;
    if (!(g < s)) return; // dry (or no ground data)
    surface[to] = s;
    depth[to] = s - g;
    queue[tail++] = to;
  };
  while (head < tail) {
    const i = queue[head++]!;
    const r = Math.floor(i / cols);
    const c = i - r * cols;
    if (r > 0) visit(i, i - cols);
    if (r < t.rows - 1) visit(i, i + cols);
    if (c > 0) visit(i, i - 1);
    if (c < cols - 1) visit(i, i + 1);
  }
  return { levelM, depth, flooded: queue.slice(floodedStart, tail), floodedCount: tail - floodedStart };
}
