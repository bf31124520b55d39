// The scenario's inject timeline: each scripted call is an inject with a stable id (its `id`, or
// `inj-1`, `inj-2` … in file order). It fires on time (INJECT_FIRED early:false, then the call), or
// earlier when the controller fires it (early:true; its timer then finds it fired and does nothing),
// or never when skipped (INJECT_SKIPPED). The controller console lists the pending ones.
import type { Actor } from '../../shared/commands.ts';
import type { LatLon } from '../../shared/geo.ts';
import type { ScriptedCall } from '../../shared/schemas/scenario.ts';
import type { Simulation } from './simulation.ts';
import { receiveCall } from './call-handling.ts';
import type { PendingInject } from './types.ts';

export interface InjectState {
  id: string;
  /** Index of the scripted call (its timer). */
  i: number;
  at: number;
  status: 'pending' | 'fired' | 'skipped';
  call: Omit<ScriptedCall, 'location'> & { location: LatLon };
}

/** Inject ids of a scenario's scripted calls, in file order. */
export function injectId(call: ScriptedCall, i: number): string {
  return call.id ?? `inj-${i + 1}`;
}

/** Registers the scripted calls as pending injects; `place` resolves a place name. */
export function registerInjects(sim: Simulation, calls: readonly ScriptedCall[], place: (name: string) => LatLon | undefined, scenarioName: string): void {
  calls.forEach((c, i) => {
    const location = typeof c.location === 'string' ? place(c.location) : c.location;
    if (!location) throw new Error(`scenario ${scenarioName}: unknown place ${JSON.stringify(c.location)} in scripted call ${i + 1}`);
    const id = injectId(c, i);
    if (sim.injects.has(id)) throw new Error(`scenario ${scenarioName}: two scripted calls have the inject id ${id}`);
    sim.injects.set(id, { id, i, at: c.at, status: 'pending', call: { ...c, location } });
  });
}

/** Fires a pending inject now: its call rings. Returns the new incident's id. */
export function fireInject(sim: Simulation, inj: InjectState, early: boolean): string | undefined {
  if (inj.status !== 'pending') return undefined;
  inj.status = 'fired';
  const c = inj.call;
  sim.emit({ type: 'INJECT_FIRED', injectId: inj.id, early, incidentId: sim.peekIncidentId() });
  return receiveCall(sim, { source: 'scripted', type: c.type, location: c.location, description: c.description, size: c.size, trapped: c.trapped, reportedGrade: c.reportedGrade }).id;
}

export function skipInject(sim: Simulation, inj: InjectState, by: Actor['role']): void {
  inj.status = 'skipped';
  sim.emit({ type: 'INJECT_SKIPPED', injectId: inj.id, by });
}

/** Pending injects in firing order (time, then file order). */
export function pendingInjects(sim: Simulation): PendingInject[] {
  return [...sim.injects.values()]
    .filter((j) => j.status === 'pending')
    .sort((a, b) => a.at - b.at || a.i - b.i)
    .map((j) => ({ id: j.id, at: j.at, type: j.call.type, location: j.call.location, description: j.call.description }));
}
