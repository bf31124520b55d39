// Map of the incidents coloured by first-arrival time (dispatch → first arrival), drawn from the
// region's own vector data (water, built-up areas, district boundaries, main roads): no tiles. Longitude
// and latitude are plain value axes, scaled so a kilometre is as long east-west as north-south.
import type { LatLon } from '../geo.ts';
import type { RegionMap } from '../map-data.ts';
import { CHART_FONT, pick, type ChartOption, type ReportLang } from './chart-types.ts';

export interface MapIncident {
  id: string;
  location: LatLon;
  /** Dispatch → first arrival, minutes; undefined when no unit arrived. */
  firstArrivalMin?: number;
  label: string;
}

export interface IncidentMapData {
  map: Pick<RegionMap, 'bounds' | 'water' | 'builtUp' | 'jurisdictions' | 'roads'>;
  incidents: readonly MapIncident[];
  /** Colour scale top (minutes); the 5-minute target sits in the middle of the scale by default. */
  scaleMaxMin?: number;
}

/** [lon, lat] pairs for ECharts (x = lon, y = lat). */
const xy = (ring: readonly LatLon[]): [number, number][] => ring.map(([lat, lon]) => [lon, lat]);

interface PolyApi { coord(v: [number, number]): [number, number] }

function polygonSeries(name: string, rings: readonly (readonly LatLon[])[], fill: string, stroke: string): Record<string, unknown> {
  return {
    type: 'custom', name, silent: true, z: 1,
    data: rings.map((_, i) => i),
    renderItem: (params: { dataIndex: number }, api: PolyApi) => ({
      type: 'polygon', shape: { points: xy(rings[params.dataIndex]!).map((p) => api.coord(p)) }, style: { fill, stroke, lineWidth: stroke === fill ? 0 : 0.6 },
    }),
  };
}

function lineSeries(name: string, lines: readonly (readonly LatLon[])[], colour: string, width: number): Record<string, unknown> {
  return {
    type: 'lines', name, coordinateSystem: 'cartesian2d', polyline: true, silent: true, z: 2,
    lineStyle: { color: colour, width, opacity: 1 },
    data: lines.map((l) => ({ coords: xy(l) })),
  };
}

export function incidentMapOptions(data: IncidentMapData, lang: ReportLang, size: { width: number; height: number }): ChartOption {
  const [[south, west], [north, east]] = data.map.bounds;
  // Equal kilometres on both axes: widen the narrower extent around its centre.
  const kx = Math.cos((((south + north) / 2) * Math.PI) / 180);
  const plotW = size.width - 80, plotH = size.height - 80;
  let lonSpan = east - west, latSpan = north - south;
  if ((lonSpan * kx) / latSpan > plotW / plotH) latSpan = (lonSpan * kx * plotH) / plotW;
  else lonSpan = (latSpan * plotW) / (plotH * kx);
  const cLat = (south + north) / 2, cLon = (west + east) / 2;
  const scaleMax = data.scaleMaxMin ?? 10;
  const reached = data.incidents.filter((i) => i.firstArrivalMin !== undefined);
  const notReached = data.incidents.filter((i) => i.firstArrivalMin === undefined);
  const main = [...(data.map.roads.expressway ?? []), ...(data.map.roads.arterial ?? [])];
  return {
    animation: false,
    textStyle: { fontFamily: CHART_FONT },
    title: { text: pick(lang, '事件分布(按首车到场时间着色)', 'Incidents by first-arrival time'), left: 'center', textStyle: { fontSize: 14 } },
    grid: { left: 56, right: 24, top: 40, bottom: 40 },
    xAxis: { type: 'value', name: pick(lang, '经度', 'lon'), min: cLon - lonSpan / 2, max: cLon + lonSpan / 2, splitLine: { show: false }, axisLabel: { fontSize: 9, formatter: (v: number) => v.toFixed(2) } },
    yAxis: { type: 'value', name: pick(lang, '纬度', 'lat'), min: cLat - latSpan / 2, max: cLat + latSpan / 2, splitLine: { show: false }, axisLabel: { fontSize: 9, formatter: (v: number) => v.toFixed(2) } },
    visualMap: {
      type: 'continuous', min: 0, max: scaleMax, dimension: 2, seriesIndex: 5, orient: 'vertical', right: 0, top: 'middle', calculable: false,
      text: [`${scaleMax}+ ${pick(lang, '分', 'min')}`, `0 ${pick(lang, '分', 'min')}`],
      inRange: { color: ['#2e9d46', '#e8c21c', '#ee7b18', '#d42a2a'] },
    },
    series: [
      polygonSeries('water', data.map.water, '#cfe3f7', '#cfe3f7'),
      polygonSeries('built-up', [...(data.map.builtUp.urban ?? []), ...(data.map.builtUp.suburban ?? []), ...(data.map.builtUp.industrial ?? [])], '#eee4d6', '#eee4d6'),
      polygonSeries('districts', data.map.jurisdictions.flatMap((j) => j.rings ?? []), 'none', '#999999'),
      lineSeries('roads-local', data.map.roads.local ?? [], '#dddddd', 0.5),
      lineSeries('roads', main, '#999999', 1.2),
      {
        id: 'incidents', name: pick(lang, '事件', 'Incidents'), type: 'scatter', z: 5, symbolSize: 9,
        itemStyle: { borderColor: '#222', borderWidth: 0.5 },
        data: reached.map((i) => ({ name: i.label, value: [i.location[1], i.location[0], Math.min(scaleMax, i.firstArrivalMin!)] })),
      },
      {
        id: 'not-reached', name: pick(lang, '无车到场', 'No arrival'), type: 'scatter', z: 5, symbol: 'diamond', symbolSize: 9,
        itemStyle: { color: '#ffffff', borderColor: '#222', borderWidth: 1 },
        data: notReached.map((i) => ({ name: i.label, value: [i.location[1], i.location[0]] })),
      },
    ],
  };
}
