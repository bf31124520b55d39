// The engine's public contract: what it needs (the world, a scenario, a seed, travel times, a
// background call source) and what it offers (commands in, domain events out, a read-only view).
import type { Region } from '../../shared/schemas/region.ts';
import type { UnitTypeCatalogue } from '../../shared/schemas/unit-types.ts';
import type { Doctrine } from '../../shared/schemas/doctrine.ts';
import type { RunCardsFile } from '../../shared/schemas/run-cards.ts';
import type { IncidentModelsFile } from '../../shared/schemas/incident-models.ts';
import type { CallProfile, Scenario } from '../../shared/schemas/scenario.ts';
import type { LatLon } from '../../shared/geo.ts';
import type { IncidentType } from '../../shared/domain/incident-types.ts';
import type { SpeedClass } from '../../shared/domain/forces.ts';
import type { ClosureArea, ClosureReason } from '../../shared/events.ts';
import type { RoadNetwork } from '../geo/road-network.ts';
import type { EngineSnapshot } from './snapshot.ts';

/** Everything the engine knows about the world, loaded and validated from seeds/. */
export interface World {
  region: Region;
  unitTypes: UnitTypeCatalogue;
  doctrine: Doctrine;
  runCards: RunCardsFile;
  models: IncidentModelsFile;
  callProfile: CallProfile;
  /** The region's road network, built outside the engine (loadWorld); without it travel is great-circle. */
  roads?: RoadNetwork;
}

/** Seeded PRNG; its state is part of the engine state. */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [0, n). */
  int(n: number): number;
  /** Exponential with this mean. */
  exp(mean: number): number;
  /** Standard normal. */
  normal(): number;
  logNormal(median: number, sigma: number): number;
  poisson(mean: number): number;
  /** Copy of the internal state (serialisable). */
  getState(): number[];
}

/**
 * A drive planned by a travel model, at full resolution: the path from the start to the
 * destination and the seconds after departure at which each vertex is passed. The engine turns it
 * into a (simplified) Leg for the log and keeps it to re-route the unit if roads close.
 */
export interface Course {
  /** Infinity when the destination cannot be reached (then `path` is just the start). */
  seconds: number;
  distanceM: number;
  path: LatLon[];
  /** Seconds after departure at each vertex of `path` (non-decreasing; the last is `seconds`). */
  offsets: number[];
  /** Road models: the road edges driven; edges[i] leads from path[roadFrom + i] to path[roadFrom + i + 1]. */
  edges?: readonly number[];
  roadFrom?: number;
}

/**
 * Travel times between points for a speed class at sim time `t` (ms; a model may make speeds
 * depend on the time of day). Great-circle without roads; the road network model implements the
 * optional road members (closures, reachability).
 */
export interface TravelTimeModel {
  /** Seconds Infinity when `to` cannot be reached from `from`. */
  travel(from: LatLon, to: LatLon, speedClass: SpeedClass, t: number): { seconds: number; distanceM: number };
  /**
   * travel()'s seconds if they are at most `maxSeconds` (the search stops there), else undefined
   * (further, or unreachable). Lets a recommendation skip far units cheaply.
   */
  travelWithin?(from: LatLon, to: LatLon, speedClass: SpeedClass, t: number, maxSeconds: number): number | undefined;
  /** A lower bound of travel()'s seconds, cheap to compute (no search). */
  minSeconds?(from: LatLon, to: LatLon, speedClass: SpeedClass): number;
  /** The same drive with its path; `seconds` equals travel()'s exactly. */
  route(from: LatLon, to: LatLon, speedClass: SpeedClass, t: number): Course;
  /** Road models: the directed road edges a closure area covers (edge ids, ascending). */
  edgesIn?(area: ClosureArea): number[];
  /** Road models: the same network with these edges closed (a new model; this one is unchanged). */
  withClosedEdges?(edges: Iterable<number>): TravelTimeModel;
  /** Road models: is this edge closed in this model? */
  isClosed?(edge: number): boolean;
  /** Road models: the place cannot be reached from most of the network (cut off by closures). */
  isolated?(p: LatLon): boolean;
}

export interface BackgroundCall {
  at: number;
  location: LatLon;
  incidentType: IncidentType;
}

/** Source of background calls: a non-homogeneous Poisson process over the region. */
export interface BackgroundCallSource {
  /** The next call strictly after `after` (sim ms), or undefined if none falls before `until`. */
  next(rng: Rng, after: number, until: number): BackgroundCall | undefined;
}

export interface EngineConfig {
  world: World;
  scenario: Scenario;
  /** Overrides scenario.seed. */
  seed?: number;
  /**
   * Defaults to the road network model when `world.roads` is there (speeds by time of day from the
   * scenario's start), else great-circle distance × detour factor ÷ class speed.
   */
  travel?: TravelTimeModel;
  /** Defaults to none (only scripted calls and commands). */
  background?: BackgroundCallSource;
  /**
   * Resume from this snapshot (Engine.snapshot() of an engine with the same world, scenario, seed
   * and background source, possibly JSON round-tripped) instead of starting fresh. Throws when it
   * does not fit or does not reproduce its digest.
   */
  restore?: EngineSnapshot;
}

import type { Command, Actor, CommandResult } from '../../shared/commands.ts';
import type { DomainEvent, Leg } from '../../shared/events.ts';
import type { Mode } from '../../shared/schemas/scenario.ts';

import type { UnitStatus } from '../../shared/domain/status.ts';
import type { IncidentSummary } from '../../shared/board-state.ts';
export { UNIT_STATUSES, INCIDENT_STATUSES, type UnitStatus, type IncidentStatus } from '../../shared/domain/status.ts';

export interface UnitView {
  id: string;
  stationId: string;
  type: string;
  status: UnitStatus;
  incidentId?: string;
  position: LatLon;
  leg?: Leg;
}

/** The engine's view of an incident is what every screen shows (shared with the board's fold). */
export type IncidentView = IncidentSummary;

export type { Recommendation, RecommendedUnit } from '../../shared/recommendation.ts';
import type { Recommendation } from '../../shared/recommendation.ts';

/** A scripted call of the scenario not fired or skipped yet: the controller console lists them. */
export interface PendingInject {
  id: string;
  /** Sim ms at which it fires by itself. */
  at: number;
  type: IncidentType;
  location: LatLon;
  description: string;
}

export interface ClosureView {
  id: string;
  reason: ClosureReason;
  area: ClosureArea;
  note: string;
  closedAt: number;
  closedEdges: number;
}

export interface EngineView {
  now: number;
  mode: Mode;
  incidents: IncidentView[];
  units: UnitView[];
  /** Pending injects, in firing order. */
  injects: PendingInject[];
  closures: ClosureView[];
  /** Stations whose communications are cut. */
  commsOut: string[];
}

/** The deterministic simulation: commands in, domain events out. No I/O, no wall clock. */
export interface Engine {
  readonly now: number;
  readonly endsAt: number;
  readonly seed: number;
  /** Emits SIMULATION_STARTED and schedules scripted and background calls. Call once, first. */
  start(): DomainEvent[];
  /** Applies a command at the current sim time; refused commands change nothing. */
  apply(command: Command, by: Actor): { result: CommandResult; events: DomainEvent[] };
  /** Processes every scheduled happening with time ≤ t and moves the clock to t. */
  advanceTo(t: number): DomainEvent[];
  /** Sim time of the next scheduled happening, if any. */
  nextEventAt(): number | undefined;
  recommend(incidentId: string): Recommendation | undefined;
  view(): EngineView;
  /** Canonical JSON of the whole state (clock, queue, PRNG, incidents, units): equal digests ⇔ equal states. */
  digest(): string;
  /**
   * The whole state as a plain JSON-serialisable object; createEngine({ ...config, restore }) makes
   * an engine that continues exactly as this one would. Take it between calls, not during one.
   */
  snapshot(): EngineSnapshot;
}
