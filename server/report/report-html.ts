// The after-action report as one self-contained HTML page (inline CSS and SVG charts, no scripts),
// in Chinese or English, laid out for A4 printing: headless chromium prints this very page to PDF.
import { formatTargetMinutes, type ReportLang } from '../../shared/charts/chart-types.ts';
import { GRADE_INFO } from '../../shared/domain/grades.ts';
import { INCIDENT_TYPE_NAMES } from '../../shared/domain/incident-types.ts';
import { SEGMENT_INFO, SEGMENT_KEYS } from '../metrics/time-segments.ts';
import { formatPercent, formatSeconds, formatSimClock } from '../metrics/format-summary.ts';
import type { Evaluation } from '../metrics/evaluation-types.ts';
import type { ReportModel } from './report-model.ts';
import { forkComparisonSection } from './run-comparison.ts';
import type { ChemicalZonePoint, FloodPoint } from '../../shared/charts/hazard-charts.ts';

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

type Dict = Record<string, { zh: string; en: string }>;
const L: Dict = {
  title: { zh: '推演总结报告', en: 'After-action report' },
  summary: { zh: '概要', en: 'Summary' },
  objectives: { zh: '目标与评定', en: 'Objectives and ratings' },
  expected: { zh: '预期行动', en: 'Expected actions' },
  decisions: { zh: '决策记录', en: 'Decision log' },
  scores: { zh: '评分卡', en: 'Score cards' },
  timeline: { zh: '推演时间线', en: 'Timeline of the drill' },
  charts: { zh: '图表', en: 'Charts' },
  incidents: { zh: '警情一览', en: 'Incidents' },
  hazards: { zh: '危险源', en: 'Hazards' },
  segments: { zh: '响应时段(p50 / p90)', en: 'Time segments (p50 / p90)' },
  notes: { zh: '说明', en: 'Notes' },
  noEval: { zh: '本想定未定义预期行动与目标。', en: 'This scenario defines no expected actions or objectives.' },
  fictional: { zh: '演示区域为虚构,地名、站点与人口均为虚构。', en: 'The demo region is fictional: its places, stations and population are made up.' },
};
const t = (lang: ReportLang, k: keyof typeof L): string => L[k]![lang];

const VERDICT: Dict = {
  met: { zh: '按时完成', en: 'met' }, late: { zh: '延迟完成', en: 'late' }, missed: { zh: '未完成', en: 'missed' }, pending: { zh: '待定', en: 'pending' },
  'as-recommended': { zh: '采纳建议', en: 'as recommended' }, changed: { zh: '调整建议', en: 'changed' }, ignored: { zh: '未采纳', en: 'ignored' }, 'no-recommendation': { zh: '无建议', en: 'no recommendation' },
};
const RATING: Dict = {
  P: { zh: 'P 顺利完成', en: 'P performed without challenges' }, S: { zh: 'S 有一些困难', en: 'S some challenges' },
  M: { zh: 'M 有重大困难', en: 'M major challenges' }, U: { zh: 'U 未能完成', en: 'U unable to be performed' },
};

/** The dispatch mode in the Chinese report. */
const MODE: Record<string, string> = { manual: '人工调派', auto: '自动调派' };

/** The timeline's kinds of entry and who acted, in the report's language. */
const KIND: Dict = {
  arrival: { zh: '到场', en: 'arrival' }, call: { zh: '接警', en: 'call' }, command: { zh: '指令', en: 'command' }, contingency: { zh: '应急注入', en: 'contingency' },
  dispatch: { zh: '调派', en: 'dispatch' }, escalation: { zh: '升级', en: 'escalation' }, expected: { zh: '预期行动', en: 'expected' }, grade: { zh: '定级', en: 'grade' },
  inject: { zh: '注入', en: 'inject' }, outcome: { zh: '处置结果', en: 'outcome' }, world: { zh: '环境', en: 'world' },
};
const ROLE: Dict = {
  commander: { zh: '指挥', en: 'commander' }, controller: { zh: '导调', en: 'controller' }, observer: { zh: '观察', en: 'observer' }, system: { zh: '系统', en: 'system' },
};

function table(head: string[], rows: string[][], cls = ''): string {
  return `<table class="${cls}"><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

function evaluationSections(ev: Evaluation | undefined, lang: ReportLang, clock: (t: number) => string): string {
  if (!ev || (ev.actions.length === 0 && ev.objectives.length === 0 && ev.decisions.length === 0)) return `<h2>${t(lang, 'objectives')}</h2><p>${t(lang, 'noEval')}</p>`;
  const z = lang === 'zh';
  const obj = table(
    z ? ['目标', '评定', '依据', '完成 / 延迟 / 未完成'] : ['Objective', 'Rating', 'Why', 'met / late / missed'],
    ev.objectives.map((o) => [o.title[lang], RATING[o.rating]![lang], o.whyText?.[lang] ?? o.why, `${o.met} / ${o.late} / ${o.missed}`]),
    'objectives',
  );
  const act = table(
    z ? ['预期行动', '目标', '时限', '完成时间', '执行者', '结果'] : ['Expected action', 'Objective', 'Deadline', 'Met at', 'By', 'Result'],
    ev.actions.map((a) => [a.description[lang], a.objectiveId ?? '', a.deadlineAt === undefined ? '—' : clock(a.deadlineAt), a.metAt === undefined ? '—' : clock(a.metAt), a.by === undefined ? '' : (ROLE[a.by]?.[lang] ?? a.by), VERDICT[a.verdict]![lang]]),
    'actions',
  );
  const dec = table(
    z ? ['时间', '角色', '参与者', '命令', '警情', '接警至决策', '建议', '实际', '判定'] : ['Time', 'Role', 'Participant', 'Command', 'Incident', 'Call → decision', 'Recommended', 'Chosen', 'Verdict'],
    ev.decisions.map((d) => [
      clock(d.t), ROLE[d.role]?.[lang] ?? d.role, d.participant ?? '', d.command, d.incidentId ?? '', formatSeconds(d.sinceCallSec), (d.recommended ?? []).join(' '),
      (d.chosen ?? []).join(' ') + (d.added?.length || d.left?.length ? ` (+${(d.added ?? []).join(' ')} −${(d.left ?? []).join(' ')})` : ''), VERDICT[d.verdict]![lang],
    ]),
    'decisions small',
  );
  const cardRow = (c: Evaluation['drill']): string[] => [
    c.who === 'drill' ? (z ? '全体' : 'whole drill') : c.who, c.role === undefined ? '' : (ROLE[c.role]?.[lang] ?? c.role), String(c.commands), `${c.asRecommended} / ${c.changed} / ${c.ignored}`,
    formatSeconds(c.medianCallToDecisionSec), `${c.actionsMet} / ${c.actionsLate} / ${c.actionsMissed}`, c.actionScore === undefined ? '—' : c.actionScore.toFixed(0),
  ];
  const cards = table(
    z ? ['对象', '角色', '命令数', '采纳 / 调整 / 未采纳', '接警至决策中位数', '完成 / 延迟 / 未完成', '得分'] : ['Who', 'Role', 'Commands', 'as rec. / changed / ignored', 'Median call → decision', 'met / late / missed', 'Score'],
    [cardRow(ev.drill), ...ev.commanders.map(cardRow)],
    'cards',
  );
  const none = `<p>${t(lang, 'noEval')}</p>`;
  return `<h2>${t(lang, 'objectives')}</h2>${ev.objectives.length ? obj : none}<h2>${t(lang, 'expected')}</h2>${ev.actions.length ? act : none}<h2>${t(lang, 'scores')}</h2>${cards}<h2>${t(lang, 'decisions')}</h2>${dec}`;
}

/** One row per hazard: when it started and cleared, and its worst moment (largest zones, highest water). */
function hazardSection(model: ReportModel, lang: ReportLang, clock: (t: number) => string): string {
  if (model.hazards.length === 0) return '';
  const z = lang === 'zh';
  const km2 = (x: number): string => `${x.toFixed(2)} km²`;
  const peak = <P,>(points: readonly P[], f: (p: P) => number): number => Math.max(0, ...points.map(f));
  const rows = model.hazards.map((h) => {
    const when = [clock(h.startedAt), h.clearedAt === undefined ? '—' : clock(h.clearedAt)];
    if (h.kind === 'chemical-release') {
      const max = (f: (p: ChemicalZonePoint) => number): number => peak(h.points, f);
      return [h.id, `${z ? '危化品泄漏' : 'chemical release'}${h.substanceId ? ` (${h.substanceId})` : ''}`, ...when,
        `AEGL-3 ${km2(max((p) => p.level3Km2))} · AEGL-2 ${km2(max((p) => p.level2Km2))} · AEGL-1 ${km2(max((p) => p.level1Km2))}`,
        `${z ? '二级以上' : 'level 2+'} ${max((p) => p.people.level2 + p.people.level3)} · ${z ? '三级' : 'level 3'} ${max((p) => p.people.level3)}`];
    }
    const max = (f: (p: FloodPoint) => number): number => peak(h.points, f);
    return [h.id, z ? '洪水' : 'flood', ...when,
      `${z ? '水位' : 'level'} ${max((p) => p.levelM).toFixed(2)} m · ${z ? '淹没' : 'flooded'} ${km2(max((p) => p.floodedKm2))} · ${z ? '仅舟艇' : 'boat only'} ${km2(max((p) => p.boatOnlyKm2))}`,
      `${z ? '被困' : 'stranded'} ${max((p) => p.stranded)} · ${z ? '封闭道路' : 'roads closed'} ${max((p) => p.closedRoadKm).toFixed(1)} km`];
  });
  return `<section id="hazards"><h2>${t(lang, 'hazards')}</h2>${table(
    z ? ['编号', '类型', '开始', '消散', '最大范围', '人员(最大)'] : ['Id', 'Kind', 'Started', 'Cleared', 'Largest extent', 'People (most)'], rows, 'hazards small')}</section>`;
}

/** The region's name, marked fictional unless its name already says so ("Qingshui County (fictional demo)"). */
function regionLabel(name: string, fictional: boolean, z: boolean): string {
  if (!fictional || /fictional|虚构/i.test(name)) return name;
  return `${name}${z ? '(虚构)' : ' (fictional)'}`;
}

export function renderReportHtml(model: ReportModel, charts: readonly { id: string; svg: string }[], lang: ReportLang): string {
  const m = model.meta;
  const s = model.summary;
  const z = lang === 'zh';
  const clock = (x: number): string => formatSimClock(x, m.startIso, m.utcOffsetHours);
  const name = z ? (m.scenarioNameZh ?? m.scenarioName) : m.scenarioName;
  const typeName = (k: string): string => (INCIDENT_TYPE_NAMES as Record<string, { zh: string; en: string }>)[k]?.[lang] ?? k;
  const grade = (g: number | undefined): string => (g === undefined ? '—' : GRADE_INFO[g as 1][lang === 'zh' ? 'zh' : 'en']);

  const summaryRows: string[][] = [
    [z ? '想定' : 'Scenario', name],
    [z ? '演练编号' : 'Exercise', m.exerciseId ?? (z ? '(离线运行)' : '(headless run)')],
    [z ? '区域' : 'Region', regionLabel(z ? m.regionNameZh : m.regionName, m.fictionalRegion, z)],
    [z ? '开始 · 时长' : 'Start · length', `${m.startIso} · ${formatSeconds(m.duration / 1000)}${m.ended ? '' : z ? `(记录至 ${clock(m.simulatedTo)})` : ` (log reaches ${clock(m.simulatedTo)})`}`],
    [z ? '模式 · 随机种子' : 'Mode · seed', `${z ? (MODE[m.mode] ?? m.mode) : m.mode} · ${m.seed}`],
    [z ? '警情' : 'Incidents', `${s.incidents} (${z ? '结束' : 'ended'} ${s.ended})`],
    [z ? '出动' : 'Dispatches', `${s.dispatches} · ${s.unitsDispatched} ${z ? '车次' : 'vehicle-times'} · ${s.personnelDispatched} ${z ? '人次' : 'personnel-times'}`],
    [z ? '5分钟到场率' : 'First arrival within target', `${formatPercent(s.firstArrivalWithin5min)} (${s.incidentsWithArrival})`],
    [z ? '升级' : 'Escalations', `${s.escalations} (${s.incidentsEscalated})`],
    [z ? '救出 · 死亡' : 'Rescued · dead', `${s.rescued} · ${s.dead}`],
    [z ? '日志指纹' : 'Log hash', `${m.logHash.slice(0, 16)}… (${m.events} ${z ? '条事件' : 'events'})`],
  ];
  const segRows = SEGMENT_KEYS.map((k) => [`${SEGMENT_INFO[k][lang]}`, String(s.segments[k].count), formatSeconds(s.segments[k].p50), formatSeconds(s.segments[k].p90)]);
  const timelineRows = model.timeline.map((e) => [clock(e.t), KIND[e.kind]?.[lang] ?? e.kind, e.by ? (ROLE[e.by]?.[lang] ?? e.by) : '', e[lang]]);
  const incidentRows = model.incidents.map((r) => [
    r.id, typeName(r.type), grade(r.firstGrade), grade(r.finalGrade), clock(r.receivedAt), formatSeconds(r.segments.dispatchToFirstArrival), formatSeconds(r.segments.totalResponse),
    formatSeconds(r.segments.assembly), String(r.unitsDispatched), `${r.rescued} / ${r.dead}`,
  ]);
  const chartTitle: Record<string, string> = {
    'response-histogram': z ? '响应时间' : 'Response times', 'unit-gantt': z ? '车辆时间线' : 'Unit timeline',
    'incident-map': z ? '事件地图' : 'Incident map', 'coverage-over-time': z ? '覆盖率' : 'Coverage',
    'hazard-zones': z ? '危化品威胁区' : 'Chemical threat zones', 'flood-level': z ? '洪水' : 'Flood',
  };
  const hazards = hazardSection(model, lang, clock);
  const notes = [
    ...model.targets.map((x) => `${x[lang]} ${formatTargetMinutes(x.minutes, lang)}: ${x.source}`),
    z ? '响应时间直方图统计调派至首车到场(5分钟规则所度量的时段)。' : 'The histogram counts dispatch → first arrival (what the 5-minute rule measures).',
    z ? '覆盖率:有车辆在站可用的站点在目标时间内可达的人口比例(与 sim coverage 相同的网格、出动时间与道路搜索)。' : 'Coverage: share of people a station with a unit available in station reaches within the target (same lattice, turnout and road search as sim coverage).',
    ...(model.hazards.some((h) => h.kind === 'chemical-release')
      ? [z ? '威胁区面积按日志中各区边界多边形计算(AEGL-3/2/1 的 60 分钟阈值足迹);风向改变时新区域即时取代旧区域,已飘走的气体不再跟踪。' : 'Threat zone areas are computed from the zone rings in the log (the 60-minute AEGL-3 / 2 / 1 footprints); a wind shift replaces the zones at once and gas already carried off is not tracked.']
      : []),
    ...(m.fictionalRegion ? [t(lang, 'fictional')] : []),
  ];

  return `<!doctype html>
<html lang="${z ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><title>${esc(t(lang, 'title'))} · ${esc(name)}</title>
<style>
@page { size: A4; margin: 14mm 12mm; }
body { font-family: "WenQuanYi Micro Hei", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; font-size: 10.5pt; color: #111; margin: 0 auto; max-width: 190mm; }
h1 { font-size: 18pt; margin: 0 0 2mm; } h2 { font-size: 13pt; border-bottom: 1px solid #999; margin: 6mm 0 2mm; page-break-after: avoid; }
table { border-collapse: collapse; width: 100%; margin: 1mm 0 3mm; } th, td { border: 1px solid #bbb; padding: 1mm 1.5mm; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { background: #eee; } table.small td, table.small th { font-size: 8.5pt; } tr { page-break-inside: avoid; }
/* Short cells (times, roles, ids, verdicts) never break inside a word: the long ones (what happened, unit lists) take the width. */
table.timeline td:nth-child(-n+3), table.decisions td:nth-child(-n+3), table.decisions td:nth-child(5), table.decisions td:nth-child(6), table.actions td:nth-child(n+2),
table.objectives td:nth-child(2), table.objectives td:last-child, table.decisions td:last-child, table.incidents td, table.cards td { white-space: nowrap; }
table.decisions td:nth-child(4) { overflow-wrap: normal; word-break: break-word; } table.decisions td:nth-child(7), table.decisions td:nth-child(8) { font-size: 7.5pt; }
figure { margin: 2mm 0 4mm; page-break-inside: avoid; } figure svg { width: 100%; height: auto; } figcaption { font-size: 9pt; color: #444; }
.sub { color: #555; } ul.notes { font-size: 9pt; color: #333; }
</style></head><body>
<header><h1>${esc(t(lang, 'title'))} · ${esc(name)}</h1>${m.description ? `<p class="sub">${esc(m.description)}</p>` : ''}</header>
<section id="summary"><h2>${t(lang, 'summary')}</h2>${table([z ? '项目' : 'Item', z ? '数值' : 'Value'], summaryRows, 'summary')}
<h3>${t(lang, 'segments')}</h3>${table([z ? '时段' : 'Segment', z ? '样本' : 'n', 'p50', 'p90'], segRows, 'segments')}</section>
${model.comparison ? forkComparisonSection(model.comparison, m.exerciseId ?? '') : ''}
<section id="evaluation">${evaluationSections(model.evaluation, lang, clock)}</section>
<section id="charts"><h2>${t(lang, 'charts')}</h2>${charts.map((c) => `<figure data-chart="${c.id}">${c.svg}<figcaption>${esc(chartTitle[c.id] ?? c.id)}</figcaption></figure>`).join('\n')}</section>
${hazards}
<section id="timeline"><h2>${t(lang, 'timeline')}</h2>${table([z ? '时间' : 'Time', z ? '类别' : 'Kind', z ? '执行者' : 'By', z ? '内容' : 'What'], timelineRows, 'timeline small')}</section>
<section id="incidents"><h2>${t(lang, 'incidents')}</h2>${table(
    z ? ['编号', '类型', '初定等级', '最终等级', '接警', '调派至到场', '总响应', '集结', '车辆', '救出 / 死亡'] : ['Id', 'Type', 'First grade', 'Final grade', 'Call', 'Dispatch → arrival', 'Total response', 'Assembly', 'Units', 'Rescued / dead'],
    incidentRows, 'incidents small')}</section>
<section id="notes"><h2>${t(lang, 'notes')}</h2><ul class="notes">${notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul></section>
</body></html>
`;
}
