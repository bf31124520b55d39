// Per-unit timeline (Gantt of statuses): one row per unit that did anything, a coloured bar per
// status from when it began to when it ended, time in hours from the start of the drill.
import type { UnitStatus } from '../domain/status.ts';
import { CHART_FONT, pick, type ChartOption, type ReportLang } from './chart-types.ts';

export interface UnitSegment {
  unitId: string;
  status: UnitStatus;
  /** Sim ms. */
  from: number;
  to: number;
  incidentId?: string;
}

export interface UnitGanttData {
  /** Row labels, top to bottom. */
  units: readonly string[];
  segments: readonly UnitSegment[];
  endsAt: number;
}

export const STATUS_STYLE: Record<UnitStatus, { colour: string; zh: string; en: string }> = {
  inStation: { colour: '#d9d9d9', zh: '在站', en: 'in station' },
  turningOut: { colour: '#f2c14e', zh: '出动', en: 'turning out' },
  enRoute: { colour: '#ee7b18', zh: '途中', en: 'en route' },
  onScene: { colour: '#d42a2a', zh: '到场', en: 'on scene' },
  working: { colour: '#8b1a1a', zh: '作业', en: 'working' },
  returning: { colour: '#6fa8dc', zh: '返回', en: 'returning' },
  availableOnRoad: { colour: '#2e9d46', zh: '途中可用', en: 'available on road' },
  outOfService: { colour: '#555555', zh: '停用', en: 'out of service' },
};

const HOUR = 3_600_000;

/** Bars drawn by a custom series: [row, fromHours, toHours, statusIndex]. */
interface GanttApi { value(i: number): number; coord(v: [number, number]): [number, number]; size(v: [number, number]): [number, number] }

const STATUSES = Object.keys(STATUS_STYLE) as UnitStatus[];

export function unitGanttOptions(data: UnitGanttData, lang: ReportLang): ChartOption {
  const row = new Map(data.units.map((u, i) => [u, i]));
  const drawn = data.segments.filter((s) => s.status !== 'inStation' && row.has(s.unitId) && s.to > s.from);
  return {
    animation: false,
    textStyle: { fontFamily: CHART_FONT },
    title: { text: pick(lang, '车辆状态时间线', 'Unit timeline'), left: 'center', textStyle: { fontSize: 14 } },
    legend: { bottom: 0, data: STATUSES.filter((s) => s !== 'inStation').map((s) => pick(lang, STATUS_STYLE[s].zh, STATUS_STYLE[s].en)) },
    grid: { left: 110, right: 24, top: 36, bottom: 56 },
    xAxis: { type: 'value', name: pick(lang, '小时', 'hours'), nameLocation: 'middle', nameGap: 24, min: 0, max: Math.ceil((data.endsAt / HOUR) * 4) / 4 },
    yAxis: { type: 'category', data: [...data.units], inverse: true, axisLabel: { fontSize: 9, interval: 0 } },
    // One series per status, so the legend names the colours.
    series: STATUSES.filter((s) => s !== 'inStation').map((status) => ({
      type: 'custom',
      name: pick(lang, STATUS_STYLE[status].zh, STATUS_STYLE[status].en),
      itemStyle: { color: STATUS_STYLE[status].colour },
      encode: { x: [1, 2], y: 0 },
      renderItem: (_params: unknown, api: GanttApi) => {
        const start = api.coord([api.value(1), api.value(0)]);
        const end = api.coord([api.value(2), api.value(0)]);
        const h = api.size([0, 1])[1] * 0.6;
        return { type: 'rect', shape: { x: start[0], y: start[1] - h / 2, width: Math.max(1, end[0] - start[0]), height: h }, style: { fill: STATUS_STYLE[status].colour } };
      },
      data: drawn.filter((s) => s.status === status).map((s) => [row.get(s.unitId)!, s.from / HOUR, s.to / HOUR]),
    })),
  };
}
