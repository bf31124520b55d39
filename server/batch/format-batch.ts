// Text and CSV forms of a batch result: the headline estimates with their 95 % intervals, the pooled
// segment percentiles, target compliance, the busiest stations, and each variant's paired differences.
import type { Estimate, Difference } from '../metrics/statistics.ts';
import { SEGMENT_INFO, SEGMENT_KEYS } from '../metrics/time-segments.ts';
import type { BatchSummary, VariantComparison } from './aggregate.ts';

export interface BatchOutputLike {
  scenario: string;
  runs: number;
  seedBase: number;
  wallSeconds: number;
  replicationsPerSecond: number;
  baseline: BatchSummary;
  variants: VariantComparison[];
}

/** Headline metrics of the text report, with their labels. */
export const HEADLINE: [string, string][] = [
  ['incidents', '警情 Incidents'],
  ['firstArrivalWithin5min', '5分钟到场率 First arrival ≤ 5 min (share)'],
  ['dispatchToFirstArrival.p90', '调派至首车到场 p90 (s)'],
  ['totalResponse.p90', '总响应 Total response p90 (s)'],
  ['dispatchToFirstArrival.mean', '调派至首车到场 mean (s)'],
  ['vehiclesPerDispatch', '车次/起 Vehicles per dispatch'],
  ['escalations', '升级 Escalations'],
  ['dead', '死亡 Deaths'],
  ['utilisation', '车辆占用率 Unit utilisation'],
  ['coverage', '5分钟覆盖人口(可用车辆) Coverage by available units'],
];

const num = (v: number | null | undefined, digits = 1): string => (v === null || v === undefined ? '—' : Number.isFinite(v) ? v.toFixed(digits) : '∞');
const digitsFor = (v: number | null): number => (v !== null && Math.abs(v) < 2 ? 3 : 1);

export function formatEstimate(e: Estimate): string {
  const d = digitsFor(e.mean);
  return e.ci95 ? `${num(e.mean, d)}  [${num(e.ci95[0], d)}, ${num(e.ci95[1], d)}]` : num(e.mean, d);
}

function formatDifference(d: Difference): string {
  const k = digitsFor(d.mean);
  const sign = (v: number | null) => (v !== null && v > 0 ? '+' : '');
  return d.ci95 ? `${sign(d.mean)}${num(d.mean, k)}  [${num(d.ci95[0], k)}, ${num(d.ci95[1], k)}]  ${d.significant ? '显著 significant' : 'not significant'}` : `${num(d.mean, k)}`;
}

export function formatBatchText(o: BatchOutputLike): string {
  const b = o.baseline;
  const lines: string[] = [];
  lines.push(`批量推演 Batch: ${o.scenario}, ${o.runs} replications (seeds ${o.seedBase}…${o.seedBase + o.runs - 1}), ${o.wallSeconds.toFixed(1)} s, ${o.replicationsPerSecond.toFixed(1)} replications/s`);
  lines.push('', '指标 Metric (mean [95 % CI over replications])');
  for (const [k, label] of HEADLINE) if (b.metrics[k]) lines.push(`  ${label.padEnd(46)} ${formatEstimate(b.metrics[k]!)}`);
  lines.push('', '时间段 Segments, pooled over every incident (s): count  p50  p90  p95');
  for (const k of SEGMENT_KEYS) {
    const s = b.segments[k];
    lines.push(`  ${`${SEGMENT_INFO[k].zh} ${SEGMENT_INFO[k].en}`.padEnd(40)} ${String(s.count).padStart(7)} ${num(s.p50).padStart(8)} ${num(s.p90).padStart(8)} ${num(s.p95).padStart(8)}`);
  }
  if (b.targets) {
    lines.push('', `目标 Targets: ${b.targets.nameZh} / ${b.targets.name}`);
    for (const t of b.targets.targets) {
      const p = t.pooled;
      const verdict = p.met === null ? 'no incidents' : p.met ? '达标 met' : '未达标 not met';
      lines.push(`  ${t.nameZh} / ${t.nameEn}: p${t.percentile} = ${num(p.atPercentile)} s (limit ${t.seconds} s) ${verdict}; within ${formatEstimate(t.share)} of ${p.n} incidents`);
    }
  }
  const busiest = [...b.stations].sort((x, y) => (y.utilisation.mean ?? 0) - (x.utilisation.mean ?? 0)).slice(0, 5);
  if (busiest.length > 0) {
    lines.push('', '最忙的站 Busiest stations: utilisation, share of time with k units out (k = 0, 1, 2…)');
    for (const s of busiest) lines.push(`  ${s.stationId.padEnd(22)} ${formatEstimate(s.utilisation)}   ${s.concurrency.map((v) => v.toFixed(3)).join(' ')}`);
  }
  for (const v of o.variants) {
    lines.push('', `方案对比 Variant "${v.name}" − baseline, paired on the same seeds (mean [95 % CI])`);
    for (const [k, label] of HEADLINE) if (v.differences[k]) lines.push(`  ${label.padEnd(46)} ${formatDifference(v.differences[k]!)}`);
  }
  lines.push('');
  return lines.join('\n');
}

const csvCell = (v: string | number | boolean | null): string => {
  if (v === null) return '';
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** config,metric,mean,sd,ci_low,ci_high,n,significant — one row per estimate and per paired difference. */
export function formatBatchCsv(o: BatchOutputLike): string {
  const rows: (string | number | boolean | null)[][] = [['config', 'metric', 'mean', 'sd', 'ci_low', 'ci_high', 'n', 'significant']];
  const add = (config: string, metrics: Record<string, Estimate | Difference>) => {
    for (const [k, e] of Object.entries(metrics)) rows.push([config, k, e.mean, e.sd, e.ci95?.[0] ?? null, e.ci95?.[1] ?? null, e.n, 'significant' in e ? e.significant : null]);
  };
  add('baseline', o.baseline.metrics);
  for (const v of o.variants) {
    add(v.name, v.summary.metrics);
    add(`${v.name} - baseline`, v.differences);
  }
  return `${rows.map((r) => r.map(csvCell).join(',')).join('\n')}\n`;
}
