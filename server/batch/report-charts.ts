// ECharts options for the batch report, in the debrief's chart vocabulary (shared/charts: fonts,
// languages, target lines; rendered to SVG by server/report/charts/render-svg.ts): the distribution of dispatch → first arrival of the baseline and each
// variant, as histograms and cumulative curves with the 95 % band of the cumulative share over
// replications, target lines, coverage over time, and station utilisation with its interval.
import type { ReplicationResult } from './replication.ts';
import type { BatchSummary } from './aggregate.ts';
import { estimate } from '../metrics/statistics.ts';
import { CHART_FONT as FONT, pick, type ChartOption, type ReportLang as Lang, type TargetLine } from '../../shared/charts/chart-types.ts';

export type { ChartOption, Lang, TargetLine };
const COLOURS = ['#2f6fd6', '#e07b1a', '#2e9d46', '#9b59b6', '#c0392b'];
const TARGET_COLOURS = ['#d42a2a', '#7a4fd0', '#1f8a70', '#555555'];

export interface ConfigRuns { name: string; nameZh?: string; results: readonly ReplicationResult[] }

const minutesOf = (r: ReplicationResult): number[] => r.incidents.flatMap((i) => (i.segments.dispatchToFirstArrival === undefined ? [] : [i.segments.dispatchToFirstArrival / 60]));

/** Histogram (share of incidents per minute, pooled) and cumulative share with its 95 % band over replications. */
export function responseDistributionOptions(configs: readonly ConfigRuns[], targets: readonly TargetLine[], lang: Lang): ChartOption {
  const all = configs.flatMap((c) => c.results.flatMap(minutesOf));
  const top = Math.min(30, Math.max(10, ...all.map((m) => Math.floor(m) + 1), ...targets.map((t) => Math.ceil(t.minutes) + 1)));
  const series: Record<string, unknown>[] = [];
  configs.forEach((c, ci) => {
    const colour = COLOURS[ci % COLOURS.length]!;
    const label = lang === 'zh' ? (c.nameZh ?? c.name) : c.name;
    const pooled = c.results.flatMap(minutesOf);
    const counts = new Array<number>(top).fill(0);
    for (const m of pooled) counts[Math.min(top - 1, Math.floor(m))]! += 1;
    series.push({
      name: `${label} ${pick(lang, '分布', 'histogram')}`, type: 'bar', barGap: '0%', itemStyle: { color: colour, opacity: 0.55 },
      data: counts.map((n, i) => [i + 0.5, pooled.length > 0 ? Math.round((n / pooled.length) * 1000) / 10 : 0]),
      ...(ci === 0 ? {
        markLine: {
          symbol: 'none', silent: true, label: { formatter: '{b}', position: 'insideEndTop', fontSize: 10 },
          data: targets.map((t, k) => ({ name: `${pick(lang, t.zh, t.en)} ${t.minutes} ${pick(lang, '分', 'min')}`, xAxis: t.minutes, lineStyle: { color: TARGET_COLOURS[k % TARGET_COLOURS.length], type: 'dashed', width: 2 } })),
        },
      } : {}),
    });
    // Cumulative share by minute, per replication → mean and 95 % interval.
    const perMinute = Array.from({ length: top }, (_, m) => estimate(c.results.map((r) => {
      const xs = minutesOf(r);
      return xs.length === 0 ? null : (xs.filter((x) => x <= m + 1).length / xs.length) * 100;
    })));
    const low = perMinute.map((e, m) => [m + 1, e.ci95 ? Math.max(0, e.ci95[0]) : (e.mean ?? 0)]);
    const width = perMinute.map((e, m) => [m + 1, e.ci95 ? Math.min(100, e.ci95[1]) - Math.max(0, e.ci95[0]) : 0]);
    series.push({ name: `${label} low`, type: 'line', yAxisIndex: 1, stack: `band-${ci}`, symbol: 'none', lineStyle: { opacity: 0 }, data: low, silent: true, tooltip: { show: false } });
    series.push({ name: `${label} ${pick(lang, '95%区间', '95 % band')}`, type: 'line', yAxisIndex: 1, stack: `band-${ci}`, symbol: 'none', lineStyle: { opacity: 0 }, areaStyle: { color: colour, opacity: 0.18 }, data: width, silent: true });
    series.push({ name: `${label} ${pick(lang, '累计', 'cumulative')}`, type: 'line', yAxisIndex: 1, symbol: 'none', lineStyle: { color: colour, width: 2 }, itemStyle: { color: colour }, data: perMinute.map((e, m) => [m + 1, e.mean ?? 0]) });
  });
  return {
    animation: false,
    textStyle: { fontFamily: FONT },
    title: { text: pick(lang, '调派至首车到场:分布与累计比例(95%区间)', 'Dispatch → first arrival: distribution and cumulative share (95 % band)'), left: 'center', textStyle: { fontSize: 14 } },
    legend: { bottom: 0, data: series.map((s) => s.name as string).filter((n) => !n.endsWith(' low')) },
    grid: { left: 56, right: 56, top: 40, bottom: 72 },
    xAxis: { type: 'value', name: pick(lang, '分钟', 'minutes'), nameLocation: 'middle', nameGap: 24, min: 0, max: top, interval: 1 },
    yAxis: [
      { type: 'value', name: pick(lang, '事件占比 %', 'share of incidents %') },
      { type: 'value', name: pick(lang, '累计 %', 'cumulative %'), min: 0, max: 100, splitLine: { show: false } },
    ],
    series,
  };
}

/** Mean share of people within the station target of an available unit, through the run. */
export function coverageOptions(configs: readonly { name: string; nameZh?: string; summary: BatchSummary }[], lang: Lang): ChartOption | undefined {
  const withCoverage = configs.filter((c) => c.summary.coverage !== null);
  if (withCoverage.length === 0) return undefined;
  const every = withCoverage[0]!.summary.coverage!.everySeconds / 3600;
  return {
    animation: false,
    textStyle: { fontFamily: FONT },
    title: { text: pick(lang, '可用力量5分钟覆盖人口(随时间)', 'People within 5 min of an available station unit, over time'), left: 'center', textStyle: { fontSize: 14 } },
    legend: { bottom: 0 },
    grid: { left: 56, right: 24, top: 40, bottom: 56 },
    xAxis: { type: 'value', name: pick(lang, '小时', 'hours'), nameLocation: 'middle', nameGap: 24, min: 0 },
    yAxis: { type: 'value', name: '%', scale: true },
    series: withCoverage.map((c, i) => ({
      name: lang === 'zh' ? (c.nameZh ?? c.name) : c.name, type: 'line', symbol: 'none', lineStyle: { color: COLOURS[i % COLOURS.length], width: 1.5 },
      data: c.summary.coverage!.meanBySample.map((v, k) => [k * every, Math.round(v * 1000) / 10]),
    })),
  };
}

/** The busiest stations' utilisation with its 95 % interval (baseline). */
export function utilisationOptions(summary: BatchSummary, stationName: (id: string) => string, lang: Lang): ChartOption {
  const rows = [...summary.stations].sort((a, b) => (b.utilisation.mean ?? 0) - (a.utilisation.mean ?? 0)).slice(0, 15).reverse();
  return {
    animation: false,
    textStyle: { fontFamily: FONT },
    title: { text: pick(lang, '车辆占用率(最忙的15个站,95%区间)', 'Unit utilisation, 15 busiest stations (95 % interval)'), left: 'center', textStyle: { fontSize: 14 } },
    grid: { left: 160, right: 40, top: 40, bottom: 32 },
    xAxis: { type: 'value', name: '%', min: 0 },
    yAxis: { type: 'category', data: rows.map((r) => stationName(r.stationId)) },
    series: [
      { type: 'bar', itemStyle: { color: COLOURS[0] }, data: rows.map((r) => Math.round((r.utilisation.mean ?? 0) * 1000) / 10) },
      {
        name: 'ci', type: 'scatter', symbolSize: 0, silent: true,
        markLine: {
          symbol: 'none', silent: true, lineStyle: { color: '#333', width: 2, type: 'solid' }, label: { show: false },
          data: rows.filter((r) => r.utilisation.ci95).map((r) => [
            { coord: [Math.max(0, r.utilisation.ci95![0]) * 100, stationName(r.stationId)] },
            { coord: [r.utilisation.ci95![1] * 100, stationName(r.stationId)] },
          ]),
        },
        data: rows.map((r) => [(r.utilisation.mean ?? 0) * 100, stationName(r.stationId)]),
      },
    ],
  };
}
