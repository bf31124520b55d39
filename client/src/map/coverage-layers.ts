// The coverage layers on the map: a station's isochrone bands as filled GeoJSON polygons (largest
// first, so each smaller band is painted over the larger ones and the ramp reads from the station
// outwards) and the coverage gaps as rings sized by the people left outside the 5-minute circle.
// Both go on the board's shared canvas renderer: a handful of polygons and ten rings.
import L from 'leaflet';
import type { Feature, MultiPolygon as GeoMultiPolygon } from 'geojson';
import type { CoverageGap, StationIsochrones } from '../../../shared/schemas/coverage.ts';
import { bandColour, GAP_COLOUR } from '../domain-view.ts';

/** Minutes of the band drawn with a heavier outline: the 5-minute rescue circle (5分钟消防救援圈). */
const TARGET_MINUTES = 5;

export interface BandsLayer {
  layer: L.GeoJSON;
  /** Bands actually drawn (polygons with at least one ring). */
  drawn: number;
}

export function buildBandsLayer(iso: StationIsochrones, renderer: L.Renderer): BandsLayer {
  const ranked = [...iso.bands].sort((a, b) => a.minutes - b.minutes).map((band, rank) => ({ band, rank }));
  const features: Feature<GeoMultiPolygon, { minutes: number; rank: number }>[] = ranked
    .filter(({ band }) => band.geometry.coordinates.length > 0)
    .reverse()
    .map(({ band, rank }) => ({ type: 'Feature', properties: { minutes: band.minutes, rank }, geometry: band.geometry }));
  // GeoJSON options are handed to each polygon it makes, so the renderer goes through them.
  const options: L.GeoJSONOptions<{ minutes: number; rank: number }> & { renderer: L.Renderer } = {
    renderer,
    interactive: false,
    style: (f) => ({
      stroke: true,
      color: bandColour(f?.properties.rank ?? 0),
      weight: f?.properties.minutes === TARGET_MINUTES ? 2.5 : 1,
      opacity: 0.9,
      fill: true,
      fillColor: bandColour(f?.properties.rank ?? 0),
      fillOpacity: 0.22,
    }),
  };
  return { layer: L.geoJSON(features, options), drawn: features.length };
}

/** Radius in pixels: area grows with population (50 people ≈ 5 px, 50,000 ≈ 20 px). */
export function gapRadius(population: number): number {
  return Math.min(20, 4 + Math.sqrt(Math.max(population, 0)) / 14);
}

export function buildGapsLayer(gaps: CoverageGap[], renderer: L.Renderer, describe: (g: CoverageGap) => string): L.LayerGroup {
  return L.layerGroup(
    gaps.map((g) =>
      L.circleMarker([g.lat, g.lon], {
        renderer,
        radius: gapRadius(g.population),
        color: GAP_COLOUR,
        weight: 2,
        fillColor: GAP_COLOUR,
        fillOpacity: 0.18,
      }).bindTooltip(describe(g), { direction: 'top', className: 'map-tooltip' }),
    ),
  );
}
