// The offline base map: the region's vector data (shared/map-data.ts) as Leaflet layers on one
// shared canvas renderer — water, built-up areas, floodplain, boundaries, roads by class — plus
// stations coloured by tier, water points, features and place-name labels. No tile server needed.
import L from 'leaflet';
import type { MapRoadClass, RegionMap } from '../../../shared/map-data.ts';
import { MAP_ROAD_CLASSES } from '../../../shared/map-data.ts';
import { stationColour } from '../domain-view.ts';
import type { PlacedLabel } from './place-labels.ts';

export const BASE_LAYER_KEYS = ['water', 'builtUp', 'floodplain', 'boundaries', 'roads', 'labels', 'stations', 'waterPoints', 'features'] as const;
export type BaseLayerKey = (typeof BASE_LAYER_KEYS)[number];

const ROAD_STYLE: Record<MapRoadClass, L.PolylineOptions> = {
  rural: { color: '#5b6472', weight: 1 },
  mountain: { color: '#5d5a4e', weight: 1, dashArray: '3 2' },
  local: { color: '#4c5566', weight: 1 },
  arterial: { color: '#8d97a8', weight: 2 },
  ramp: { color: '#c9a44a', weight: 1.5 },
  expressway: { color: '#e0b84f', weight: 3 },
};

const STATION_RADIUS: Record<string, number> = { national: 7, professional: 6, township: 5, micro: 3 };

export interface StationLabels { name(id: string): string; tooltip(id: string): string }

/**
 * `onStation`: a click on a station marker (the coverage layer selects the station whose bands it draws).
 * `placeLabels`: the place and feature labels (place-labels.ts), which the map lays out on every move.
 */
export function buildBaseLayers(data: RegionMap, renderer: L.Renderer, labels: StationLabels, lang: string, placeLabels: { places: PlacedLabel[]; features: PlacedLabel[] }, onStation?: (stationId: string) => void): Record<BaseLayerKey, L.LayerGroup> {
  const zh = lang.startsWith('zh');
  const group = (layers: L.Layer[]): L.LayerGroup => L.layerGroup(layers);
  const area = (rings: [number, number][][], opts: L.PolylineOptions): L.Layer[] =>
    rings.length ? [L.polygon(rings, { renderer, interactive: false, ...opts })] : [];
  return {
    water: group(area(data.water, { stroke: true, color: '#2a6896', weight: 1, fillColor: '#1b4a70', fillOpacity: 0.95 })),
    builtUp: group([
      ...area(data.builtUp.suburban, { stroke: false, fillColor: '#2c323c', fillOpacity: 1 }),
      ...area(data.builtUp.urban, { stroke: false, fillColor: '#383f4c', fillOpacity: 1 }),
      ...area(data.builtUp.industrial, { stroke: false, fillColor: '#43392f', fillOpacity: 1 }),
    ]),
    floodplain: group(area(data.floodplain, { stroke: false, fillColor: '#2f86b0', fillOpacity: 0.25 })),
    boundaries: group(
      data.jurisdictions.flatMap((j) =>
        j.rings.length ? [L.polygon(j.rings, { renderer, interactive: false, fill: false, color: '#7d8799', weight: 1, dashArray: '6 4', opacity: 0.8 })] : [],
      ),
    ),
    roads: group(
      MAP_ROAD_CLASSES.flatMap((cls) =>
        data.roads[cls].length ? [L.polyline(data.roads[cls], { renderer, interactive: false, ...ROAD_STYLE[cls] })] : [],
      ),
    ),
    labels: group(placeLabels.places.map((l) => l.marker)),
    stations: group(
      data.stations.map((s) =>
        L.circleMarker(s.location, {
          renderer,
          radius: STATION_RADIUS[s.kind === 'micro' ? 'micro' : s.tier] ?? 5,
          color: '#0d1117',
          weight: 1.5,
          fillColor: stationColour(s),
          fillOpacity: 1,
        }).bindTooltip(() => labels.tooltip(s.id), { direction: 'top', className: 'map-tooltip' })
          .on('click', () => onStation?.(s.id)),
      ),
    ),
    waterPoints: group(
      data.waterPoints.map((w) =>
        L.circleMarker(w.at, { renderer, radius: 3, color: '#0d1117', weight: 1, fillColor: '#41b6ff', fillOpacity: 1 })
          .bindTooltip(`${w.kind}${(zh ? (w.nameZh ?? w.name) : w.name) ? ` · ${zh ? (w.nameZh ?? w.name) : w.name}` : ''}`, { className: 'map-tooltip' }),
      ),
    ),
    features: group(placeLabels.features.map((l) => l.marker)),
  };
}
