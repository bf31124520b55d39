// One row per incident for the debrief (the report's table, its CSV, the map and the histogram): what
// it was, where, its grade as called and as it ended, the standard time segments, units sent,
// escalations, rescued and dead. A fold over the event log; reads the hidden truth only for `trapped`.
import type { DomainEvent } from '../../shared/events.ts';
import type { Grade } from '../../shared/domain/grades.ts';
import type { IncidentType } from '../../shared/domain/incident-types.ts';
import type { LatLon } from '../../shared/geo.ts';
import type { CallSource } from '../../shared/events.ts';
import { recordIncidentEvent, segmentsOf, startIncidentTimes, type IncidentTimes, type TimeSegments } from './time-segments.ts';

export interface IncidentRow {
  id: string;
  source: CallSource;
  type: IncidentType;
  location: LatLon;
  jurisdictionId?: string;
  homeStationId?: string;
  reportedGrade: Grade;
  /** Grade at the first grading, and at the end (after escalations). */
  firstGrade?: Grade;
  finalGrade?: Grade;
  escalations: number;
  receivedAt: number;
  firstDispatchAt?: number;
  firstArrivalAt?: number;
  firstArrivalUnitId?: string;
  underControlAt?: number;
  endedAt?: number;
  ending?: 'closed' | 'cancelled';
  unitsDispatched: number;
  trapped: number;
  rescued: number;
  dead: number;
  segments: TimeSegments;
}

interface Scratch { row: IncidentRow; times: IncidentTimes; units: Set<string> }

export function incidentRowsFromLog(events: Iterable<DomainEvent>): IncidentRow[] {
  const byId = new Map<string, Scratch>();
  for (const e of events) {
    if (e.type === 'CALL_RECEIVED') {
      byId.set(e.incidentId, {
        row: { id: e.incidentId, source: e.source, type: e.reportedType, location: e.location, reportedGrade: e.reportedGrade, escalations: 0, receivedAt: e.t, unitsDispatched: 0, trapped: e.truth.trapped, rescued: 0, dead: 0, segments: {} },
        times: startIncidentTimes(e),
        units: new Set(),
      });
      continue;
    }
    if (!('incidentId' in e) || typeof e.incidentId !== 'string') continue;
    const s = byId.get(e.incidentId);
    if (!s) continue;
    recordIncidentEvent(s.times, e);
    const r = s.row;
    switch (e.type) {
      case 'INCIDENT_TRIAGED': r.type = e.incidentType; r.location = e.location; r.jurisdictionId = e.jurisdictionId; r.homeStationId = e.homeStationId; break;
      case 'INCIDENT_GRADED': r.firstGrade ??= e.grade; r.finalGrade = e.grade; break;
      case 'GRADE_RAISED': r.finalGrade = e.to; r.escalations++; break;
      case 'UNIT_DISPATCHED': s.units.add(e.unitId); break;
      case 'PERSON_RESCUED': r.rescued++; break;
      case 'PERSON_DIED': r.dead++; break;
      case 'INCIDENT_CLOSED': r.rescued = e.rescued; r.dead = e.dead; break;
      default: break;
    }
  }
  return [...byId.values()].map(({ row, times, units }) => {
    const out: IncidentRow = { ...row, unitsDispatched: units.size, segments: segmentsOf(times) };
    if (times.firstDispatchAt !== undefined) out.firstDispatchAt = times.firstDispatchAt;
    if (times.firstArrivalAt !== undefined) out.firstArrivalAt = times.firstArrivalAt;
    if (times.firstArrivalUnitId !== undefined) out.firstArrivalUnitId = times.firstArrivalUnitId;
    if (times.underControlAt !== undefined) out.underControlAt = times.underControlAt;
    if (times.endedAt !== undefined) out.endedAt = times.endedAt;
    if (times.ending !== undefined) out.ending = times.ending;
    return out;
  });
}
