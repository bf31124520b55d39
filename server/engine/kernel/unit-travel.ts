// The travel model one unit plans on: the closures in force, less those that exempt it by
// capability (kernel/closure.ts `exempt`: protected crews in a plume's zones, boats in flood water).
// Units no closure exempts use `sim.travel`; the others share one model per set of binding closures,
// derived from the closures (recomputable, not state) and forgotten whenever the closures change.
import type { Closure } from './closure.ts';
import type { TravelTimeModel } from './ports.ts';
import type { Simulation } from './simulation.ts';
import type { UnitState } from './state.ts';

/** Travel models of units some closures do not bind, by the ids of the closures that do (derived, rebuilt on change). */
const exemptModels = new WeakMap<Simulation, Map<string, TravelTimeModel>>();

/** The travel model a unit plans on: every closure in force except those that exempt it. */
export function travelFor(sim: Simulation, u: UnitState): TravelTimeModel {
  if (sim.closures.size === 0) return sim.travel;
  const caps = u.info.type.capabilities;
  const binding: Closure[] = [];
  let exempted = false;
  for (const c of sim.closures.values()) {
    if (c.exempt?.some((x) => caps.includes(x))) exempted = true;
    else binding.push(c);
  }
  if (!exempted) return sim.travel;
  if (binding.length === 0 || !sim.baseTravel.withClosedEdges) return sim.baseTravel;
  let models = exemptModels.get(sim);
  if (!models) exemptModels.set(sim, (models = new Map()));
  const key = binding.map((c) => c.id).join(',');
  let m = models.get(key);
  if (!m) {
    const edges = new Set<number>();
    for (const c of binding) for (const e of c.edges) edges.add(e);
    m = sim.baseTravel.withClosedEdges(edges);
    models.set(key, m);
  }
  return m;
}

/** Drops the derived models (the closures changed, or a snapshot was restored). */
export function forgetUnitTravel(sim: Simulation): void {
  exemptModels.delete(sim);
}
