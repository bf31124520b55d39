// The engine's public contract: what it needs (the world, a scenario, a seed, travel times, a
// background call source, extra models) and what it offers (commands in, domain events out, a
// read-only view, its canonical state and digest, snapshots). The ports (World, TravelTimeModel,
// Rng, …) are the kernel's (kernel/ports.ts), re-exported here for callers outside the engine.
import type { Scenario } from '../../shared/schemas/scenario.ts';
import type { LatLon } from '../../shared/geo.ts';
import type { IncidentType } from '../../shared/domain/incident-types.ts';
import type { EngineSnapshot } from './snapshot.ts';
import type { BackgroundCallSource, TravelTimeModel, World } from './kernel/ports.ts';
import type { EngineModel } from './kernel/model.ts';
import type { Closure } from './kernel/closure.ts';

export type { World, Rng, Course, NodePath, TravelTimeModel, TravelModelFactory, TravelModelOptions, BackgroundCall, BackgroundCallSource } from './kernel/ports.ts';
export type { EngineModel, ModelContext } from './kernel/model.ts';

export interface EngineConfig {
  world: World;
  scenario: Scenario;
  /** Overrides scenario.seed. */
  seed?: number;
  /**
   * Defaults to the world's travel model (`world.travelModel`, e.g. the road network's, attached by
   * loadWorld; speeds by time of day from the scenario's start), else great-circle distance ×
   * detour factor ÷ class speed.
   */
  travel?: TravelTimeModel;
  /** Defaults to none (only scripted calls and commands). */
  background?: BackgroundCallSource;
  /**
   * More models that change the world over time (hazards, …), registered after the built-in ones
   * (inject schedule, background calls, comms outages) in this order. See server/engine/README.md.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each model has its own state type
  models?: readonly EngineModel<any>[];
  /**
   * Resume from this snapshot (Engine.snapshot() of an engine with the same world, scenario, seed
   * and background source, possibly JSON round-tripped) instead of starting fresh. Throws when it
   * does not fit or does not reproduce its digest.
   */
  restore?: EngineSnapshot;
  /**
   * SHA-256 (hex) of a string's UTF-8 bytes, for digest(): the engine's own plain-TypeScript one by
   * default; a host may hand in a native one (the server: node:crypto, ~10× faster on the state of a
   * long exercise). Same function, same digests: only the speed differs.
   */
  sha256?: (text: string) => string;
}

import type { Command, Actor, CommandResult } from '../../shared/commands.ts';
import type { DomainEvent, Leg } from '../../shared/events.ts';
import type { Mode } from '../../shared/schemas/scenario.ts';

import type { UnitStatus } from '../../shared/domain/status.ts';
import type { IncidentSummary } from '../../shared/board-state.ts';
import type { ScriptEntryView } from '../../shared/drill/script-entry.ts';
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

export type { ScriptEntryView };

/** A closure as the engine's view shows it: the edges it closes counted, not listed. */
export interface ClosureView extends Omit<Closure, 'edges'> {
  closedEdges: number;
}

export interface UnitEta {
  unitId: string;
  etaSec: number | null;
  orderable: boolean;
}

export interface EngineView {
  now: number;
  mode: Mode;
  /** Open incidents, and ended ones still referred to; an ended incident nothing refers to is in the log only. */
  incidents: IncidentView[];
  units: UnitView[];
  /** Pending injects, in firing order. */
  injects: PendingInject[];
  /** The whole inject timeline with each inject's state (controller only). */
  script: ScriptEntryView[];
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
  /**
   * What the dispatch order would say for these units (turnout from the station, then the drive from
   * where each is now): ETA in seconds, null when no open road leads there; whether its station can
   * be given orders. Reads only. Undefined for an unknown incident; unknown units are left out.
   */
  etas(incidentId: string, unitIds: readonly string[]): UnitEta[] | undefined;
  view(): EngineView;
  /** The whole state (clock, queue, PRNG, incidents, units, models) as canonical JSON: equal strings ⇔ equal states. */
  canonicalState(): string;
  /** SHA-256 (hex) of canonicalState(): equal digests ⇔ equal states. */
  digest(): string;
  /**
   * The whole state as a plain JSON-serialisable object; createEngine({ ...config, restore }) makes
   * an engine that continues exactly as this one would. Take it between calls, not during one.
   */
  snapshot(): EngineSnapshot;
}
