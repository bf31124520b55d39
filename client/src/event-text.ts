// One line of text per domain event, in the board's language, for the event log and timelines.
import type { TFunction } from 'i18next';
import type { DomainEvent } from '../../shared/events.ts';
import type { DomainNames } from './i18n/i18n.ts';

export function describeEvent(e: DomainEvent, t: TFunction, names: DomainNames, unitLabel: (id: string) => string, stationName: (id: string) => string): string {
  const p: Record<string, unknown> = {};
  if ('incidentId' in e && e.incidentId) p.incident = e.incidentId;
  if ('unitId' in e && e.unitId) p.unit = unitLabel(e.unitId);
  switch (e.type) {
    case 'SIMULATION_STARTED': case 'MODE_CHANGED': p.mode = e.mode; break;
    case 'CALL_RECEIVED': p.type = names.incidentType(e.reportedType); p.grade = names.grade(e.reportedGrade); break;
    case 'INCIDENT_TRIAGED': p.type = names.incidentType(e.incidentType); break;
    case 'INCIDENT_GRADED': p.grade = names.grade(e.grade); break;
    case 'UNIT_DISPATCHED': p.eta = `${Math.round(e.etaSec / 60)} min`; break;
    case 'DISPATCH_SHORTFALL': p.needs = e.unmet.map((u) => `${t(`need.${u.capability}`)} ×${u.missing}`).join(', '); break;
    case 'UNIT_OUT_OF_SERVICE': p.reason = e.reason; break;
    case 'SIZE_UP_REPORTED': p.size = e.size; p.trapped = e.trapped; break;
    case 'INCIDENT_GREW': p.size = e.size; break;
    case 'GRADE_RAISED': p.from = names.grade(e.from); p.to = names.grade(e.to); break;
    case 'INCIDENT_CANCELLED': p.reason = e.reason; break;
    case 'ROAD_CLOSED': p.reason = e.reason; p.edges = e.closedEdges; break;
    case 'COMMS_OUTAGE_STARTED': case 'COMMS_OUTAGE_ENDED': p.station = stationName(e.stationId); break;
    case 'INJECT_FIRED': case 'INJECT_SKIPPED': p.inject = e.injectId; break;
    case 'COMMAND_ACCEPTED': p.command = e.command.type; p.by = e.by.role; break;
    default: break;
  }
  return t(`ev.${e.type}`, p);
}
