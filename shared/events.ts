// Domain events: every change of the simulation, in one ordered log. State, metrics and reports are
// folds over these. Names are past tense; `t` is sim time in ms since the scenario start.
import type { Grade } from './domain/grades.ts';
import type { IncidentType } from './domain/incident-types.ts';
import type { Capability } from './domain/forces.ts';
import type { LatLon } from './geo.ts';
import type { Actor, Command, CommandErrorCode } from './commands.ts';
import type { Mode } from './schemas/scenario.ts';
import type { UnitStatus } from './domain/status.ts';

/** Where a call came from: the background load, the scenario script, or a person at the board. */
export type CallSource = 'background' | 'scripted' | 'controller' | 'commander';

/** A straight or routed leg a unit drives; its position at any time is derived from it. */
export interface Leg {
  from: LatLon;
  to: LatLon;
  departAt: number;
  arriveAt: number;
  distanceM: number;
  /**
   * Routed legs: the road path, simplified (~10 m), first ≈ from (then the road from the nearest
   * junction), last = to, with the sim time the unit passes each vertex (non-decreasing; the last is
   * arriveAt). Three whole numbers a vertex, each the change from the vertex before (coordinates in
   * 1e-5°): read it with shared/leg-track.ts (`legVertices`, `positionOnLeg`), which says more.
   */
  track?: number[];
  /** Logs written before `track`: the same path as [lat, lon] pairs … (read only; legVertices reads both) */
  path?: LatLon[];
  /** … and the sim time (ms) at each vertex of `path`. */
  times?: number[];
}

export const CLOSURE_REASONS = ['flood', 'collapse', 'plume', 'accident', 'other'] as const;
export type ClosureReason = (typeof CLOSURE_REASONS)[number];

/** What a road closure covers: the road segments nearest a line, or every segment inside an area. */
export type ClosureArea =
  | { kind: 'segment'; from: LatLon; to: LatLon }
  | { kind: 'circle'; center: LatLon; radiusM: number }
  | { kind: 'polygon'; ring: LatLon[] };

export interface DispatchReason {
  /** Which run-card need this unit fills, or why it was added. */
  need: Capability | 'home-station' | 'micro-first' | 'supervising-station' | 'township-team' | 'firefighters' | 'stations' | 'strengthen' | 'commander';
  /** 1 = first echelon (local), 2 = neighbouring jurisdiction, 3 = province reinforcement. */
  echelon: 1 | 2 | 3;
  note: string;
}

/** A threat zone as the log and the board carry it (level 3 = AEGL-3 or the substance's level 3). */
export interface ThreatZoneView { level: 1 | 2 | 3; basis: string; ppm: number; lengthM: number; widthM: number; ring: LatLon[] }

/** The zones of a hazard at one moment, for the log and the board (numbers rounded). */
export type HazardZonesView =
  | {
      kind: 'chemical-release';
      windFromDeg: number;
      windMS: number;
      stability: string;
      terrain: 'rural' | 'urban';
      threat: ThreatZoneView[];
      erg: { edition: string; basis: string; center: LatLon; isolationM: number; protectiveAction: { distanceM: number; ring: LatLon[] } | null };
      /** People whose worst exposure is level 1 / 2 / 3 (the hidden truth; the model's estimate). */
      peopleByLevel: { level1: number; level2: number; level3: number };
      warnings: { code: string; message: string }[];
    }
  | {
      kind: 'flood';
      levelM: number;
      floodedAreaKm2: number;
      boatOnlyAreaKm2: number;
      peopleByClass: Record<string, number>;
      stranded: number;
      closedRoadKm: number;
      /** Flooded 1-km cells: row, column, flooded share, deepest water (m), AIDR class. */
      cells: { r: number; c: number; share: number; maxDepthM: number; hazardClass: string }[];
      /** The region's 1-km grid, to place the cells on a map. */
      grid?: { south: number; west: number; cellLat: number; cellLon: number };
      /** Where drainage units have lowered the water (250 m sub-cell centres), metres. */
      drained?: { at: LatLon; loweredM: number }[];
    }
  | { kind: 'cleared' };

interface Base { seq: number; t: number }

/** What becomes of the units' status reports while their station is cut off (断网). */
export const COMMS_REPORTS = ['delayed', 'lost'] as const;
export type CommsReports = (typeof COMMS_REPORTS)[number];

/** A unit's own status reports: what a cut-off station's units cannot tell the centre. */
export const UNIT_REPORT_TYPES = ['UNIT_EN_ROUTE', 'UNIT_ARRIVED', 'UNIT_WORKING', 'UNIT_RETURNING', 'UNIT_IN_STATION', 'UNIT_REROUTED'] as const;
export type UnitReport = EventOf<(typeof UNIT_REPORT_TYPES)[number]>;

/** A unit's status as its station reports it on reconnection (COMMS_RESYNCED). */
export interface UnitStatusReport { unitId: string; status: UnitStatus; at: LatLon; incidentId?: string; leg?: Leg }

export type DomainEvent = Base & (
  | { type: 'SIMULATION_STARTED'; seed: number; scenario: string; region: string; mode: Mode; startIso: string }
  | { type: 'COMMAND_ACCEPTED'; command: Command; by: Actor }
  /**
   * A command the engine refused (state unchanged), kept for the debrief. Replay applies it again
   * and expects the same refusal: it changes nothing but its own place in the log.
   */
  | { type: 'COMMAND_REFUSED'; command: Command; by: Actor; error: { code: CommandErrorCode; message: string } }
  | { type: 'MODE_CHANGED'; mode: Mode }
  | {
      type: 'CALL_RECEIVED'; incidentId: string; source: CallSource; location: LatLon; reportedType: IncidentType;
      description: string; reportedSize: number; reportedTrapped: number; reportedGrade: Grade;
      /** The hidden truth, recorded so the log alone explains what happened (not shown to players). */
      /** `sheltered`: the trapped wait in a safe refuge (flood ground that does not threaten buildings) with no survival deadline (`deadlinesMin` empty). */
      truth: { size: number; trapped: number; deadlinesMin: number[]; unfounded: boolean; sheltered?: boolean };
    }
  | { type: 'CALL_ANSWERED'; incidentId: string }
  | { type: 'INCIDENT_TRIAGED'; incidentId: string; incidentType: IncidentType; location: LatLon; jurisdictionId: string; homeStationId: string; by: Actor['role'] }
  | { type: 'INCIDENT_GRADED'; incidentId: string; grade: Grade; by: Actor['role'] }
  | { type: 'UNIT_DISPATCHED'; unitId: string; incidentId: string; reason: DispatchReason; etaSec: number; by: Actor['role'] }
  | { type: 'DISPATCH_SHORTFALL'; incidentId: string; unmet: { capability: Capability | 'firefighters' | 'stations'; missing: number; note?: string }[] }
  /**
   * A unit's own status reports (UNIT_REPORT_TYPES) carry `unreported` when they were made while the
   * unit's station was cut off (断网): the hidden truth, withheld from players; the centre learns it
   * from UNIT_REPORT_DELIVERED / COMMS_RESYNCED when contact returns.
   */
  | { type: 'UNIT_EN_ROUTE'; unitId: string; incidentId: string; leg: Leg; unreported?: true }
  | { type: 'UNIT_ARRIVED'; unitId: string; incidentId: string; unreported?: true }
  | { type: 'UNIT_WORKING'; unitId: string; incidentId: string; unreported?: true }
  | { type: 'UNIT_RELEASED'; unitId: string; incidentId: string; reason: 'incident-closed' | 'commander' | 'recalled' | 'incident-cancelled' | 'rescue-done' }
  | { type: 'UNIT_RETURNING'; unitId: string; leg: Leg; available: boolean; unreported?: true }
  | { type: 'UNIT_IN_STATION'; unitId: string; unreported?: true }
  | { type: 'UNIT_OUT_OF_SERVICE'; unitId: string; reason: string; incidentId?: string }
  | { type: 'UNIT_BACK_IN_SERVICE'; unitId: string }
  | { type: 'SIZE_UP_REPORTED'; incidentId: string; size: number; trapped: number; trueGrade: Grade; unfounded: boolean }
  | { type: 'INCIDENT_GREW'; incidentId: string; size: number; trueGrade: Grade }
  | { type: 'GRADE_RAISED'; incidentId: string; from: Grade; to: Grade; by: Actor['role']; reason: string }
  | { type: 'REINFORCEMENT_REQUESTED'; incidentId: string; needs: { capability: Capability; vehicles: number }[]; by: Actor['role'] }
  | { type: 'PERSON_RESCUED'; incidentId: string; remaining: number }
  | { type: 'PERSON_DIED'; incidentId: string; remaining: number }
  | { type: 'INCIDENT_UNDER_CONTROL'; incidentId: string; size: number }
  /**
   * Manual mode: overhaul after control is done and nobody is trapped; the scene reports it and the
   * players close the incident (CLOSE_INCIDENT) or release its units. Auto mode closes it instead.
   */
  | { type: 'OVERHAUL_COMPLETED'; incidentId: string }
  | { type: 'INCIDENT_CLOSED'; incidentId: string; finalSize: number; rescued: number; dead: number }
  | { type: 'INCIDENT_CANCELLED'; incidentId: string; reason: 'cancelled-by-caller' | 'duplicate' | 'false-alarm' | 'unfounded' }
  /**
   * `until`: sim ms at which the roads reopen by themselves (ROAD_REOPENED by 'system'); none: until reopened.
   * `exempt`: units with one of these capabilities may still drive there (protected crews in a plume, boats in flood water).
   */
  /** `roads`: the closed road segments, when `area` only bounds them (a flood's roads under water). */
  | { type: 'ROAD_CLOSED'; closureId: string; reason: ClosureReason; area: ClosureArea; note: string; closedEdges: number; by: Actor['role']; until?: number; exempt?: Capability[]; roads?: [LatLon, LatLon][] }
  | { type: 'ROAD_REOPENED'; closureId: string; by: Actor['role'] }
  /**
   * A unit took a new route: a closure cut its old one, a reopening gave a faster one, or it was
   * stopped and can drive on. Its position follows the new leg (which starts where it is) from now on.
   */
  | { type: 'UNIT_REROUTED'; unitId: string; incidentId?: string; leg: Leg; closureId: string; unreported?: true }
  /**
   * No road leads to `location` any more (closures in force: `closureIds`). With `unitId`: that unit
   * (on its way to `incidentId`, or home) stops where it is and drives on when a road reopens.
   * Without `unitId`: incident `incidentId` is cut off from the rest of the network.
   */
  | { type: 'PLACE_UNREACHABLE'; location: LatLon; unitId?: string; incidentId?: string; closureIds: string[] }
  /** A cut-off incident can be reached again (`closureId`: the closure whose reopening did it). */
  | { type: 'PLACE_REACHABLE'; location: LatLon; incidentId: string; closureId?: string }
  /** `until`: sim ms at which the outage ends by itself (COMMS_OUTAGE_ENDED by 'system'); none: until restored. */
  /** `reports`: the units' status reports made meanwhile are delivered when contact returns, or lost. */
  | { type: 'COMMS_OUTAGE_STARTED'; stationId: string; note: string; by: Actor['role']; until?: number; reports?: CommsReports }
  | { type: 'COMMS_OUTAGE_ENDED'; stationId: string; by: Actor['role'] }
  /** Contact is back: a status report held during the outage reaches the centre now (`report`: as it was made, at its `t`). */
  | { type: 'UNIT_REPORT_DELIVERED'; stationId: string; report: UnitReport }
  /**
   * Contact is back: the station reports where its units are now, and the centre's picture of them
   * is caught up (after the held reports, or in their place when they were lost: `lost` of them).
   */
  | { type: 'COMMS_RESYNCED'; stationId: string; delivered: number; lost: number; units: UnitStatusReport[] }
  /** A scripted inject (scenario timeline) fired on time, fired early by the controller, or was skipped. */
  | { type: 'INJECT_FIRED'; injectId: string; early: boolean; incidentId?: string }
  /**
   * Skipped by the controller, or (by system) a contingency whose condition did not hold when it
   * was checked (`reason: condition-false`) or never held while it was watched (`condition-never-held`).
   */
  | { type: 'INJECT_SKIPPED'; injectId: string; by: Actor['role']; reason?: 'condition-false' | 'condition-never-held' }
  /** The controller postponed the rest of the exercise: every pending timed inject moves by `byMs`, keeping the spacing. */
  | { type: 'INJECTS_POSTPONED'; byMs: number; injectIds: string[]; by: Actor['role'] }
  /** The controller wrote a new inject during the drill (`at`: when it fires, sim ms; none: held). */
  | { type: 'INJECT_ADDED'; injectId: string; kind: string; at?: number; by: Actor['role'] }
  /** A message inject: shown to the players on the board (media, a VIP, higher command…). */
  | { type: 'MESSAGE_SENT'; injectId: string; source: string; text: { zh: string; en: string } }
  /** Reinforcements arrived at their staging area: their units (in the world from the start, out of service until now) come into service there. */
  | { type: 'REINFORCEMENTS_ARRIVED'; injectId: string; source: string; team: { zh: string; en: string }; stagingAt: LatLon; units: { id: string; type: string; crew?: number }[]; /** The team's staging station (its units' station); absent in logs written before it was added. */ stationId?: string }
  /** Power cut (断电): the centre on backup power (call handling × factor), hydrants without pressure in an area. */
  | { type: 'POWER_OUTAGE_STARTED'; injectId: string; handlingFactor: number; hydrantsArea?: ClosureArea; until?: number }
  | { type: 'POWER_OUTAGE_ENDED'; injectId: string }
  /** The firefighters riding a unit changed (reduced staffing at the start, an injury): dispatch counts them, rescue goes at their share. */
  | { type: 'CREW_CHANGED'; unitId: string; crew: number; injured?: number; reason: string }
  /** An evacuation was ordered (of an incident's surroundings or an area). */
  | {
      type: 'EVACUATION_ORDERED'; incidentId?: string; area?: ClosureArea; note: string; by: Actor['role']; evacuationId?: string; doneAt?: number;
      /** EVACUATE_AREA: the people the population data puts inside the area (the estimate the order was given on), and the firefighters on scene there. */
      people?: number; firefighters?: number;
    }
  /**
   * An expected action of the script (scenario `expected:`) was met, found in the log at time `t`:
   * `by` is who did it (the role on the event that met it: commander, system for the automatic
   * centre…), `deadlineAt` its deadline in sim ms when it has one (`onTime`: t ≤ deadlineAt).
   */
  | { type: 'EXPECTED_ACTION_MET'; expectedId: string; objectiveId?: string; incidentId?: string; by: Actor['role']; deadlineAt?: number; onTime: boolean }
  /** A hazard began (server/engine/models/hazards.ts): a chemical release or a flood. */
  | { type: 'HAZARD_STARTED'; hazardId: string; kind: 'chemical-release' | 'flood'; location?: LatLon; substanceId?: string; note: string }
  /** What drives a hazard changed: the wind, the release (stopped / restarted), the water level. */
  | { type: 'HAZARD_CHANGED'; hazardId: string; change: 'wind' | 'release-stopped' | 'release-started' | 'water-level' | 'cleared'; wind?: { fromDeg: number; speedMS: number }; levelM?: number; by: Actor['role'] }
  /** The hazard's zones as they are now (replacing the previous ones; empty when it has cleared). */
  | { type: 'ZONES_UPDATED'; hazardId: string; zones: HazardZonesView }
  /**
   * People exposed in a release's level 2 / 3 footprint who had not left became casualties
   * (server/engine/models/hazards.ts): `people` more, `total` so far; their call is `incidentId`.
   */
  | { type: 'EXPOSURE_CASUALTIES'; hazardId: string; incidentId: string; people: number; total: number; level: number }
  /** An evacuation ordered by EVACUATE_AREA is complete: `people` moved out of `area` since `orderedAt`. */
  | { type: 'AREA_EVACUATED'; evacuationId: string; area: ClosureArea; people: number; orderedAt: number }
  /**
   * The hidden truth of an evacuation under way (controller only): the people still inside its
   * area now (people of its sub-cells × the share not yet gone, any evacuation covering them counts).
   */
  | { type: 'EVACUATION_PROGRESS'; evacuationId: string; peopleInside: number }
  | { type: 'SIMULATION_ENDED' }
);

export type DomainEventType = DomainEvent['type'];
export type EventOf<T extends DomainEventType> = Extract<DomainEvent, { type: T }>;
