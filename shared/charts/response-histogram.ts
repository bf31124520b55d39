// Response-time histogram with its cumulative curve: one-minute bins of dispatch → first arrival (what
// the 5-minute rule measures), the share of incidents reached by each minute on a second axis, and a
// vertical line per target (5 min, 3 min micro, the township target, NFPA lines when chosen).
import { CHART_FONT, formatTargetMinutes, pick, type ChartOption, type ReportLang, type TargetLine } from './chart-types.ts';

export interface ResponseHistogramData {
  /** Dispatch → first arrival of each incident, minutes. */
  minutes: readonly number[];
  targets: readonly TargetLine[];
}

export interface HistogramBins {
  /** Upper edge of the last bin, whole minutes (≥ every sample and every target). */
  maxMinute: number;
  /** counts[i]: samples in [i, i+1) minutes. */
  counts: number[];
  /** cumulative[i]: share (0..100 %) of samples ≤ i+1 minutes. */
  cumulative: number[];
}

export function histogramBins(minutes: readonly number[], targets: readonly TargetLine[]): HistogramBins {
  const top = Math.max(1, ...minutes.map((m) => Math.floor(m) + 1), ...targets.map((t) => Math.ceil(t.minutes) + 1));
  const counts = new Array<number>(top).fill(0);
  for (const m of minutes) counts[Math.min(top - 1, Math.max(0, Math.floor(m)))]! += 1;
  const cumulative: number[] = [];
  let sum = 0;
  for (const c of counts) {
    sum += c;
    cumulative.push(minutes.length === 0 ? 0 : Math.round((sum / minutes.length) * 1000) / 10);
  }
  return { maxMinute: top, counts, cumulative };
}

const TARGET_COLOURS = ['#d42a2a', '#ee7b18', '#7a4fd0', '#1f8a70', '#555555'];

export function responseHistogramOptions(data: ResponseHistogramData, lang: ReportLang): ChartOption {
  const bins = histogramBins(data.minutes, data.targets);
  return {
    animation: false,
    textStyle: { fontFamily: CHART_FONT },
    title: { text: pick(lang, '调派至首车到场时间分布', 'Dispatch → first arrival'), left: 'center', textStyle: { fontSize: 14 } },
    legend: { bottom: 0, data: [pick(lang, '事件数', 'Incidents'), pick(lang, '累计比例', 'Cumulative share')] },
    grid: { left: 56, right: 56, top: 40, bottom: 64 },
    xAxis: { type: 'value', name: pick(lang, '分钟', 'minutes'), nameLocation: 'middle', nameGap: 24, min: 0, max: bins.maxMinute, interval: 1 },
    yAxis: [
      { type: 'value', name: pick(lang, '事件数', 'incidents'), minInterval: 1 },
      { type: 'value', name: '%', min: 0, max: 100, splitLine: { show: false } },
    ],
    series: [
      {
        id: 'histogram', name: pick(lang, '事件数', 'Incidents'), type: 'bar', barWidth: '80%', itemStyle: { color: '#2f6fd6' },
        // Bars centred on their minute bin [i, i+1).
        data: bins.counts.map((c, i) => [i + 0.5, c]),
        markLine: {
          symbol: 'none', silent: true,
          // On a light plate: a target's label runs up its line, often over a bar of that minute.
          label: { formatter: '{b}', position: 'insideEndTop', fontSize: 10, backgroundColor: 'rgba(255,255,255,0.85)', padding: [1, 3], borderRadius: 2 },
          data: data.targets.map((t, i) => ({
            name: `${pick(lang, t.zh, t.en)} (${formatTargetMinutes(t.minutes, lang)})`,
            xAxis: t.minutes,
            lineStyle: { color: TARGET_COLOURS[i % TARGET_COLOURS.length], type: 'dashed', width: 2 },
          })),
        },
      },
      {
        id: 'cumulative', name: pick(lang, '累计比例', 'Cumulative share'), type: 'line', yAxisIndex: 1, step: 'end', symbol: 'none',
        lineStyle: { color: '#2e9d46', width: 2 }, itemStyle: { color: '#2e9d46' },
        data: [[0, 0], ...bins.cumulative.map((p, i) => [i + 1, p])],
      },
    ],
  };
}
