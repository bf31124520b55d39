// How OpenStreetMap road tags become the simulator's road classes and speeds: the highway=* table,
// maxspeed parsing, and which way a street may be driven (oneway, motorways, roundabouts).
// Speeds are free-flow assumptions for a fire engine on Chinese roads; a way's maxspeed wins.
import { ROAD_CLASSES, type RoadClass } from '../road-network.ts';

export interface HighwayRule {
  cls: RoadClass;
  /** Speed for this highway value when it differs from the class default, km/h. */
  speedKmh?: number;
  /** Residential streets: the population estimate counts their length. */
  residential?: boolean;
}

/** highway=* values that are roads a fire engine can drive; anything else (footway, path, steps, cycleway, construction…) is skipped. */
export const HIGHWAY_RULES: Readonly<Record<string, HighwayRule>> = {
  motorway: { cls: 'expressway', speedKmh: 100 },
  trunk: { cls: 'expressway', speedKmh: 80 },
  motorway_link: { cls: 'ramp' },
  trunk_link: { cls: 'ramp' },
  primary_link: { cls: 'ramp', speedKmh: 35 },
  secondary_link: { cls: 'ramp', speedKmh: 30 },
  tertiary_link: { cls: 'ramp', speedKmh: 30 },
  primary: { cls: 'arterial', speedKmh: 60 },
  secondary: { cls: 'arterial' },
  tertiary: { cls: 'local', speedKmh: 40 },
  unclassified: { cls: 'local', residential: true },
  residential: { cls: 'local', residential: true },
  living_street: { cls: 'local', speedKmh: 15, residential: true },
  service: { cls: 'local', speedKmh: 20 },
  road: { cls: 'local' },
  track: { cls: 'rural', speedKmh: 20 },
};

/** Motorways are one-way per OSM convention even without an oneway tag. */
const IMPLIED_ONEWAY = new Set(['motorway', 'motorway_link']);

export type Direction = 'both' | 'forward' | 'backward';

/** Which way a way may be driven, from its tags (oneway=yes/1/true, -1/reverse, roundabouts, motorways). */
export function directionOf(tags: Readonly<Record<string, string>>): Direction {
  const oneway = tags.oneway?.trim().toLowerCase();
  if (oneway === 'yes' || oneway === '1' || oneway === 'true') return 'forward';
  if (oneway === '-1' || oneway === 'reverse') return 'backward';
  // reversible / alternating change direction by time of day: an emergency vehicle may use either way.
  if (oneway === 'no' || oneway === '0' || oneway === 'false' || oneway === 'reversible' || oneway === 'alternating') return 'both';
  const junction = tags.junction?.trim().toLowerCase();
  if (junction === 'roundabout' || junction === 'circular') return 'forward';
  if (tags.highway !== undefined && IMPLIED_ONEWAY.has(tags.highway)) return 'forward';
  return 'both';
}

/** maxspeed=* in km/h ("50", "50 km/h", "30 mph", "60;40" → first); undefined for none/walk/signals/garbage. */
export function parseMaxspeed(value: string | number | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number') return value > 0 && value < 300 ? value : undefined;
  const first = value.split(';')[0]!.trim().toLowerCase();
  const m = /^(\d+(?:\.\d+)?)\s*(km\/h|kmh|kph|mph|knots)?$/.exec(first);
  if (!m) return undefined;
  const n = Number(m[1]) * (m[2] === 'mph' ? 1.609344 : m[2] === 'knots' ? 1.852 : 1);
  return n > 0 && n < 300 ? n : undefined;
}

export function isRoadClass(v: string): v is RoadClass {
  return (ROAD_CLASSES as readonly string[]).includes(v);
}

/** A road as the graph builder sees it: class, speed (undefined = class default), direction. */
export interface RoadKind {
  cls: RoadClass;
  speedKmh: number | undefined;
  direction: Direction;
  residential: boolean;
}

/** The road kind of an OSM way, or undefined when it is not a drivable road (or is an area). */
export function roadKindOfTags(tags: Readonly<Record<string, string>>): RoadKind | undefined {
  const highway = tags.highway;
  if (highway === undefined || tags.area === 'yes') return undefined;
  const rule = HIGHWAY_RULES[highway];
  if (!rule) return undefined;
  return {
    cls: rule.cls,
    speedKmh: parseMaxspeed(tags.maxspeed) ?? rule.speedKmh,
    direction: directionOf(tags),
    residential: rule.residential ?? false,
  };
}
