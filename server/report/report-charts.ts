// The report's charts as ECharts options built from the report model (and the region's base map),
// then rendered to SVG. The board's debrief page draws the same options.
import type { ChartOption, ReportLang } from '../../shared/charts/chart-types.ts';
import type { RegionMap } from '../../shared/map-data.ts';
import { responseHistogramOptions } from '../../shared/charts/response-histogram.ts';
import { unitGanttOptions } from '../../shared/charts/unit-gantt.ts';
import { incidentMapOptions } from '../../shared/charts/incident-map.ts';
import { coverageOverTimeOptions } from '../../shared/charts/coverage-over-time.ts';
import { chemicalZonesOptions, floodLevelOptions, type HazardSeries } from '../../shared/charts/hazard-charts.ts';
import type { ReportModel } from './report-model.ts';
import { renderChartSvg, type ChartSize } from './charts/render-svg.ts';

export type ChartId = 'response-histogram' | 'unit-gantt' | 'incident-map' | 'coverage-over-time' | 'hazard-zones' | 'flood-level';

export interface ReportChart { id: ChartId; size: ChartSize; option: ChartOption }

const MAX_GANTT_ROWS = 60;

export function reportChartOptions(model: ReportModel, map: RegionMap | undefined, lang: ReportLang): ReportChart[] {
  const minutes = model.incidents.flatMap((r) => (r.segments.dispatchToFirstArrival === undefined ? [] : [r.segments.dispatchToFirstArrival / 60]));
  const end = Math.max(model.meta.simulatedTo, 1);
  const rows = model.units.units.slice(0, MAX_GANTT_ROWS);
  const ganttHeight = Math.max(220, 100 + rows.length * 14);
  const charts: ReportChart[] = [
    { id: 'response-histogram', size: { width: 720, height: 340 }, option: responseHistogramOptions({ minutes, targets: model.targets }, lang) },
    { id: 'unit-gantt', size: { width: 720, height: ganttHeight }, option: unitGanttOptions({ units: rows, segments: model.units.segments, endsAt: end }, lang) },
  ];
  if (map) {
    const size = { width: 720, height: 560 };
    const incidents = model.incidents.map((r) => ({
      id: r.id, location: r.location, label: `${r.id} ${r.type}`,
      ...(r.segments.dispatchToFirstArrival === undefined ? {} : { firstArrivalMin: r.segments.dispatchToFirstArrival / 60 }),
    }));
    charts.push({ id: 'incident-map', size, option: incidentMapOptions({ map, incidents, scaleMaxMin: 10 }, lang, size) });
  }
  if (model.coverage.points.length > 0) {
    charts.push({ id: 'coverage-over-time', size: { width: 720, height: 320 }, option: coverageOverTimeOptions({ points: model.coverage.points, endsAt: end, minutes: model.coverage.minutes }, lang) });
  }
  // Hazards only when the drill had them: a chemical release's threat zones, a flood's level and area.
  const chemical = model.hazards.filter((h): h is Extract<HazardSeries, { kind: 'chemical-release' }> => h.kind === 'chemical-release');
  const floods = model.hazards.filter((h): h is Extract<HazardSeries, { kind: 'flood' }> => h.kind === 'flood');
  if (chemical.length > 0) charts.push({ id: 'hazard-zones', size: { width: 720, height: 320 }, option: chemicalZonesOptions({ hazards: chemical, endsAt: end }, lang) });
  if (floods.length > 0) charts.push({ id: 'flood-level', size: { width: 720, height: 320 }, option: floodLevelOptions({ hazards: floods, endsAt: end }, lang) });
  return charts;
}

export function renderReportCharts(model: ReportModel, map: RegionMap | undefined, lang: ReportLang): { id: ChartId; svg: string }[] {
  return reportChartOptions(model, map, lang).map((c) => ({ id: c.id, svg: renderChartSvg(c.option, c.size) }));
}
