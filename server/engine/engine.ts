// createEngine: wires the world, scenario and seed into a Simulation and offers the Engine contract
// (commands in, domain events out). Travel follows the world's road network when it has one (built
// outside the engine, e.g. by loadWorld), else great-circle. Scripted calls (injects) and the
// background call source are scheduled on the engine's own queue; `digest()` writes the whole
// state canonically for replay checks.
import type { Actor, Command, CommandResult } from '../../shared/commands.ts';
import { Simulation } from './simulation.ts';
import { receiveCall } from './call-handling.ts';
import { recommend } from './assignment.ts';
import { onUnitStep } from './driving.ts';
import { onCloseTimer, onControl, onDeath, onEvolve, onRescue } from './incident-progress.ts';
import { onAnswer, onProcess, onServe } from './auto-centre.ts';
import { planCommand, isRefusal } from './command-handlers.ts';
import { greatCircleTravel } from './travel.ts';
import { roadTravel } from '../geo/road-travel.ts';
import { indexWorld } from './world-index.ts';
import { incidentGrade, incidentStatus, unitStatus, type Timer } from './state.ts';
import { fireInject, pendingInjects, registerInjects } from './injects.ts';
import { restoreInto, takeSnapshot, type SnapshotFingerprint } from './snapshot.ts';
import type { Engine, EngineConfig, EngineView, IncidentView, Recommendation, TravelTimeModel, UnitView, World } from './types.ts';

const DAY = 86_400_000;

export function createEngine(config: EngineConfig): Engine {
  const { world, scenario } = config;
  const index = indexWorld(world);
  const seed = config.seed ?? scenario.seed;
  const startUtc = Date.parse(scenario.start);
  const startLocalMs = ((startUtc + world.region.utcOffsetHours * 3_600_000) % DAY + DAY) % DAY;
  const travel = config.travel ?? defaultTravel(world, startLocalMs);
  const sim = new Simulation(index, travel, config.background, seed, scenario.mode, scenario.duration, startLocalMs);
  let started = false;
  registerInjects(sim, scenario.calls, (name) => index.region.placeLocation(name), scenario.name);
  const injectAt = [...sim.injects.values()];
  const fingerprint: SnapshotFingerprint = {
    scenario: scenario.name, region: world.region.id, seed, endsAt: sim.endsAt, startLocalMs,
    units: [...index.unitIds], injects: injectAt.map((j) => [j.id, j.at]), background: config.background !== undefined, roads: world.roads !== undefined,
  };

  const fire = (timer: Timer): void => {
    switch (timer.k) {
      case 'background': {
        receiveCall(sim, { source: 'background', type: timer.call.incidentType, location: timer.call.location, description: '' });
        const next = config.background?.next(sim.rng, sim.now, sim.endsAt);
        if (next) sim.schedule(next.at, { k: 'background', call: next });
        return;
      }
      case 'scripted':
        fireInject(sim, injectAt[timer.i]!, false); // does nothing if fired early or skipped
        return;
      case 'end':
        sim.ended = true;
        sim.emit({ type: 'SIMULATION_ENDED' });
        return;
      case 'unit': {
        const u = sim.units.get(timer.u)!;
        if (u.v === timer.v) onUnitStep(sim, u, timer.step);
        return;
      }
      case 'serve':
        return onServe(sim, sim.units.get(timer.u)!);
    }
    const inc = sim.incidents.get(timer.inc)!;
    switch (timer.k) {
      case 'answer': return onAnswer(sim, inc);
      case 'process': return onProcess(sim, inc);
      case 'evolve': if (inc.fv === timer.v) onEvolve(sim, inc); return;
      case 'control': if (inc.fv === timer.v) onControl(sim, inc); return;
      case 'rescue': if (inc.rv === timer.v) onRescue(sim, inc); return;
      case 'death': return onDeath(sim, inc, timer.p);
      case 'close': if (inc.cv === timer.v) onCloseTimer(sim, inc); return;
    }
  };

  const engine: Engine = {
    get now() { return sim.now; },
    get endsAt() { return sim.endsAt; },
    get seed() { return seed; },
    start() {
      if (started) throw new Error('engine already started');
      started = true;
      sim.emit({ type: 'SIMULATION_STARTED', seed, scenario: scenario.name, region: world.region.id, mode: sim.mode, startIso: scenario.start });
      injectAt.forEach((inj, i) => sim.schedule(inj.at, { k: 'scripted', i }));
      const first = config.background?.next(sim.rng, 0, sim.endsAt);
      if (first) sim.schedule(first.at, { k: 'background', call: first });
      sim.schedule(sim.endsAt, { k: 'end' });
      return sim.drain();
    },
    apply(command: Command, by: Actor) {
      const plan = planCommand(sim, command, by);
      if (isRefusal(plan)) {
        const result: CommandResult = { ok: false, error: { ...plan, command: command.type } };
        return { result, events: [] };
      }
      const seqFrom = sim.seq + 1;
      sim.emit({ type: 'COMMAND_ACCEPTED', command, by });
      const incidentId = plan();
      const events = sim.drain();
      const result: CommandResult = { ok: true, seqFrom, seqTo: sim.seq, ...(incidentId ? { incidentId } : {}) };
      return { result, events };
    },
    advanceTo(t: number) {
      const until = Math.min(t, sim.endsAt);
      for (let next = sim.queue.peek(); next && next.at <= until && !sim.ended; next = sim.queue.peek()) {
        sim.queue.pop();
        sim.now = next.at;
        fire(next.payload);
      }
      if (until > sim.now) sim.now = until;
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
      return { now: sim.now, mode: sim.mode, incidents, units, injects: pendingInjects(sim), closures, commsOut: [...sim.commsOut].sort() };
    },
    digest() {
      return JSON.stringify({
        now: sim.now, seq: sim.seq, mode: sim.mode, ended: sim.ended, rng: sim.rng.getState(),
        units: [...sim.units.values()].map((u) => [u.info.id, unitStatus(u), u.incidentId ?? null, u.pos, u.leg ?? null, u.v, u.dest ?? null, u.trafficAt ?? null]),
        incidents: [...sim.incidents.values()].map(({ snap, ...rest }) => ({ status: snap.value, grade: (snap.context as { grade: number }).grade, ...rest })),
        queue: sim.queue.ordered().map((q) => [q.at, q.order, q.payload]),
        waiting: [...sim.waiting],
        closures: [...sim.closures.values()],
        closureCounter: sim.closureCounter,
        commsOut: [...sim.commsOut].sort(),
        injects: [...sim.injects.values()].map((j) => [j.id, j.status]),
      });
    },
    snapshot() {
      return takeSnapshot(sim, started, fingerprint, engine.digest());
    },
  };
  if (config.restore) {
    restoreInto(sim, config.restore, fingerprint);
    started = config.restore.started;
    if (engine.digest() !== config.restore.digest) throw new Error(`engine snapshot at seq ${config.restore.seq}: the restored state does not reproduce the snapshot's digest`);
  }
  return engine;
}

/** Roads when the world has them (stations are the hubs most drives start or end at), else great-circle. */
function defaultTravel(world: World, startLocalMs: number): TravelTimeModel {
  if (!world.roads) return greatCircleTravel(world.doctrine);
  return roadTravel(world.roads, world.doctrine, { startLocalMs, hubs: world.region.stations.map((s) => s.location) });
}
