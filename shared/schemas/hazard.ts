// Schemas of the hazards a drill can play (chemical releases and floods), their weather and the
// payloads of hazard injects. The scenario language imports these for its `hazards:` section, its
// weather timeline and its hazard injects; the models (server/hazards/) take the parsed values.
// Every object is strict: an unknown key is an error at its line, not silently ignored.
// Units are in the names: kg, kg/s, m, m/s, degrees, mm/h; times are offsets from the scenario start
// (DurationSchema: "90s", "45m", "1h30m", "00:05:00"; parsed to milliseconds).
import { z } from 'zod';
import { LatLonSchema } from '../geo.ts';
import { DurationSchema } from './duration.ts';
import { ScriptTimeSchema } from './scenario-time.ts';

const Id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'expected an id of letters, digits, ".", "_" or "-", e.g. hz-chlorine-1');

// ---- weather ----------------------------------------------------------------------------------

/**
 * Wind at 10 m: `fromDeg` is the direction the wind blows FROM, degrees clockwise from north
 * (meteorological convention: 270 = a west wind, the plume goes east). `speedMS` in m/s.
 */
export const WindSchema = z
  .object({
    fromDeg: z.number().min(0).max(360),
    speedMS: z.number().min(0).max(60),
  })
  .strict();
export type Wind = z.infer<typeof WindSchema>;

export const STABILITY_CLASSES = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
/** Pasquill-Gifford atmospheric stability class: A very unstable … D neutral … F moderately stable. */
export const StabilityClassSchema = z.enum(STABILITY_CLASSES);
export type StabilityClass = z.infer<typeof StabilityClassSchema>;

/** Daytime incoming solar radiation, the day columns of the Pasquill table. */
export const INSOLATIONS = ['strong', 'moderate', 'slight'] as const;
export type Insolation = (typeof INSOLATIONS)[number];

/**
 * Stability, set explicitly (`D`, or `{ class: D }`) or derived from the Pasquill (1961) table
 * (DOMAIN.md §11, server/hazards/stability.ts):
 * - `{ period: day, insolation: strong | moderate | slight }`, `{ period: day, overcast: true }` (→ D);
 * - `{ period: night, cloudOktas: 0-8 }`: > 4/8 low cloud (or thin overcast) is the first night column, ≤ 4/8 the second;
 * - `{ period: twilight }`: the hour around sunrise or sunset (→ D).
 * Derived classes use the wind speed in force at the time.
 */
export const StabilitySchema = z.union([
  StabilityClassSchema,
  z.object({ class: StabilityClassSchema }).strict(),
  z.discriminatedUnion('period', [
    z
      .object({
        period: z.literal('day'),
        insolation: z.enum(INSOLATIONS).optional(),
        /** An overcast day is class D whatever the wind. */
        overcast: z.boolean().default(false),
      })
      .strict()
      .refine((d) => d.overcast || d.insolation !== undefined, { message: 'a day needs insolation (strong, moderate or slight) or overcast: true', path: ['insolation'] }),
    z
      .object({
        period: z.literal('night'),
        /** Low cloud cover in eighths of the sky (oktas); 8 = overcast (→ D). */
        cloudOktas: z.number().int().min(0).max(8),
      })
      .strict(),
    z.object({ period: z.literal('twilight') }).strict(),
  ]),
]);
export type Stability = z.infer<typeof StabilitySchema>;

/** The weather in force from `at` on (a step of the scenario's weather timeline). */
export const WeatherPointSchema = z
  .object({
    at: DurationSchema,
    wind: WindSchema,
    /** Omitted: the previous point's stability (the first point: derived as neutral, D). */
    stability: StabilitySchema.optional(),
  })
  .strict();
export type WeatherPoint = z.infer<typeof WeatherPointSchema>;

/** The weather timeline: points in time order (each holds until the next). */
export const WeatherTimelineSchema = z
  .array(WeatherPointSchema)
  .min(1)
  .superRefine((pts, ctx) => {
    for (let i = 1; i < pts.length; i++) {
      if (pts[i]!.at <= pts[i - 1]!.at) ctx.addIssue({ code: 'custom', path: [i, 'at'], message: 'weather points must be in increasing time order (expected a later time than the previous point)' });
    }
  });

// ---- chemical release -------------------------------------------------------------------------

/**
 * What is released. Continuous: a steady rate for a duration (omitted: until a release-stop inject
 * or the end). Instantaneous: a puff of `massKg` all at once (a tank rupture). `heightM` is the
 * effective release height above ground (0 = ground level, the default).
 */
export const ReleaseSourceSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('continuous'),
      rateKgS: z.number().positive().max(10_000),
      duration: DurationSchema.optional(),
      heightM: z.number().min(0).max(500).default(0),
    })
    .strict(),
  z
    .object({
      kind: z.literal('instantaneous'),
      massKg: z.number().positive().max(10_000_000),
      heightM: z.number().min(0).max(500).default(0),
    })
    .strict(),
]);
export type ReleaseSource = z.infer<typeof ReleaseSourceSchema>;

/** ERG Table 3 container types (large spills of chlorine and ammonia go by container and wind). */
export const ERG_CONTAINERS = ['rail-tank-car', 'highway-tank-truck', 'agricultural-nurse-tank', 'multiple-small-cylinders', 'single-ton-cylinder', 'single-small-cylinder'] as const;
export type ErgContainer = (typeof ERG_CONTAINERS)[number];

/**
 * Where: a fixed site (a plant of the chemical park) or a moving accident (a tanker on the
 * expressway). `location` is [lat, lon] or a place name of the region. A vehicle's release is at
 * the place it stopped; its `container` picks the ERG Table 3 row for large spills.
 */
export const ReleaseSiteSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('fixed'),
      location: z.union([LatLonSchema, z.string().min(1)]),
      name: z.string().min(1).optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('vehicle'),
      location: z.union([LatLonSchema, z.string().min(1)]),
      container: z.enum(ERG_CONTAINERS).default('highway-tank-truck'),
      name: z.string().min(1).optional(),
    })
    .strict(),
]);
export type ReleaseSite = z.infer<typeof ReleaseSiteSchema>;

/** Dispersion coefficients: Briggs open country or urban; `auto` = by the land use of the cell at the source. */
export const TERRAIN_KINDS = ['auto', 'rural', 'urban'] as const;
export type TerrainKind = (typeof TERRAIN_KINDS)[number];

export const ChemicalReleaseSchema = z
  .object({
    kind: z.literal('chemical-release'),
    id: Id,
    /** When the release starts, written like an inject's time (`T+05:00`, `90s`, a date-time); omitted: only when a release-start inject fires. */
    at: ScriptTimeSchema.optional(),
    /** A substance id of seeds/substances.yaml (chlorine, ammonia, …). */
    substance: z.string().min(1),
    source: ReleaseSourceSchema,
    site: ReleaseSiteSchema,
    /** ERG spill size: small ≤ 208 L (a drum), large above. */
    spill: z.enum(['small', 'large']).default('large'),
    terrain: z.enum(TERRAIN_KINDS).default('auto'),
    /** The release's own wind and stability; omitted: the scenario's weather timeline. */
    wind: WindSchema.optional(),
    stability: StabilitySchema.optional(),
  })
  .strict();
export type ChemicalRelease = z.infer<typeof ChemicalReleaseSchema>;

// ---- flood ------------------------------------------------------------------------------------

/** A gauge reading: water level in metres above the river datum (the river's normal level) at `at`. */
export const GaugeReadingSchema = z
  .object({
    at: DurationSchema,
    levelM: z.number().min(-5).max(30),
  })
  .strict();
export type GaugeReading = z.infer<typeof GaugeReadingSchema>;

/** Rain over the catchment from `at` on, mm/h (holds until the next point; 0 = rain stopped). */
export const RainPointSchema = z
  .object({
    at: DurationSchema,
    intensityMmH: z.number().min(0).max(300),
  })
  .strict();
export type RainPoint = z.infer<typeof RainPointSchema>;

const increasing = <T extends { at: number }>(what: string) => (pts: T[], ctx: z.RefinementCtx) => {
  for (let i = 1; i < pts.length; i++) {
    if (pts[i]!.at <= pts[i - 1]!.at) ctx.addIssue({ code: 'custom', path: [i, 'at'], message: `${what} must be in increasing time order (expected a later time than the previous one)` });
  }
};

/**
 * How the water level evolves. `gauge`: the readings, linear between them; after the last one the
 * level recedes at `recessionMPerH` towards 0 (the normal level). `rain`: a rain series drives the
 * level through the linear-reservoir model of server/hazards/flood-level.ts (`riseMPerMmH`: metres
 * of rise at steady state per mm/h of rain; `recessionHours`: the time constant of rise and recession).
 */
export const WaterLevelSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('gauge'),
      readings: z.array(GaugeReadingSchema).min(1).superRefine(increasing('gauge readings')),
      recessionMPerH: z.number().min(0).max(5).default(0.2),
    })
    .strict(),
  z
    .object({
      kind: z.literal('rain'),
      rain: z.array(RainPointSchema).min(1).superRefine(increasing('rain points')),
      riseMPerMmH: z.number().positive().max(1).default(0.02),
      recessionHours: z.number().positive().max(240).default(6),
    })
    .strict(),
]);
export type WaterLevel = z.infer<typeof WaterLevelSchema>;

export const FloodSchema = z
  .object({
    kind: z.literal('flood'),
    id: Id,
    /** When the flood model starts, written like an inject's time (`T+05:00`, `90s`, a date-time); omitted: at the scenario start. */
    at: ScriptTimeSchema.optional(),
    level: WaterLevelSchema,
    /** Roads close where the water is deeper than this (m); cars float from about 0.3-0.6 m. */
    roadClosureDepthM: z.number().positive().max(5).default(0.3),
    /** Which water cells the level applies to: `river` (cells along the river) or `all` (river and reservoir). */
    waters: z.enum(['river', 'all']).default('river'),
  })
  .strict();
export type Flood = z.infer<typeof FloodSchema>;

/** A hazard of a scenario's `hazards:` list. */
export const HazardSchema = z.discriminatedUnion('kind', [ChemicalReleaseSchema, FloodSchema]);
export type Hazard = z.infer<typeof HazardSchema>;
export type HazardInput = z.input<typeof HazardSchema>;

// ---- inject payloads --------------------------------------------------------------------------

/** Start a declared release now (or restart a stopped one), optionally overriding its source. */
export const ReleaseStartPayloadSchema = z
  .object({
    hazardId: Id,
    source: ReleaseSourceSchema.optional(),
  })
  .strict();
export type ReleaseStartPayload = z.infer<typeof ReleaseStartPayloadSchema>;

/** Stop a continuous release (the leak sealed): the plume then blows away downwind. */
export const ReleaseStopPayloadSchema = z.object({ hazardId: Id }).strict();
export type ReleaseStopPayload = z.infer<typeof ReleaseStopPayloadSchema>;

/** The wind changes (scripted or by the controller); the zones re-orient instantly (README). */
export const WindShiftPayloadSchema = z
  .object({
    wind: WindSchema,
    stability: StabilitySchema.optional(),
  })
  .strict();
export type WindShiftPayload = z.infer<typeof WindShiftPayloadSchema>;

/** The controller sets the water level (m above the river datum) or moves it by `deltaM`. */
export const WaterLevelChangePayloadSchema = z
  .object({
    hazardId: Id,
    levelM: z.number().min(-5).max(30).optional(),
    deltaM: z.number().min(-30).max(30).optional(),
  })
  .strict()
  .refine((p) => (p.levelM === undefined) !== (p.deltaM === undefined), { message: 'give exactly one of levelM or deltaM', path: ['levelM'] });
export type WaterLevelChangePayload = z.infer<typeof WaterLevelChangePayloadSchema>;

/** Discriminated hazard inject payloads, as a scenario's inject list or a controller command carries them. */
export const HazardInjectSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('release-start'), ...ReleaseStartPayloadSchema.shape }).strict(),
  z.object({ action: z.literal('release-stop'), ...ReleaseStopPayloadSchema.shape }).strict(),
  z.object({ action: z.literal('wind-shift'), ...WindShiftPayloadSchema.shape }).strict(),
  z
    .object({ action: z.literal('water-level'), hazardId: Id, levelM: z.number().min(-5).max(30).optional(), deltaM: z.number().min(-30).max(30).optional() })
    .strict()
    .refine((p) => (p.levelM === undefined) !== (p.deltaM === undefined), { message: 'give exactly one of levelM or deltaM', path: ['levelM'] }),
]);
export type HazardInject = z.infer<typeof HazardInjectSchema>;
