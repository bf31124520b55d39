// Hazards over time, for the report: a chemical release's threat zones (the AEGL-3 / 2 / 1 footprints'
// areas, km²) and a flood's water level with the flooded and boat-only areas, as step lines (the
// zones hold until the next update) on the drill's clock. One chart per kind; several hazards of
// a kind share it, each named in the legend.
import { CHART_FONT, pick, type ChartOption, type ReportLang } from './chart-types.ts';

export interface ChemicalZonePoint {
  /** Sim ms of the update. */
  t: number;
  level3Km2: number;
  level2Km2: number;
  level1Km2: number;
  /** People by their worst exposure level (the model's estimate). */
  people: { level1: number; level2: number; level3: number };
}

export interface FloodPoint { t: number; levelM: number; floodedKm2: number; boatOnlyKm2: number; stranded: number; closedRoadKm: number }

interface SeriesBase { id: string; startedAt: number; clearedAt?: number }
export type HazardSeries =
  | (SeriesBase & { kind: 'chemical-release'; substanceId?: string; points: ChemicalZonePoint[] })
  | (SeriesBase & { kind: 'flood'; points: FloodPoint[] });

const HOUR = 3_600_000;
/** Line styles per threat level: the usual red / orange / yellow of AEGL-3 / 2 / 1. */
const LEVELS = [
  { key: 'level3Km2', zh: '三级(AEGL-3)', en: 'AEGL-3', colour: '#c81e1e' },
  { key: 'level2Km2', zh: '二级(AEGL-2)', en: 'AEGL-2', colour: '#ee7b18' },
  { key: 'level1Km2', zh: '一级(AEGL-1)', en: 'AEGL-1', colour: '#d8b400' },
] as const;
const DASHES = ['solid', 'dashed', 'dotted'] as const;

/** [hours, value] steps from the updates, held to the end of the drill. */
function steps<P extends { t: number }>(points: readonly P[], value: (p: P) => number, endsAt: number): [number, number][] {
  const out = points.map((p): [number, number] => [p.t / HOUR, value(p)]);
  if (points.length > 0) out.push([endsAt / HOUR, value(points.at(-1)!)]);
  return out;
}

const timeAxis = (lang: ReportLang, endsAt: number) =>
  ({ type: 'value', name: pick(lang, '小时', 'hours'), nameLocation: 'middle', nameGap: 24, min: 0, max: Math.max(0.25, Math.ceil((endsAt / HOUR) * 4) / 4) });

export function chemicalZonesOptions(data: { hazards: readonly Extract<HazardSeries, { kind: 'chemical-release' }>[]; endsAt: number }, lang: ReportLang): ChartOption {
  const several = data.hazards.length > 1;
  return {
    animation: false,
    textStyle: { fontFamily: CHART_FONT },
    title: { text: pick(lang, '危化品泄漏威胁区面积随时间变化', 'Chemical release: threat zone areas over time'), left: 'center', textStyle: { fontSize: 14 } },
    legend: { bottom: 0 },
    grid: { left: 64, right: 24, top: 40, bottom: 64 },
    xAxis: timeAxis(lang, data.endsAt),
    yAxis: { type: 'value', name: pick(lang, '面积 km²', 'area km²'), min: 0 },
    series: data.hazards.flatMap((h, i) => LEVELS.map((l) => ({
      id: `${h.id}-${l.key}`, type: 'line', step: 'end', symbol: 'none',
      name: `${pick(lang, l.zh, l.en)}${several ? ` · ${h.id}` : ''}`,
      lineStyle: { color: l.colour, width: 2, type: DASHES[i % DASHES.length] }, itemStyle: { color: l.colour },
      data: steps(h.points, (p) => p[l.key], data.endsAt),
    }))),
  };
}

export function floodLevelOptions(data: { hazards: readonly Extract<HazardSeries, { kind: 'flood' }>[]; endsAt: number }, lang: ReportLang): ChartOption {
  const several = data.hazards.length > 1;
  const tag = (h: { id: string }): string => (several ? ` · ${h.id}` : '');
  return {
    animation: false,
    textStyle: { fontFamily: CHART_FONT },
    title: { text: pick(lang, '洪水水位与淹没面积随时间变化', 'Flood: water level and flooded area over time'), left: 'center', textStyle: { fontSize: 14 } },
    legend: { bottom: 0 },
    grid: { left: 56, right: 64, top: 40, bottom: 64 },
    xAxis: timeAxis(lang, data.endsAt),
    yAxis: [
      { type: 'value', name: pick(lang, '水位 m', 'level m'), min: 0 },
      { type: 'value', name: pick(lang, '面积 km²', 'area km²'), min: 0, splitLine: { show: false } },
    ],
    series: data.hazards.flatMap((h, i) => [
      { id: `${h.id}-level`, type: 'line', step: 'end', symbol: 'none', name: `${pick(lang, '水位', 'Water level')}${tag(h)}`,
        lineStyle: { color: '#1d4f91', width: 2, type: DASHES[i % DASHES.length] }, itemStyle: { color: '#1d4f91' }, data: steps(h.points, (p) => p.levelM, data.endsAt) },
      { id: `${h.id}-flooded`, type: 'line', step: 'end', symbol: 'none', yAxisIndex: 1, name: `${pick(lang, '淹没面积', 'Flooded area')}${tag(h)}`,
        lineStyle: { color: '#2f9bd6', width: 2, type: DASHES[i % DASHES.length] }, itemStyle: { color: '#2f9bd6' }, areaStyle: { color: 'rgba(47,155,214,0.15)' }, data: steps(h.points, (p) => p.floodedKm2, data.endsAt) },
      { id: `${h.id}-boat`, type: 'line', step: 'end', symbol: 'none', yAxisIndex: 1, name: `${pick(lang, '仅可舟艇通行(>0.6 m)', 'Boat only (> 0.6 m)')}${tag(h)}`,
        lineStyle: { color: '#7a4fd0', width: 2, type: DASHES[i % DASHES.length] }, itemStyle: { color: '#7a4fd0' }, data: steps(h.points, (p) => p.boatOnlyKm2, data.endsAt) },
    ]),
  };
}
