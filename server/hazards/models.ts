// The hazard models behind one interface (as the travel model is): the engine and the CLI are
// handed a HazardModels and never reach into the formulas. Pure and deterministic: no I/O, no clock;
// built from the region, the substance catalogue, the flood rules and (optionally) the road network.
import type { LatLon } from '../../shared/geo.ts';
import type { WaterLevel } from '../../shared/schemas/hazard.ts';
import type { Region } from '../../shared/schemas/region.ts';
import type { Substance, SubstanceCatalogue } from '../../shared/schemas/substances.ts';
import type { FloodHazardClass, FloodHazardRules } from '../../shared/schemas/flood-hazard.ts';
import type { RoadNetwork } from '../geo/road-network.ts';
import { chemicalZones, type ChemicalScene, type ChemicalZones } from './chemical-zones.ts';
import type { Terrain } from './dispersion.ts';
import { fillScratch, floodFill, type FillOptions, type FloodFill } from './flood-fill.ts';
import { floodImpact, roadSamples, type FloodImpact, type RoadSamples } from './flood-impact.ts';
import { waterLevelAt } from './flood-level.ts';
import { floodTerrain, subcellAt, type FloodTerrain } from './flood-terrain.ts';
import { terrainAt } from './region-terrain.ts';
import { chemicalZoneEffects, levelAt, peopleByLevelLeft, type ZoneEffects } from './zone-effects.ts';
import { hazardClass } from './flood-hazard-class.ts';
import type { ClosureArea } from '../../shared/events.ts';
import { evacuationMinutes, insideArea, peopleIn, remainingShare } from './evacuation.ts';
import { exposureStep } from './exposure.ts';
import { stagingPoint } from './staging.ts';

export interface HazardModels {
  substance(id: string): Substance | undefined;
  readonly substances: SubstanceCatalogue;
  readonly floodRules: FloodHazardRules;
  /** Rural or urban dispersion at a source, by the land use there. */
  terrainAt(p: LatLon): Terrain;
  chemicalZones(scene: Omit<ChemicalScene, 'ergWindClasses'>): ChemicalZones;
  waterLevelAt(level: WaterLevel, tMs: number): number;
  /** Connected bathtub fill at `levelM` above the river datum, and what it closes and strands. */
  flood(levelM: number, opts?: FillOptions & { roadClosureDepthM?: number; lowered?: ReadonlyMap<number, number>; remaining?: (subcell: number) => number }): { fill: FloodFill; impact: FloodImpact };
  readonly floodTerrain: FloodTerrain;
  /** Roads closed to unprotected units and people by level under a release's zones. */
  zoneEffects(zones: ChemicalZones): ZoneEffects;
  /** People by worst level (index 1..3) with only `remaining(i)` of sub-cell i's people still there (evacuation). */
  peopleByLevelLeft: typeof peopleByLevelLeft;
  /** The worst level of concern at a point (0: outside every zone; the isolation circle counts as 3). */
  zoneLevelAt(zones: ChemicalZones, p: LatLon): number;
  /** The 250 m sub-cell of a point (-1: outside the grid). */
  subcellAt(p: LatLon): number;
  /** Water depth at a point in a fill (0: dry or outside the grid). */
  depthAt(fill: FloodFill, p: LatLon): number;
  /** The AIDR 7-3 class of still-or-assumed-velocity water of this depth. */
  hazardClass(depthM: number): FloodHazardClass;
  /** Where an unprotected crew sent to `to` stops (outside the hot and warm zones), or undefined when `to` is outside them. */
  stagingPoint(zones: ChemicalZones, to: LatLon, marginM: number): LatLon | undefined;
  /** The 250 m sub-cells with people inside an area, and how many people. */
  peopleIn(area: ClosureArea): { subcells: number[]; people: number };
  evacuationMinutes: typeof evacuationMinutes;
  remainingShare: typeof remainingShare;
  insideArea: typeof insideArea;
  exposureStep: typeof exposureStep;
}

export function createHazardModels(region: Region, substances: SubstanceCatalogue, floodRules: FloodHazardRules, roads?: RoadNetwork): HazardModels {
  const byId = new Map(substances.substances.map((s) => [s.id, s]));
  let terrain: FloodTerrain | undefined;
  let samples: RoadSamples | undefined;
  let scratch: ReturnType<typeof fillScratch> | undefined;
  const ft = (): FloodTerrain => (terrain ??= floodTerrain(region, floodRules.refine));
  return {
    substance: (id) => byId.get(id),
    substances,
    floodRules,
    terrainAt: (p) => terrainAt(region, p),
    chemicalZones: (scene) => chemicalZones({ ...scene, ergWindClasses: substances.ergWindClasses }),
    waterLevelAt,
    flood(levelM, opts = {}) {
      const t = ft();
      if (roads && !samples) samples = roadSamples(t, roads);
      const fill = floodFill(t, levelM, opts, (scratch ??= fillScratch(t)));
      const impact = floodImpact(t, fill, floodRules, {
        ...(samples ? { roads: samples } : {}),
        ...(opts.roadClosureDepthM === undefined ? {} : { roadClosureDepthM: opts.roadClosureDepthM }),
        ...(opts.lowered ? { lowered: opts.lowered } : {}),
        ...(opts.remaining ? { remaining: opts.remaining } : {}),
      });
      return { fill, impact };
    },
    get floodTerrain() {
      return ft();
    },
    zoneEffects: (zones) => chemicalZoneEffects(zones, { ...(roads ? { roads } : {}), terrain: ft() }),
    peopleByLevelLeft,
    zoneLevelAt: (zones, p) => levelAt(zones, p),
    subcellAt: (p) => subcellAt(ft(), p),
    depthAt(fill, p) {
      const i = subcellAt(ft(), p);
      return i < 0 ? 0 : fill.depth[i]!;
    },
    hazardClass: (depthM) => hazardClass(depthM, floodRules.assumedVelocityMS, floodRules),
    stagingPoint,
    peopleIn: (area) => peopleIn(ft(), area),
    evacuationMinutes,
    remainingShare,
    insideArea,
    exposureStep,
  };
}
