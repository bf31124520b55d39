// Communications outages (通信中断) as an engine model: the controller cuts a station's comms
// (SET_COMMS_OUTAGE on) and restores them (off), or gives a duration and the outage ends by itself.
// While a station's comms are cut its units cannot be given orders (the core asks `cutsStation`).
// When comms return, incidents waiting for units may be served (`capacityReturned`).
// State: the outages in force, in the order they began. Timers: one per station, named by its id.
import type { Actor } from '../../../shared/commands.ts';
import { controllerOnly, refuse, type EngineModel } from '../kernel/model.ts';
import type { Simulation } from '../kernel/simulation.ts';

export interface CommsOutage {
  stationId: string;
  /** Sim ms at which it ends by itself; null: until the controller restores it. */
  until: number | null;
}

export interface CommsOutageState {
  outages: CommsOutage[];
}

export const COMMS_OUTAGE_MODEL = 'comms-outage';

function end(sim: Simulation, state: CommsOutageState, stationId: string, by: Actor['role']): void {
  state.outages = state.outages.filter((o) => o.stationId !== stationId);
  sim.emit({ type: 'COMMS_OUTAGE_ENDED', stationId, by });
  sim.happen.capacityReturned();
}

export const commsOutageModel: EngineModel<CommsOutageState> = {
  id: COMMS_OUTAGE_MODEL,
  initialState: () => ({ outages: [] }),
  cutsStation: (state, stationId) => state.outages.some((o) => o.stationId === stationId),
  onTimer(ctx, stationId) {
    // A restore and a new outage in between leave this timer stale: only the outage it was set for ends.
    const o = ctx.state.outages.find((x) => x.stationId === stationId);
    if (o && o.until === ctx.sim.now) end(ctx.sim, ctx.state, stationId, 'system');
  },
  commands: {
    SET_COMMS_OUTAGE(ctx, cmd, by) {
      const { sim, state } = ctx;
      const denied = controllerOnly(cmd.type, by);
      if (denied) return denied;
      if (!sim.index.stations.has(cmd.stationId)) return refuse('not-found', `no station ${cmd.stationId}`);
      const out = state.outages.some((o) => o.stationId === cmd.stationId);
      if (cmd.on && out) return refuse('not-allowed-in-state', `the communications of station ${cmd.stationId} are already cut`);
      if (!cmd.on && !out) return refuse('not-allowed-in-state', `the communications of station ${cmd.stationId} are not cut`);
      if (!cmd.on) return () => end(sim, ctx.state, cmd.stationId, by.role);
      return () => {
        const until = cmd.durationMs === undefined ? null : sim.now + cmd.durationMs;
        ctx.state.outages.push({ stationId: cmd.stationId, until });
        sim.emit({ type: 'COMMS_OUTAGE_STARTED', stationId: cmd.stationId, note: cmd.note, by: by.role, ...(until === null ? {} : { until }) });
        if (until !== null) ctx.schedule(until, cmd.stationId);
      };
    },
  },
};

/** Stations whose communications are cut, sorted (the view). */
export function stationsCut(sim: Simulation): string[] {
  return (sim.models.stateOf<CommsOutageState>(COMMS_OUTAGE_MODEL)?.outages ?? []).map((o) => o.stationId).sort();
}
