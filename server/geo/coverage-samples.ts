// The sample lattice of a region: each land cell of the 1-km population grid is split into n × n
// squares (250 m with n = 4) and each square's centre is snapped once to the road network. Coverage
// spreads a cell's people evenly over its samples; isochrones colour the squares a crew reaches.
// Water cells are left out: nobody lives there and a lake "reached" from a bridge misleads a map.
// Snapping is the costly part, so the lattice is cached per (network, cells, n); a what-if changes
// stations only, so before and after share it.
import type { Cell, Grid, Region } from '../../shared/schemas/region.ts';
import type { RoadNetwork } from './road-network.ts';
import { snap } from './router.ts';

export interface SampleLattice {
  grid: Grid;
  /** Samples per side of a cell. */
  n: number;
  /** Lattice size: grid.rows × n rows, grid.cols × n columns (squares, row 0 in the south). */
  rows: number;
  cols: number;
  dLat: number;
  dLon: number;
  count: number;
  lat: Float64Array;
  lon: Float64Array;
  /** Row × cols + column of the sample in the lattice. */
  square: Int32Array;
  /** Index of the sample's cell in region.cells. */
  cell: Int32Array;
  /** Nearest road node and the straight distance to it (the off-road leg). */
  node: Int32Array;
  offRoadM: Float64Array;
  /** Area of the sample's square, km². */
  areaKm2: Float64Array;
  /** North-south side of a square, metres. */
  sideM: number;
}

const KM_PER_DEG_LAT = 111.195;
const cache = new WeakMap<RoadNetwork, WeakMap<readonly Cell[], Map<number, SampleLattice>>>();

export function sampleLattice(region: Pick<Region, 'grid' | 'cells'>, net: RoadNetwork, n: number): SampleLattice {
  let byCells = cache.get(net);
  if (!byCells) cache.set(net, (byCells = new WeakMap()));
  let byN = byCells.get(region.cells);
  if (!byN) byCells.set(region.cells, (byN = new Map()));
  let lattice = byN.get(n);
  if (!lattice) byN.set(n, (lattice = buildLattice(region.grid, region.cells, net, n)));
  return lattice;
}

function buildLattice(grid: Grid, cells: readonly Cell[], net: RoadNetwork, n: number): SampleLattice {
  const land: number[] = [];
  cells.forEach((c, i) => {
    if (c.landUse !== 'water') land.push(i);
  });
  const count = land.length * n * n;
  const rows = grid.rows * n;
  const cols = grid.cols * n;
  const dLat = grid.cellLat / n;
  const dLon = grid.cellLon / n;
  const lat = new Float64Array(count);
  const lon = new Float64Array(count);
  const square = new Int32Array(count);
  const cell = new Int32Array(count);
  const node = new Int32Array(count);
  const offRoadM = new Float64Array(count);
  const areaKm2 = new Float64Array(count);
  let k = 0;
  for (const ci of land) {
    const c = cells[ci]!;
    for (let a = 0; a < n; a++) {
      for (let b = 0; b < n; b++) {
        const i = c.r * n + a;
        const j = c.c * n + b;
        const la = grid.south + (i + 0.5) * dLat;
        const lo = grid.west + (j + 0.5) * dLon;
        const s = snap(net, [la, lo]);
        lat[k] = la;
        lon[k] = lo;
        square[k] = i * cols + j;
        cell[k] = ci;
        node[k] = s.node;
        offRoadM[k] = s.offRoadM;
        areaKm2[k] = dLat * KM_PER_DEG_LAT * dLon * KM_PER_DEG_LAT * Math.cos((la * Math.PI) / 180);
        k++;
      }
    }
  }
  return { grid, n, rows, cols, dLat, dLon, count, lat, lon, square, cell, node, offRoadM, areaKm2, sideM: dLat * KM_PER_DEG_LAT * 1000 };
}
