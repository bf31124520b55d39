// The core's command handlers: commands from people (calls, triage, grading, dispatch, release,
// service, closing, mode, road closures). Each handler first checks everything and only then
// returns the change to make, so a refused command leaves the state exactly as it was. Commands a
// registered model handles (comms outages, injects, hazards…) are the model's: the facade asks the
// model registry first.
import type { Command, Actor } from '../../shared/commands.ts';
import type { Grade } from '../../shared/domain/grades.ts';
import { GRADE_INFO } from '../../shared/domain/grades.ts';
import type { RunCard } from '../../shared/schemas/run-cards.ts';
import type { Recommendation, RecommendedUnit } from '../../shared/recommendation.ts';
import type { Simulation } from './kernel/simulation.ts';
import { controllerOnly, isRefusal, refuse, type Plan, type Refusal } from './kernel/model.ts';
import { incidentGrade, incidentStatus, OPEN_FOR_DISPATCH, unitStatus, type EndedIncident, type IncidentState, type UnitState } from './kernel/state.ts';
import { gradeIncident, raiseGrade, receiveCall, triageCall } from './domain/call-handling.ts';
import { dispatchRecommendation, dispatchUnits, recommend, releaseUnit } from './domain/assignment.ts';
import { afterUnitsLeft, cancelIncident, closeIncident } from './domain/incident-end.ts';
import { backInService, outOfService } from './domain/unit-service.ts';
import { setMode } from './domain/auto-centre.ts';
import { etaSeconds } from './domain/driving.ts';
import { closeRoad, nextClosureId, reopenRoad } from './domain/road-closures.ts';

export { isRefusal, type Plan, type Refusal };

function findIncident(sim: Simulation, id: string): IncidentState | Refusal {
  const inc = sim.incidents.get(id);
  if (inc) return inc;
  const ended = sim.endedIncidents.get(id);
  return ended ? fromEndedRecord(ended) : refuse('not-found', `no incident ${id}`);
}

/**
 * An ended incident that has left the live state answers a command from its compact record: every
 * handler refuses a final incident on its id, status or grade (the machine state) before it reads
 * anything else, so the refusal is the one it got while the incident was still live. Reading any
 * other field throws (the server then refuses the command whole; nothing is applied).
 */
function fromEndedRecord(ended: EndedIncident): IncidentState {
  return new Proxy(ended, {
    get(record, key) {
      if (typeof key === 'symbol' || key in record) return Reflect.get(record, key);
      throw new Error(`incident ${record.id} has ended and left the engine state; its ${key} is in the log only`);
    },
  }) as unknown as IncidentState;
}
function findUnit(sim: Simulation, id: string): UnitState | Refusal {
  return sim.units.get(id) ?? refuse('not-found', `no unit ${id}`);
}

/** What is missing, with the reason when it is not plain shortage (closed roads). */
const describeUnmet = (unmet: Recommendation['unmet']) => unmet.map((u) => `${u.missing}× ${u.capability}${u.note ? ` (${u.note})` : ''}`).join(', ');

export function planCommand(sim: Simulation, cmd: Command, by: Actor): Plan | Refusal {
  const role = by.role;
  switch (cmd.type) {
    case 'RECEIVE_CALL': {
      if (!sim.index.region.cellAt(cmd.location)) return refuse('invalid', `location ${cmd.location.join(', ')} is outside region ${sim.index.region.region.id}`);
      return () => receiveCall(sim, { source: by.role === 'commander' ? 'commander' : 'controller', type: cmd.incidentType, location: cmd.location, description: cmd.description, size: cmd.size, trapped: cmd.trapped, reportedGrade: cmd.reportedGrade }).id;
    }
    case 'TRIAGE_CALL': {
      const inc = findIncident(sim, cmd.incidentId);
      if (isRefusal(inc)) return inc;
      if (incidentStatus(inc) !== 'callReceived') return refuse('not-allowed-in-state', `incident ${inc.id} is ${incidentStatus(inc)}, already triaged`);
      const location = cmd.location ?? inc.location;
      if (!sim.index.region.cellAt(location)) return refuse('invalid', `location ${location.join(', ')} is outside the region`);
      return () => {
        triageCall(sim, inc, cmd.incidentType, location, role);
        if (cmd.grade) gradeIncident(sim, inc, cmd.grade, role);
      };
    }
    case 'GRADE_INCIDENT': {
      const inc = findIncident(sim, cmd.incidentId);
      if (isRefusal(inc)) return inc;
      if (incidentStatus(inc) !== 'triaged') return refuse('not-allowed-in-state', `incident ${inc.id} is ${incidentStatus(inc)}; grading needs a triaged call (use RAISE_GRADE to escalate)`);
      return () => gradeIncident(sim, inc, cmd.grade, role);
    }
    case 'DISPATCH_UNITS': {
      const inc = findIncident(sim, cmd.incidentId);
      if (isRefusal(inc)) return inc;
      if (!OPEN_FOR_DISPATCH.has(incidentStatus(inc))) return refuse('not-allowed-in-state', `cannot dispatch to incident ${inc.id}: it is ${incidentStatus(inc)}`);
      const recs: RecommendedUnit[] = [];
      const rec = recommend(sim, inc);
      for (const id of new Set(cmd.unitIds)) {
        const u = findUnit(sim, id);
        if (isRefusal(u)) return u;
        if (!sim.stationOrderable(u.info.station.id)) return refuse('unit-unavailable', `unit ${id} cannot be given the order: the communications of station ${u.info.station.id} are cut (until the controller restores them)`);
        if (!sim.canDispatchUnit(u)) return refuse('unit-unavailable', `unit ${id} cannot be dispatched: it is ${unitStatus(u)}${u.incidentId ? ` at ${u.incidentId}` : ''}`);
        const suggested = rec.units.find((r) => r.unitId === id);
        const etaSec = suggested?.etaSec ?? etaSeconds(sim, u, inc.location);
        if (!Number.isFinite(etaSec)) return refuse('unit-unavailable', `unit ${id} cannot reach incident ${inc.id}: no open road leads there from where it is (closures in force: ${[...sim.closures.keys()].join(', ')})`);
        const eta = Math.round(etaSec);
        recs.push({ unitId: id, stationId: u.info.station.id, type: u.info.type.code, etaSec: eta, reason: suggested?.reason ?? { need: 'commander', echelon: u.info.echelon, note: 'chosen by the commander' } });
      }
      return () => dispatchUnits(sim, inc, recs, role);
    }
    case 'DISPATCH_RECOMMENDED': {
      const inc = findIncident(sim, cmd.incidentId);
      if (isRefusal(inc)) return inc;
      if (!OPEN_FOR_DISPATCH.has(incidentStatus(inc))) return refuse('not-allowed-in-state', `cannot dispatch to incident ${inc.id}: it is ${incidentStatus(inc)}`);
      const rec = recommend(sim, inc);
      if (rec.units.length === 0) return refuse('no-recommendation', `nothing to recommend for ${inc.id}: ${rec.unmet.length ? `no available unit can fill ${describeUnmet(rec.unmet)}` : 'the run card is already met'}`);
      return () => dispatchRecommendation(sim, inc, rec, role);
    }
    case 'RELEASE_UNIT': {
      const u = findUnit(sim, cmd.unitId);
      if (isRefusal(u)) return u;
      if (!u.incidentId) return refuse('not-allowed-in-state', `unit ${u.info.id} is ${unitStatus(u)} and not assigned to an incident`);
      return () => {
        const inc = sim.incidents.get(u.incidentId!)!;
        releaseUnit(sim, u, 'commander');
        afterUnitsLeft(sim, inc);
      };
    }
    case 'RAISE_GRADE': {
      const inc = findIncident(sim, cmd.incidentId);
      if (isRefusal(inc)) return inc;
      const current = incidentGrade(inc);
      if (!sim.canIncident(inc, { type: 'RAISE_GRADE', grade: cmd.grade })) {
        if (current && cmd.grade <= current) return refuse('grade-not-higher', `incident ${inc.id} is ${GRADE_INFO[current as Grade].en}; the grade only goes up (asked for ${GRADE_INFO[cmd.grade].en})`);
        return refuse('not-allowed-in-state', `cannot raise the grade of incident ${inc.id}: it is ${incidentStatus(inc)}`);
      }
      return () => {
        raiseGrade(sim, inc, cmd.grade, role, cmd.reason || 'raised by the commander');
        if (sim.mode === 'auto') dispatchRecommendation(sim, inc, recommend(sim, inc), 'system');
      };
    }
    case 'REQUEST_REINFORCEMENT': {
      const inc = findIncident(sim, cmd.incidentId);
      if (isRefusal(inc)) return inc;
      if (!OPEN_FOR_DISPATCH.has(incidentStatus(inc)) || !inc.dispatchedOnce) return refuse('not-allowed-in-state', `incident ${inc.id} is ${incidentStatus(inc)}; reinforcement is requested for an incident being worked`);
      const grade = (incidentGrade(inc) || 1) as Grade;
      // Without explicit needs: what the next grade's run card would add, without raising the grade.
      const card: RunCard = cmd.needs.length > 0
        ? { needs: cmd.needs.map((n) => ({ ...n, tiers: ['national', 'professional', 'township'] })), minFirefighters: 0, minStations: 1, microFirst: false }
        : sim.index.card(inc.type, Math.min(5, grade + 1) as Grade);
      const rec = recommend(sim, inc, { card, countAssigned: cmd.needs.length === 0 });
      if (rec.units.length === 0) return refuse('no-recommendation', `no available unit can reinforce ${inc.id}${rec.unmet.length ? ` (missing ${describeUnmet(rec.unmet)})` : ''}`);
      return () => {
        sim.emit({ type: 'REINFORCEMENT_REQUESTED', incidentId: inc.id, needs: card.needs.map((n) => ({ capability: n.capability, vehicles: n.vehicles })), by: role });
        dispatchRecommendation(sim, inc, rec, role);
      };
    }
    case 'SET_UNIT_OUT_OF_SERVICE': {
      const u = findUnit(sim, cmd.unitId);
      if (isRefusal(u)) return u;
      if (unitStatus(u) === 'outOfService') return refuse('not-allowed-in-state', `unit ${u.info.id} is already out of service`);
      return () => outOfService(sim, u, cmd.reason || 'out of service');
    }
    case 'SET_UNIT_IN_SERVICE': {
      const u = findUnit(sim, cmd.unitId);
      if (isRefusal(u)) return u;
      if (unitStatus(u) !== 'outOfService') return refuse('not-allowed-in-state', `unit ${u.info.id} is ${unitStatus(u)}, not out of service`);
      const team = sim.models.awaitedTeam(u.info.station.id);
      if (team) return refuse('not-allowed-in-state', `unit ${u.info.id} belongs to ${team}, which has not arrived yet: its units come into service when the team arrives`);
      return () => backInService(sim, u);
    }
    case 'CANCEL_INCIDENT': {
      const inc = findIncident(sim, cmd.incidentId);
      if (isRefusal(inc)) return inc;
      const ev = cmd.reason === 'false-alarm' ? { type: 'FALSE_ALARM' as const } : { type: 'CANCEL' as const };
      if (!sim.canIncident(inc, ev)) return refuse('not-allowed-in-state', `cannot cancel incident ${inc.id}: it is ${incidentStatus(inc)}`);
      return () => cancelIncident(sim, inc, cmd.reason);
    }
    case 'CLOSE_INCIDENT': {
      const inc = findIncident(sim, cmd.incidentId);
      if (isRefusal(inc)) return inc;
      if (!sim.canIncident(inc, { type: 'CLOSE' })) return refuse('not-allowed-in-state', `cannot close incident ${inc.id}: it is ${incidentStatus(inc)} (only an incident under control can be closed)`);
      if (inc.knownTrapped > 0) return refuse('not-allowed-in-state', `cannot close incident ${inc.id}: ${inc.knownTrapped} people are still trapped there`);
      return () => closeIncident(sim, inc);
    }
    case 'SET_MODE': {
      if (cmd.mode === sim.mode) return refuse('not-allowed-in-state', `the exercise is already in ${cmd.mode} mode`);
      return () => setMode(sim, cmd.mode);
    }
    case 'CLOSE_ROAD': {
      const denied = controllerOnly(cmd.type, by);
      if (denied) return denied;
      const { edgesIn } = sim.baseTravel;
      if (!edgesIn || !sim.baseTravel.withClosedEdges) return refuse('invalid', `region ${sim.index.region.region.id} has no road network in this exercise (travel is great-circle): roads cannot be closed`);
      if (cmd.closureId && sim.closures.has(cmd.closureId)) return refuse('not-allowed-in-state', `road closure ${cmd.closureId} is already in force (reopen it first, or use another id)`);
      const edges = edgesIn(cmd.area);
      if (edges.length === 0) return refuse('invalid', cmd.area.kind === 'segment' ? 'no road runs along that line (draw it along a road)' : `no road has a junction inside that ${cmd.area.kind}`);
      return () => closeRoad(sim, { id: cmd.closureId ?? nextClosureId(sim), reason: cmd.reason, area: cmd.area, note: cmd.note, edges, ...(cmd.durationMs === undefined ? {} : { until: sim.now + cmd.durationMs }) }, role);
    }
    case 'REOPEN_ROAD': {
      const denied = controllerOnly(cmd.type, by);
      if (denied) return denied;
      if (!sim.closures.has(cmd.closureId)) return refuse('not-found', `no road closure ${cmd.closureId} in force (in force: ${[...sim.closures.keys()].join(', ') || 'none'})`);
      return () => reopenRoad(sim, cmd.closureId, role);
    }
    default:
      // Handled by a registered model (comms outages, injects, …) when one is registered.
      return refuse('invalid', `${cmd.type} is not available in this exercise`);
  }
}
