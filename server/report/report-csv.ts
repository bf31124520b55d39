// CSV exports of the report: one row per incident, and one row per unit status segment (the unit
// timelines). UTF-8 with a BOM so spreadsheet programs open the Chinese text; RFC 4180 quoting.
import type { ReportModel } from './report-model.ts';

const cell = (v: string | number | undefined): string => {
  if (v === undefined) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const csv = (head: string[], rows: (string | number | undefined)[][]): string => `\uFEFF${[head, ...rows].map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
const sec = (ms: number | undefined): number | undefined => (ms === undefined ? undefined : ms / 1000);

export function incidentsCsv(model: ReportModel): string {
  return csv(
    ['id', 'source', 'type', 'lat', 'lon', 'jurisdiction', 'home_station', 'reported_grade', 'first_grade', 'final_grade', 'escalations', 'received_s', 'first_dispatch_s', 'first_arrival_s',
      'first_arrival_unit', 'under_control_s', 'ended_s', 'ending', 'units_dispatched', 'trapped', 'rescued', 'dead', 'dispatch_to_first_arrival_s', 'total_response_s', 'assembly_s'],
    model.incidents.map((r) => [
      r.id, r.source, r.type, r.location[0], r.location[1], r.jurisdictionId, r.homeStationId, r.reportedGrade, r.firstGrade, r.finalGrade, r.escalations, sec(r.receivedAt), sec(r.firstDispatchAt),
      sec(r.firstArrivalAt), r.firstArrivalUnitId, sec(r.underControlAt), sec(r.endedAt), r.ending, r.unitsDispatched, r.trapped, r.rescued, r.dead,
      r.segments.dispatchToFirstArrival, r.segments.totalResponse, r.segments.assembly,
    ]),
  );
}

export function unitTimelinesCsv(model: ReportModel): string {
  return csv(['unit', 'status', 'from_s', 'to_s', 'incident'], model.units.segments.map((s) => [s.unitId, s.status, s.from / 1000, s.to / 1000, s.incidentId]));
}
