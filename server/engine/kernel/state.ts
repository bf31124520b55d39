// The engine's state: units, incidents and the timers scheduled on the queue. Plain data, so the
// whole state can be written out canonically (canonicalState), hashed (digest) and snapshotted.
// A timer names what it is for by id (unit id, incident id, a model's own timer name), never by a
// position in an array. Timers of an incident or a unit carry the version of their kind at the time
// they were set: a newer version makes older timers stale (they find it changed and do nothing).
import type { AnyMachineSnapshot } from 'xstate';
import type { LatLon } from '../../../shared/geo.ts';
import type { Leg, CallSource } from '../../../shared/events.ts';
import type { Grade } from '../../../shared/domain/grades.ts';
import type { IncidentType } from '../../../shared/domain/incident-types.ts';
import type { IncidentStatus, UnitStatus } from '../../../shared/domain/status.ts';
import type { Truth } from './truth.ts';
import type { UnitInfo } from './world-index.ts';
import type { Course } from './ports.ts';

export interface UnitState {
  info: UnitInfo;
  snap: AnyMachineSnapshot;
  incidentId?: string;
  /** Where it drives now; position is derived from it. Without a leg the unit stands at `position`. */
  leg?: Leg;
  /** The full-resolution drive behind `leg` (re-routing starts from it); offsets count from leg.departAt. */
  course?: Course;
  /**
   * Where the unit is driving ('arrive' at its incident, 'home' to its station). Kept while the unit
   * is stopped because no road leads there (then it has no leg); cleared when it gets there.
   */
  destination?: { to: LatLon; step: 'arrive' | 'home' };
  /** Sim time whose traffic factors the drive uses (when it was planned; re-routes keep it). */
  trafficAt?: number;
  position: LatLon;
  /** Bumped whenever a scheduled step of this unit becomes stale. */
  timerVersion: number;
}

export interface IncidentState {
  id: string;
  snap: AnyMachineSnapshot;
  source: CallSource;
  /** Names the incident's own PRNG streams (call details, answer and processing times). */
  streamKey: string;
  reportedType: IncidentType;
  /** Type as triaged by the centre (drives the run card). */
  type: IncidentType;
  /** What it really is (drives the evolution). */
  trueType: IncidentType;
  location: LatLon;
  jurisdictionId?: string;
  homeStationId?: string;
  supervisingStationId?: string;
  receivedAt: number;
  description: string;
  reportedGrade: Grade;
  units: string[];
  knownSize: number;
  knownTrapped: number;
  /** The caller says the trapped shelter safely (flood water around a building it does not threaten). */
  sheltered?: true;
  rescued: number;
  dead: number;
  sizedUp: boolean;
  /** Manual mode: overhaul is done (OVERHAUL_COMPLETED); the players close it, or the auto centre on taking over. */
  overhaulDone: boolean;
  answered: boolean;
  dispatchedOnce: boolean;
  rescuers: number;
  /** No road reaches it from the rest of the network (closures); reported with PLACE_UNREACHABLE. */
  cutOff: boolean;
  truth: Truth;
  /** Versions of the growth/control timers, the rescue timer and the close timer. */
  growthTimerVersion: number;
  rescueTimerVersion: number;
  closeTimerVersion: number;
}

/**
 * What the engine keeps of an incident that has ended and that nothing refers to any more (no unit,
 * no timer, not waiting, not reported cut off): its final machine state (status and grade: what a
 * command naming it is refused with) and where and what it was (a scripted secondary call may still
 * be set at its scene). Everything else about it is in the log; the engine state stays the size of
 * what is open, so digests and snapshots of a long exercise do not grow with every call it had.
 */
export interface EndedIncident {
  id: string;
  snap: AnyMachineSnapshot;
  trueType: IncidentType;
  location: LatLon;
}

export type UnitStep = 'turnout' | 'arrive' | 'work' | 'home';

/** A scheduled happening of the core, or of a registered model (named by the model's id and its own timer name). */
export type Timer =
  | { kind: 'answer'; incidentId: string }
  | { kind: 'process'; incidentId: string }
  | { kind: 'unit'; unitId: string; version: number; step: UnitStep }
  | { kind: 'evolve'; incidentId: string; version: number }
  | { kind: 'control'; incidentId: string; version: number }
  | { kind: 'rescue'; incidentId: string; version: number }
  /** A trapped person's survival deadline (people are numbered in the order of their call, never reordered). */
  | { kind: 'death'; incidentId: string; person: number }
  | { kind: 'close'; incidentId: string; version: number }
  | { kind: 'serve'; unitId: string }
  /** A timed road closure's end (stale when the closure was reopened, or closed again, since). */
  | { kind: 'reopen'; closureId: string }
  | { kind: 'end' }
  | ModelTimer;

/** A registered model's timer: `name` is the model's own id for it (an inject id, a station id, …). */
export interface ModelTimer { kind: 'model'; model: string; name: string }

export const unitStatus = (u: UnitState) => u.snap.value as UnitStatus;
/** Statuses in which a unit drives (or is stopped on the way because no road leads on). */
export const MOVING: ReadonlySet<UnitStatus> = new Set(['enRoute', 'returning', 'availableOnRoad']);
export const incidentStatus = (i: IncidentState) => i.snap.value as IncidentStatus;
export const incidentGrade = (i: IncidentState) => (i.snap.context as { grade: Grade | 0 }).grade;
export const isFinal = (i: IncidentState) => {
  const s = incidentStatus(i);
  return s === 'closed' || s === 'cancelled' || s === 'falseAlarm';
};
/** Incidents in these statuses accept dispatch orders. */
export const OPEN_FOR_DISPATCH: ReadonlySet<string> = new Set(['graded', 'dispatching', 'unitsEnRoute', 'onScene']);
/** Sizes and minutes are reported to one decimal, as a commander would read them. */
export const round1 = (x: number) => Math.round(x * 10) / 10;
/**
 * The unit leaves the incident's list, in place (the list keeps its order). Callers that release
 * units while walking the list walk a copy of it.
 */
export function leaveIncident(inc: IncidentState, unitId: string): void {
  const ids = inc.units;
  for (let i = ids.length - 1; i >= 0; i--) if (ids[i] === unitId) ids.splice(i, 1);
}
