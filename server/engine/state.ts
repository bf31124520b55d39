// The engine's internal state: units, incidents and scheduled happenings. Plain data, so the whole
// state can be written out canonically (digest) and compared between runs.
import type { AnyMachineSnapshot } from 'xstate';
import type { LatLon } from '../../shared/geo.ts';
import type { Leg, CallSource } from '../../shared/events.ts';
import type { Grade } from '../../shared/domain/grades.ts';
import type { IncidentType } from '../../shared/domain/incident-types.ts';
import type { Truth } from './evolution.ts';
import type { UnitInfo } from './world-index.ts';
import type { BackgroundCall, Course, IncidentStatus, UnitStatus } from './types.ts';

export interface UnitState {
  info: UnitInfo;
  snap: AnyMachineSnapshot;
  incidentId?: string;
  /** Where it drives now; position is derived from it. Without a leg the unit stands at `pos`. */
  leg?: Leg;
  /** The full-resolution drive behind `leg` (re-routing starts from it); offsets count from leg.departAt. */
  course?: Course;
  /**
   * Where the unit is driving ('arrive' at its incident, 'home' to its station). Kept while the unit
   * is stopped because no road leads there (then it has no leg); cleared when it gets there.
   */
  dest?: { to: LatLon; step: 'arrive' | 'home' };
  /** Sim time whose traffic factors the drive uses (when it was planned; re-routes keep it). */
  trafficAt?: number;
  pos: LatLon;
  /** Bumped whenever a scheduled step of this unit becomes stale. */
  v: number;
}

export interface IncidentState {
  id: string;
  snap: AnyMachineSnapshot;
  source: CallSource;
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
  rescued: number;
  dead: number;
  sizedUp: boolean;
  answered: boolean;
  dispatchedOnce: boolean;
  rescuers: number;
  /** No road reaches it from the rest of the network (closures); reported with PLACE_UNREACHABLE. */
  cutOff: boolean;
  truth: Truth;
  /** Versions of the fire/control, rescue and close timers. */
  fv: number;
  rv: number;
  cv: number;
}

export type Timer =
  | { k: 'background'; call: BackgroundCall }
  | { k: 'scripted'; i: number }
  | { k: 'answer'; inc: string }
  | { k: 'process'; inc: string }
  | { k: 'unit'; u: string; v: number; step: 'turnout' | 'arrive' | 'work' | 'home' }
  | { k: 'evolve'; inc: string; v: number }
  | { k: 'control'; inc: string; v: number }
  | { k: 'rescue'; inc: string; v: number }
  | { k: 'death'; inc: string; p: number }
  | { k: 'close'; inc: string; v: number }
  | { k: 'serve'; u: string }
  | { k: 'end' };

export const unitStatus = (u: UnitState) => u.snap.value as UnitStatus;
/** Statuses in which a unit drives (or is stopped on the way because no road leads on). */
export const MOVING: ReadonlySet<UnitStatus> = new Set(['enRoute', 'returning', 'availableOnRoad']);
export const incidentStatus = (i: IncidentState) => i.snap.value as IncidentStatus;
export const incidentGrade = (i: IncidentState) => (i.snap.context as { grade: Grade | 0 }).grade;
export const isFinal = (i: IncidentState) => {
  const s = incidentStatus(i);
  return s === 'closed' || s === 'cancelled' || s === 'falseAlarm';
};
