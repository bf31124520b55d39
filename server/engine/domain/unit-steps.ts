// A unit's own timers: turnout done (it sets off), arrival at its incident (the first one sizes it
// up), start of work (the incident is reassessed with its output), back at the station (freed).
// Imports: the kernel, driving, incident-progress and incident-end.
import type { UnitState, UnitStep } from '../kernel/state.ts';
import type { Simulation } from '../kernel/simulation.ts';
import { setOff, stopAt } from './driving.ts';
import { reassessIncident } from './incident-progress.ts';
import { sizeUp } from './incident-end.ts';

export function onUnitStep(sim: Simulation, u: UnitState, step: UnitStep): void {
  const inc = u.incidentId ? sim.incidents.get(u.incidentId) : undefined;
  switch (step) {
    case 'turnout':
      if (inc && sim.stepUnit(u, { type: 'TURNOUT_DONE' })) setOff(sim, u, inc);
      return;
    case 'arrive':
      if (!inc || !sim.stepUnit(u, { type: 'ARRIVE' })) return;
      stopAt(u, inc.location);
      sim.emit({ type: 'UNIT_ARRIVED', unitId: u.info.id, incidentId: inc.id });
      sim.stepIncident(inc, { type: 'UNIT_ARRIVED' });
      if (!inc.sizedUp) sizeUp(sim, inc);
      if (u.incidentId === inc.id) {
        u.timerVersion++;
        sim.schedule(sim.now + sim.index.world.doctrine.setupSeconds * 1000, { kind: 'unit', unitId: u.info.id, version: u.timerVersion, step: 'work' });
      }
      return;
    case 'work':
      if (!inc || !sim.stepUnit(u, { type: 'START_WORK' })) return;
      sim.emit({ type: 'UNIT_WORKING', unitId: u.info.id, incidentId: inc.id });
      reassessIncident(sim, inc);
      return;
    case 'home':
      if (!sim.stepUnit(u, { type: 'REACH_STATION' })) return;
      stopAt(u, u.info.station.location);
      sim.emit({ type: 'UNIT_IN_STATION', unitId: u.info.id });
      sim.happen.unitFreed(u);
      return;
  }
}
