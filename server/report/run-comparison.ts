// Two runs side by side (an exercise and its counterfactual fork, or any two logs of one scenario):
// per scripted incident and for the whole run, first arrival, first-alarm assembly, escalations,
// rescued and dead, time to under control. Incidents are matched by the inject that created them,
// so a fork whose background calls drift still lines its scripted calls up with the original's.
import type { DomainEvent } from '../../shared/events.ts';
import { incidentRowsFromLog, type IncidentRow } from '../metrics/incident-rows.ts';
import { formatSeconds } from '../metrics/format-summary.ts';

export interface RunFigures {
  firstArrivalSec?: number;
  assemblySec?: number;
  escalations: number;
  rescued: number;
  dead: number;
  underControlSec?: number;
  finalGrade?: number;
}

export interface ComparedIncident { key: string; a?: RunFigures & { incidentId: string }; b?: RunFigures & { incidentId: string } }

export interface RunComparison {
  incidents: ComparedIncident[];
  totals: { a: RunFigures & { incidents: number }; b: RunFigures & { incidents: number } };
}

const figures = (r: IncidentRow): RunFigures => ({
  ...(r.segments.totalResponse !== undefined ? { firstArrivalSec: r.segments.totalResponse } : {}),
  ...(r.segments.assembly !== undefined ? { assemblySec: r.segments.assembly } : {}),
  escalations: r.escalations, rescued: r.rescued, dead: r.dead,
  ...(r.segments.underControl !== undefined ? { underControlSec: r.segments.underControl } : {}),
  ...(r.finalGrade !== undefined ? { finalGrade: r.finalGrade } : {}),
});

function byInject(events: readonly DomainEvent[]): Map<string, IncidentRow> {
  const inject = new Map<string, string>();
  for (const e of events) if (e.type === 'INJECT_FIRED' && e.incidentId) inject.set(e.incidentId, e.injectId);
  const out = new Map<string, IncidentRow>();
  for (const r of incidentRowsFromLog(events)) {
    const key = inject.get(r.id);
    if (key) out.set(key, r);
  }
  return out;
}

function totals(events: readonly DomainEvent[]): RunFigures & { incidents: number } {
  const rows = incidentRowsFromLog(events);
  const median = (xs: number[]): number | undefined => {
    const s = [...xs].sort((p, q) => p - q);
    return s.length ? s[Math.ceil(s.length / 2) - 1] : undefined;
  };
  const fa = median(rows.flatMap((r) => (r.segments.totalResponse === undefined ? [] : [r.segments.totalResponse])));
  const as = median(rows.flatMap((r) => (r.segments.assembly === undefined ? [] : [r.segments.assembly])));
  const uc = median(rows.flatMap((r) => (r.segments.underControl === undefined ? [] : [r.segments.underControl])));
  return {
    incidents: rows.length, escalations: rows.reduce((s, r) => s + r.escalations, 0), rescued: rows.reduce((s, r) => s + r.rescued, 0), dead: rows.reduce((s, r) => s + r.dead, 0),
    ...(fa !== undefined ? { firstArrivalSec: fa } : {}), ...(as !== undefined ? { assemblySec: as } : {}), ...(uc !== undefined ? { underControlSec: uc } : {}),
  };
}

export function compareRuns(a: readonly DomainEvent[], b: readonly DomainEvent[]): RunComparison {
  const ra = byInject(a);
  const rb = byInject(b);
  const keys = [...new Set([...ra.keys(), ...rb.keys()])].sort();
  return {
    incidents: keys.map((key) => {
      const x = ra.get(key), y = rb.get(key);
      return { key, ...(x ? { a: { incidentId: x.id, ...figures(x) } } : {}), ...(y ? { b: { incidentId: y.id, ...figures(y) } } : {}) };
    }),
    totals: { a: totals(a), b: totals(b) },
  };
}

const esc = (s: string): string => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** The comparison as an HTML section (bilingual labels: it is read by both teams). */
export function comparisonHtml(c: RunComparison, labels: { a: string; b: string }): string {
  const rows: [string, (f: RunFigures | undefined) => string][] = [
    ['首车到场(接警起) First arrival (from the call)', (f) => formatSeconds(f?.firstArrivalSec)],
    ['首批集结 First-alarm assembly', (f) => formatSeconds(f?.assemblySec)],
    ['升级 Escalations', (f) => (f ? String(f.escalations) : '—')],
    ['救出 Rescued', (f) => (f ? String(f.rescued) : '—')],
    ['死亡 Dead', (f) => (f ? String(f.dead) : '—')],
    ['控制(接警起) Under control (from the call)', (f) => formatSeconds(f?.underControlSec)],
    ['最终等级 Final grade', (f) => (f?.finalGrade === undefined ? '—' : String(f.finalGrade))],
  ];
  const table = (title: string, a: RunFigures | undefined, b: RunFigures | undefined): string =>
    `<h3>${esc(title)}</h3><table class="compare"><thead><tr><th></th><th>${esc(labels.a)}</th><th>${esc(labels.b)}</th></tr></thead><tbody>${rows
      .map(([name, f]) => `<tr><td>${esc(name)}</td><td>${esc(f(a))}</td><td>${esc(f(b))}</td></tr>`).join('')}</tbody></table>`;
  return [
    table(`全部警情(中位数)All incidents (medians): ${c.totals.a.incidents} / ${c.totals.b.incidents}`, c.totals.a, c.totals.b),
    ...c.incidents.map((i) => table(`${i.key} (${i.a?.incidentId ?? '—'} / ${i.b?.incidentId ?? '—'})`, i.a, i.b)),
  ].join('\n');
}

/** A fork's report compared with its original: which exercise, from when they differ, the figures. */
export interface ForkComparison { originalId: string; forkAt: number; runs: RunComparison }

/** The comparison section of a fork's report (before the evaluation). */
export function forkComparisonSection(c: ForkComparison, forkLabel: string): string {
  const at = formatSeconds(c.forkAt / 1000);
  return `<section id="comparison"><h2>反事实推演对比 Counterfactual fork at T+${esc(at)}</h2>${comparisonHtml(c.runs, { a: `原推演 original ${c.originalId}`, b: `分支 fork ${forkLabel}` })}</section>`;
}

/**
 * Where a fork's log leaves the original's: the time of the last event the two logs share, from the
 * start (a live fork's log is the original's up to its fork time, byte for byte).
 */
export function sharedUntil(original: readonly DomainEvent[], fork: readonly DomainEvent[]): number {
  let t = 0;
  for (let i = 0; i < Math.min(original.length, fork.length); i++) {
    if (JSON.stringify(original[i]) !== JSON.stringify(fork[i])) break;
    t = fork[i]!.t;
  }
  return t;
}
