// The plug-in point for models that change the world over time (a hazard, the inject schedule, the
// background call generator, communications outages). A model registers once, with:
// - its state: plain JSON data (objects, arrays, strings, finite numbers, booleans, null), created
//   by `initialState()`; the canonical state, the digest, snapshots and restore include it by
//   construction (the facade iterates the registered models);
// - its timers, named by the model's own ids (`ctx.schedule(at, name)` → `onTimer(ctx, name)`);
// - its command handlers (check first, then return a plan or a refusal, like the core's);
// - its reactions to engine happenings (kernel/happenings.ts);
// - optional queries the core asks (`cutsStation`: orders cannot reach this station; `approachPoint`:
//   where a unit stops instead of a place it may not enter, e.g. upwind of a plume; `awaitedTeam`:
//   a reinforcement team's units are not here yet).
// A model reads and changes its state only through `ctx.state` (restore replaces the object).
// See server/engine/README.md for a worked example.
import { CONTROL_ROLES, type Actor, type Command, type CommandErrorCode } from '../../../shared/commands.ts';
import type { Happenings } from './happenings.ts';
import type { LatLon } from '../../../shared/geo.ts';
import type { RunCardNeed } from '../../../shared/schemas/run-cards.ts';
import type { IncidentType } from '../../../shared/domain/incident-types.ts';
import type { Capability } from '../../../shared/domain/forces.ts';
import type { Simulation } from './simulation.ts';
import type { DomainEvent } from '../../../shared/events.ts';

export interface Refusal { code: CommandErrorCode; message: string }
/** A checked command: run it to make the change; it may return the id of a new incident. */
export type Plan = () => string | void;
export const refuse = (code: CommandErrorCode, message: string): Refusal => ({ code, message });
export const isRefusal = (x: unknown): x is Refusal => typeof x === 'object' && x !== null && 'code' in x && 'message' in x;

/** Closing roads, cutting comms, firing injects play the world: the exercise controller's (导调) part. */
export function controllerOnly(type: Command['type'], by: Actor): Refusal | undefined {
  if (CONTROL_ROLES.includes(by.role)) return undefined;
  return refuse('forbidden', `${type} is the exercise controller's (导调) command; a ${by.role} may not give it`);
}

export interface ModelContext<S> {
  readonly sim: Simulation;
  /** The model's state as it is now (replaced on restore: do not keep it across calls). */
  readonly state: S;
  /** Schedules this model's timer `name` at sim time `at` (not before now). */
  schedule(at: number, name: string): void;
}

type CommandOf<K extends Command['type']> = Extract<Command, { type: K }>;
export type ModelCommandHandlers<S> = { [K in Command['type']]?: (ctx: ModelContext<S>, cmd: CommandOf<K>, by: Actor) => Plan | Refusal };
export type ModelReactions<S> = { [K in keyof Happenings]?: (ctx: ModelContext<S>, ...args: Parameters<Happenings[K]>) => void };

export interface EngineModel<S = unknown> {
  /** Stable id: names the model's state in snapshots and its timers on the queue. */
  readonly id: string;
  initialState(): S;
  /** At engine start (after SIMULATION_STARTED): schedule the first timers. Not called on restore. */
  start?(ctx: ModelContext<S>): void;
  onTimer?(ctx: ModelContext<S>, name: string): void;
  commands?: ModelCommandHandlers<S>;
  reactions?: ModelReactions<S>;
  /** Orders cannot reach this station now (its units cannot be dispatched). */
  cutsStation?(state: S, stationId: string): boolean;
  /** The team (its name) whose staging station this is, while it has not arrived: its units wait out of service. */
  awaitedTeam?(state: S, stationId: string): string | undefined;
  /** Needs an incident has now on top of its run card (a hazard around it), and why. */
  extraNeeds?(state: S, incident: { id: string; location: LatLon; type?: IncidentType }): ExtraNeeds | undefined;
  /** Firefighters riding the unit now when not its type's crew (reduced staffing, injuries); undefined: the type's. */
  crewOf?(state: S, unitId: string): number | undefined;
  /** Call handling (answer and processing) takes this many times longer now (the centre on backup power); 1: normal. */
  callHandlingFactor?(state: S): number;
  /**
   * Where a unit of these capabilities sent to `to` drives instead (a crew without protection stops
   * at a staging point outside a plume's hot and warm zones); undefined: `to` itself.
   */
  approachPoint?(state: S, capabilities: readonly Capability[], to: LatLon): LatLon | undefined;
}

/** Run-card needs a model adds to an incident, with the reason the recommendation gives. */
export interface ExtraNeeds { needs: RunCardNeed[]; reason: string }

interface Entry { model: EngineModel<unknown>; state: unknown; ctx: ModelContext<unknown> }
type Reaction = (ctx: ModelContext<unknown>, ...args: unknown[]) => void;
/** One model's reaction to one happening, with the context it is called with. */
interface Reactor { ctx: ModelContext<unknown>; reaction: Reaction }

/** The models registered with one simulation, in registration order (which is also the order of their reactions). */
export class ModelRegistry {
  private readonly entries = new Map<string, Entry>();
  private cutters: Entry[] = [];
  private awaiters: Entry[] = [];
  private needers: Entry[] = [];
  private crewers: Entry[] = [];
  private slowers: Entry[] = [];
  private approachers: Entry[] = [];
  /**
   * The reactions to each happening, in registration order, gathered once: `eventEmitted` runs for
   * every event of the log (~700,000 a metropolitan year), so it must not look the reaction up in
   * every model or allocate an iterator and an argument array each time.
   */
  private readonly reactors = new Map<keyof Happenings, Reactor[]>();
  private emittedReactors: Reactor[] = [];

  constructor(private readonly sim: Simulation) {}

  register<S>(model: EngineModel<S>): void {
    if (this.entries.has(model.id)) throw new Error(`engine model ${model.id} is registered twice`);
    const sim = this.sim;
    const entry = { model, state: model.initialState() } as Entry;
    entry.ctx = {
      sim,
      get state() { return entry.state; },
      schedule: (at, name) => sim.schedule(at, { kind: 'model', model: model.id, name }),
    };
    this.entries.set(model.id, entry);
    if (model.cutsStation) this.cutters.push(entry);
    if (model.awaitedTeam) this.awaiters.push(entry);
    if (model.extraNeeds) this.needers.push(entry);
    if (model.crewOf) this.crewers.push(entry);
    if (model.callHandlingFactor) this.slowers.push(entry);
    if (model.approachPoint) this.approachers.push(entry);
    for (const [name, reaction] of Object.entries(model.reactions ?? {}) as [keyof Happenings, Reaction | undefined][]) {
      if (!reaction) continue;
      let list = this.reactors.get(name);
      if (!list) this.reactors.set(name, (list = []));
      list.push({ ctx: entry.ctx, reaction });
    }
    this.emittedReactors = this.reactors.get('eventEmitted') ?? [];
  }

  ids(): string[] { return [...this.entries.keys()]; }

  /** The state of a model by id (for views); undefined when no such model is registered. */
  stateOf<S>(id: string): S | undefined { return this.entries.get(id)?.state as S | undefined; }

  /** Every model's state, in registration order (canonical state and snapshots). */
  states(): [id: string, state: unknown][] { return [...this.entries].map(([id, e]) => [id, e.state]); }

  /** Replaces a model's state (restore). */
  setState(id: string, state: unknown): void {
    const e = this.entries.get(id);
    if (!e) throw new Error(`engine model ${id} is not registered`);
    e.state = state;
  }

  start(): void { for (const e of this.entries.values()) e.model.start?.(e.ctx); }

  fire(model: string, name: string): void {
    const e = this.entries.get(model);
    if (!e?.model.onTimer) throw new Error(`timer ${name} of engine model ${model}, which is not registered or has no timers`);
    e.model.onTimer(e.ctx, name);
  }

  /** The handler a model registered for this command type, bound to its context. */
  commandHandler(type: Command['type']): ((cmd: Command, by: Actor) => Plan | Refusal) | undefined {
    for (const e of this.entries.values()) {
      const h = (e.model.commands as Record<string, ((ctx: ModelContext<unknown>, cmd: Command, by: Actor) => Plan | Refusal) | undefined> | undefined)?.[type];
      if (h) return (cmd, by) => h(e.ctx, cmd, by);
    }
    return undefined;
  }

  /** Calls every model's reaction to a happening, in registration order. */
  react<K extends keyof Happenings>(name: K, ...args: Parameters<Happenings[K]>): void {
    const list = this.reactors.get(name);
    if (list) for (const r of list) r.reaction(r.ctx, ...args);
  }

  /** react('eventEmitted', event) without the generic path's argument array (it runs for every event). */
  eventEmitted(event: DomainEvent): void {
    const list = this.emittedReactors;
    for (let i = 0; i < list.length; i++) list[i]!.reaction(list[i]!.ctx, event);
  }

  /** The needs every model adds to an incident now (none: undefined), reasons joined. */
  extraNeeds(incident: { id: string; location: LatLon; type?: IncidentType }): ExtraNeeds | undefined {
    let out: ExtraNeeds | undefined;
    for (const e of this.needers) {
      const x = e.model.extraNeeds!(e.state, incident);
      if (!x) continue;
      out = out ? { needs: [...out.needs, ...x.needs], reason: `${out.reason}; ${x.reason}` } : x;
    }
    return out;
  }

  /** The unit's crew when a model changed it (the first model that knows), else undefined: its type's. */
  crewOf(unitId: string): number | undefined {
    for (const e of this.crewers) {
      const c = e.model.crewOf!(e.state, unitId);
      if (c !== undefined) return c;
    }
    return undefined;
  }

  /** How many times longer call handling takes now (the product over the models); 1 when none slows it. */
  callHandlingFactor(): number {
    let f = 1;
    for (const e of this.slowers) f *= e.model.callHandlingFactor!(e.state);
    return f;
  }

  /** Some model may send a unit elsewhere than where it is sent (approachPoint); without one, every unit goes there. */
  get approaching(): boolean {
    return this.approachers.length > 0;
  }

  /** Where a unit of these capabilities sent to `to` goes instead (the first model that says), or `to`. */
  approachPoint(capabilities: readonly Capability[], to: LatLon): LatLon {
    for (const e of this.approachers) {
      const p = e.model.approachPoint!(e.state, capabilities, to);
      if (p) return p;
    }
    return to;
  }

  cutsStation(stationId: string): boolean {
    for (const e of this.cutters) if (e.model.cutsStation!(e.state, stationId)) return true;
    return false;
  }

  awaitedTeam(stationId: string): string | undefined {
    for (const e of this.awaiters) {
      const team = e.model.awaitedTeam!(e.state, stationId);
      if (team) return team;
    }
    return undefined;
  }
}
