// The vector base map of a region, as the server sends it to the board (GET /api/regions/:id/map):
// roads by class as polylines, water and built-up areas as polygons, jurisdiction boundaries, place
// names, stations with their tier and units, water points and labelled features. The board draws it
// on a canvas with no tile server, so a drill works offline. Coordinates are rounded to 1e-5 degrees
// (about 1 m) to keep the payload small.
import type { LatLon } from './geo.ts';
import type { Capability, ForceKind, Tier } from './domain/forces.ts';
import type { RunCardsFile } from './schemas/run-cards.ts';

/** Road classes in drawing order (minor first, so major roads are drawn on top). */
export const MAP_ROAD_CLASSES = ['rural', 'mountain', 'local', 'arterial', 'ramp', 'expressway'] as const;
export type MapRoadClass = (typeof MAP_ROAD_CLASSES)[number];

/** A set of closed rings drawn as one shape with the even-odd rule (so inner rings are holes). */
export type MapRings = LatLon[][];

export const BUILT_UP_KINDS = ['urban', 'suburban', 'industrial'] as const;
export type BuiltUpKind = (typeof BUILT_UP_KINDS)[number];

export interface MapJurisdiction {
  id: string;
  name: string;
  nameZh: string;
  kind: string;
  center: LatLon;
  /** Boundary rings of the jurisdiction's cells; empty for echelons outside the grid (neighbour, province). */
  rings: MapRings;
}

export interface MapPlace {
  name: string;
  /** Chinese name (a cell's placeZh, a jurisdiction's nameZh); the board falls back to `name`. */
  nameZh?: string;
  at: LatLon;
  /** A jurisdiction centre is a bigger label than a village or a street. */
  kind: 'jurisdiction' | 'town' | 'place';
  /** Jurisdiction labels: the jurisdiction's kind (urban-district, township…), so the board can rank its label. */
  jurisdictionKind?: string;
}

export interface MapStationUnit {
  id: string;
  type: string;
  callsign?: string;
  callsignEn?: string;
}

export interface MapStation {
  id: string;
  name: string;
  nameZh: string;
  kind: ForceKind;
  tier: Tier;
  jurisdictionId: string;
  location: LatLon;
  supervisingStationId?: string;
  units: MapStationUnit[];
}

export interface MapWaterPoint {
  id: string;
  /** hydrant, intake, pond… as the region names it. */
  kind: string;
  at: LatLon;
  name?: string;
  nameZh?: string;
}

export interface MapFeature {
  id: string;
  /** interchange, service-area, bridge… as the region names it. */
  kind: string;
  at: LatLon;
  name: string;
  nameZh?: string;
}

export interface RegionMap {
  regionId: string;
  name: string;
  nameZh: string;
  fictional: boolean;
  note: string;
  /** [[south, west], [north, east]] of the grid. */
  bounds: [LatLon, LatLon];
  roads: Record<MapRoadClass, LatLon[][]>;
  water: MapRings;
  builtUp: Record<BuiltUpKind, MapRings>;
  /** Cells the region marks as floodplain (when it has the field). */
  floodplain: MapRings;
  jurisdictions: MapJurisdiction[];
  places: MapPlace[];
  stations: MapStation[];
  waterPoints: MapWaterPoint[];
  features: MapFeature[];
  /** Unit types for the board's labels and for counting what is assigned against a run card. */
  unitTypes: Record<string, MapUnitType>;
  /** The 等级调派方案 (incident type → grade → card), so the board shows requirement against assigned. */
  runCards: RunCardsFile['cards'];
  /**
   * Per incident type, what its size counts (m², ha, vehicles…) and the size and trapped thresholds of
   * each grade (index k: grade k+1; 0 = unused), so the board can say which grade a reported size implies.
   */
  incidentModels?: Partial<Record<string, MapIncidentModel>>;
}

export interface MapIncidentModel {
  sizeUnit: string;
  gradeBySize: number[];
  gradeByTrapped: number[];
}

export interface MapUnitType {
  zh: string;
  en: string;
  crew: number;
  capabilities: Capability[];
  aerialHeightM?: number;
}
