// The board's picture of an exercise, as a fold over the domain events: the server keeps one per
// exercise to send as a snapshot, the client applies the deltas to its copy with the same function,
// so both show the same thing. Positions are not stored: a moving unit carries its leg and the board
// derives where it is at any sim time (positionOnLeg). The fold reads no hidden truth fields, so it
// works on the redacted events players receive.
import type { LatLon } from './geo.ts';
import type { Grade } from './domain/grades.ts';
import type { IncidentType } from './domain/incident-types.ts';
import type { UnitStatus, IncidentStatus } from './domain/status.ts';
import type { Mode } from './schemas/scenario.ts';
import type { CallSource, ClosureArea, ClosureReason, DomainEvent, HazardZonesView, Leg } from './events.ts';
import { positionOnLeg } from './leg-position.ts';
import { foldEvacuation, type EvacuationBoardPart } from './hazard-board.ts';
import { KIND_TIER, type Capability, type ForceKind, type Tier } from './domain/forces.ts';
import { stagingStationId, TEAM_SOURCE_KIND, type TeamSource } from './drill/teams.ts';

export interface BoardUnit {
  id: string;
  stationId: string;
  type: string;
  status: UnitStatus;
  incidentId?: string;
  /** Current or last leg; while enRoute / returning / availableOnRoad the unit is on it. */
  leg?: Leg;
  /** Where the unit stands when not moving (station, scene, or where it stopped). */
  at: LatLon;
  home: LatLon;
  outOfServiceReason?: string;
}

/** What every screen knows of an incident: the engine's view and the board's fold agree on these. */
export interface IncidentSummary {
  id: string;
  status: IncidentStatus;
  type: IncidentType;
  grade?: Grade;
  location: LatLon;
  jurisdictionId?: string;
  homeStationId?: string;
  receivedAt: number;
  description: string;
  unitIds: string[];
  /** What the players know: the caller's report, then the on-scene size-up. */
  knownSize: number;
  knownTrapped: number;
  rescued: number;
  dead: number;
  /** Cut off by road closures: no road reaches it from the rest of the network. */
  unreachable: boolean;
}

export interface BoardIncident extends IncidentSummary {
  source: CallSource;
  reportedGrade: Grade;
  /** Seqs of the events about this incident (refused commands about it too), for its timeline. */
  eventSeqs: number[];
  endedAt?: number;
  /** The scene reported overhaul done (manual mode): ready to close, the players' decision. */
  overhaulDone?: boolean;
}

export interface BoardClosure {
  id: string;
  reason: ClosureReason;
  area: ClosureArea;
  note: string;
  closedAt: number;
  /** Sim ms at which the engine reopens it by itself; absent: until reopened. */
  until?: number;
  /** Crews with these capabilities may still drive there (hazard zones: protected crews, boats). */
  exempt?: Capability[];
  /** The closed road segments when the area only bounds them (a flood): drawn instead of the area. */
  roads?: [LatLon, LatLon][];
}

/** A chemical release or flood on the board: where it is and its zones as last updated (none once cleared). */
export interface BoardHazard {
  id: string;
  kind: 'chemical-release' | 'flood';
  location?: LatLon;
  substanceId?: string;
  startedAt: number;
  zones?: Exclude<HazardZonesView, { kind: 'cleared' }>;
  updatedAt?: number;
  cleared: boolean;
}

/** A reinforcements team on the board: its staging "station", known from its arrival. */
export interface BoardTeam {
  id: string;
  name: string;
  nameZh: string;
  kind: ForceKind;
  tier: Tier;
  location: LatLon;
  source: string;
}

export interface BoardState extends EvacuationBoardPart {
  /** Sim time of the last folded event. */
  now: number;
  seq: number;
  mode: Mode;
  startIso?: string;
  units: Record<string, BoardUnit>;
  incidents: Record<string, BoardIncident>;
  closures: Record<string, BoardClosure>;
  /** Stations whose communications are cut (they cannot be reached with a dispatch order). */
  commsOut: string[];
  /** This board folds the hidden truth (reports made while cut off, `unreported`): the controller's. */
  seesHidden?: true;
  /** Reinforcements teams that have arrived, by their staging station id (absent in boards saved before). */
  teams?: Record<string, BoardTeam>;
  /** Hazards by id (absent in boards saved before hazards were folded). */
  hazards?: Record<string, BoardHazard>;
  firedInjects: string[];
  skippedInjects: string[];
  ended: boolean;
}

export interface BoardUnitSeed {
  id: string;
  stationId: string;
  type: string;
  home: LatLon;
}

export function createBoardState(units: readonly BoardUnitSeed[], mode: Mode): BoardState {
  const byId: Record<string, BoardUnit> = {};
  for (const u of units) byId[u.id] = { id: u.id, stationId: u.stationId, type: u.type, status: 'inStation', at: u.home, home: u.home };
  return { now: 0, seq: 0, mode, units: byId, incidents: {}, closures: {}, commsOut: [], hazards: {}, firedInjects: [], skippedInjects: [], ended: false };
}

/** Where a unit is at sim time t. */
export function unitPosition(u: BoardUnit, t: number): LatLon {
  if (u.leg && (u.status === 'enRoute' || u.status === 'returning' || u.status === 'availableOnRoad')) return positionOnLeg(u.leg, t);
  return u.at;
}

const MOVING_INCIDENT: ReadonlySet<IncidentStatus> = new Set(['dispatching', 'unitsEnRoute', 'onScene']);

function touch(state: BoardState, incidentId: string | undefined, seq: number): BoardIncident | undefined {
  if (!incidentId) return undefined;
  const inc = state.incidents[incidentId];
  inc?.eventSeqs.push(seq);
  return inc;
}

function detach(state: BoardState, u: BoardUnit, seq: number): void {
  const inc = touch(state, u.incidentId, seq);
  if (inc) inc.unitIds = inc.unitIds.filter((id) => id !== u.id);
  u.incidentId = undefined;
}

/** Folds one event into the state (in place, for speed with thousands of units). */
export function applyEvent(state: BoardState, e: DomainEvent): void {
  state.now = e.t;
  state.seq = e.seq;
  if ('unreported' in e) state.seesHidden = true;
  const unit = 'unitId' in e ? state.units[e.unitId as string] : undefined;
  switch (e.type) {
    case 'SIMULATION_STARTED': state.mode = e.mode; state.startIso = e.startIso; break;
    case 'MODE_CHANGED': state.mode = e.mode; break;
    case 'CALL_RECEIVED':
      state.incidents[e.incidentId] = {
        id: e.incidentId, status: 'callReceived', source: e.source, type: e.reportedType, reportedGrade: e.reportedGrade,
        location: e.location, receivedAt: e.t, description: e.description, unitIds: [], knownSize: e.reportedSize,
        knownTrapped: e.reportedTrapped, rescued: 0, dead: 0, unreachable: false, eventSeqs: [e.seq],
      };
      break;
    case 'CALL_ANSWERED': touch(state, e.incidentId, e.seq); break;
    case 'INCIDENT_TRIAGED': {
      const inc = touch(state, e.incidentId, e.seq);
      if (inc) Object.assign(inc, { status: 'triaged', type: e.incidentType, location: e.location, jurisdictionId: e.jurisdictionId, homeStationId: e.homeStationId });
      break;
    }
    case 'INCIDENT_GRADED': {
      const inc = touch(state, e.incidentId, e.seq);
      if (inc) { inc.status = 'graded'; inc.grade = e.grade; }
      break;
    }
    case 'GRADE_RAISED': {
      const inc = touch(state, e.incidentId, e.seq);
      if (inc) inc.grade = e.to;
      break;
    }
    case 'UNIT_DISPATCHED': {
      const inc = touch(state, e.incidentId, e.seq);
      if (inc) {
        if (inc.status === 'graded') inc.status = 'dispatching';
        if (!inc.unitIds.includes(e.unitId)) inc.unitIds.push(e.unitId);
      }
      if (unit) {
        unit.incidentId = e.incidentId;
        // A unit in station turns out; one already on the road goes straight on (its UNIT_EN_ROUTE follows).
        if (unit.status === 'inStation') unit.status = 'turningOut';
        else { unit.at = unitPosition(unit, e.t); unit.status = 'enRoute'; }
      }
      break;
    }
    case 'DISPATCH_SHORTFALL': case 'REINFORCEMENT_REQUESTED': touch(state, e.incidentId, e.seq); break;
    case 'UNIT_EN_ROUTE': {
      const inc = touch(state, e.incidentId, e.seq);
      if (inc && inc.status === 'dispatching') inc.status = 'unitsEnRoute';
      if (unit) { unit.status = 'enRoute'; unit.leg = e.leg; unit.incidentId = e.incidentId; }
      break;
    }
    case 'UNIT_REROUTED':
      touch(state, e.incidentId, e.seq);
      if (unit) unit.leg = e.leg;
      break;
    case 'UNIT_ARRIVED': {
      const inc = touch(state, e.incidentId, e.seq);
      if (inc && (inc.status === 'unitsEnRoute' || inc.status === 'dispatching')) inc.status = 'onScene';
      if (unit) { unit.status = 'onScene'; unit.at = unit.leg ? unit.leg.to : unit.at; unit.leg = undefined; }
      break;
    }
    case 'UNIT_WORKING': touch(state, e.incidentId, e.seq); if (unit) unit.status = 'working'; break;
    case 'UNIT_RELEASED': {
      if (!unit) break;
      const inc = state.incidents[e.incidentId];
      unit.at = unitPosition(unit, e.t);
      if (unit.status === 'turningOut') { unit.status = 'inStation'; unit.at = unit.home; }
      else if (unit.status === 'enRoute') unit.status = 'availableOnRoad';
      else if (unit.status === 'onScene' || unit.status === 'working') unit.status = 'returning';
      detach(state, unit, e.seq);
      // The machine goes back to graded when the last unit is withdrawn from a live incident.
      if (inc && inc.unitIds.length === 0 && MOVING_INCIDENT.has(inc.status) && (e.reason === 'commander' || e.reason === 'recalled')) inc.status = 'graded';
      break;
    }
    case 'UNIT_RETURNING':
      if (unit) { unit.leg = e.leg; unit.status = e.available ? 'availableOnRoad' : 'returning'; unit.incidentId = undefined; }
      break;
    case 'UNIT_IN_STATION':
      if (unit) { unit.status = 'inStation'; unit.at = unit.home; unit.leg = undefined; }
      break;
    case 'UNIT_OUT_OF_SERVICE':
      if (unit) {
        unit.at = unitPosition(unit, e.t);
        unit.leg = undefined;
        unit.status = 'outOfService';
        unit.outOfServiceReason = e.reason;
        detach(state, unit, e.seq);
      }
      break;
    case 'UNIT_BACK_IN_SERVICE':
      if (unit) {
        const home = unit.at[0] === unit.home[0] && unit.at[1] === unit.home[1];
        unit.status = home ? 'inStation' : 'availableOnRoad';
        unit.outOfServiceReason = undefined;
      }
      break;
    case 'SIZE_UP_REPORTED': {
      const inc = touch(state, e.incidentId, e.seq);
      if (inc) { inc.knownSize = e.size; inc.knownTrapped = e.trapped; }
      break;
    }
    case 'INCIDENT_GREW': {
      const inc = touch(state, e.incidentId, e.seq);
      if (inc) inc.knownSize = e.size;
      break;
    }
    case 'PERSON_RESCUED': case 'PERSON_DIED': {
      const inc = touch(state, e.incidentId, e.seq);
      if (inc) {
        if (e.type === 'PERSON_RESCUED') inc.rescued++;
        else inc.dead++;
        inc.knownTrapped = e.remaining;
      }
      break;
    }
    case 'INCIDENT_UNDER_CONTROL': {
      const inc = touch(state, e.incidentId, e.seq);
      if (inc) { inc.status = 'underControl'; inc.knownSize = e.size; }
      break;
    }
    case 'OVERHAUL_COMPLETED': {
      const inc = touch(state, e.incidentId, e.seq);
      if (inc) inc.overhaulDone = true;
      break;
    }
    case 'INCIDENT_CLOSED': {
      const inc = touch(state, e.incidentId, e.seq);
      if (inc) { inc.status = 'closed'; inc.endedAt = e.t; inc.rescued = e.rescued; inc.dead = e.dead; }
      break;
    }
    case 'INCIDENT_CANCELLED': {
      const inc = touch(state, e.incidentId, e.seq);
      if (inc) { inc.status = e.reason === 'false-alarm' || e.reason === 'unfounded' ? 'falseAlarm' : 'cancelled'; inc.endedAt = e.t; }
      break;
    }
    case 'ROAD_CLOSED':
      state.closures[e.closureId] = { id: e.closureId, reason: e.reason, area: e.area, note: e.note, closedAt: e.t, ...(e.until === undefined ? {} : { until: e.until }), ...(e.exempt ? { exempt: e.exempt } : {}), ...(e.roads ? { roads: e.roads } : {}) };
      break;
    case 'ROAD_REOPENED': delete state.closures[e.closureId]; break;
    case 'HAZARD_STARTED':
      (state.hazards ??= {})[e.hazardId] = {
        id: e.hazardId, kind: e.kind, startedAt: e.t, cleared: false,
        ...(e.location ? { location: e.location } : {}), ...(e.substanceId ? { substanceId: e.substanceId } : {}),
      };
      break;
    case 'ZONES_UPDATED': {
      const h = state.hazards?.[e.hazardId];
      if (!h) break;
      // The new zones replace the old ones; cleared leaves none.
      if (e.zones.kind === 'cleared') delete h.zones;
      else h.zones = e.zones;
      h.cleared = e.zones.kind === 'cleared';
      h.updatedAt = e.t;
      break;
    }
    case 'PLACE_UNREACHABLE': {
      const inc = touch(state, e.incidentId, e.seq);
      // With a unit: that unit stops where it is. Without: the incident itself is cut off.
      if (unit) { unit.at = unitPosition(unit, e.t); unit.leg = undefined; }
      else if (inc) inc.unreachable = true;
      break;
    }
    case 'PLACE_REACHABLE': {
      const inc = touch(state, e.incidentId, e.seq);
      if (inc) inc.unreachable = false;
      break;
    }
    case 'REINFORCEMENTS_ARRIVED': {
      // The team's units join the board where they arrive (the world's own units are there from the start).
      const stationId = e.stationId ?? stagingStationId(e.injectId);
      const source = e.source in TEAM_SOURCE_KIND ? (e.source as TeamSource) : 'social-rescue';
      const kind = TEAM_SOURCE_KIND[source];
      (state.teams ??= {})[stationId] = { id: stationId, name: e.team.en, nameZh: e.team.zh, kind, tier: KIND_TIER[kind], location: e.stagingAt, source: e.source };
      for (const u of e.units) {
        if (!state.units[u.id]) state.units[u.id] = { id: u.id, stationId, type: u.type, status: 'outOfService', at: e.stagingAt, home: e.stagingAt };
      }
      break;
    }
    case 'COMMS_OUTAGE_STARTED': if (!state.commsOut.includes(e.stationId)) state.commsOut.push(e.stationId); break;
    case 'COMMS_OUTAGE_ENDED': state.commsOut = state.commsOut.filter((s) => s !== e.stationId); break;
    // A status report held by the outage reaches the board now, in order, folded as if made now
    // (a board that folded it when it was made, the controller's, has it already).
    case 'UNIT_REPORT_DELIVERED': {
      if (state.seesHidden) break;
      const { unreported: _held, ...report } = e.report;
      applyEvent(state, { ...report, seq: e.seq, t: e.t } as DomainEvent);
      break;
    }
    // The station's report on reconnection: its units are where it says (lost reports caught up).
    case 'COMMS_RESYNCED':
      for (const r of e.units) {
        const u = state.units[r.unitId];
        if (!u) continue;
        u.status = r.status;
        u.at = r.at;
        if (r.leg) u.leg = r.leg; else delete u.leg;
        if (r.incidentId) u.incidentId = r.incidentId; else delete u.incidentId;
      }
      break;
    case 'INJECT_FIRED': state.firedInjects.push(e.injectId); break;
    case 'INJECT_SKIPPED': state.skippedInjects.push(e.injectId); break;
    case 'SIMULATION_ENDED': state.ended = true; break;
    case 'EVACUATION_ORDERED': case 'AREA_EVACUATED': case 'EVACUATION_PROGRESS': foldEvacuation(state, e); break;
    case 'COMMAND_ACCEPTED': break;
    case 'COMMAND_REFUSED': {
      // A refusal about an incident belongs to its timeline (a premature close stays visible).
      const about = (e.command as { incidentId?: unknown }).incidentId;
      if (typeof about === 'string') touch(state, about, e.seq);
      break;
    }
  }
}
