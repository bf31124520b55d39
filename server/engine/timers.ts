// Timer dispatch: what each scheduled happening does when its time comes. Timers of units and
// incidents carry the version they were set with; a newer version means the plan changed and the
// timer is stale. A model's timer goes to the model that set it, by the model's id and its name.
import type { Timer } from './kernel/state.ts';
import type { Simulation } from './kernel/simulation.ts';
import { onUnitStep } from './domain/unit-steps.ts';
import { onControl, onDeath, onEvolve, onRescue } from './domain/incident-progress.ts';
import { onCloseTimer } from './domain/incident-end.ts';
import { onAnswer, onProcess, onServe } from './domain/auto-centre.ts';
import { onReopenTimer } from './domain/road-closures.ts';

export function fireTimer(sim: Simulation, timer: Timer): void {
  switch (timer.kind) {
    case 'model':
      return sim.models.fire(timer.model, timer.name);
    case 'end':
      sim.ended = true;
      sim.emit({ type: 'SIMULATION_ENDED' });
      return;
    case 'unit': {
      const u = sim.units.get(timer.unitId)!;
      if (u.timerVersion === timer.version) onUnitStep(sim, u, timer.step);
      return;
    }
    case 'serve':
      return onServe(sim, sim.units.get(timer.unitId)!);
    case 'reopen':
      return onReopenTimer(sim, timer.closureId);
  }
  const inc = sim.incidents.get(timer.incidentId)!;
  switch (timer.kind) {
    case 'answer': return onAnswer(sim, inc);
    case 'process': return onProcess(sim, inc);
    case 'evolve': if (inc.growthTimerVersion === timer.version) onEvolve(sim, inc); return;
    case 'control': if (inc.growthTimerVersion === timer.version) onControl(sim, inc); return;
    case 'rescue': if (inc.rescueTimerVersion === timer.version) onRescue(sim, inc); return;
    case 'death': return onDeath(sim, inc, timer.person);
    case 'close': if (inc.closeTimerVersion === timer.version) onCloseTimer(sim, inc); return;
  }
}
