// The drill's timeline for the debrief: calls, grades and escalations, dispatches (one line per
// incident and minute, units listed), arrivals, injects fired or skipped, contingencies, closures and
// outages, size-ups, rescues and deaths, control and closing, commands the engine refused. A fold over the event log that keeps
// only what a reader of the after-action report looks for.
import type { DomainEvent } from '../../shared/events.ts';
import { commandName, refusalSentence } from '../../shared/refusal-text.ts';
import { gradeRaiseReason } from '../../shared/domain/grade-raise-reason.ts';

export type TimelineKind = 'call' | 'grade' | 'escalation' | 'dispatch' | 'arrival' | 'inject' | 'contingency' | 'expected' | 'world' | 'outcome' | 'command';

export interface TimelineEntry {
  t: number;
  seq: number;
  kind: TimelineKind;
  incidentId?: string;
  /** Who did it (a role, or the participant id when known). */
  by?: string;
  zh: string;
  en: string;
}

const GRADE_ZH = ['', '一级', '二级', '三级', '四级', '五级'];

/** Events of the log this fold does not know (added by other parts later) still show when their type says what they are. */
function otherEntry(e: DomainEvent): TimelineEntry | undefined {
  const type = e.type as string;
  if (/CONTINGENCY/.test(type)) return { t: e.t, seq: e.seq, kind: 'contingency', zh: `应急注入 ${type}`, en: `contingency ${type}` };
  if (type === 'EXPECTED_ACTION_MET') {
    const x = e as unknown as { expectedId?: string; actionId?: string; expectedActionId?: string; id?: string; by?: string; onTime?: boolean; incidentId?: string };
    const id = x.expectedId ?? x.actionId ?? x.expectedActionId ?? x.id ?? '';
    // Who met it (the role the engine credits) and whether it was after its deadline.
    const late = x.onTime === false;
    return {
      t: e.t, seq: e.seq, kind: 'expected', ...(x.incidentId ? { incidentId: x.incidentId } : {}), ...(x.by ? { by: x.by } : {}),
      zh: `预期行动达成 ${id}${late ? '(超时)' : ''}`, en: `expected action met ${id}${late ? ' (late)' : ''}`,
    };
  }
  if (/^(HAZARD_|FLOOD|PLUME|RELEASE_|WATER_LEVEL|WIND_)/.test(type)) return { t: e.t, seq: e.seq, kind: 'world', zh: type, en: type };
  return undefined;
}

export function drillTimeline(events: Iterable<DomainEvent>, opts: { backgroundCalls?: boolean } = {}): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  const background = new Set<string>();
  const shown = (id: string | undefined): boolean => opts.backgroundCalls === true || id === undefined || !background.has(id);
  let lastDispatch: TimelineEntry | undefined;
  for (const e of events) {
    const inc = 'incidentId' in e && typeof e.incidentId === 'string' ? e.incidentId : undefined;
    if (e.type === 'CALL_RECEIVED' && e.source === 'background') background.add(e.incidentId);
    if (!shown(inc)) continue;
    const push = (x: Omit<TimelineEntry, 't' | 'seq'>): void => { out.push({ t: e.t, seq: e.seq, ...x }); };
    switch (e.type) {
      case 'CALL_RECEIVED': push({ kind: 'call', incidentId: e.incidentId, zh: `接警 ${e.incidentId} ${e.reportedType}(报${GRADE_ZH[e.reportedGrade]})`, en: `call ${e.incidentId} ${e.reportedType} (reported level ${e.reportedGrade})` }); break;
      case 'INCIDENT_GRADED': push({ kind: 'grade', incidentId: e.incidentId, by: e.by, zh: `${e.incidentId} 定为${GRADE_ZH[e.grade]}`, en: `${e.incidentId} graded level ${e.grade}` }); break;
      case 'GRADE_RAISED': {
        const why = gradeRaiseReason(e);
        push({ kind: 'escalation', incidentId: e.incidentId, by: e.by, zh: `${e.incidentId} 升级 ${GRADE_ZH[e.from]}→${GRADE_ZH[e.to]}${why ? `(${why})` : ''}`, en: `${e.incidentId} raised level ${e.from} → ${e.to}${why ? ` (${why})` : ''}` });
        break;
      }
      case 'UNIT_DISPATCHED': {
        // Units sent to the same incident in the same minute by the same role: one line.
        if (lastDispatch && lastDispatch.incidentId === e.incidentId && lastDispatch.by === e.by && e.t - lastDispatch.t < 60_000) {
          lastDispatch.zh += `、${e.unitId}`;
          lastDispatch.en += `, ${e.unitId}`;
          break;
        }
        lastDispatch = { t: e.t, seq: e.seq, kind: 'dispatch', incidentId: e.incidentId, by: e.by, zh: `调派至 ${e.incidentId}:${e.unitId}`, en: `dispatched to ${e.incidentId}: ${e.unitId}` };
        out.push(lastDispatch);
        break;
      }
      case 'UNIT_ARRIVED': push({ kind: 'arrival', incidentId: e.incidentId, zh: `${e.unitId} 到场 ${e.incidentId}`, en: `${e.unitId} on scene at ${e.incidentId}` }); break;
      case 'REINFORCEMENT_REQUESTED': push({ kind: 'escalation', incidentId: e.incidentId, by: e.by, zh: `${e.incidentId} 请求增援`, en: `${e.incidentId} reinforcement requested` }); break;
      case 'SIZE_UP_REPORTED': push({ kind: 'outcome', incidentId: e.incidentId, zh: `${e.incidentId} 侦察:${e.size},被困 ${e.trapped}`, en: `${e.incidentId} size-up: ${e.size}, ${e.trapped} trapped` }); break;
      case 'PERSON_RESCUED': push({ kind: 'outcome', incidentId: e.incidentId, zh: `${e.incidentId} 救出 1 人`, en: `${e.incidentId} one person rescued` }); break;
      case 'PERSON_DIED': push({ kind: 'outcome', incidentId: e.incidentId, zh: `${e.incidentId} 1 人死亡`, en: `${e.incidentId} one person died` }); break;
      case 'INCIDENT_UNDER_CONTROL': push({ kind: 'outcome', incidentId: e.incidentId, zh: `${e.incidentId} 得到控制`, en: `${e.incidentId} under control` }); break;
      case 'INCIDENT_CLOSED': push({ kind: 'outcome', incidentId: e.incidentId, zh: `${e.incidentId} 结案(救出 ${e.rescued},死亡 ${e.dead})`, en: `${e.incidentId} closed (${e.rescued} rescued, ${e.dead} dead)` }); break;
      case 'INCIDENT_CANCELLED': push({ kind: 'outcome', incidentId: e.incidentId, zh: `${e.incidentId} 撤销(${e.reason})`, en: `${e.incidentId} cancelled (${e.reason})` }); break;
      case 'INJECT_FIRED': push({ kind: 'inject', incidentId: e.incidentId, zh: `注入 ${e.injectId}${e.early ? '(提前)' : ''}`, en: `inject ${e.injectId} fired${e.early ? ' early' : ''}` }); break;
      case 'INJECT_SKIPPED': push({ kind: 'inject', by: e.by, zh: `跳过注入 ${e.injectId}`, en: `inject ${e.injectId} skipped` }); break;
      case 'ROAD_CLOSED': push({ kind: 'world', by: e.by, zh: `道路封闭 ${e.closureId}(${e.reason})`, en: `road closed ${e.closureId} (${e.reason})` }); break;
      case 'ROAD_REOPENED': push({ kind: 'world', by: e.by, zh: `道路恢复 ${e.closureId}`, en: `road reopened ${e.closureId}` }); break;
      case 'COMMS_OUTAGE_STARTED': push({ kind: 'world', by: e.by, zh: `${e.stationId} 通信中断`, en: `${e.stationId} comms outage` }); break;
      case 'COMMS_OUTAGE_ENDED': push({ kind: 'world', by: e.by, zh: `${e.stationId} 通信恢复`, en: `${e.stationId} comms restored` }); break;
      case 'COMMAND_REFUSED': {
        // What a player tried and the engine refused (a premature close…): part of the debrief.
        const about = (e.command as { incidentId?: unknown }).incidentId;
        const incidentId = typeof about === 'string' ? about : undefined;
        if (!shown(incidentId)) break;
        // The engine's reason is an English sentence: each language gets its own (shared/refusal-text.ts).
        push({
          kind: 'command', ...(incidentId ? { incidentId } : {}), by: e.by.role,
          zh: `指令被拒绝(${commandName(e.command.type, 'zh')}):${refusalSentence(e.error.message, e.error.code, 'zh')}`,
          en: `Refused (${commandName(e.command.type, 'en')}): ${refusalSentence(e.error.message, e.error.code, 'en')}`,
        });
        break;
      }
      default: {
        const x = otherEntry(e);
        if (x) out.push(x);
      }
    }
  }
  return out;
}
