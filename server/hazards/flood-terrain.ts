// The ground a flood fills, built once per region: the region's 1-km grid split into refine × refine
// sub-cells (default 4: 250 m) whose ground heights are interpolated bilinearly between the centres
// of neighbouring cells (the region has one height per 1-km cell and nothing finer; interpolation
// gives partly flooded cells instead of all-or-nothing kilometre squares, it invents no relief).
// Water cells take part in the interpolation with their normal water surface (the bank height), and
// their sub-cells are the flood's sources. The river is the largest 8-connected group of water cells;
// other groups (the reservoir) are sources only when the flood says `waters: all`.
// Cells missing from the region (outside the county) have no ground: water never enters them.
import type { LatLon } from '../../shared/geo.ts';
import type { Region } from '../../shared/schemas/region.ts';
import { METRES_PER_DEG_LAT } from './local-frame.ts';

export const SOURCE_NONE = 0;
export const SOURCE_RIVER = 1;
export const SOURCE_OTHER_WATER = 2;

export interface FloodTerrain {
  refine: number;
  rows: number;
  cols: number;
  south: number;
  west: number;
  subLat: number;
  subLon: number;
  /** Ground height per sub-cell, m (NaN: no data, never flooded). */
  ground: Float64Array;
  /** Normal water surface of source sub-cells, m (NaN elsewhere). */
  normalWater: Float64Array;
  /** SOURCE_NONE / SOURCE_RIVER / SOURCE_OTHER_WATER per sub-cell. */
  source: Uint8Array;
  /** Index into region.cells of each sub-cell's 1-km cell (-1: none). */
  cellIndex: Int32Array;
  /** People per sub-cell (the cell's population spread evenly). */
  people: Float64Array;
  /** Area of one sub-cell in each sub-row, km². */
  rowAreaKm2: Float64Array;
}

export function subcellAt(t: FloodTerrain, p: LatLon): number {
  const r = Math.floor((p[0] - t.south) / t.subLat);
  const c = Math.floor((p[1] - t.west) / t.subLon);
  if (r < 0 || c < 0 || r >= t.rows || c >= t.cols) return -1;
  return r * t.cols + c;
}

export function subcellCentre(t: FloodTerrain, i: number): LatLon {
  const r = Math.floor(i / t.cols);
  const c = i % t.cols;
  return [t.south + (r + 0.5) * t.subLat, t.west + (c + 0.5) * t.subLon];
}

/** Groups of 8-connected water cells; returns a label per cell index (-1 for land) and the largest label. */
function waterGroups(region: Region, at: Int32Array): { label: Int32Array; largest: number } {
  const { rows, cols } = region.grid;
  const label = new Int32Array(region.cells.length).fill(-1);
  const sizes: number[] = [];
  region.cells.forEach((cell, i) => {
    if (cell.landUse !== 'water' || label[i] !== -1) return;
    const id = sizes.length;
    let size = 0;
    const stack = [i];
    label[i] = id;
    while (stack.length > 0) {
      const k = stack.pop()!;
      size++;
      const { r, c } = region.cells[k]!;
      for (let dr = -1; dr <= 1; dr++) {
        for (let dc = -1; dc <= 1; dc++) {
          const rr = r + dr;
          const cc = c + dc;
          if (rr < 0 || cc < 0 || rr >= rows || cc >= cols) continue;
          const j = at[rr * cols + cc]!;
          if (j >= 0 && label[j] === -1 && region.cells[j]!.landUse === 'water') {
            label[j] = id;
            stack.push(j);
          }
        }
      }
    }
    sizes.push(size);
  });
  let largest = -1;
  sizes.forEach((s, id) => { if (largest < 0 || s > sizes[largest]!) largest = id; });
  return { label, largest };
}

export function floodTerrain(region: Region, refine: number): FloodTerrain {
  const g = region.grid;
  const at = new Int32Array(g.rows * g.cols).fill(-1);
  region.cells.forEach((cell, i) => { at[cell.r * g.cols + cell.c] = i; });
  // Height of each 1-km cell for interpolation: land its ground, water its normal surface.
  const h = new Float64Array(g.rows * g.cols).fill(Number.NaN);
  region.cells.forEach((cell) => {
    const v = cell.landUse === 'water' ? (cell.waterLevelM ?? cell.elevationM) : cell.elevationM;
    if (v !== undefined) h[cell.r * g.cols + cell.c] = v;
  });
  const { label, largest } = waterGroups(region, at);

  const k = refine;
  const rows = g.rows * k;
  const cols = g.cols * k;
  const n = rows * cols;
  const ground = new Float64Array(n).fill(Number.NaN);
  const normalWater = new Float64Array(n).fill(Number.NaN);
  const source = new Uint8Array(n);
  const cellIndex = new Int32Array(n).fill(-1);
  const people = new Float64Array(n);
  const rowAreaKm2 = new Float64Array(rows);
  const subLat = g.cellLat / k;
  const subLon = g.cellLon / k;
  for (let R = 0; R < rows; R++) {
    const lat = g.south + (R + 0.5) * subLat;
    rowAreaKm2[R] = (subLat * METRES_PER_DEG_LAT * subLon * METRES_PER_DEG_LAT * Math.cos((lat * Math.PI) / 180)) / 1e6;
  }
  const hAt = (r: number, c: number, fallback: number): number => {
    if (r < 0 || c < 0 || r >= g.rows || c >= g.cols) return fallback;
    const v = h[r * g.cols + c]!;
    return Number.isNaN(v) ? fallback : v;
  };
  for (let r = 0; r < g.rows; r++) {
    for (let c = 0; c < g.cols; c++) {
      const ci = at[r * g.cols + c]!;
      if (ci < 0) continue;
      const cell = region.cells[ci]!;
      const h0 = h[r * g.cols + c]!;
      if (Number.isNaN(h0)) continue;
      const isWater = cell.landUse === 'water';
      const kind = !isWater ? SOURCE_NONE : label[ci] === largest ? SOURCE_RIVER : SOURCE_OTHER_WATER;
      const pop = cell.population / (k * k);
      for (let i = 0; i < k; i++) {
        // Offset of the sub-cell centre from the cell centre, in cell units (−½ … ½); rows go north.
        const fy = (i + 0.5) / k - 0.5;
        const dr = fy < 0 ? -1 : 1;
        for (let j = 0; j < k; j++) {
          const fx = (j + 0.5) / k - 0.5;
          const dc = fx < 0 ? -1 : 1;
          const ay = Math.abs(fy);
          const ax = Math.abs(fx);
          const hy = hAt(r + dr, c, h0);
          const hx = hAt(r, c + dc, h0);
          // A missing diagonal neighbour: the plane through the other three (edges of the data).
          const hxy = hAt(r + dr, c + dc, hx + hy - h0);
          const v = (1 - ay) * (1 - ax) * h0 + ay * (1 - ax) * hy + (1 - ay) * ax * hx + ay * ax * hxy;
          const idx = (r * k + i) * cols + (c * k + j);
          cellIndex[idx] = ci;
          people[idx] = pop;
          if (isWater) {
            source[idx] = kind;
            normalWater[idx] = h0;
            ground[idx] = cell.elevationM ?? h0;
          } else {
            ground[idx] = v;
          }
        }
      }
    }
  }
  return { refine: k, rows, cols, south: g.south, west: g.west, subLat, subLon, ground, normalWater, source, cellIndex, people, rowAreaKm2 };
}
