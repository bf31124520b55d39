// Following each incident of a log from its call to its end: what every per-incident fold (the run
// summary, the incident records) needs and would otherwise repeat. A scratch record per open incident
// holds its standard times (time-segments.ts), its type as triaged and its grade as last set; a fold
// adds its own fields and hooks, and the record is dropped once the incident has ended.
import type { DomainEvent, EventOf } from '../../shared/events.ts';
import type { Grade } from '../../shared/domain/grades.ts';
import type { IncidentType } from '../../shared/domain/incident-types.ts';
import { recordOwnEvent, startIncidentTimes, type IncidentTimes } from './time-segments.ts';

/** What every open incident carries; folds extend it. */
export interface TrackedIncident {
  times: IncidentTimes;
  /** The caller's report until triage, then the triaged type. */
  type: IncidentType;
  /** The last INCIDENT_GRADED or GRADE_RAISED. */
  grade?: Grade;
}

/** An event of one incident (some kinds name an incident only sometimes). */
export type IncidentEvent = DomainEvent & { incidentId: string };

export interface IncidentHooks<T extends TrackedIncident> {
  /** A new incident's record (its `times`, `type` from `base`). */
  start(base: TrackedIncident, call: EventOf<'CALL_RECEIVED'>): T;
  /** Every later event of an open incident, before its times take it in; `type` is `e.type`. */
  before?(inc: T, e: IncidentEvent, type: IncidentEvent['type']): void;
  /** The same event, after its times took it in. */
  after?(inc: T, e: IncidentEvent): void;
  /** The incident ended (closed or cancelled); its record is dropped afterwards. */
  end(inc: T): void;
}

export interface IncidentTracker<T> {
  /** `type` is `e.type`, for a caller that has read it already (see add). */
  add(e: DomainEvent, type?: DomainEvent['type']): void;
  /** Incidents not ended yet, in order of their calls. */
  readonly open: ReadonlyMap<string, T>;
}

export function trackIncidents<T extends TrackedIncident>(hooks: IncidentHooks<T>): IncidentTracker<T> {
  const open = new Map<string, T>();
  const { before, after } = hooks;
  return {
    open,
    add(e: DomainEvent, type: DomainEvent['type'] = e.type): void {
      // Each event's type and incident are read once (the type by the caller, when it has it) and
      // handed on: events come in some twenty shapes, so every read of a field common to them is a
      // megamorphic lookup.
      if (type === 'CALL_RECEIVED') {
        const call = e as EventOf<'CALL_RECEIVED'>;
        if (!open.has(call.incidentId)) open.set(call.incidentId, hooks.start({ times: startIncidentTimes(call), type: call.reportedType }, call));
        return;
      }
      const id = (e as { incidentId?: string }).incidentId;
      if (id === undefined) return;
      const inc = open.get(id);
      if (inc === undefined) return;
      const ev = e as IncidentEvent;
      if (type === 'INCIDENT_TRIAGED') inc.type = (ev as EventOf<'INCIDENT_TRIAGED'>).incidentType;
      else if (type === 'INCIDENT_GRADED') inc.grade = (ev as EventOf<'INCIDENT_GRADED'>).grade;
      else if (type === 'GRADE_RAISED') inc.grade = (ev as EventOf<'GRADE_RAISED'>).to;
      if (before !== undefined) before(inc, ev, type);
      const ended = recordOwnEvent(inc.times, ev, type);
      if (after !== undefined) after(inc, ev);
      if (ended) {
        hooks.end(inc);
        open.delete(id);
      }
    },
  };
}
