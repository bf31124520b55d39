// The kernel's ports: what the engine is handed from outside and reaches only through these
// interfaces. The world (validated seed data, built by server/scenario/load-world.ts), the travel
// model (built outside the engine: the road network's model from server/geo, or the great-circle
// model of kernel/great-circle-travel.ts), the PRNG, and the background call source
// (server/scenario/call-generator.ts). Types only: nothing here runs.
import type { Region } from '../../../shared/schemas/region.ts';
import type { UnitTypeCatalogue } from '../../../shared/schemas/unit-types.ts';
import type { Doctrine } from '../../../shared/schemas/doctrine.ts';
import type { RunCardsFile } from '../../../shared/schemas/run-cards.ts';
import type { IncidentModelsFile } from '../../../shared/schemas/incident-models.ts';
import type { CallProfile } from '../../../shared/schemas/scenario.ts';
import type { LatLon } from '../../../shared/geo.ts';
import type { IncidentType } from '../../../shared/domain/incident-types.ts';
import type { SpeedClass } from '../../../shared/domain/forces.ts';
import type { ClosureArea } from '../../../shared/events.ts';
import type { RoadNetwork } from '../../geo/road-network.ts';
import type { InjectEffectRules } from '../../../shared/schemas/inject-effects.ts';

/** Everything the engine knows about the world, loaded and validated from seeds/. */
export interface World {
  region: Region;
  unitTypes: UnitTypeCatalogue;
  doctrine: Doctrine;
  runCards: RunCardsFile;
  models: IncidentModelsFile;
  callProfile: CallProfile;
  /**
   * What drill injects do to the world (seeds/inject-effects.yaml: crew-injury withdrawal, dry
   * hydrants). Without it a script's crew-injury and dry-hydrant injects are refused.
   */
  injectEffects?: InjectEffectRules;
  /** The region's road network, built outside the engine (loadWorld); the board's map and coverage read it. */
  roads?: RoadNetwork;
  /**
   * Builds the travel model the engine drives on (loadWorld attaches the road network's when it
   * loads roads). Without it, and without EngineConfig.travel, travel is great-circle.
   */
  travelModel?: TravelModelFactory;
}

/** What a travel model needs to know of an exercise: the local time of day at sim time 0. */
export interface TravelModelOptions {
  /** ms since local midnight at t = 0 (traffic factors by time of day). */
  startLocalMs: number;
}

export type TravelModelFactory = (opts: TravelModelOptions) => TravelTimeModel;

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
  /**
   * Road models may keep the path as road nodes, `path` being made from them only when read: legs
   * are made from these (kernel/course.ts legOf) without it.
   */
  nodePath?: NodePath;
}

/**
 * A path as road nodes: `from`, then the node nodes[i] for each i, then `to`. Shared, read-only, by
 * the courses that drive it. `units` holds the network's positions by node in track units
 * (shared/leg-track.ts toTrackUnits), made once per network: node v's latitude at 2v, longitude at 2v + 1.
 */
export interface NodePath {
  readonly from: LatLon;
  readonly to: LatLon;
  readonly nodes: readonly number[];
  readonly units: Int32Array;
  /**
   * The network's roads simplified once, between junctions, as legs draw them: kept[v] is 1 for a
   * junction and for each road point Douglas–Peucker keeps on its road (SIMPLIFY_M), 0 for a point
   * a leg may leave out. Made once per network.
   */
  readonly kept: Uint8Array;
  /** path[i] without making the whole path (a node's position is one shared object). */
  position(i: number): LatLon;
}

/**
 * Travel times between points for a speed class at sim time `t` (ms; a model may make speeds
 * depend on the time of day). Great-circle without roads; the road network model implements the
 * optional road members (closures, reachability).
 */
export interface TravelTimeModel {
  /** Seconds Infinity when `to` cannot be reached from `from`. */
  travel(from: LatLon, to: LatLon, speedClass: SpeedClass, t: number): { seconds: number; distanceM: number };
  /** travel()'s seconds alone, when the model answers them cheaper than the whole drive (no distance, nothing allocated). */
  travelSeconds?(from: LatLon, to: LatLon, speedClass: SpeedClass, t: number): number;
  /**
   * travel()'s seconds if they are at most `maxSeconds` (the search stops there), else undefined
   * (further, or unreachable). Lets a recommendation skip far units cheaply.
   */
  travelWithin?(from: LatLon, to: LatLon, speedClass: SpeedClass, t: number, maxSeconds: number): number | undefined;
  /** A lower bound of travel()'s seconds, cheap to compute (no search). */
  minSeconds?(from: LatLon, to: LatLon, speedClass: SpeedClass): number;
  /**
   * Seconds a metre of great-circle distance takes at least, whatever the road and the hour:
   * minSeconds is that distance times this. A caller that knows a lower bound of the distance more
   * cheaply (the unit search: chords between places turned into vectors once) bounds drives with it.
   */
  minSecondsPerMetre?(speedClass: SpeedClass): number;
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
