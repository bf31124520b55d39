// Rural or urban dispersion by the land use of the region's cell at the source (Briggs open-country
// curves need open ground; built-up land mixes the air more: the urban curves).
import type { LatLon } from '../../shared/geo.ts';
import type { LandUse, Region } from '../../shared/schemas/region.ts';
import type { Terrain } from './dispersion.ts';

/** Land uses dispersed with the urban curves; everything else is open country. */
export const URBAN_LAND_USES: ReadonlySet<LandUse> = new Set(['urban', 'suburban', 'industrial']);

export function landUseAt(region: Region, p: LatLon): LandUse | undefined {
  const g = region.grid;
  const r = Math.floor((p[0] - g.south) / g.cellLat);
  const c = Math.floor((p[1] - g.west) / g.cellLon);
  return region.cells.find((cell) => cell.r === r && cell.c === c)?.landUse;
}

/** Urban or rural for a source at `p` (rural where the region has no cell). */
export function terrainAt(region: Region, p: LatLon): Terrain {
  const lu = landUseAt(region, p);
  return lu !== undefined && URBAN_LAND_USES.has(lu) ? 'urban' : 'rural';
}
