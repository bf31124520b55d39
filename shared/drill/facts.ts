// What a drill script's conditions can ask about, folded from the event log: which incident each
// call inject made, grades, units dispatched and on scene, control, closing, rescues, closures,
// fired injects and met expected actions. Plain JSON (it is part of the engine's canonical state
// when the script model keeps it), updated one event at a time, deterministic. The evaluator of
// the condition language (evaluate.ts) reads it; so can a debrief fold over a stored log.
import type { DomainEvent } from '../events.ts';
import type { ActorRole } from '../commands.ts';
import type { LatLon } from '../geo.ts';

export interface IncidentFacts {
  type: string;
  calledAt: number;
  grade: number;
  /**
   * Each rise of the grade with who set it (triage or raise), oldest first: a grade check is met by
   * whoever first brought it to the level asked. Absent in facts kept before it was recorded.
   */
  gradeSteps?: [grade: number, by: ActorRole][];
  /** Who asked for reinforcement first (absent in facts kept before it was recorded). */
  reinforcementBy?: ActorRole;
  homeStationId?: string;
  /** Units dispatched (ever), in order, with who ordered each. */
  dispatched: [unitId: string, by: ActorRole][];
  /** Units that arrived on scene (ever), in order. */
  arrived: string[];
  /** Time of the first dispatch order and the units in it (all orders at that time). */
  firstDispatchAt?: number;
  firstDispatch: string[];
  underControl: boolean;
  closed: boolean;
  reinforcementRequested: boolean;
  rescued: number;
  died: number;
  location: LatLon;
}

export interface DrillFacts {
  /** Incident made by each call or secondary inject that fired. */
  injectIncident: Record<string, string>;
  /** First incident of each type (any source). */
  firstOfType: Record<string, string>;
  /** Incidents by id, in order of their calls. */
  incidents: Record<string, IncidentFacts>;
  /** Arrivals with the place (the incident's location): for areas such as hot zones. */
  arrivals: [unitId: string, at: LatLon][];
  /** Road closures in force: id → reason. */
  closures: Record<string, string>;
  fired: string[];
  met: string[];
  /** Incidents with an evacuation order ('' = an order for no incident). */
  evacuations: string[];
  /** Who gave each of those orders, in the same order (absent in facts kept before it was recorded). */
  evacuationsBy?: ActorRole[];
}

export function emptyFacts(): DrillFacts {
  return { injectIncident: {}, firstOfType: {}, incidents: {}, arrivals: [], closures: {}, fired: [], met: [], evacuations: [], evacuationsBy: [] };
}

/**
 * Folds one event into the facts; returns whether anything a condition can see changed (so the
 * caller re-evaluates only then).
 */
export function foldFact(f: DrillFacts, e: DomainEvent): boolean {
  switch (e.type) {
    case 'INJECT_FIRED':
      f.fired.push(e.injectId);
      if (e.incidentId) f.injectIncident[e.injectId] = e.incidentId;
      return true;
    case 'CALL_RECEIVED':
      f.incidents[e.incidentId] = {
        type: e.reportedType, calledAt: e.t, grade: 0, gradeSteps: [], dispatched: [], arrived: [], firstDispatch: [], underControl: false, closed: false,
        reinforcementRequested: false, rescued: 0, died: 0, location: e.location,
      };
      f.firstOfType[e.reportedType] ??= e.incidentId;
      return true;
    case 'INCIDENT_TRIAGED': {
      const inc = f.incidents[e.incidentId];
      if (!inc) return false;
      inc.homeStationId = e.homeStationId;
      inc.location = e.location;
      if (inc.type !== e.incidentType) {
        inc.type = e.incidentType;
        f.firstOfType[e.incidentType] ??= e.incidentId;
      }
      return true;
    }
    case 'INCIDENT_GRADED': return setGrade(f, e.incidentId, e.grade, e.by);
    case 'GRADE_RAISED': return setGrade(f, e.incidentId, e.to, e.by);
    case 'UNIT_DISPATCHED': {
      const inc = f.incidents[e.incidentId];
      if (!inc) return false;
      inc.dispatched.push([e.unitId, e.by]);
      if (inc.firstDispatchAt === undefined) inc.firstDispatchAt = e.t;
      if (inc.firstDispatchAt === e.t) inc.firstDispatch.push(e.unitId);
      return true;
    }
    case 'UNIT_ARRIVED': {
      const inc = f.incidents[e.incidentId];
      if (!inc) return false;
      if (!inc.arrived.includes(e.unitId)) inc.arrived.push(e.unitId);
      f.arrivals.push([e.unitId, inc.location]);
      return true;
    }
    case 'INCIDENT_UNDER_CONTROL': return flag(f, e.incidentId, 'underControl');
    case 'INCIDENT_CLOSED': return flag(f, e.incidentId, 'closed');
    case 'REINFORCEMENT_REQUESTED': {
      const inc = f.incidents[e.incidentId];
      if (inc && !inc.reinforcementRequested) inc.reinforcementBy = e.by;
      return flag(f, e.incidentId, 'reinforcementRequested');
    }
    case 'PERSON_RESCUED': {
      const inc = f.incidents[e.incidentId];
      if (!inc) return false;
      inc.rescued++;
      return true;
    }
    case 'PERSON_DIED': {
      const inc = f.incidents[e.incidentId];
      if (!inc) return false;
      inc.died++;
      return true;
    }
    case 'ROAD_CLOSED':
      f.closures[e.closureId] = e.reason;
      return true;
    case 'ROAD_REOPENED':
      delete f.closures[e.closureId];
      return true;
    case 'EVACUATION_ORDERED':
      f.evacuations.push(e.incidentId ?? '');
      (f.evacuationsBy ??= []).push(e.by);
      return true;
    case 'EXPECTED_ACTION_MET':
      f.met.push(e.expectedId);
      return true;
    default:
      return false;
  }
}

function setGrade(f: DrillFacts, id: string, grade: number, by: ActorRole): boolean {
  const inc = f.incidents[id];
  if (!inc) return false;
  if (grade > inc.grade) (inc.gradeSteps ??= []).push([grade, by]);
  inc.grade = Math.max(inc.grade, grade);
  return true;
}

function flag(f: DrillFacts, id: string, key: 'underControl' | 'closed' | 'reinforcementRequested'): boolean {
  const inc = f.incidents[id];
  if (!inc) return false;
  inc[key] = true;
  return true;
}
