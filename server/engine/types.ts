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

/** Everything the engine knows about the world, loaded and validated from seeds/. */
export interface World {
  region: Region;
  unitTypes: UnitTypeCatalogue;
  doctrine: Doctrine;
  runCards: RunCardsFile;
  models: IncidentModelsFile;
  callProfile: CallProfile;
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

/** Travel times between points for a speed class; the road network implements it later. */
export interface TravelTimeModel {
  travel(from: LatLon, to: LatLon, speedClass: SpeedClass, t: number): { seconds: number; distanceM: number };
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
  /** Defaults to great-circle distance × detour factor ÷ class speed. */
  travel?: TravelTimeModel;
  /** Defaults to none (only scripted calls and commands). */
  background?: BackgroundCallSource;
}
