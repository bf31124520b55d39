// Schema of seeds/coverage.yaml (which forces count for the "5-minute circle" figures, their targets,
// how finely population is sampled) and the shapes of what the coverage tools return: isochrone bands
// as GeoJSON, coverage figures with their gaps, and what-if comparisons. Shared so the board can draw
// and read them without importing server code.
import { z } from 'zod';
import { ForceKindSchema, SPEED_CLASSES } from '../domain/forces.ts';
import { LAND_USES } from './region.ts';

const MeasureSchema = z.object({
  nameZh: z.string().min(1),
  nameEn: z.string().min(1),
  /** Force kinds whose stations count for this figure. */
  kinds: z.array(ForceKindSchema).min(1),
  /** Dispatch order → on scene, minutes (turnout included when `turnoutIncluded`). */
  targetMinutes: z.number().positive().max(120),
});
export type CoverageMeasureConfig = z.infer<typeof MeasureSchema>;

/** The three fixed figures: national/professional stations, micro stations, township teams. */
export const COVERAGE_MEASURES = ['station', 'micro', 'township'] as const;
export type CoverageMeasureId = (typeof COVERAGE_MEASURES)[number];

export const CoverageConfigSchema = z.object({
  /** Samples per side of a population cell (4 → a 250 m sub-grid in 1 km cells). */
  samplesPerCellSide: z.number().int().min(1).max(20),
  /** Speed class of the first-response vehicle whose travel is timed. */
  speedClass: z.enum(SPEED_CLASSES).exclude(['on-foot']),
  /** Add the doctrine turnout of each station's kind to the travel time. */
  turnoutIncluded: z.boolean(),
  /** Land uses counted as built-up area (建成区). */
  builtUpLandUses: z.array(z.enum(LAND_USES)).min(1),
  /** Count stations of neighbouring jurisdictions and the province (reinforcement echelons) too. */
  includeOutsideForces: z.boolean(),
  measures: z.object({ station: MeasureSchema, micro: MeasureSchema, township: MeasureSchema }),
  gaps: z.object({
    /** A cell belongs to a gap when at least this many of its people are outside the station target. */
    minCellPopulation: z.number().min(0),
    /**
     * A gap grows from its most uncovered cell to touching cells whose centres are within this radius,
     * so a gap is about the size one new station could cover (not the whole countryside in one blob).
     */
    clusterRadiusKm: z.number().positive().max(50),
    /** How many gaps (largest uncovered population first) are reported. */
    top: z.number().int().min(1).max(100),
  }),
  isochrones: z.object({
    /** Band thresholds in minutes, ascending. */
    minutes: z.array(z.number().positive().max(120)).min(1).refine((m) => m.every((v, i) => i === 0 || v > m[i - 1]!), 'minutes must be strictly ascending'),
    turnoutIncluded: z.boolean(),
  }),
});
export type CoverageConfig = z.infer<typeof CoverageConfigSchema>;

/** Defaults identical to seeds/coverage.yaml, for callers that have no seeds directory. */
export const DEFAULT_COVERAGE_CONFIG: CoverageConfig = {
  samplesPerCellSide: 4,
  speedClass: 'medium',
  turnoutIncluded: true,
  builtUpLandUses: ['urban', 'suburban', 'industrial'],
  includeOutsideForces: false,
  measures: {
    station: {
      nameZh: '5分钟消防救援圈',
      nameEn: '5-minute circle (national and professional stations)',
      kinds: ['special-service', 'class-1', 'class-2', 'small', 'city-fulltime', 'enterprise', 'forest'],
      targetMinutes: 5,
    },
    micro: { nameZh: '微型消防站3分钟到场', nameEn: 'micro stations on scene in 3 minutes', kinds: ['micro'], targetMinutes: 3 },
    township: { nameZh: '乡镇专职队到场目标', nameEn: 'township teams within their target', kinds: ['township-1', 'township-2'], targetMinutes: 10 },
  },
  gaps: { minCellPopulation: 50, clusterRadiusKm: 2, top: 10 },
  isochrones: { minutes: [3, 5, 8, 10, 15], turnoutIncluded: false },
};

export type TimeOfDay = 'day' | 'night';

// ---- GeoJSON (RFC 7946: [lon, lat], exterior rings counter-clockwise, holes clockwise) ----------

export type Position = [lon: number, lat: number];
export interface MultiPolygon {
  type: 'MultiPolygon';
  coordinates: Position[][][];
}

export interface IsochroneBand {
  minutes: number;
  /** Area reached within `minutes` (the bands are nested: each contains the smaller ones). */
  areaKm2: number;
  geometry: MultiPolygon;
}

export interface StationIsochrones {
  stationId: string;
  turnoutIncluded: boolean;
  /** Turnout added (seconds; 0 when not included). */
  turnoutSeconds: number;
  timeOfDay: TimeOfDay;
  speedClass: string;
  /** Side of the sample squares the polygons are made of, metres (north-south). */
  sampleM: number;
  bands: IsochroneBand[];
}

// ---- coverage figures ---------------------------------------------------------------------------

export interface MeasureFigures {
  id: CoverageMeasureId;
  nameZh: string;
  nameEn: string;
  kinds: string[];
  targetMinutes: number;
  /** Stations counted (after a what-if). */
  stations: number;
  population: number;
  populationCovered: number;
  /** populationCovered / population (0..1). */
  populationShare: number;
  builtUpKm2: number;
  builtUpCoveredKm2: number;
  builtUpShare: number;
  /** Population share by jurisdiction kind (urban-district, township, industrial-park). */
  populationShareByJurisdictionKind: Record<string, number>;
}

export interface CoverageGap {
  /** Population-weighted centre of the uncovered people of the cluster. */
  lat: number;
  lon: number;
  /** People outside the station target in the cluster. */
  population: number;
  /** 1-km cells in the cluster. */
  cells: number;
  jurisdictionId: string;
  place: string | null;
  /** Fastest counted station to the uncovered sample nearest the centre, and its time (turnout included if configured). */
  nearestStationId: string | null;
  minutes: number | null;
}

export interface CoverageFigures {
  regionId: string;
  timeOfDay: TimeOfDay;
  turnoutIncluded: boolean;
  speedClass: string;
  /** Side of the population samples, metres. */
  sampleM: number;
  /** Station measure share of population (0..1): within `measures.station.targetMinutes` (5 by default). */
  populationWithin5min: number;
  builtUpWithin5min: number;
  microPopulationWithin3min: number;
  microBuiltUpWithin3min: number;
  townshipPopulationWithinTarget: number;
  townshipBuiltUpWithinTarget: number;
  townshipTargetMinutes: number;
  /** People outside the station target. */
  uncoveredPopulation: number;
  measures: MeasureFigures[];
  gaps: CoverageGap[];
}

// ---- what-if ------------------------------------------------------------------------------------

export const WhatIfSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('add'), lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180), kind: ForceKindSchema, id: z.string().min(1).optional() }),
  z.object({ type: z.literal('remove'), stationId: z.string().min(1) }),
  z.object({ type: z.literal('move'), stationId: z.string().min(1), lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) }),
]);
export type WhatIf = z.infer<typeof WhatIfSchema>;

/** Every numeric figure, after − before (shares in 0..1 units, populations in people). */
export type CoverageDelta = Record<string, number>;

export interface CoverageComparison {
  whatIf: WhatIf[];
  before: CoverageFigures;
  after: CoverageFigures;
  delta: CoverageDelta;
}
