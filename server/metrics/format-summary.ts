// Plain-text views for a terminal: the run summary report (tables by type × grade, time segments,
// the 5-minute share) and one readable line per domain event for the live feed. Chinese names come
// first, as users read them, with English after; column widths count CJK characters as two cells.
import { GRADE_INFO, type Grade } from '../../shared/domain/grades.ts';
import { INCIDENT_TYPE_NAMES, INCIDENT_TYPES } from '../../shared/domain/incident-types.ts';
import type { DomainEvent } from '../../shared/events.ts';
import { gradeRaiseReason } from '../../shared/domain/grade-raise-reason.ts';
import { SEGMENT_INFO, SEGMENT_KEYS } from './time-segments.ts';
import { GRADE_KEYS, type CancelReason, type GradeKey, type RunSummary } from './summary.ts';

/** Terminal cells a string takes: East Asian wide and full-width characters take two. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    const wide =
      (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6);
    w += wide ? 2 : 1;
  }
  return w;
}

const padEnd = (s: string, w: number): string => s + ' '.repeat(Math.max(0, w - displayWidth(s)));
const padStart = (s: string, w: number): string => ' '.repeat(Math.max(0, w - displayWidth(s))) + s;

/** Seconds as m:ss, or h:mm:ss from an hour up; '—' for no value. */
export function formatSeconds(sec: number | null | undefined): string {
  if (sec === null || sec === undefined || !Number.isFinite(sec)) return '—';
  const total = Math.round(sec);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** A length of sim time as people write it in scenario files: 365d, 1d6h, 1h30m, 90s. */
export function formatDurationMs(ms: number): string {
  let rest = Math.round(ms / 1000);
  const parts: string[] = [];
  for (const [unit, size] of [['d', 86_400], ['h', 3600], ['m', 60], ['s', 1]] as const) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0) parts.push(`${n}${unit}`);
  }
  return parts.join('') || '0s';
}

export const formatPercent = (share: number | null): string => (share === null ? '—' : `${(share * 100).toFixed(1)} %`);
const formatMean = (v: number | null): string => (v === null ? '—' : v.toFixed(2));

/** Rows of cells as an aligned table; `right` marks the columns aligned right (numbers). */
export function table(header: string[], rows: string[][], right: (i: number) => boolean = (i) => i > 0): string {
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const line = (cells: string[]): string =>
    cells.map((c, i) => (right(i) ? padStart(c, widths[i]!) : padEnd(c, widths[i]!))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const gradeLabel = (g: GradeKey): string => (g === 'ungraded' ? '未定级' : GRADE_INFO[Number(g) as Grade].zh);

function typeGradeTable(s: RunSummary): string {
  const grades = GRADE_KEYS.filter((g) => (s.byGrade[g] ?? 0) > 0 || g !== 'ungraded');
  const rows = INCIDENT_TYPES.filter((t) => (s.byType[t] ?? 0) > 0).map((t) => {
    const byGrade = s.byTypeAndGrade[t] ?? {};
    const name = INCIDENT_TYPE_NAMES[t];
    return [`${name.zh} ${name.en}`, ...grades.map((g) => String(byGrade[g] ?? 0)), String(s.byType[t] ?? 0)];
  });
  rows.push(['合计 Total', ...grades.map((g) => String(s.byGrade[g] ?? 0)), String(s.incidents)]);
  return table(['类型 Type', ...grades.map(gradeLabel), '合计'], rows);
}

function segmentTable(s: RunSummary): string {
  const rows = SEGMENT_KEYS.map((k) => {
    const seg = s.segments[k];
    const info = SEGMENT_INFO[k];
    return [`${info.zh} ${info.en}`, String(seg.count), formatSeconds(seg.p50), formatSeconds(seg.p90), info.span];
  });
  return table(['时段 Segment', 'n', 'p50', 'p90', 'from → to'], rows, (i) => i > 0 && i < 4);
}

const CANCEL_REASON_NAMES: Record<CancelReason, string> = {
  unfounded: '查无实情 unfounded',
  'false-alarm': '误报 false alarm',
  'cancelled-by-caller': '报警人取消 by the caller',
  duplicate: '重复报警 duplicate',
};

/**
 * False alarms and cancellations on one line, each incident counted once: false alarms (cancelled as
 * unfounded or false alarm, or triaged as a false alarm) with where they came from, then the other
 * cancellations. "Cancelled 288 (unfounded 288) · False alarms 288" said one number three times.
 */
export function cancellationLine(s: Pick<RunSummary, 'cancellations' | 'cancellationsByReason' | 'falseAlarms'>): string {
  const by = s.cancellationsByReason;
  const unfounded = by.unfounded ?? 0;
  const cancelledFalse = by['false-alarm'] ?? 0;
  const triaged = Math.max(0, s.falseAlarms - unfounded - cancelledFalse);
  const sources = [
    unfounded > 0 ? `${unfounded} ${CANCEL_REASON_NAMES.unfounded}` : '',
    cancelledFalse > 0 ? `${cancelledFalse} cancelled as false alarm` : '',
    triaged > 0 ? `${triaged} triaged as false alarm` : '',
  ].filter(Boolean);
  const falseAlarms = sources.length === 0 ? `${s.falseAlarms}`
    : sources.length === 1 && s.falseAlarms > 0 ? `${s.falseAlarms}, all ${sources[0]!.replace(/^\d+ /, '')}`
    : `${s.falseAlarms} (${sources.join(', ')})`;
  const others = (['cancelled-by-caller', 'duplicate'] as const).filter((r) => (by[r] ?? 0) > 0);
  const otherCount = others.reduce((n, r) => n + (by[r] ?? 0), 0);
  const otherText = otherCount > 0 ? ` · 其他取消 Other cancellations ${otherCount} (${others.map((r) => `${CANCEL_REASON_NAMES[r]} ${by[r]}`).join(', ')})` : ' · 其他取消 Other cancellations 0';
  return `误报 False alarms ${falseAlarms}${otherText}`;
}

/** The human-readable report of a run. */
export function formatSummary(s: RunSummary): string {
  const head = [
    `推演结果 Run summary — scenario ${s.scenario ?? '?'}, region ${s.region ?? '?'}, seed ${s.seed ?? '?'}`,
    `Simulated ${formatSeconds(s.simulatedSeconds)} (${(s.simulatedSeconds / 86_400).toFixed(2)} days), ${s.events} events`,
    '',
    `警情 Incidents        ${s.incidents} (ended ${s.ended}, open at end ${s.openAtEnd})`,
    `出动 Dispatches       ${s.dispatches} incidents, ${s.unitsDispatched} vehicle-times (车次), ${s.personnelDispatched} personnel-times (人次)`,
    `每起出动 Per dispatch  ${formatMean(s.vehiclesPerDispatch)} vehicles, ${formatMean(s.personnelPerDispatch)} firefighters`,
    `5分钟到场 First arrival ≤ ${formatSeconds(s.firstArrivalTargetSeconds)} after dispatch: ${formatPercent(s.firstArrivalWithin5min)} of ${s.incidentsWithArrival} incidents with an arrival`,
    `升级 Escalations      ${s.escalations} grade raises on ${s.incidentsEscalated} incidents`,
    `力量不足 Shortfalls    ${s.shortfalls} on ${s.incidentsWithShortfall} incidents`,
    `救出 Rescued ${s.rescued} · 死亡 Dead ${s.dead}`,
    cancellationLine(s),
  ];
  return [
    ...head,
    '',
    '警情类型 × 等级 Incidents by type and final grade',
    typeGradeTable(s),
    '',
    '响应时段 Time segments (seconds shown as m:ss, nearest-rank percentiles)',
    segmentTable(s),
    '',
  ].join('\n');
}

/**
 * Sim time as a clock: local time of day when the scenario's start (ISO with offset) is known,
 * otherwise time since the start; a "+Nd" prefix from the second day on.
 */
export function formatSimClock(t: number, startIso?: string, utcOffsetHours = 8): string {
  const startMs = startIso === undefined ? Number.NaN : Date.parse(startIso);
  const days = Math.floor(t / 86_400_000);
  const clockMs = Number.isNaN(startMs) ? t : startMs + t + utcOffsetHours * 3_600_000;
  const d = new Date(clockMs);
  const hh = String(Number.isNaN(startMs) ? Math.floor((t % 86_400_000) / 3_600_000) : d.getUTCHours()).padStart(2, '0');
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  const ss = String(d.getUTCSeconds()).padStart(2, '0');
  return `${days > 0 ? `+${days}d ` : ''}${hh}:${mm}:${ss}`;
}

function eventDetail(e: DomainEvent): string {
  switch (e.type) {
    case 'SIMULATION_STARTED':
      return `scenario ${e.scenario}, region ${e.region}, seed ${e.seed}, ${e.mode} mode, start ${e.startIso}`;
    case 'COMMAND_ACCEPTED':
      return `${e.command.type} by ${e.by.role}`;
    case 'COMMAND_REFUSED':
      return `${e.command.type} by ${e.by.role} refused (${e.error.code}): ${e.error.message}`;
    case 'MODE_CHANGED':
      return `${e.mode} mode`;
    case 'CALL_RECEIVED':
      return `${INCIDENT_TYPE_NAMES[e.reportedType].zh} ${INCIDENT_TYPE_NAMES[e.reportedType].en}, reported ${GRADE_INFO[e.reportedGrade].zh}, ${e.source}${e.description ? ` — ${e.description}` : ''}`;
    case 'INCIDENT_TRIAGED':
      return `${INCIDENT_TYPE_NAMES[e.incidentType].zh} ${INCIDENT_TYPE_NAMES[e.incidentType].en}, ${e.jurisdictionId}, home station ${e.homeStationId}`;
    case 'INCIDENT_GRADED':
      return `${GRADE_INFO[e.grade].zh} ${GRADE_INFO[e.grade].en} (${GRADE_INFO[e.grade].colour})`;
    case 'GRADE_RAISED':
      return `${GRADE_INFO[e.from].zh} → ${GRADE_INFO[e.to].zh} ${GRADE_INFO[e.to].en}${gradeRaiseReason(e) ? `: ${gradeRaiseReason(e)}` : ''}`;
    case 'UNIT_DISPATCHED':
      return `ETA ${formatSeconds(e.etaSec)}, ${e.reason.need}, echelon ${e.reason.echelon}`;
    case 'DISPATCH_SHORTFALL':
      return `missing ${e.unmet.map((u) => `${u.missing} ${u.capability}`).join(', ')}`;
    case 'UNIT_EN_ROUTE':
      return `${(e.leg.distanceM / 1000).toFixed(1)} km, ${formatSeconds((e.leg.arriveAt - e.leg.departAt) / 1000)}`;
    case 'UNIT_RELEASED':
      return e.reason;
    case 'UNIT_RETURNING':
      return `${(e.leg.distanceM / 1000).toFixed(1)} km${e.available ? ', available' : ''}`;
    case 'UNIT_OUT_OF_SERVICE':
      return e.reason;
    case 'SIZE_UP_REPORTED':
      return `size ${e.size}, trapped ${e.trapped}, true grade ${GRADE_INFO[e.trueGrade].zh}${e.unfounded ? ', unfounded' : ''}`;
    case 'INCIDENT_GREW':
      return `size ${e.size}, true grade ${GRADE_INFO[e.trueGrade].zh}`;
    case 'REINFORCEMENT_REQUESTED':
      return e.needs.map((n) => `${n.vehicles} ${n.capability}`).join(', ');
    case 'PERSON_RESCUED':
    case 'PERSON_DIED':
      return `${e.remaining} remaining`;
    case 'INCIDENT_UNDER_CONTROL':
      return `size ${e.size}`;
    case 'INCIDENT_CLOSED':
      return `final size ${e.finalSize}, rescued ${e.rescued}, dead ${e.dead}`;
    case 'INCIDENT_CANCELLED':
      return e.reason;
    default:
      return '';
  }
}

/** One readable line for a domain event: clock, type, incident, unit and what changed. */
export function formatEventLine(e: DomainEvent, startIso?: string, utcOffsetHours = 8): string {
  const incident = 'incidentId' in e && e.incidentId !== undefined ? e.incidentId : '';
  const unit = 'unitId' in e ? e.unitId : '';
  const who = unit && incident ? `${unit} → ${incident}` : unit || incident;
  const detail = eventDetail(e);
  return `${formatSimClock(e.t, startIso, utcOffsetHours)}  ${e.type.padEnd(23)} ${padEnd(who, 22)} ${detail}`.trimEnd();
}
