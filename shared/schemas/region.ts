// Schema of a region (seeds/regions/<id>/region.json): jurisdictions, stations and teams with their
// units, and a population grid. The road-network issue adds roads to the same region.
import { z } from 'zod';
import { ForceKindSchema, CapabilitySchema } from '../domain/forces.ts';
import { LatLonSchema } from '../geo.ts';

export const JURISDICTION_KINDS = ['urban-district', 'township', 'industrial-park', 'neighbour', 'province'] as const;

export const JurisdictionSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  nameZh: z.string().min(1),
  /** urban-district / township / industrial-park are in the county; neighbour and province are reinforcement echelons. */
  kind: z.enum(JURISDICTION_KINDS),
  /** 辖区站: the station that is always in the first dispatch here. */
  homeStationId: z.string().min(1),
  /** For a township: the national station that supervises the township team and goes with it. */
  supervisingStationId: z.string().min(1).optional(),
  population: z.number().int().min(0),
  center: LatLonSchema,
});
export type Jurisdiction = z.infer<typeof JurisdictionSchema>;

export const UnitSpecSchema = z.object({
  id: z.string().min(1),
  type: z.string().min(1), // a code of the unit-type catalogue
  /** The Chinese callsign (城东水罐2), and its English counterpart (Chengdong Tender 2); unique in a region. */
  callsign: z.string().min(1).optional(),
  callsignEn: z.string().min(1).optional(),
});
export type UnitSpec = z.infer<typeof UnitSpecSchema>;

export const StationSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  nameZh: z.string().min(1),
  kind: ForceKindSchema,
  jurisdictionId: z.string().min(1),
  location: LatLonSchema,
  staffOnDuty: z.number().int().min(1),
  /** Township teams and micro stations: the national station that supervises them. */
  supervisingStationId: z.string().min(1).optional(),
  /** Capabilities this station is a specialist team for (专业队), e.g. water-rescue, hazmat, search. */
  specialties: z.array(CapabilitySchema).default([]),
  units: z.array(UnitSpecSchema),
});
export type Station = z.infer<typeof StationSchema>;

export const LAND_USES = ['urban', 'suburban', 'village', 'rural', 'forest', 'industrial', 'water'] as const;
export type LandUse = (typeof LAND_USES)[number];

/** A regular lat/lon grid over the region; cells carry population, land use and jurisdiction. */
export const GridSchema = z.object({
  south: z.number(),
  west: z.number(),
  cellLat: z.number().positive(),
  cellLon: z.number().positive(),
  rows: z.number().int().positive(),
  cols: z.number().int().positive(),
});
export type Grid = z.infer<typeof GridSchema>;

export const CellSchema = z.object({
  r: z.number().int().min(0),
  c: z.number().int().min(0),
  population: z.number().int().min(0),
  landUse: z.enum(LAND_USES),
  jurisdictionId: z.string().min(1),
  /** Named place for the board and the call report (village, street, site). */
  place: z.string().optional(),
  /** The place's Chinese name (shown on the board in zh-CN; scenarios may use either name). */
  placeZh: z.string().optional(),
  /** Ground height, metres above sea level (water cells: the bed, the lowest ground). For flood models. */
  elevationM: z.number().optional(),
  /** Water cells: the normal water surface, metres above sea level (a flood raises it). */
  waterLevelM: z.number().optional(),
  /** Low-lying land along a river, a few metres above its normal level: floods first. */
  floodplain: z.boolean().optional(),
});
export type Cell = z.infer<typeof CellSchema>;

/** An imported region's road network: a file beside region.json (format: server/geo/road-file.ts). */
export const RegionRoadsSchema = z.object({
  /** File name inside the region's folder (no directories). */
  file: z.string().regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]*$/, 'expected a file name inside the region folder, e.g. roads.bin'),
  /** Where the roads came from (an OpenStreetMap extract, a GeoJSON file). */
  source: z.string().min(1),
});
export type RegionRoads = z.infer<typeof RegionRoadsSchema>;

export const WATER_POINT_KINDS = ['hydrant', 'natural-intake', 'reservoir-intake', 'water-tank'] as const;
export type WaterPointKind = (typeof WATER_POINT_KINDS)[number];

/** A fire-fighting water source: a street hydrant (市政消火栓), a drafting point on a river or reservoir (取水点), a village tank (消防水池). */
export const WaterPointSchema = z.object({
  id: z.string().min(1),
  kind: z.enum(WATER_POINT_KINDS),
  location: LatLonSchema,
  /** Sustained flow an engine can take here, litres per second. */
  flowLps: z.number().positive().optional(),
  /** Stored water (tanks), cubic metres. */
  volumeM3: z.number().positive().optional(),
  name: z.string().min(1).optional(),
  nameZh: z.string().min(1).optional(),
});
export type WaterPoint = z.infer<typeof WaterPointSchema>;

export const FEATURE_KINDS = [
  'expressway', 'expressway-interchange', 'service-area', 'bridge', 'industrial-park', 'forest-area', 'river', 'reservoir',
] as const;
export type FeatureKind = (typeof FEATURE_KINDS)[number];

/** A labelled map feature: `location` is where the label goes; lines (river, expressway, bridge) also carry `line`. */
export const FeatureSchema = z.object({
  id: z.string().min(1),
  kind: z.enum(FEATURE_KINDS),
  name: z.string().min(1),
  nameZh: z.string().min(1),
  location: LatLonSchema,
  line: z.array(LatLonSchema).min(2).optional(),
  /** Bridges: the class of road carried (the road generator builds the non-expressway ones). */
  roadClass: z.string().min(1).optional(),
});
export type Feature = z.infer<typeof FeatureSchema>;

export const RegionSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().min(1),
  nameZh: z.string().min(1),
  /** True for the demo county: it is made up, and says so everywhere it is shown. */
  fictional: z.boolean(),
  note: z.string().default(''),
  /** Local time offset from UTC, hours (China: 8). */
  utcOffsetHours: z.number().default(8),
  jurisdictions: z.array(JurisdictionSchema).min(1),
  stations: z.array(StationSchema).min(1),
  grid: GridSchema,
  cells: z.array(CellSchema).min(1),
  /** Imported regions: their road file. Absent: roads are generated from the grid (the demo county). */
  roads: RegionRoadsSchema.optional(),
  /** Fire-fighting water sources (optional: older regions have none). */
  waterPoints: z.array(WaterPointSchema).optional(),
  /** Named features for the map (interchanges, bridges, the river…); optional. */
  features: z.array(FeatureSchema).optional(),
});
export type Region = z.infer<typeof RegionSchema>;
