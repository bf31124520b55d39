// Communications outages (通信中断, 断网) as an engine model: the controller cuts a station's comms
// (SET_COMMS_OUTAGE on) and restores them (off), or gives a duration and the outage ends by itself.
// While a station's comms are cut its units cannot be given orders (the core asks `cutsStation`),
// and their own status reports do not reach the centre: the core logs them as the hidden truth
// (`unreported`, withheld from players), so the board keeps the last status it was told. The model
// holds those reports; when contact returns they are delivered in order (UNIT_REPORT_DELIVERED,
// `reports: delayed`, the default) or dropped (`lost`), then the station reports where its units are
// now (COMMS_RESYNCED) and incidents waiting for units may be served (`capacityReturned`). The
// centre's recommendations never rely on a cut unit's status: such a unit cannot take an order.
// State: the outages in force, in the order they began, each with its held reports. Timers: one per
// station, named by its id.
import type { Actor } from '../../../shared/commands.ts';
import type { CommsReports, UnitReport, UnitStatusReport } from '../../../shared/events.ts';
import { controllerOnly, refuse, type EngineModel } from '../kernel/model.ts';
import type { Simulation } from '../kernel/simulation.ts';
import { unitStatus } from '../kernel/state.ts';

export interface CommsOutage {
  stationId: string;
  /** Sim ms at which it ends by itself; null: until the controller restores it. */
  until: number | null;
  /** Outages begun before reports were modelled (older snapshots) have none: delayed. */
  reports?: CommsReports;
  /** The station's units' status reports made since it began (the hidden truth), in order. */
  held?: UnitReport[];
}

export interface CommsOutageState {
  outages: CommsOutage[];
}

export const COMMS_OUTAGE_MODEL = 'comms-outage';

function end(sim: Simulation, state: CommsOutageState, stationId: string, by: Actor['role']): void {
  const held = state.outages.find((o) => o.stationId === stationId)?.held ?? [];
  const lost = state.outages.find((o) => o.stationId === stationId)?.reports === 'lost';
  state.outages = state.outages.filter((o) => o.stationId !== stationId);
  sim.emit({ type: 'COMMS_OUTAGE_ENDED', stationId, by });
  if (!lost) for (const report of held) sim.emit({ type: 'UNIT_REPORT_DELIVERED', stationId, report });
  sim.emit({ type: 'COMMS_RESYNCED', stationId, delivered: lost ? 0 : held.length, lost: lost ? held.length : 0, units: unitsNow(sim, stationId) });
  sim.happen.capacityReturned();
}

/** Where the station's units are now and what they do: the station's report on reconnection. */
function unitsNow(sim: Simulation, stationId: string): UnitStatusReport[] {
  const out: UnitStatusReport[] = [];
  for (const u of sim.units.values()) {
    if (u.info.station.id !== stationId) continue;
    out.push({ unitId: u.info.id, status: unitStatus(u), at: sim.unitPosition(u), ...(u.incidentId ? { incidentId: u.incidentId } : {}), ...(u.leg ? { leg: u.leg } : {}) });
  }
  return out;
}

export const commsOutageModel: EngineModel<CommsOutageState> = {
  id: COMMS_OUTAGE_MODEL,
  initialState: () => ({ outages: [] }),
  // Asked for every unit a recommendation looks at: a plain loop, no closure to allocate.
  cutsStation(state, stationId) {
    for (const o of state.outages) if (o.stationId === stationId) return true;
    return false;
  },
  reactions: {
    // The core marked the report `unreported` (its station is cut): hold it until contact returns.
    eventEmitted(ctx, e) {
      // Asked for every event of the log: with no outage in force nothing is held (and nothing was marked).
      if (ctx.state.outages.length === 0 || !('unreported' in e) || !e.unreported) return;
      const stationId = ctx.sim.units.get(e.unitId)!.info.station.id;
      const o = ctx.state.outages.find((x) => x.stationId === stationId);
      if (o) (o.held ??= []).push(e);
    },
  },
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
        const reports = cmd.reports ?? 'delayed';
        ctx.state.outages.push({ stationId: cmd.stationId, until, reports, held: [] });
        sim.emit({ type: 'COMMS_OUTAGE_STARTED', stationId: cmd.stationId, note: cmd.note, by: by.role, ...(until === null ? {} : { until }), reports });
        if (until !== null) ctx.schedule(until, cmd.stationId);
      };
    },
  },
};

/** Stations whose communications are cut, sorted (the view). */
export function stationsCut(sim: Simulation): string[] {
  return (sim.models.stateOf<CommsOutageState>(COMMS_OUTAGE_MODEL)?.outages ?? []).map((o) => o.stationId).sort();
}
