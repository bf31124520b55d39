// The scenario's inject timeline as an engine model: each scripted call is an inject with a stable
// id (its `id`, or `inj-1`, `inj-2` … in file order), and its timer is named by that id. It fires
// on time (INJECT_FIRED early:false, then the call), or earlier when the controller fires it
// (early:true; its timer then finds it fired and does nothing), or never when skipped
// (INJECT_SKIPPED). The controller console lists the pending ones.
// State: each inject's status, in file order. The schedule itself (times, calls) is configuration.
import type { LatLon } from '../../../shared/geo.ts';
import type { ScriptedCall } from '../../../shared/schemas/scenario.ts';
import type { Simulation } from '../kernel/simulation.ts';
import { controllerOnly, refuse, type EngineModel } from '../kernel/model.ts';
import { receiveCall } from '../domain/call-handling.ts';
import type { PendingInject } from '../types.ts';

export type InjectStatus = 'pending' | 'fired' | 'skipped';

export interface InjectDefinition {
  id: string;
  at: number;
  call: Omit<ScriptedCall, 'location'> & { location: LatLon };
}

export interface InjectsState {
  injects: { id: string; status: InjectStatus }[];
}

export const INJECTS_MODEL = 'injects';

/** Inject ids of a scenario's scripted calls, in file order. */
export function injectId(call: ScriptedCall, i: number): string {
  return call.id ?? `inj-${i + 1}`;
}

/** The scripted calls as inject definitions; `place` resolves a place name. Throws on unknown places or repeated ids. */
export function defineInjects(calls: readonly ScriptedCall[], place: (name: string) => LatLon | undefined, scenarioName: string): InjectDefinition[] {
  const seen = new Set<string>();
  return calls.map((c, i) => {
    const location = typeof c.location === 'string' ? place(c.location) : c.location;
    if (!location) throw new Error(`scenario ${scenarioName}: unknown place ${JSON.stringify(c.location)} in scripted call ${i + 1}`);
    const id = injectId(c, i);
    if (seen.has(id)) throw new Error(`scenario ${scenarioName}: two scripted calls have the inject id ${id}`);
    seen.add(id);
    return { id, at: c.at, call: { ...c, location } };
  });
}

function fire(sim: Simulation, def: InjectDefinition, entry: { status: InjectStatus }, early: boolean): string {
  entry.status = 'fired';
  const c = def.call;
  sim.emit({ type: 'INJECT_FIRED', injectId: def.id, early, incidentId: sim.peekIncidentId() });
  return receiveCall(sim, { source: 'scripted', type: c.type, location: c.location, description: c.description, size: c.size, trapped: c.trapped, reportedGrade: c.reportedGrade, streamKey: `inject-${def.id}` }).id;
}

export function injectsModel(definitions: readonly InjectDefinition[]): EngineModel<InjectsState> {
  const byId = new Map(definitions.map((d) => [d.id, d]));
  const entryOf = (state: InjectsState, id: string) => state.injects.find((j) => j.id === id);
  return {
    id: INJECTS_MODEL,
    initialState: () => ({ injects: definitions.map((d) => ({ id: d.id, status: 'pending' as const })) }),
    start(ctx) {
      for (const d of definitions) ctx.schedule(d.at, d.id);
    },
    onTimer(ctx, id) {
      const entry = entryOf(ctx.state, id);
      if (entry?.status === 'pending') fire(ctx.sim, byId.get(id)!, entry, false); // fired early or skipped: nothing
    },
    commands: {
      FIRE_INJECT: (ctx, cmd, by) => check(ctx.state, cmd.type, cmd.injectId, by) ?? (() => fire(ctx.sim, byId.get(cmd.injectId)!, entryOf(ctx.state, cmd.injectId)!, true)),
      SKIP_INJECT: (ctx, cmd, by) => check(ctx.state, cmd.type, cmd.injectId, by) ?? (() => {
        entryOf(ctx.state, cmd.injectId)!.status = 'skipped';
        ctx.sim.emit({ type: 'INJECT_SKIPPED', injectId: cmd.injectId, by: by.role });
      }),
    },
  };

  function check(state: InjectsState, type: 'FIRE_INJECT' | 'SKIP_INJECT', id: string, by: Parameters<typeof controllerOnly>[1]) {
    const denied = controllerOnly(type, by);
    if (denied) return denied;
    const entry = entryOf(state, id);
    if (!entry) return refuse('not-found', `no inject ${id} in this scenario (pending: ${state.injects.filter((j) => j.status === 'pending').map((j) => j.id).join(', ') || 'none'})`);
    if (entry.status !== 'pending') return refuse('not-allowed-in-state', `inject ${id} was already ${entry.status}`);
    return undefined;
  }
}

/** Pending injects in firing order (time, then file order). */
export function pendingInjects(sim: Simulation, definitions: readonly InjectDefinition[]): PendingInject[] {
  const state = sim.models.stateOf<InjectsState>(INJECTS_MODEL);
  const pending = new Set(state?.injects.filter((j) => j.status === 'pending').map((j) => j.id));
  return definitions
    .map((d, order) => ({ d, order }))
    .filter(({ d }) => pending.has(d.id))
    .sort((a, b) => a.d.at - b.d.at || a.order - b.order)
    .map(({ d }) => ({ id: d.id, at: d.at, type: d.call.type, location: d.call.location, description: d.call.description }));
}
