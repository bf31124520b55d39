// Pure look-ups on a region: which grid cell (and so which jurisdiction and home station) covers a
// point, and where a named place is. Used by the engine, the loaders and the board.
import type { Cell, Region } from './schemas/region.ts';
import type { LatLon } from './geo.ts';

export interface RegionIndex {
  region: Region;
  cellAt(p: LatLon): Cell | undefined;
  cellCenter(cell: Pick<Cell, 'r' | 'c'>): LatLon;
  /** A place name (cell place or its Chinese name, station id or name, jurisdiction id or name) → a location. */
  placeLocation(name: string): LatLon | undefined;
}

export function indexRegion(region: Region): RegionIndex {
  const { grid } = region;
  const byRc = new Map<number, Cell>();
  for (const cell of region.cells) byRc.set(cell.r * grid.cols + cell.c, cell);
  const cellCenter = (cell: Pick<Cell, 'r' | 'c'>): LatLon => [
    grid.south + (cell.r + 0.5) * grid.cellLat,
    grid.west + (cell.c + 0.5) * grid.cellLon,
  ];
  const places = new Map<string, LatLon>();
  for (const cell of region.cells) {
    if (cell.place && !places.has(cell.place)) places.set(cell.place, cellCenter(cell));
    // The Chinese name too (a scenario written in Chinese), unless it already names something else.
    if (cell.placeZh && !places.has(cell.placeZh)) places.set(cell.placeZh, cellCenter(cell));
  }
  for (const j of region.jurisdictions) { places.set(j.id, j.center); places.set(j.name, j.center); places.set(j.nameZh, j.center); }
  for (const s of region.stations) { places.set(s.id, s.location); places.set(s.name, s.location); places.set(s.nameZh, s.location); }
  return {
    region,
    cellCenter,
    cellAt(p) {
      const r = Math.floor((p[0] - grid.south) / grid.cellLat);
      const c = Math.floor((p[1] - grid.west) / grid.cellLon);
      if (r < 0 || c < 0 || r >= grid.rows || c >= grid.cols) return undefined;
      return byRc.get(r * grid.cols + c);
    },
    placeLocation: (name) => places.get(name),
  };
}
