// createEngine: the facade on top of the layers. It builds the simulation core (kernel), registers
// the models that change the world over time (the inject schedule, background calls, comms
// outages), wires the happenings the domain modules send upward to the automatic centre and to
// the models, and offers the Engine contract: commands in, domain events out, a read-only view,
// the canonical state, its digest and snapshots. Travel is handed in (EngineConfig.travel, or the
// world's travel model factory), else great-circle: the engine builds no road model itself.
import type { Actor, Command, CommandResult } from '../../shared/commands.ts';
import { localMsOfDayAtStart } from '../../shared/local-time.ts';
import { Simulation } from './kernel/simulation.ts';
import { greatCircleTravel } from './kernel/great-circle-travel.ts';
import { indexWorld } from './kernel/world-index.ts';
import { incidentGrade, incidentStatus, unitStatus } from './kernel/state.ts';
import { isRefusal, refuse, type Plan, type Refusal } from './kernel/model.ts';
import type { Happenings } from './kernel/happenings.ts';
import { sha256Hex } from './kernel/sha256.ts';
import { recommend } from './domain/assignment.ts';
import { autoEscalate, releaseRescueTeams, serveWaiting, unitFreed } from './domain/auto-centre.ts';
import { planCommand } from './command-handlers.ts';
import { fireTimer } from './timers.ts';
import { commsOutageModel, stationsCut } from './models/comms-outage.ts';
import { defineScript, injectTimes, injectsModel, pendingInjects, rejoinLiveTeams, scriptView, INJECTS_MODEL } from './models/injects.ts';
import { backgroundCallsModel } from './models/background-calls.ts';
import { withArrivingUnits } from './models/arriving-units.ts';
import { indexRegion } from '../../shared/region-lookup.ts';
import { canonicalState, decode, restoreInto, takeSnapshot, type SnapshotFingerprint } from './snapshot.ts';
import type { Engine, EngineConfig, EngineView, IncidentView, Recommendation, UnitEta, UnitView } from './types.ts';
import { etaSeconds } from './domain/driving.ts';

export function createEngine(config: EngineConfig): Engine {
  const { scenario } = config;
  const script = defineScript(scenario);
  // Reinforcements of the script are units of the world from the start (out of service until they arrive).
  const world = withArrivingUnits(config.world, script.injects, () => indexRegion(config.world.region));
  const index = indexWorld(world);
  const seed = config.seed ?? scenario.seed;
  const startLocalMs = localMsOfDayAtStart(scenario.start, world.region.utcOffsetHours);
  const travel = config.travel ?? world.travelModel?.({ startLocalMs }) ?? greatCircleTravel(world.doctrine);
  const sim = new Simulation(index, travel, seed, scenario.mode, scenario.duration, startLocalMs);
  let started = false;
  const hash = config.sha256 ?? sha256Hex;

  // Models, in a fixed order (their timers are scheduled at start in this order, and they react in it).
  for (const j of script.injects) {
    if (j.kind === 'call' && typeof j.location === 'string' && !index.region.placeLocation(j.location)) throw new Error(`scenario ${scenario.name}: unknown place ${JSON.stringify(j.location)} in inject ${j.id}`);
  }
  sim.models.register(injectsModel(script, world.injectEffects));
  if (config.background) sim.models.register(backgroundCallsModel(config.background));
  sim.models.register(commsOutageModel);
  for (const model of config.models ?? []) sim.models.register(model);

  // Upward calls: the automatic centre first, then every model's reaction.
  const happen: Happenings = {
    unitFreed: (u) => { unitFreed(sim, u); sim.models.react('unitFreed', u); },
    trueGradeRose: (inc, grade, reason) => { autoEscalate(sim, inc, grade, reason); sim.models.react('trueGradeRose', inc, grade, reason); },
    capacityReturned: () => { serveWaiting(sim); sim.models.react('capacityReturned'); },
    callReceived: (inc) => sim.models.react('callReceived', inc),
    incidentEnded: (inc) => sim.models.react('incidentEnded', inc),
    rescueDone: (inc) => { releaseRescueTeams(sim, inc); sim.models.react('rescueDone', inc); },
    eventEmitted: (e) => sim.models.eventEmitted(e),
  };
  sim.happen = happen;

  const fingerprint: SnapshotFingerprint = {
    scenario: scenario.name, region: world.region.id, seed, endsAt: sim.endsAt, startLocalMs,
    units: [...index.unitIds], injects: injectTimes(script), background: config.background !== undefined, roads: world.roads !== undefined,
    models: sim.models.ids(),
  };

  const plan = (command: Command, by: Actor): Plan | Refusal => {
    if (sim.ended) return refuse('not-allowed-in-state', 'the simulation has ended');
    const byModel = sim.models.commandHandler(command.type);
    return byModel ? byModel(command, by) : planCommand(sim, command, by);
  };

  const engine: Engine = {
    get now() { return sim.now; },
    get endsAt() { return sim.endsAt; },
    get seed() { return seed; },
    start() {
      if (started) throw new Error('engine already started');
      started = true;
      sim.emit({ type: 'SIMULATION_STARTED', seed, scenario: scenario.name, region: world.region.id, mode: sim.mode, startIso: scenario.start });
      sim.models.start();
      sim.schedule(sim.endsAt, { kind: 'end' });
      sim.retireEnded();
      return sim.drain();
    },
    apply(command: Command, by: Actor) {
      const p = plan(command, by);
      if (isRefusal(p)) {
        const result: CommandResult = { ok: false, error: { ...p, command: command.type } };
        // The refusal is in the log (for the debrief and the board), state otherwise unchanged;
        // once the simulation has ended the log is closed and nothing more is written.
        if (sim.ended) return { result, events: [] };
        sim.emit({ type: 'COMMAND_REFUSED', command, by, error: { code: p.code, message: p.message } });
        return { result, events: sim.drain() };
      }
      const seqFrom = sim.seq + 1;
      sim.emit({ type: 'COMMAND_ACCEPTED', command, by });
      const incidentId = p();
      sim.retireEnded();
      const events = sim.drain();
      const result: CommandResult = { ok: true, seqFrom, seqTo: sim.seq, ...(incidentId ? { incidentId } : {}) };
      return { result, events };
    },
    advanceTo(t: number) {
      const until = Math.min(t, sim.endsAt);
      for (let next = sim.ended ? undefined : sim.popDue(until); next; next = sim.ended ? undefined : sim.popDue(until)) {
        sim.now = next.at;
        fireTimer(sim, next.payload);
      }
      if (until > sim.now) sim.now = until;
      sim.retireEnded();
      return sim.drain();
    },
    nextEventAt() {
      if (sim.ended) return undefined;
      return sim.queue.peek()?.at;
    },
    recommend(incidentId: string): Recommendation | undefined {
      const inc = sim.incidents.get(incidentId);
      return inc ? recommend(sim, inc) : undefined;
    },
    etas(incidentId: string, unitIds: readonly string[]): UnitEta[] | undefined {
      const inc = sim.incidents.get(incidentId);
      if (!inc) return undefined;
      return unitIds.flatMap((id): UnitEta[] => {
        const u = sim.units.get(id);
        if (!u) return [];
        const s = etaSeconds(sim, u, inc.location);
        return [{ unitId: id, etaSec: Number.isFinite(s) ? Math.round(s) : null, orderable: sim.stationOrderable(u.info.station.id) }];
      });
    },
    view(): EngineView {
      const units: UnitView[] = [];
      for (const u of sim.units.values()) {
        units.push({ id: u.info.id, stationId: u.info.station.id, type: u.info.type.code, status: unitStatus(u), position: sim.unitPosition(u), ...(u.incidentId ? { incidentId: u.incidentId } : {}), ...(u.leg ? { leg: u.leg } : {}) });
      }
      const incidents: IncidentView[] = [];
      for (const i of sim.incidents.values()) {
        const g = incidentGrade(i);
        incidents.push({
          id: i.id, status: incidentStatus(i), type: i.type, ...(g ? { grade: g } : {}), location: i.location,
          ...(i.jurisdictionId ? { jurisdictionId: i.jurisdictionId } : {}), ...(i.homeStationId ? { homeStationId: i.homeStationId } : {}),
          receivedAt: i.receivedAt, description: i.description, unitIds: [...i.units], knownSize: i.knownSize, knownTrapped: i.knownTrapped, rescued: i.rescued, dead: i.dead,
          unreachable: i.cutOff,
        });
      }
      const closures = [...sim.closures.values()].map((c) => ({ id: c.id, reason: c.reason, area: c.area, note: c.note, closedAt: c.closedAt, closedEdges: c.edges.length }));
      return { now: sim.now, mode: sim.mode, incidents, units, injects: pendingInjects(sim, script), script: scriptView(sim, script), closures, commsOut: stationsCut(sim) };
    },
    canonicalState: () => canonicalState(sim),
    digest: () => hash(canonicalState(sim)),
    snapshot() {
      return takeSnapshot(sim, started, fingerprint, engine.digest());
    },
  };
  if (config.restore) {
    // Teams the controller wrote during the drill joined the world then: they join again first.
    rejoinLiveTeams(sim, decode(config.restore.models.find(([id]) => id === INJECTS_MODEL)?.[1] ?? null));
    restoreInto(sim, config.restore, fingerprint);
    started = config.restore.started;
    if (engine.digest() !== config.restore.digest) throw new Error(`engine snapshot at seq ${config.restore.seq}: the restored state does not reproduce the snapshot's digest`);
  }
  return engine;
}
