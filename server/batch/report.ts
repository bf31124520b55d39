// The batch report (`sim batch … --report out.html`): one self-contained HTML page, Chinese then
// English, with SVG charts rendered on the server by the debrief's ECharts renderer (no script):
// response-time distribution and cumulative share with 95 % bands and target lines, baseline against
// each variant, coverage over time and station utilisation; then the tables: estimates with intervals,
// paired differences, pooled segments, target compliance and every breakdown. Written to a temporary
// file and renamed, so a failure never leaves half a report.
import fs from 'node:fs';
import path from 'node:path';
import type { TargetSet } from '../../shared/schemas/targets.ts';
import { INCIDENT_TYPE_NAMES, type IncidentType } from '../../shared/domain/incident-types.ts';
import { SEGMENT_INFO, SEGMENT_KEYS } from '../metrics/time-segments.ts';
import type { Estimate, Difference } from '../metrics/statistics.ts';
import { BREAKDOWNS, type BatchSummary, type BreakdownKey } from './aggregate.ts';
import type { ReplicationResult } from './replication.ts';
import { renderChartSvg } from '../report/charts/render-svg.ts';
import { coverageOptions, responseDistributionOptions, utilisationOptions, type ChartOption, type Lang, type TargetLine } from './report-charts.ts';
import { HEADLINE } from './format-batch.ts';

export interface ReportInput {
  scenario: string;
  runs: number;
  seedBase: number;
  baseline: BatchSummary;
  variants: { name: string; nameZh?: string; summary: BatchSummary; differences: Record<string, Difference> }[];
}

export interface ReportContext {
  /** Replications per configuration (baseline first), for the bands. */
  results: ReplicationResult[][];
  targets?: TargetSet;
  firstArrivalTargetSeconds: number;
  stationNames: Map<string, { zh: string; en: string }>;
}

const renderSvg = (option: ChartOption, width: number, height: number): string => renderChartSvg(option, { width, height });

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const t = (lang: Lang, zh: string, en: string): string => (lang === 'zh' ? zh : en);
const fmt = (v: number | null | undefined, d = 1): string => (v === null || v === undefined ? '—' : Number.isFinite(v) ? v.toFixed(d) : '∞');
const digits = (v: number | null): number => (v !== null && Math.abs(v) < 2 ? 3 : 1);
const est = (e: Estimate): string => (e.ci95 ? `${fmt(e.mean, digits(e.mean))} <small>[${fmt(e.ci95[0], digits(e.mean))}, ${fmt(e.ci95[1], digits(e.mean))}]</small>` : fmt(e.mean, digits(e.mean)));

/** Target lines drawn on the dispatch → first arrival axis: the doctrine target and the set's dispatch-based targets. */
function targetLines(ctx: ReportContext): TargetLine[] {
  const lines: TargetLine[] = [{ id: 'first-arrival', minutes: ctx.firstArrivalTargetSeconds / 60, zh: '首车到场目标', en: 'first-arrival target', source: 'seeds/doctrine.yaml targets.firstArrivalSeconds' }];
  for (const tg of ctx.targets?.targets ?? []) {
    if (['dispatchToFirstArrival', 'firstStationArrival', 'firstMicroArrival', 'firstTownshipArrival'].includes(tg.measure)) {
      const m = tg.seconds / 60;
      if (!lines.some((l) => Math.abs(l.minutes - m) < 1e-9)) lines.push({ id: tg.id, minutes: m, zh: tg.nameZh, en: tg.nameEn, source: tg.source });
    }
  }
  return lines;
}

function keyLabel(by: BreakdownKey, key: string, lang: Lang, ctx: ReportContext): string {
  if (by === 'type' && key in INCIDENT_TYPE_NAMES) return INCIDENT_TYPE_NAMES[key as IncidentType][lang];
  if (by === 'station') { const n = ctx.stationNames.get(key); if (n) return n[lang]; }
  if (by === 'dayNight') return key === 'night' ? t(lang, '夜间', 'night') : key === 'day' ? t(lang, '白天', 'day') : key;
  if (by === 'grade' && /^\d$/.test(key)) return t(lang, `${'一二三四五'[Number(key) - 1]}级`, `grade ${key}`);
  return key;
}

const BREAKDOWN_TITLES: Record<BreakdownKey, [string, string]> = {
  tier: ['按首到力量层级', 'By tier of the first unit on scene'],
  station: ['按辖区站', 'By home station (district)'],
  jurisdiction: ['按辖区', 'By jurisdiction'],
  type: ['按警情类型', 'By incident type'],
  grade: ['按最终等级', 'By final grade'],
  hour: ['按接警时段', 'By hour of the call'],
  dayNight: ['白天/夜间', 'Day and night'],
};

function section(input: ReportInput, ctx: ReportContext, lang: Lang): string {
  const b = input.baseline;
  const configs = [{ name: 'Baseline', nameZh: '现状', results: ctx.results[0]!, summary: b }, ...input.variants.map((v, i) => ({ name: v.name, ...(v.nameZh ? { nameZh: v.nameZh } : {}), results: ctx.results[i + 1]!, summary: v.summary }))];
  const label = (c: { name: string; nameZh?: string }) => esc(lang === 'zh' ? (c.nameZh ?? c.name) : c.name);
  const stationName = (id: string) => ctx.stationNames.get(id)?.[lang] ?? id;
  const out: string[] = [];
  out.push(`<section lang="${lang === 'zh' ? 'zh-CN' : 'en'}">`);
  out.push(`<h1>${t(lang, '批量推演报告', 'Batch report')}: ${esc(input.scenario)}</h1>`);
  out.push(`<p>${t(lang, `${input.runs} 次重复推演(随机种子 ${input.seedBase}…${input.seedBase + input.runs - 1}),方案与现状使用相同种子配对比较。区间为重复推演间的95%置信区间(Student t)。`, `${input.runs} replications (seeds ${input.seedBase}…${input.seedBase + input.runs - 1}); variants run on the same seeds and are compared pair by pair. Intervals are 95 % confidence intervals over replications (Student t).`)}</p>`);
  out.push(`<figure>${renderSvg(responseDistributionOptions(configs, targetLines(ctx), lang), 760, 380)}</figure>`);
  const cov = coverageOptions(configs, lang);
  if (cov) out.push(`<figure>${renderSvg(cov, 760, 300)}</figure>`);
  if (b.stations.length > 0) out.push(`<figure>${renderSvg(utilisationOptions(b, stationName, lang), 760, 420)}</figure>`);

  out.push(`<h2>${t(lang, '主要指标(均值 [95%区间])', 'Headline figures (mean [95 % interval])')}</h2><table><tr><th></th>${configs.map((c) => `<th>${label(c)}</th>`).join('')}</tr>`);
  for (const [k, name] of HEADLINE) if (b.metrics[k]) out.push(`<tr><td>${esc(name)}</td>${configs.map((c) => `<td>${c.summary.metrics[k] ? est(c.summary.metrics[k]!) : '—'}</td>`).join('')}</tr>`);
  out.push('</table>');

  for (const v of input.variants) {
    out.push(`<h2>${t(lang, '方案对比', 'Variant')}: ${label(v)} − ${t(lang, '现状(配对)', 'baseline (paired)')}</h2><table><tr><th></th><th>${t(lang, '差值 [95%区间]', 'difference [95 % interval]')}</th><th>${t(lang, '显著', 'significant')}</th></tr>`);
    for (const [k, name] of HEADLINE) {
      const d = v.differences[k];
      if (d) out.push(`<tr><td>${esc(name)}</td><td>${est(d)}</td><td>${d.significant ? t(lang, '是', 'yes') : t(lang, '否', 'no')}</td></tr>`);
    }
    out.push('</table>');
  }

  out.push(`<h2>${t(lang, '时间段(全部事件汇总,秒)', 'Time segments, all incidents pooled (s)')}</h2><table><tr><th></th><th>n</th><th>p50</th><th>p90</th><th>p95</th></tr>`);
  for (const k of SEGMENT_KEYS) {
    const s = b.segments[k];
    out.push(`<tr><td>${esc(SEGMENT_INFO[k][lang])}</td><td>${s.count}</td><td>${fmt(s.p50)}</td><td>${fmt(s.p90)}</td><td>${fmt(s.p95)}</td></tr>`);
  }
  out.push('</table>');

  if (b.targets) {
    out.push(`<h2>${t(lang, '目标达成', 'Targets')}: ${esc(lang === 'zh' ? b.targets.nameZh : b.targets.name)}</h2><table><tr><th></th><th>${t(lang, '限值', 'limit')}</th>${configs.map((c) => `<th>${label(c)}</th>`).join('')}<th>${t(lang, '达标比例 [95%]', 'share within [95 %]')}</th></tr>`);
    b.targets.targets.forEach((tg, i) => {
      const cells = configs.map((c) => {
        const p = c.summary.targets?.targets[i]?.pooled;
        const verdict = p?.met === null || p === undefined ? '' : p.met ? ' ✓' : ' ✗';
        return `<td>${p ? `${fmt(p.atPercentile)} s${verdict}` : '—'}</td>`;
      }).join('');
      out.push(`<tr><td>${esc(lang === 'zh' ? tg.nameZh : tg.nameEn)} (p${tg.percentile})</td><td>${tg.seconds} s</td>${cells}<td>${est(tg.share)}</td></tr>`);
    });
    out.push('</table>');
  }

  for (const by of BREAKDOWNS) {
    const rows = b.breakdowns[by];
    if (rows.length === 0) continue;
    out.push(`<h2>${BREAKDOWN_TITLES[by][lang === 'zh' ? 0 : 1]}</h2><table><tr><th></th><th>${t(lang, '每次推演事件数', 'incidents per run')}</th><th>${t(lang, '调派至首车 p50 / p90 (s)', 'dispatch → first p50 / p90 (s)')}</th><th>${t(lang, '总响应 p90 (s)', 'total response p90 (s)')}</th><th>${t(lang, '首车达标比例', 'first arrival within target')}</th></tr>`);
    for (const r of rows) out.push(`<tr><td>${esc(keyLabel(by, r.key, lang, ctx))}</td><td>${fmt(r.incidentsPerRun, 2)}</td><td>${fmt(r.dispatchToFirstArrivalP50)} / ${fmt(r.dispatchToFirstArrivalP90)}</td><td>${fmt(r.totalResponseP90)}</td><td>${fmt(r.withinTarget === null ? null : r.withinTarget * 100)} %</td></tr>`);
    out.push('</table>');
  }
  out.push(`<p class="note">${t(lang, '演示县为虚构。', 'The demo county is fictional.')}</p></section>`);
  return out.join('\n');
}

export function batchReportHtml(input: ReportInput, ctx: ReportContext): string {
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>${esc(input.scenario)} · batch report</title>
<style>
body { font-family: 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif; margin: 24px auto; max-width: 900px; color: #222; }
table { border-collapse: collapse; margin: 8px 0 20px; font-size: 13px; }
td, th { border: 1px solid #ccc; padding: 3px 8px; text-align: right; }
td:first-child, th:first-child { text-align: left; }
small { color: #666; }
figure { margin: 12px 0; }
section + section { border-top: 3px double #999; margin-top: 40px; }
.note { color: #777; font-size: 12px; }
</style></head><body>
${section(input, ctx, 'zh')}
${section(input, ctx, 'en')}
</body></html>
`;
}

export function writeBatchReport(file: string, input: ReportInput, ctx: ReportContext): void {
  const html = batchReportHtml(input, ctx);
  const dir = path.dirname(path.resolve(file));
  fs.mkdirSync(dir, { recursive: true });
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.tmp`);
  fs.writeFileSync(tmp, html);
  fs.renameSync(tmp, file);
}
