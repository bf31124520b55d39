// Terrain of the FICTIONAL demo county in metres, for flood models ("bathtub" fill on the cell grid):
// each cell's ground height above sea level, the normal water surface of river and reservoir cells,
// and the floodplain — the low land along the Qing River a few metres above its normal level, which
// a rising river fills first. Derived from the generator's unitless relief; no PRNG, so adding it
// changes nothing else in the county.
import type { LandUse } from '../shared/schemas/region.ts';
import { KM_PER_COL, KM_PER_ROW, RESERVOIR, RIVER, cellCentre, clamp, key, km, kmToPolyline } from './demo-county-geo.ts';
import type { Pt } from './demo-county-geo.ts';

/** Normal water level of the Qing River where it enters (NW) and leaves (SE) the map, m a.s.l. */
const RIVER_LEVEL_IN_M = 132;
const RIVER_LEVEL_OUT_M = 96;
/** Depth of the river channel below its normal level (the bed is the lowest ground of the county). */
const RIVER_DEPTH_M = 4;
/** Floodplain: land within this distance of the river's centre line, in the lower part of the relief… */
const FLOODPLAIN_MAX_KM = 2.2;
/** …below this quantile of the relief of the land that close to the river, connected to the river. */
const FLOODPLAIN_RELIEF_QUANTILE = 0.55;
/** Floodplain ground: from 1.5 m above the river level at the bank to 5 m at its outer edge. */
const FLOODPLAIN_RISE_M = [1.5, 5] as const;
/** Other land: at least this high above the river level (a terrace edge), up to the hill tops. */
const TERRACE_M = 8;
const HIGHEST_ABOVE_RIVER_M = 1_050;
/** Reservoir: its normal pool sits this far below the lowest land around it; bed depth range. */
const RESERVOIR_FREEBOARD_M = 4;
const RESERVOIR_DEPTH_M = [6, 20] as const;

export interface TerrainCell { r: number; c: number; p: Pt; elev: number; landUse: LandUse }
export interface CellTerrain { elevationM: number; waterLevelM?: number; floodplain?: true }

const round1 = (x: number) => Math.round(x * 10) / 10;

/** Chainage along the river polyline (km from the upstream end) of the point of the river nearest p. */
export function riverChainageKm(p: Pt): number {
  let best = Infinity, bestS = 0, s0 = 0;
  for (let i = 1; i < RIVER.length; i++) {
    const a = RIVER[i - 1]!, b = RIVER[i]!;
    const ax = a.c * KM_PER_COL, ay = a.r * KM_PER_ROW, bx = b.c * KM_PER_COL, by = b.r * KM_PER_ROW;
    const dx = bx - ax, dy = by - ay, len = Math.hypot(dx, dy);
    const t = clamp(((p.c * KM_PER_COL - ax) * dx + (p.r * KM_PER_ROW - ay) * dy) / (len * len), 0, 1);
    const d = Math.hypot(p.c * KM_PER_COL - (ax + t * dx), p.r * KM_PER_ROW - (ay + t * dy));
    if (d < best) { best = d; bestS = s0 + t * len; }
    s0 += len;
  }
  return bestS;
}

const RIVER_LENGTH_KM = RIVER.slice(1).reduce((s, b, i) => s + km(RIVER[i]!, b), 0);
/** Normal river level opposite p: falls linearly along the river (≈0.35 m/km). */
export const riverLevelM = (p: Pt): number =>
  RIVER_LEVEL_IN_M + ((RIVER_LEVEL_OUT_M - RIVER_LEVEL_IN_M) * riverChainageKm(p)) / RIVER_LENGTH_KM;

export function computeTerrain(cells: readonly TerrainCell[]): Map<TerrainCell, CellTerrain> {
  const byKey = new Map(cells.map((c) => [key(c.r, c.c), c]));
  const isReservoir = (c: TerrainCell) => c.landUse === 'water' && km(cellCentre(c.r, c.c), RESERVOIR.centre) <= RESERVOIR.radiusKm;
  const out = new Map<TerrainCell, CellTerrain>();

  // Floodplain: low land near the river, grown outward from the river cells (so a hollow behind a ridge is not one).
  const near = cells.filter((c) => c.landUse !== 'water' && kmToPolyline(c.p, RIVER) <= FLOODPLAIN_MAX_KM);
  const reliefs = near.map((c) => c.elev).sort((a, b) => a - b);
  const reliefCut = reliefs[Math.floor(reliefs.length * FLOODPLAIN_RELIEF_QUANTILE)] ?? -Infinity;
  const candidate = new Set(near.filter((c) => c.elev <= reliefCut));
  const floodplain = new Set<TerrainCell>();
  const queue = cells.filter((c) => c.landUse === 'water' && !isReservoir(c));
  while (queue.length > 0) {
    const c = queue.pop()!;
    for (const [dr, dc] of [[1, 0], [-1, 0], [0, 1], [0, -1]] as const) {
      const n = byKey.get(key(c.r + dr, c.c + dc));
      if (n && candidate.has(n) && !floodplain.has(n)) { floodplain.add(n); queue.push(n); }
    }
  }

  // Land: floodplain a few metres above the river, other land on a terrace and up the relief.
  const dry = cells.filter((c) => c.landUse !== 'water' && !floodplain.has(c));
  const lo = Math.min(...dry.map((c) => c.elev)), hi = Math.max(...dry.map((c) => c.elev));
  for (const c of cells) {
    if (c.landUse === 'water') continue;
    const level = riverLevelM(c.p);
    if (floodplain.has(c)) {
      const f = clamp(kmToPolyline(c.p, RIVER) / FLOODPLAIN_MAX_KM, 0, 1);
      out.set(c, { elevationM: round1(level + FLOODPLAIN_RISE_M[0] + (FLOODPLAIN_RISE_M[1] - FLOODPLAIN_RISE_M[0]) * f), floodplain: true });
    } else {
      const rel = ((c.elev - lo) / (hi - lo)) ** 1.6;
      out.set(c, { elevationM: round1(level + TERRACE_M + (HIGHEST_ABOVE_RIVER_M - TERRACE_M) * rel) });
    }
  }
  // River: the bed below the normal level.
  for (const c of cells) {
    if (c.landUse !== 'water' || isReservoir(c)) continue;
    const level = riverLevelM(c.p);
    out.set(c, { elevationM: round1(level - RIVER_DEPTH_M), waterLevelM: round1(level) });
  }
  // Reservoir: the pool below the lowest land around it, deepest at the centre (by the dam).
  const reservoir = cells.filter(isReservoir);
  let rim = Infinity;
  for (const c of reservoir) {
    for (let dr = -1; dr <= 1; dr++) for (let dc = -1; dc <= 1; dc++) {
      const n = byKey.get(key(c.r + dr, c.c + dc));
      const e = n ? out.get(n) : undefined;
      if (n && n.landUse !== 'water' && e) rim = Math.min(rim, e.elevationM);
    }
  }
  const pool = round1(rim - RESERVOIR_FREEBOARD_M);
  for (const c of reservoir) {
    const f = 1 - clamp(km(cellCentre(c.r, c.c), RESERVOIR.centre) / RESERVOIR.radiusKm, 0, 1);
    out.set(c, { elevationM: round1(pool - RESERVOIR_DEPTH_M[0] - (RESERVOIR_DEPTH_M[1] - RESERVOIR_DEPTH_M[0]) * f), waterLevelM: pool });
  }
  if (out.size !== cells.length) throw new Error(`terrain: ${cells.length - out.size} cells without an elevation`);
  return out;
}
