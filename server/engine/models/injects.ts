// The drill script as an engine model: the inject timeline (an HSEEP MSEL), contingency injects,
// held injects, postponing, injects written during the drill, the initial force state, and the
// expected actions checked as the log is written.
// - Timed injects fire on their clock (timer `fire:<id>`), `after` injects `delay` after the one
//   they follow fired, held injects only when the controller fires them (FIRE_INJECT).
// - A contingency is checked at its time: it fires if its condition holds, else it is skipped
//   (INJECT_SKIPPED reason condition-false); with `until` it is watched after every event from its
//   time to `until` and fires (on a timer at that same sim time) the first time it holds.
// - Expected actions: after every event that changes the facts (shared/drill/facts.ts), each one
//   not met yet is checked; when it holds, EXPECTED_ACTION_MET is written with who did it.
// - POSTPONE_INJECTS moves every pending timed inject later by the same amount (spacing kept).
// Legacy scenarios (only `calls:`) behave exactly as before: same timers, same events, no facts.
// State: each inject's status and planned time, injects added during the drill, the facts (only
// when the script has conditions), outages this model will end. Timers are named by inject id.
import type { Actor } from '../../../shared/commands.ts';
import type { ClosureArea } from '../../../shared/events.ts';
import type { LatLon } from '../../../shared/geo.ts';
import { InjectSchema, scriptExpected, scriptInjects, type Scenario, type ScriptExpected, type ScriptInject } from '../../../shared/schemas/scenario.ts';
import { offsetOf } from '../../../shared/schemas/scenario-time.ts';
import type { Area, Condition, Place } from '../../../shared/schemas/drill-condition.ts';
import { emptyFacts, foldFact, type DrillFacts } from '../../../shared/drill/facts.ts';
import { evaluate, firstIncidentRef, inArea, incidentOf, witness, type EvaluationWorld } from '../../../shared/drill/evaluate.ts';
import { crewToKeepWorking, type InjectEffectRules } from '../../../shared/schemas/inject-effects.ts';
import { arrivingTeams, stagingStationId, teamStation, type Reinforcements } from './arriving-units.ts';
import { reassessIncident } from '../domain/incident-progress.ts';
import type { Simulation } from '../kernel/simulation.ts';
import { controllerOnly, refuse, type EngineModel, type ModelContext, type Refusal } from '../kernel/model.ts';
import { unitStatus, type UnitState } from '../kernel/state.ts';
import { receiveCall } from '../domain/call-handling.ts';
import { closeRoad, nextClosureId, reopenRoad } from '../domain/road-closures.ts';
import { backInService, outOfService } from '../domain/unit-service.ts';
import type { PendingInject, ScriptEntryView } from '../types.ts';

export type InjectStatus = 'pending' | 'fired' | 'skipped';

interface Entry {
  id: string;
  status: InjectStatus;
  /** Planned sim ms of its timer (fire or check); null: waits for the inject it follows, or for the controller. */
  at: number | null;
  /** A contingency being watched (between its time and `until`). */
  watching?: boolean;
  /** A watched contingency found true: its firing timer is set for now. */
  due?: boolean;
}

export interface InjectsState {
  injects: Entry[];
  /** Injects written during the drill (their definitions, as the command gave them). */
  added: ScriptInject[];
  /** What conditions read; null when the script has no condition (legacy scenarios). */
  facts: DrillFacts | null;
  /** Units this model put out of service until a time: [unit, until]. */
  unitsBack: [string, number][];
  /** Power outage in force: [inject id, until or null]. */
  power: [string, number | null] | null;
  /** The power outage's area whose hydrants have no pressure (absent: none). */
  hydrantsOut?: Area;
  /** Units riding with another crew than their type's (reduced staffing, injuries, arriving teams): [unit, crew]. */
  crew?: [string, number][];
}

export const INJECTS_MODEL = 'injects';

/** The script the model plays: injects in file order (the `calls:` short form first), expected actions, initial forces. */
export interface ScriptDefinition {
  injects: ScriptInject[];
  expected: ScriptExpected[];
  forces: Scenario['forces'];
  startIso: string;
  /** Keep facts (conditions or expected actions anywhere in the script). */
  tracksFacts: boolean;
}

/** The script of a scenario, with its times as offsets. */
export function defineScript(s: Scenario): ScriptDefinition {
  const injects = scriptInjects(s);
  const expected = scriptExpected(s);
  // A drill played by people (manual mode) always reads the facts, so a contingency the controller
  // writes during it sees the whole drill, not only what happens after it is written. Automatic runs
  // (batches, benchmarks, year-long runs) keep them only when the script itself has conditions.
  const tracksFacts = s.mode === 'manual' || expected.length > 0 || injects.some((j) => j.contingency !== undefined || j.kind === 'secondary');
  return { injects, expected, forces: s.forces, startIso: s.start, tracksFacts };
}

/** Inject timing as the snapshot fingerprint records it. */
export function injectTimes(def: ScriptDefinition): [string, number][] {
  return def.injects.map((j) => [j.id, j.at ?? -1]);
}

/** An inject that needs the world's inject-effect rules (seeds/inject-effects.yaml) to be played. */
function needsEffectRules(j: ScriptInject): boolean {
  return j.kind === 'crew-injury' || (j.kind === 'power-outage' && j.hydrantsArea !== undefined);
}

const NO_EFFECT_RULES = 'the world has no inject-effect rules (seeds/inject-effects.yaml: crewInjury, dryHydrants)';

/**
 * The drill script model. `effects`: the world's rules for crew injuries and dry hydrants; a script
 * with such an inject needs them (the engine refuses to build without, never guesses).
 */
export function injectsModel(def: ScriptDefinition, effects: InjectEffectRules | undefined): EngineModel<InjectsState> {
  const unplayable = effects ? undefined : def.injects.find(needsEffectRules);
  if (unplayable) throw new Error(`inject ${unplayable.id} (${unplayable.kind}): ${NO_EFFECT_RULES}`);
  const fireTypes: ReadonlySet<string> = new Set(effects?.dryHydrants.fireTypes ?? []);
  const scripted = new Map(def.injects.map((j) => [j.id, j]));
  const definition = (state: InjectsState, id: string): ScriptInject | undefined => scripted.get(id) ?? state.added.find((j) => j.id === id);
  const entryOf = (state: InjectsState, id: string) => state.injects.find((j) => j.id === id);
  const worldOf = (sim: Simulation): EvaluationWorld => ({
    capabilities: (u) => sim.index.units.get(u)?.type.capabilities ?? [],
    station: (u) => sim.index.units.get(u)?.station.id,
    place: (name) => sim.index.region.placeLocation(name),
  });

  return {
    id: INJECTS_MODEL,
    // A team's units are in the world from the start, out of service, until its inject fires (a
    // skipped team never comes): nobody may put them in service before that.
    awaitedTeam(state, stationId) {
      for (const e of state.injects) {
        if (e.status === 'fired') continue;
        const j = definition(state, e.id);
        if (j?.kind === 'reinforcements' && stagingStationId(j.id) === stationId) return `${j.team.zh} ${j.team.en}`;
      }
      return undefined;
    },
    initialState: () => ({
      injects: def.injects.map((j) => ({ id: j.id, status: 'pending' as const, at: j.held || j.after !== undefined ? null : (j.at ?? null) })),
      added: [],
      facts: def.tracksFacts ? emptyFacts() : null,
      unitsBack: [],
      power: null,
    }),
    start(ctx) {
      const { sim } = ctx;
      for (const e of ctx.state.injects) if (e.at !== null) ctx.schedule(e.at, `fire:${e.id}`);
      // The initial force state: units out of service and stations away from the start.
      const away = (unitId: string, reason: string, until: number | undefined) => {
        const u = sim.units.get(unitId);
        if (!u || unitStatus(u) === 'outOfService') return;
        outOfService(sim, u, reason);
        if (until !== undefined) {
          ctx.state.unitsBack.push([unitId, until]);
          ctx.schedule(until, `back:${unitId}`);
        }
      };
      const at = (t: Parameters<typeof offsetOf>[0] | undefined) => (t === undefined ? undefined : offsetOf(t, def.startIso));
      for (const o of def.forces.outOfService) away(o.unit, o.reason || 'out of service at the start', at(o.until));
      // Arriving teams: their units wait out of service until their inject fires.
      for (const inj of arrivingTeams(def.injects)) {
        const units = inj.units.map((a) => sim.units.get(a.id)).filter((u): u is UnitState => u !== undefined && u.info.station.id === stagingStationId(inj.id));
        awaitTeam(ctx, inj, units);
      }
      for (const r of def.forces.reducedStaffing) {
        const u = sim.units.get(r.unit);
        if (!u) continue;
        setCrew(ctx, r.unit, r.crew, 'reduced staffing at the start');
        if (r.crew === 0 && unitStatus(u) !== 'outOfService') outOfService(sim, u, 'no crew');
      }
      for (const a of def.forces.away) {
        const station = sim.index.region.region.stations.find((s) => s.id === a.station);
        for (const u of station?.units ?? []) away(u.id, a.reason || `station ${a.station} away`, at(a.until));
      }
      if (ctx.state.facts) checkExpected(ctx);
    },
    onTimer(ctx, name) {
      const [kind, id] = splitTimer(name);
      const { state, sim } = ctx;
      if (kind === 'back') {
        const due = state.unitsBack.find(([u, until]) => u === id && until === sim.now);
        if (!due) return;
        state.unitsBack = state.unitsBack.filter((x) => x !== due);
        const u = sim.units.get(id);
        if (u && unitStatus(u) === 'outOfService') backInService(sim, u);
        return;
      }
      if (kind === 'power') {
        if (state.power && state.power[0] === id && state.power[1] === sim.now) {
          state.power = null;
          delete state.hydrantsOut;
          sim.emit({ type: 'POWER_OUTAGE_ENDED', injectId: id });
        }
        return;
      }
      if (kind === 'reopen') {
        // Timers of snapshots taken before timed closures moved to the core (ROAD_CLOSED until).
        if (sim.closures.has(id)) reopenRoad(sim, id, 'scenario');
        return;
      }
      const entry = entryOf(state, id);
      const inj = definition(state, id);
      if (!entry || !inj || entry.status !== 'pending') return; // fired early, skipped: nothing
      if (kind === 'fire') {
        if (entry.at !== sim.now) return; // postponed since: a newer timer stands for it
        if (!inj.contingency) return fire(ctx, inj, entry, false);
        if (holdsNow(ctx, inj.contingency.when)) return fire(ctx, inj, entry, false);
        if (inj.contingency.until === undefined) return skip(ctx, entry, 'system', 'condition-false');
        entry.watching = true;
        ctx.schedule(Math.max(sim.now, inj.contingency.until + shiftOf(inj, entry)), `until:${id}`);
        return;
      }
      if (kind === 'check' && entry.watching && entry.due) {
        entry.due = false;
        if (holdsNow(ctx, inj.contingency!.when)) fire(ctx, inj, entry, false);
        return;
      }
      if (kind === 'until' && entry.watching) skip(ctx, entry, 'system', 'condition-never-held');
    },
    crewOf: (state, unitId) => state.crew?.find(([u]) => u === unitId)?.[1],
    callHandlingFactor(state) {
      if (!state.power) return 1;
      const inj = definition(state, state.power[0]);
      return inj?.kind === 'power-outage' ? inj.centreHandlingFactor : 1;
    },
    // Hydrants without pressure: a fire there needs water brought in (远程供水 long-distance supply),
    // as seeds/inject-effects.yaml (dryHydrants) says.
    extraNeeds(state, incident) {
      if (!effects || !state.hydrantsOut || !incident.type || !fireTypes.has(incident.type)) return undefined;
      if (!inArea(incident.location, state.hydrantsOut, { place: () => undefined })) return undefined;
      return { needs: effects.dryHydrants.needs, reason: 'hydrants without pressure (power cut): water brought in' };
    },
    reactions: {
      eventEmitted(ctx, e) {
        const facts = ctx.state.facts;
        if (!facts || !foldFact(facts, e)) return;
        // Watched contingencies that hold now fire on a timer at this same time (never in the middle of another change).
        for (const entry of ctx.state.injects) {
          if (!entry.watching || entry.due || entry.status !== 'pending') continue;
          const inj = definition(ctx.state, entry.id);
          if (inj?.contingency && holdsNow(ctx, inj.contingency.when)) {
            entry.due = true;
            ctx.schedule(ctx.sim.now, `check:${entry.id}`);
          }
        }
        checkExpected(ctx);
      },
    },
    commands: {
      FIRE_INJECT: (ctx, cmd, by) => check(ctx.state, cmd.type, cmd.injectId, by) ?? (() => fire(ctx, definition(ctx.state, cmd.injectId)!, entryOf(ctx.state, cmd.injectId)!, true)),
      SKIP_INJECT: (ctx, cmd, by) => check(ctx.state, cmd.type, cmd.injectId, by) ?? (() => skip(ctx, entryOf(ctx.state, cmd.injectId)!, by.role)),
      POSTPONE_INJECTS(ctx, cmd, by) {
        const denied = controllerOnly(cmd.type, by);
        if (denied) return denied;
        const moving = ctx.state.injects.filter((e) => e.status === 'pending' && e.at !== null && e.at >= ctx.sim.now);
        if (moving.length === 0) return refuse('not-allowed-in-state', 'no pending timed inject to postpone');
        return () => {
          for (const e of moving) {
            e.at = e.at! + cmd.byMs;
            ctx.schedule(e.at, `fire:${e.id}`);
          }
          ctx.sim.emit({ type: 'INJECTS_POSTPONED', byMs: cmd.byMs, injectIds: moving.map((e) => e.id), by: by.role });
        };
      },
      ADD_INJECT(ctx, cmd, by) {
        const denied = controllerOnly(cmd.type, by);
        if (denied) return denied;
        const parsed = InjectSchema.safeParse(cmd.inject);
        if (!parsed.success) return refuse('invalid', `inject: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'inject'}: ${i.message}`).join('; ')}`);
        const raw = parsed.data;
        const id = raw.id ?? `adhoc-${ctx.state.added.length + 1}`;
        if (entryOf(ctx.state, id)) return refuse('invalid', `inject id ${id} is already used`);
        if (raw.after !== undefined && !entryOf(ctx.state, raw.after)) return refuse('not-found', `no inject ${raw.after} to follow`);
        const at = raw.at === undefined ? undefined : offsetOf(raw.at, def.startIso);
        const placeProblem = unresolvedPlace(ctx.sim, raw as unknown as ScriptInject);
        if (placeProblem) return refuse('invalid', placeProblem);
        if (!effects && needsEffectRules(raw as unknown as ScriptInject)) return refuse('invalid', `a ${raw.kind} inject cannot be played: ${NO_EFFECT_RULES}`);
        return () => {
          const { at: _at, contingency, id: _id, ...rest } = raw;
          const inj = {
            ...rest, id, ...(at !== undefined ? { at } : {}),
            ...(contingency ? { contingency: { when: contingency.when, ...(contingency.until !== undefined ? { until: offsetOf(contingency.until, def.startIso) } : {}) } } : {}),
            origin: { list: 'injects', index: -1 },
          } as ScriptInject;
          ctx.state.added.push(inj);
          if (inj.contingency && !ctx.state.facts) ctx.state.facts = emptyFacts(); // an automatic run starts reading the log now
          const planned = inj.held || inj.after !== undefined || at === undefined ? null : Math.max(at, ctx.sim.now);
          const entry: Entry = { id, status: 'pending', at: planned };
          ctx.state.injects.push(entry);
          ctx.sim.emit({ type: 'INJECT_ADDED', injectId: id, kind: inj.kind, ...(planned !== null ? { at: planned } : {}), by: by.role });
          // A team written now joins the world at once, waiting out of service like a scripted one.
          if (inj.kind === 'reinforcements') awaitTeam(ctx, inj, joinTeam(ctx.sim, inj));
          if (planned !== null) ctx.schedule(planned, `fire:${id}`);
        };
      },
      ORDER_EVACUATION(ctx, cmd, by) {
        if (by.role === 'observer') return refuse('forbidden', 'an observer may not order an evacuation');
        if (cmd.incidentId !== undefined && !ctx.sim.knowsIncident(cmd.incidentId)) return refuse('not-found', `no incident ${cmd.incidentId}`);
        return () => ctx.sim.emit({ type: 'EVACUATION_ORDERED', ...(cmd.incidentId ? { incidentId: cmd.incidentId } : {}), ...(cmd.area ? { area: cmd.area } : {}), note: cmd.note, by: by.role });
      },
    },
  };

  /** A team's units wait out of service until their inject fires, with the crew the inject declares. */
  function awaitTeam(ctx: ModelContext<InjectsState>, inj: Reinforcements, units: readonly UnitState[]): void {
    for (const u of units) {
      const crew = inj.units.find((a) => a.id === u.info.id)?.crew;
      if (crew !== undefined && crew !== u.info.type.crew) setCrew(ctx, u.info.id, crew, `${inj.team.zh} ${inj.team.en}`);
      outOfService(ctx.sim, u, `not arrived yet: ${inj.team.zh} ${inj.team.en}`);
    }
  }

  /** The unit's crew now: as a model changed it, else its type's. */
  function crewNow(state: InjectsState, unitId: string, typeCrew: number): number {
    return state.crew?.find(([u]) => u === unitId)?.[1] ?? typeCrew;
  }

  function setCrew(ctx: ModelContext<InjectsState>, unitId: string, crew: number, reason: string, injured?: number): void {
    const list = (ctx.state.crew ??= []);
    const k = list.findIndex(([u]) => u === unitId);
    if (k >= 0) list[k] = [unitId, crew]; else list.push([unitId, crew]);
    ctx.sim.emit({ type: 'CREW_CHANGED', unitId, crew, ...(injured !== undefined ? { injured } : {}), reason });
  }

  function holdsNow(ctx: ModelContext<InjectsState>, when: Condition): boolean {
    return evaluate(when, ctx.state.facts ?? emptyFacts(), worldOf(ctx.sim));
  }

  /** How far this inject was postponed (its watch window moves with it). */
  function shiftOf(inj: ScriptInject, entry: Entry): number {
    return inj.at !== undefined && entry.at !== null ? entry.at - inj.at : 0;
  }

  function check(state: InjectsState, type: 'FIRE_INJECT' | 'SKIP_INJECT', id: string, by: Actor): Refusal | undefined {
    const denied = controllerOnly(type, by);
    if (denied) return denied;
    const entry = entryOf(state, id);
    if (!entry) return refuse('not-found', `no inject ${id} in this scenario (pending: ${state.injects.filter((j) => j.status === 'pending').map((j) => j.id).join(', ') || 'none'})`);
    if (entry.status !== 'pending') return refuse('not-allowed-in-state', `inject ${id} was already ${entry.status}`);
    return undefined;
  }

  function skip(ctx: ModelContext<InjectsState>, entry: Entry, by: Actor['role'], reason?: 'condition-false' | 'condition-never-held'): void {
    entry.status = 'skipped';
    entry.watching = false;
    ctx.sim.emit({ type: 'INJECT_SKIPPED', injectId: entry.id, by, ...(reason ? { reason } : {}) });
  }

  function checkExpected(ctx: ModelContext<InjectsState>): void {
    const facts = ctx.state.facts!;
    const w = worldOf(ctx.sim);
    for (const ex of def.expected) {
      if (facts.met.includes(ex.id)) continue;
      const who = witness(ex.check, facts, w);
      if (!who) continue;
      let deadlineAt = ex.by;
      if (deadlineAt === undefined && ex.within !== undefined) {
        const ref = firstIncidentRef(ex.check);
        const inc = ref === undefined ? undefined : incidentOf(facts, ref);
        const calledAt = inc === undefined ? undefined : facts.incidents[inc]?.calledAt;
        if (calledAt !== undefined) deadlineAt = calledAt + ex.within;
      }
      const now = ctx.sim.now;
      ctx.sim.emit({
        type: 'EXPECTED_ACTION_MET', expectedId: ex.id, ...(ex.objective ? { objectiveId: ex.objective } : {}),
        ...(who.incidentId ? { incidentId: who.incidentId } : {}), by: who.by,
        ...(deadlineAt !== undefined ? { deadlineAt } : {}), onTime: deadlineAt === undefined || now <= deadlineAt,
      });
      return; // the MET event re-enters eventEmitted, which checks the rest (an expected action may depend on another)
    }
  }

  function fire(ctx: ModelContext<InjectsState>, inj: ScriptInject, entry: Entry, early: boolean): string | undefined {
    const { sim, state } = ctx;
    entry.status = 'fired';
    entry.watching = false;
    let incidentId: string | undefined;
    const makesCall = inj.kind === 'call' || (inj.kind === 'secondary' && state.facts?.injectIncident[inj.scene] !== undefined);
    sim.emit({ type: 'INJECT_FIRED', injectId: inj.id, early, ...(makesCall ? { incidentId: sim.peekIncidentId() } : {}) });
    switch (inj.kind) {
      case 'call':
        incidentId = receiveCall(sim, {
          source: 'scripted', type: inj.type, location: placeOf(sim, inj.location)!, description: inj.words ?? inj.description ?? '',
          size: inj.truth?.size, trapped: inj.truth?.trapped, reportedGrade: inj.reportedGrade, streamKey: `inject-${inj.id}`,
        }).id;
        break;
      case 'secondary': {
        const sceneId = state.facts?.injectIncident[inj.scene];
        const scene = sceneId === undefined ? undefined : (sim.incidents.get(sceneId) ?? sim.endedIncidents.get(sceneId));
        if (!scene) break; // the scene's call never came: nothing happens there
        const what = { collapse: '坍塌 collapse', explosion: '爆炸 explosion', spread: '蔓延 spread' }[inj.what];
        incidentId = receiveCall(sim, {
          source: 'scripted', type: inj.type ?? scene.trueType, location: scene.location,
          description: `${what} at ${scene.id}${inj.description ? `: ${inj.description}` : ''}`, size: inj.truth?.size, trapped: inj.truth?.trapped, streamKey: `inject-${inj.id}`,
        }).id;
        break;
      }
      case 'road-closure': {
        const area: ClosureArea | undefined = inj.road
          ? { kind: 'segment', from: placeOf(sim, inj.road.from)!, to: placeOf(sim, inj.road.to)! }
          : inj.area ? areaOf(sim, inj.area) : undefined;
        // With `lasts` the closure is timed in the core (ROAD_CLOSED carries its end, the boards show it).
        closeArea(sim, area, inj.reason, inj.closureId, inj.description ?? '', inj.lasts === undefined ? undefined : sim.now + inj.lasts);
        break;
      }
      case 'bridge-down':
        closeArea(sim, { kind: 'circle', center: placeOf(sim, inj.bridge)!, radiusM: inj.radiusM }, 'collapse', inj.closureId, inj.description ?? 'bridge down');
        break;
      case 'road-reopen':
        if (sim.closures.has(inj.closureId)) reopenRoad(sim, inj.closureId, 'scenario');
        break;
      case 'comms-outage': {
        const handler = sim.models.commandHandler('SET_COMMS_OUTAGE');
        const plan = handler?.({ type: 'SET_COMMS_OUTAGE', stationId: inj.station, on: true, note: inj.description ?? '', ...(inj.lasts !== undefined ? { durationMs: inj.lasts } : {}), ...(inj.reports ? { reports: inj.reports } : {}) }, { role: 'scenario' });
        if (typeof plan === 'function') plan();
        break;
      }
      case 'power-outage': {
        const until = inj.lasts === undefined ? null : sim.now + inj.lasts;
        state.power = [inj.id, until];
        const hydrantsArea = inj.hydrantsArea ? areaOf(sim, inj.hydrantsArea) : undefined;
        const dry: Area | undefined = hydrantsArea?.kind === 'circle' ? { circle: { center: hydrantsArea.center, radiusM: hydrantsArea.radiusM } } : hydrantsArea?.kind === 'polygon' ? { polygon: hydrantsArea.ring } : undefined;
        if (dry) state.hydrantsOut = dry; else delete state.hydrantsOut;
        sim.emit({ type: 'POWER_OUTAGE_STARTED', injectId: inj.id, handlingFactor: inj.centreHandlingFactor, ...(hydrantsArea ? { hydrantsArea } : {}), ...(until !== null ? { until } : {}) });
        if (until !== null) ctx.schedule(until, `power:${inj.id}`);
        break;
      }
      case 'unit-breakdown': {
        const u = sim.units.get(inj.unit);
        if (!u || unitStatus(u) === 'outOfService') break;
        outOfService(sim, u, `breakdown${inj.description ? `: ${inj.description}` : ''}`);
        if (inj.lasts !== undefined) {
          state.unitsBack.push([inj.unit, sim.now + inj.lasts]);
          ctx.schedule(sim.now + inj.lasts, `back:${inj.unit}`);
        }
        break;
      }
      case 'crew-injury': {
        // The injured leave with the ambulance; the unit goes on with the rest, or is withdrawn
        // when too few of its type's crew are left to work its equipment (seeds/inject-effects.yaml crewInjury).
        const u = sim.units.get(inj.unit);
        if (!u) break;
        const typeCrew = u.info.type.crew;
        const left = Math.max(0, crewNow(state, u.info.id, typeCrew) - inj.injured);
        setCrew(ctx, u.info.id, left, `crew injury: ${inj.injured} injured${inj.description ? `: ${inj.description}` : ''}`, inj.injured);
        if (left < crewToKeepWorking(effects!.crewInjury, typeCrew)) {
          if (unitStatus(u) !== 'outOfService') outOfService(sim, u, `crew injury: ${inj.injured} injured, ${left} left`);
        } else if (u.incidentId && unitStatus(u) === 'working') {
          const inc = sim.incidents.get(u.incidentId);
          if (inc) reassessIncident(sim, inc); // the rescue goes on at the smaller crew's pace
        }
        break;
      }
      case 'reinforcements': {
        const units = inj.units.map((u) => ({ id: u.id, type: u.type, ...(u.crew !== undefined ? { crew: u.crew } : {}) }));
        sim.emit({ type: 'REINFORCEMENTS_ARRIVED', injectId: inj.id, source: inj.source, team: inj.team, stagingAt: placeOf(sim, inj.stagingAt)!, units, stationId: stagingStationId(inj.id) });
        // Their units (in the world since the start, out of service) come into service where they stand.
        for (const a of units) {
          const u = sim.units.get(a.id);
          if (u && u.info.station.id === stagingStationId(inj.id) && unitStatus(u) === 'outOfService' && (u.info.type.crew === 0 || crewNow(state, a.id, u.info.type.crew) > 0)) backInService(sim, u);
        }
        break;
      }
      case 'message':
        sim.emit({ type: 'MESSAGE_SENT', injectId: inj.id, source: inj.source, text: inj.text });
        break;
      case 'hazard':
        // The hazards model (models/hazards.ts) reads this INJECT_FIRED and applies the payload;
        // without hazards in the scenario the inject is only in the log.
        break;
    }
    // Injects that follow this one start their delay now.
    for (const e of state.injects) {
      if (e.status !== 'pending' || e.at !== null) continue;
      const next = definition(state, e.id);
      if (next?.after === inj.id && !next.held) {
        e.at = sim.now + (next.delay ?? 0);
        ctx.schedule(e.at, `fire:${e.id}`);
      }
    }
    return incidentId;
  }
}

function splitTimer(name: string): [string, string] {
  const k = name.indexOf(':');
  return k < 0 ? ['fire', name] : [name.slice(0, k), name.slice(k + 1)];
}

function placeOf(sim: Simulation, p: Place): LatLon | undefined {
  return typeof p === 'string' ? sim.index.region.placeLocation(p) ?? sim.index.region.placeLocation(p.trim()) : [p[0], p[1]];
}

function areaOf(sim: Simulation, a: Area): ClosureArea {
  if ('circle' in a) return { kind: 'circle', center: placeOf(sim, a.circle.center)!, radiusM: a.circle.radiusM };
  return { kind: 'polygon', ring: a.polygon.map((p) => [p[0], p[1]] as LatLon) };
}

/** Closes the roads of an area (no road network, or no road there: nothing closes). Returns the closure id. */
function closeArea(sim: Simulation, area: ClosureArea | undefined, reason: 'flood' | 'collapse' | 'plume' | 'accident' | 'other', wantedId: string | undefined, note: string, until?: number): string | undefined {
  const { edgesIn } = sim.baseTravel;
  if (!area || !edgesIn || !sim.baseTravel.withClosedEdges) return undefined;
  if (wantedId && sim.closures.has(wantedId)) return undefined;
  const edges = edgesIn(area);
  if (edges.length === 0) return undefined;
  const id = wantedId ?? nextClosureId(sim);
  closeRoad(sim, { id, reason, area, note, edges, ...(until === undefined ? {} : { until }) }, 'scenario');
  return id;
}

/** A place of an inject written during the drill that the region does not know. */
function unresolvedPlace(sim: Simulation, inj: ScriptInject): string | undefined {
  const places: Place[] = [];
  if (inj.kind === 'call') places.push(inj.location);
  if (inj.kind === 'bridge-down') places.push(inj.bridge);
  if (inj.kind === 'reinforcements') places.push(inj.stagingAt);
  if (inj.kind === 'road-closure' && inj.road) places.push(inj.road.from, inj.road.to);
  for (const p of places) {
    const at = placeOf(sim, p);
    if (!at || !sim.index.region.cellAt(at)) return `unknown place ${JSON.stringify(p)} in region ${sim.index.region.region.id}`;
  }
  if ((inj.kind === 'unit-breakdown' || inj.kind === 'crew-injury') && !sim.units.has(inj.unit)) return `no unit ${inj.unit}`;
  if (inj.kind === 'comms-outage' && !sim.index.stations.has(inj.station)) return `no station ${inj.station}`;
  if (inj.kind === 'reinforcements') {
    // The team joins the world when written: new unit ids (once each), types of the catalogue.
    const types = new Set(sim.index.world.unitTypes.unitTypes.map((t) => t.code));
    const seen = new Set<string>();
    for (const u of inj.units) {
      if (seen.has(u.id)) return `unit id ${u.id} is listed twice in the team (expected each arriving unit once)`;
      seen.add(u.id);
      if (sim.units.has(u.id)) return `unit id ${u.id} is already a unit of the exercise (expected a new id for an arriving unit)`;
      if (!types.has(u.type)) return `unknown unit type ${u.type} of unit ${u.id} (expected one of: ${[...types].join(', ')})`;
    }
  }
  return undefined;
}

/** Puts a team written during the drill into the running world: its staging station and units. */
function joinTeam(sim: Simulation, inj: Reinforcements): UnitState[] {
  const station = teamStation(inj, sim.index.region, sim.index.world.unitTypes.unitTypes, new Set(sim.units.keys()));
  return station ? sim.addStation(station) : [];
}

/**
 * Before a snapshot is restored: the teams written during the drill (in the snapshot's script
 * state) join the freshly built world again, in the order they were written, so the units are the
 * snapshot's. Their states then come from the snapshot.
 */
export function rejoinLiveTeams(sim: Simulation, saved: unknown): void {
  const added = (saved as Partial<InjectsState> | undefined)?.added ?? [];
  for (const inj of added) if (inj.kind === 'reinforcements' && !sim.index.stations.has(stagingStationId(inj.id))) joinTeam(sim, inj);
}

/** Pending call injects in firing order (time, then file order): the classic console list. */
export function pendingInjects(sim: Simulation, def: ScriptDefinition): PendingInject[] {
  const state = sim.models.stateOf<InjectsState>(INJECTS_MODEL);
  if (!state) return [];
  const all = [...def.injects, ...state.added];
  return state.injects
    .map((e, order) => ({ e, order, inj: all.find((j) => j.id === e.id)! }))
    .filter(({ e, inj }) => e.status === 'pending' && e.at !== null && inj.kind === 'call' && !inj.contingency)
    .sort((a, b) => a.e.at! - b.e.at! || a.order - b.order)
    .map(({ e, inj }) => {
      const call = inj as Extract<ScriptInject, { kind: 'call' }>;
      return { id: e.id, at: e.at!, type: call.type, location: placeOf(sim, call.location)!, description: call.words ?? call.description ?? '' };
    });
}

/** The whole MSEL with each inject's state, for the controller console. */
export function scriptView(sim: Simulation, def: ScriptDefinition): ScriptEntryView[] {
  const state = sim.models.stateOf<InjectsState>(INJECTS_MODEL);
  if (!state) return [];
  const all = [...def.injects, ...state.added];
  const facts = state.facts ?? emptyFacts();
  const w: EvaluationWorld = {
    capabilities: (u) => sim.index.units.get(u)?.type.capabilities ?? [],
    station: (u) => sim.index.units.get(u)?.station.id,
    place: (name) => sim.index.region.placeLocation(name),
  };
  return state.injects.map((e) => {
    const inj = all.find((j) => j.id === e.id)!;
    const status = e.status === 'pending' && inj.held ? 'held' : e.status;
    return {
      id: e.id, kind: inj.kind, status, ...(e.at !== null ? { at: e.at } : {}), ...(inj.after ? { after: inj.after } : {}),
      ...(inj.description ? { description: inj.description } : {}),
      ...(inj.contingency ? { contingency: { when: inj.contingency.when, holds: evaluate(inj.contingency.when, facts, w), watching: e.watching === true, ...(inj.contingency.until !== undefined ? { until: inj.contingency.until } : {}) } } : {}),
      adHoc: inj.origin.index < 0,
      ...(e.at !== null && inj.at !== undefined && e.at !== inj.at ? { postponedMs: e.at - inj.at } : {}),
      ...(inj.kind === 'call' ? { type: inj.type, ...(inj.words ? { words: inj.words } : {}) } : {}),
      ...(inj.kind === 'secondary' && inj.type ? { type: inj.type } : {}),
      ...(inj.kind === 'message' ? { text: inj.text } : {}),
    };
  });
}
