// Taking units out of service (breakdown, maintenance) and back: a unit leaving its incident that
// way may end it (incident-end.ts); a unit back in service is told upward as `unitFreed`.
// Imports: the kernel, driving, incident-progress and incident-end.
import { leaveIncident, unitStatus, type UnitState } from '../kernel/state.ts';
import type { Simulation } from '../kernel/simulation.ts';
import { driveTo, reportStopped, standingLeg, stopAt } from './driving.ts';
import { reassessIncident } from './incident-progress.ts';
import { afterUnitsLeft } from './incident-end.ts';

/** Take a unit out of service (breakdown, maintenance, comms loss); it leaves its incident. */
export function outOfService(sim: Simulation, u: UnitState, reason: string): void {
  const inc = u.incidentId ? sim.incidents.get(u.incidentId) : undefined;
  const wasWorking = unitStatus(u) === 'working';
  stopAt(u, sim.unitPosition(u));
  sim.stepUnit(u, { type: 'OUT_OF_SERVICE' });
  u.timerVersion++;
  u.incidentId = undefined;
  if (inc) leaveIncident(inc, u.info.id);
  sim.emit({ type: 'UNIT_OUT_OF_SERVICE', unitId: u.info.id, reason, ...(inc ? { incidentId: inc.id } : {}) });
  if (inc) {
    if (wasWorking) reassessIncident(sim, inc);
    afterUnitsLeft(sim, inc);
  }
}

/** Back in service: a unit away from its station drives home, available on the way. */
export function backInService(sim: Simulation, u: UnitState): void {
  const home = u.info.station.location;
  const atStation = u.position[0] === home[0] && u.position[1] === home[1];
  sim.stepUnit(u, { type: 'BACK_IN_SERVICE', atStation });
  sim.emit({ type: 'UNIT_BACK_IN_SERVICE', unitId: u.info.id });
  if (!atStation) {
    const leg = driveTo(sim, u, home, 'home');
    sim.emit({ type: 'UNIT_RETURNING', unitId: u.info.id, leg: leg ?? standingLeg(sim, u), available: true });
    if (!leg) reportStopped(sim, u);
  }
  sim.happen.unitFreed(u);
}
