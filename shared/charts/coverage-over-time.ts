// Coverage over time: the share of people within the 5-minute target of a station that has a unit
// available at that moment (and the same for micro stations and township teams), as step lines.
import { CHART_FONT, pick, type ChartOption, type ReportLang } from './chart-types.ts';

export interface CoveragePoint {
  /** Sim ms. */
  t: number;
  /** Shares 0..1. */
  station: number;
  micro: number;
  township: number;
}

export interface CoverageOverTimeData {
  points: readonly CoveragePoint[];
  endsAt: number;
  /** Target minutes of the three figures (seeds/coverage.yaml). */
  minutes: { station: number; micro: number; township: number };
}

const HOUR = 3_600_000;
const pct = (x: number): number => Math.round(x * 1000) / 10;

export function coverageOverTimeOptions(data: CoverageOverTimeData, lang: ReportLang): ChartOption {
  const line = (key: 'station' | 'micro' | 'township', zh: string, en: string, colour: string) => ({
    type: 'line', step: 'end', symbol: 'none', name: pick(lang, zh, en), lineStyle: { color: colour, width: 2 }, itemStyle: { color: colour },
    data: [...data.points.map((p) => [p.t / HOUR, pct(p[key])]), ...(data.points.length ? [[data.endsAt / HOUR, pct(data.points.at(-1)![key])]] : [])],
  });
  return {
    animation: false,
    textStyle: { fontFamily: CHART_FONT },
    title: { text: pick(lang, '覆盖率随时间变化(有可用车辆的站点)', 'Coverage over time (stations with a unit available)'), left: 'center', textStyle: { fontSize: 14 } },
    legend: { bottom: 0 },
    grid: { left: 56, right: 24, top: 40, bottom: 64 },
    xAxis: { type: 'value', name: pick(lang, '小时', 'hours'), nameLocation: 'middle', nameGap: 24, min: 0, max: Math.ceil((data.endsAt / HOUR) * 4) / 4 },
    yAxis: { type: 'value', name: pick(lang, '人口比例 %', 'people %'), min: 0, max: 100 },
    series: [
      line('station', `${data.minutes.station}分钟消防救援圈`, `within ${data.minutes.station} min (stations)`, '#d42a2a'),
      line('micro', `微型站${data.minutes.micro}分钟`, `within ${data.minutes.micro} min (micro stations)`, '#ee7b18'),
      line('township', `乡镇队${data.minutes.township}分钟`, `within ${data.minutes.township} min (township teams)`, '#2f6fd6'),
    ],
  };
}
