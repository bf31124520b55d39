// Units joining and leaving incidents: the recommendation for an incident (run card against the
// units as they are now), dispatch orders and the shortfall they leave, release from an incident,
// and taking units out of service and back. Each change goes out as an event; the drive itself
// is driving.ts's.
import type { Grade } from '../../shared/domain/grades.ts';
import type { Actor } from '../../shared/commands.ts';
import type { RunCard } from '../../shared/schemas/run-cards.ts';
import { recommendUnits } from './dispatch/recommend.ts';
import type { Recommendation, RecommendedUnit } from './types.ts';
import { incidentGrade, unitStatus, type IncidentState, type UnitState } from './state.ts';
import type { Simulation } from './simulation.ts';
import { driveTo, reportStopped, setOff, standingLeg, stopAt, turnoutSeconds } from './driving.ts';
import { afterUnitsLeft, reassessIncident } from './incident-progress.ts';
import { unitFreed } from './auto-centre.ts';

/**
 * What the run card of the incident's current grade still needs. A reinforcement passes its own
 * card: explicit needs on top of what is assigned (`countAssigned: false`), or the next grade's
 * card against what is assigned; it is never a first dispatch (no micro-first, home-station or
 * strengthening rules).
 */
export function recommend(sim: Simulation, inc: IncidentState, reinforcement?: { card: RunCard; countAssigned: boolean }): Recommendation {
  const grade = (incidentGrade(inc) || inc.reportedGrade) as Grade;
  return recommendUnits(sim.index, sim.live, {
    now: sim.now,
    night: sim.isNight(),
    incidentId: inc.id,
    grade,
    location: inc.location,
    homeStationId: inc.homeStationId,
    supervisingStationId: inc.supervisingStationId,
    assigned: inc.units,
    countAssigned: reinforcement?.countAssigned ?? true,
    firstDispatch: !reinforcement && !inc.dispatchedOnce,
    card: reinforcement?.card ?? sim.index.card(inc.type, grade),
  });
}

export function dispatchUnits(sim: Simulation, inc: IncidentState, recs: readonly RecommendedUnit[], by: Actor['role']): void {
  for (const r of recs) {
    const u = sim.units.get(r.unitId)!;
    const fromStation = unitStatus(u) === 'inStation';
    sim.stepUnit(u, sim.dispatchEvent);
    sim.stepIncident(inc, { type: 'DISPATCH' });
    u.incidentId = inc.id;
    inc.units.push(u.info.id);
    inc.dispatchedOnce = true;
    sim.emit({ type: 'UNIT_DISPATCHED', unitId: u.info.id, incidentId: inc.id, reason: r.reason, etaSec: r.etaSec, by });
    if (fromStation) {
      u.v++;
      sim.schedule(sim.now + turnoutSeconds(sim, u) * 1000, { k: 'unit', u: u.info.id, v: u.v, step: 'turnout' });
    } else {
      setOff(sim, u, inc);
    }
  }
}

/** Dispatch a recommendation and report what it could not fill. */
export function dispatchRecommendation(sim: Simulation, inc: IncidentState, rec: Recommendation, by: Actor['role']): void {
  dispatchUnits(sim, inc, rec.units, by);
  if (rec.unmet.length > 0) {
    sim.emit({ type: 'DISPATCH_SHORTFALL', incidentId: inc.id, unmet: rec.unmet });
    // The automatic centre keeps the shortfall on its list and fills it as units come free.
    if (sim.mode === 'auto') sim.waiting.set(inc.id, rec.unmet);
  } else {
    sim.waiting.delete(inc.id);
  }
}

/** Release a unit from its incident (recall on the way, or release from the scene). */
export function releaseUnit(sim: Simulation, u: UnitState, reason: 'incident-closed' | 'commander' | 'recalled' | 'incident-cancelled'): void {
  const inc = u.incidentId ? sim.incidents.get(u.incidentId) : undefined;
  const status = unitStatus(u);
  const wasWorking = status === 'working';
  if (!sim.stepUnit(u, { type: 'RELEASE' })) return;
  u.incidentId = undefined;
  if (inc) inc.units = inc.units.filter((id) => id !== u.info.id);
  const why = status === 'turningOut' || status === 'enRoute' ? (reason === 'commander' ? 'recalled' : reason) : reason;
  sim.emit({ type: 'UNIT_RELEASED', unitId: u.info.id, incidentId: inc?.id ?? '', reason: why });
  if (status === 'turningOut') {
    u.v++;
    sim.emit({ type: 'UNIT_IN_STATION', unitId: u.info.id });
  } else {
    const leg = driveTo(sim, u, u.info.station.location, 'home');
    const available = unitStatus(u) === 'availableOnRoad' || sim.index.world.doctrine.dispatch.returningDispatchable;
    sim.emit({ type: 'UNIT_RETURNING', unitId: u.info.id, leg: leg ?? standingLeg(sim, u), available });
    if (!leg) reportStopped(sim, u);
  }
  if (inc && wasWorking) reassessIncident(sim, inc);
  if (sim.canDispatchUnit(u)) unitFreed(sim, u);
}

/** Take a unit out of service (breakdown, maintenance, comms loss); it leaves its incident. */
export function outOfService(sim: Simulation, u: UnitState, reason: string): void {
  const inc = u.incidentId ? sim.incidents.get(u.incidentId) : undefined;
  const wasWorking = unitStatus(u) === 'working';
  stopAt(u, sim.unitPosition(u));
  sim.stepUnit(u, { type: 'OUT_OF_SERVICE' });
  u.v++;
  u.incidentId = undefined;
  if (inc) inc.units = inc.units.filter((id) => id !== u.info.id);
  sim.emit({ type: 'UNIT_OUT_OF_SERVICE', unitId: u.info.id, reason, ...(inc ? { incidentId: inc.id } : {}) });
  if (inc) {
    if (wasWorking) reassessIncident(sim, inc);
    afterUnitsLeft(sim, inc);
  }
}

/** Back in service: a unit away from its station drives home, available on the way. */
export function backInService(sim: Simulation, u: UnitState): void {
  const home = u.info.station.location;
  const atStation = u.pos[0] === home[0] && u.pos[1] === home[1];
  sim.stepUnit(u, { type: 'BACK_IN_SERVICE', atStation });
  sim.emit({ type: 'UNIT_BACK_IN_SERVICE', unitId: u.info.id });
  if (!atStation) {
    const leg = driveTo(sim, u, home, 'home');
    sim.emit({ type: 'UNIT_RETURNING', unitId: u.info.id, leg: leg ?? standingLeg(sim, u), available: true });
    if (!leg) reportStopped(sim, u);
  }
  unitFreed(sim, u);
}
