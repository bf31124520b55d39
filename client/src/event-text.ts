// One line of text per domain event, in the board's language, for the event log and timelines. Codes
// (closure causes, cancel and out-of-service reasons, modes) are translated; a size carries its unit
// when the caller can say what the incident's type measures.
import type { TFunction } from 'i18next';
import type { DomainEvent } from '../../shared/events.ts';
import { gradeRaiseReason } from '../../shared/domain/grade-raise-reason.ts';
import type { DomainNames } from './i18n/i18n.ts';
import { formatEta } from './domain-view.ts';

export interface EventTextExtra {
  /** The size of an incident with its unit ("82 m²"); the bare number otherwise. */
  size?(incidentId: string, size: number): string;
  /** A refusal in the UI language (the engine writes it in English). */
  refusal?(message: string, code: string): string;
  /** An inject's title for the controller ("Power cut · …"); its id when unknown. */
  injectName?(injectId: string): string | undefined;
  /** Whether closure `closureId` had reopened by event `seq` (a re-route naming it took a road it freed). */
  reopened?(closureId: string, seq: number): boolean;
}

/** The incident a refused command was about, for the incident's timeline. */
export function refusedIncident(e: DomainEvent): string | undefined {
  if (e.type !== 'COMMAND_REFUSED') return undefined;
  const c = e.command as { incidentId?: unknown };
  return typeof c.incidentId === 'string' ? c.incidentId : undefined;
}

/**
 * Events not shown as lines: accepted-command bookkeeping, and the scripted injects as players get
 * them (their ids are redacted to 'scripted': a line would only tell players the call was scripted).
 */
export function hiddenFromLog(e: DomainEvent): boolean {
  if (e.type === 'COMMAND_ACCEPTED') return true;
  if ((e.type === 'INJECT_FIRED' || e.type === 'INJECT_SKIPPED') && e.injectId === 'scripted') return true;
  return false;
}

export function describeEvent(e: DomainEvent, t: TFunction, names: DomainNames, unitLabel: (id: string) => string, stationName: (id: string) => string, extra: EventTextExtra = {}): string {
  const p: Record<string, unknown> = {};
  if ('incidentId' in e && e.incidentId) p.incident = e.incidentId;
  if ('unitId' in e && e.unitId) p.unit = unitLabel(e.unitId);
  const size = (id: string, n: number): string => extra.size?.(id, n) ?? String(Math.round(n * 10) / 10);
  switch (e.type) {
    case 'SIMULATION_STARTED': case 'MODE_CHANGED': p.mode = t(`console.${e.mode}`); break;
    case 'CALL_RECEIVED': p.type = names.incidentType(e.reportedType); p.grade = names.grade(e.reportedGrade); break;
    case 'INCIDENT_TRIAGED': p.type = names.incidentType(e.incidentType); break;
    case 'INCIDENT_GRADED': p.grade = names.grade(e.grade); break;
    case 'UNIT_DISPATCHED': p.eta = formatEta(e.etaSec); break;
    case 'DISPATCH_SHORTFALL': p.needs = e.unmet.map((u) => `${t(`need.${u.capability}`)} ×${u.missing}`).join(', '); break;
    case 'UNIT_OUT_OF_SERVICE': p.reason = t(`oosReason.${e.reason || 'none'}`, { defaultValue: e.reason }); break;
    case 'SIZE_UP_REPORTED': p.size = size(e.incidentId, e.size); p.trapped = e.trapped; break;
    case 'INCIDENT_GREW': p.size = size(e.incidentId, e.size); break;
    case 'GRADE_RAISED': {
      const why = gradeRaiseReason(e);
      p.from = names.grade(e.from); p.to = names.grade(e.to); p.reason = why ? t('ev.GRADE_RAISED_why', { reason: why }) : '';
      break;
    }
    case 'INCIDENT_CANCELLED': p.reason = t(`cancelReason.${e.reason}`); break;
    case 'ROAD_CLOSED': p.reason = t(`closureReason.${e.reason}`); p.edges = e.closedEdges; p.closure = e.closureId; break;
    case 'ROAD_REOPENED': p.closure = e.closureId; break;
    case 'UNIT_REROUTED':
      p.closure = e.closureId;
      // A re-route naming a closure that has reopened drives on through the roads it freed, not around it.
      if (extra.reopened?.(e.closureId, e.seq)) return t('ev.UNIT_REROUTED_reopened', p);
      break;
    case 'PLACE_UNREACHABLE':
      p.closures = e.closureIds.join(', ');
      return t(e.unitId ? (e.incidentId ? 'ev.PLACE_UNREACHABLE_unit' : 'ev.PLACE_UNREACHABLE_unitHome') : 'ev.PLACE_UNREACHABLE', p);
    case 'PLACE_REACHABLE': p.closure = e.closureId ?? ''; break;
    case 'COMMS_OUTAGE_STARTED': case 'COMMS_OUTAGE_ENDED': p.station = stationName(e.stationId); break;
    // A report held by a comms outage: the report's own line, said to come late.
    case 'UNIT_REPORT_DELIVERED': p.station = stationName(e.stationId); p.report = describeEvent(e.report, t, names, unitLabel, stationName, extra); break;
    case 'COMMS_RESYNCED': p.station = stationName(e.stationId); p.count = e.units.length; p.lost = e.lost; break;
    case 'INJECT_FIRED': case 'INJECT_SKIPPED': p.inject = extra.injectName?.(e.injectId) ?? e.injectId; break;
    case 'COMMAND_REFUSED':
      p.command = t(`commandName.${e.command.type}`, { defaultValue: e.command.type });
      p.by = t(`roleName.${e.by.role}`, { defaultValue: e.by.role });
      p.reason = extra.refusal?.(e.error.message, e.error.code) ?? e.error.message;
      break;
    case 'EXPECTED_ACTION_MET': p.expected = e.expectedId; p.by = t(`roleName.${e.by}`, { defaultValue: e.by }); return t(e.onTime ? 'ev.EXPECTED_ACTION_MET' : 'ev.EXPECTED_ACTION_MET_late', p);
    case 'HAZARD_STARTED': case 'HAZARD_CHANGED': case 'ZONES_UPDATED': p.hazard = e.hazardId; break;
    case 'INJECTS_POSTPONED': p.minutes = Math.round(e.byMs / 60_000); p.count = e.injectIds.length; break;
    case 'INJECT_ADDED': p.inject = extra.injectName?.(e.injectId) ?? e.injectId; p.by = t(`roleName.${e.by}`, { defaultValue: e.by }); break;
    case 'MESSAGE_SENT': p.source = e.source; p.text = `${e.text.zh} / ${e.text.en}`; break;
    case 'REINFORCEMENTS_ARRIVED': p.team = `${e.team.zh} ${e.team.en}`; p.units = e.units.length; break;
    case 'POWER_OUTAGE_STARTED': p.factor = e.handlingFactor; break;
    case 'CREW_CHANGED': p.crew = e.crew; p.reason = e.reason; break;
    case 'AREA_EVACUATED': p.people = e.people; break;
    case 'EXPOSURE_CASUALTIES': p.hazard = e.hazardId; p.people = e.people; p.total = e.total; break;
    case 'EVACUATION_ORDERED':
      p.by = t(`roleName.${e.by}`, { defaultValue: e.by }); p.note = e.note;
      // An area evacuation says how many people it moves (its note, when given, after a dash).
      if (e.people !== undefined) return t('ev.EVACUATION_ORDERED_people', { ...p, evacuation: e.evacuationId ?? '', people: e.people, note: e.note ? ` — ${e.note}` : '' });
      break;
    case 'EVACUATION_PROGRESS': p.evacuation = e.evacuationId; p.people = e.peopleInside; break;
    case 'COMMAND_ACCEPTED': p.command = t(`commandName.${e.command.type}`, { defaultValue: e.command.type }); p.by = t(`roleName.${e.by.role}`, { defaultValue: e.by.role }); break;
    default: break;
  }
  return t(`ev.${e.type}`, p);
}
