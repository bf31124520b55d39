// Loads the world (region, unit-type catalogue, doctrine, run cards, incident models, call profile)
// from a seeds directory, validates each file with its schema, then cross-checks the files against
// each other. Every problem of every file is reported at once, each at the line of the offending field.
// The region's road network is attached (`world.roads`) with the travel model the engine drives on
// (`world.travelModel`): the engine is handed it and builds no road model itself.
import { regionFolder } from '../geo/region-folder.ts';
import fs from 'node:fs';
import path from 'node:path';
import { UnitTypeCatalogueSchema } from '../../shared/schemas/unit-types.ts';
import { DoctrineSchema } from '../../shared/schemas/doctrine.ts';
import { RunCardsFileSchema } from '../../shared/schemas/run-cards.ts';
import { IncidentModelsFileSchema } from '../../shared/schemas/incident-models.ts';
import { CallProfileSchema } from '../../shared/schemas/scenario.ts';
import { InjectEffectRulesSchema } from '../../shared/schemas/inject-effects.ts';
import { LAND_USES, RegionSchema } from '../../shared/schemas/region.ts';
import type { Region } from '../../shared/schemas/region.ts';
import type { UnitType } from '../../shared/schemas/unit-types.ts';
import type { RunCardsFile, RunCardNeed } from '../../shared/schemas/run-cards.ts';
import type { CallProfile } from '../../shared/schemas/scenario.ts';
import { KIND_TIER } from '../../shared/domain/forces.ts';
import type { World } from '../engine/types.ts';
import { DEFAULT_LAND_USE_KEY, IN_COUNTY_KINDS } from './call-generator.ts';
import { loadDataFile } from '../files/read-data-file.ts';
import type { DataSource, LoadedDataFile } from '../files/read-data-file.ts';
import { DataFileError, throwIfIssues } from '../files/data-file-error.ts';
import { loadRoadNetwork } from '../geo/region-roads.ts';
import { roadTravel } from '../geo/road-travel.ts';
import type { DataIssue } from '../files/data-file-error.ts';
import type { z } from 'zod';
import type { RoadNetwork } from '../geo/road-network.ts';
import type { Doctrine } from '../../shared/schemas/doctrine.ts';

export interface LoadWorldOptions {
  seedsDir?: string;
  regionId?: string;
  /** Attach the region's road network (default true); without it the engine travels great-circle. */
  roads?: boolean;
}

/**
 * Regions available under `<seedsDir>/regions/` (directories holding a region.json), sorted. Hidden
 * folders are an import at work (`.<id>.importing-…`, never listed) or the old copy of a region
 * being replaced (`.<id>.replaced-…`, listed as <id> only while <id> itself is missing: the moment
 * between the two renames of a --force import, or an import killed in that moment).
 */
export function listRegions(seedsDir = 'seeds'): string[] {
  const dir = path.join(seedsDir, 'regions');
  if (!fs.existsSync(dir)) return [];
  const ids = new Set<string>();
  for (const d of fs.readdirSync(dir, { withFileTypes: true })) {
    if (!d.isDirectory() || !fs.existsSync(path.join(dir, d.name, 'region.json'))) continue;
    if (!d.name.startsWith('.')) ids.add(d.name);
    else {
      const replaced = /^\.(.+)\.replaced-[^.]+$/.exec(d.name)?.[1];
      if (replaced) ids.add(replaced);
    }
  }
  return [...ids].sort();
}

export function loadWorld({ seedsDir = 'seeds', regionId = 'demo-county', roads = true }: LoadWorldOptions = {}): World {
  const issues: DataIssue[] = [];
  const load = <S extends z.ZodType>(file: string, schema: S): LoadedDataFile<z.output<S>> | undefined => {
    try {
      return loadDataFile(file, schema);
    } catch (err) {
      if (!(err instanceof DataFileError)) throw err;
      issues.push(...err.issues);
      return undefined;
    }
  };
  const unitTypes = load(path.join(seedsDir, 'unit-types.yaml'), UnitTypeCatalogueSchema);
  const doctrine = load(path.join(seedsDir, 'doctrine.yaml'), DoctrineSchema);
  const runCards = load(path.join(seedsDir, 'run-cards.yaml'), RunCardsFileSchema);
  const models = load(path.join(seedsDir, 'incident-models.yaml'), IncidentModelsFileSchema);
  const callProfile = load(path.join(seedsDir, 'call-profile.yaml'), CallProfileSchema);
  const injectEffects = load(path.join(seedsDir, 'inject-effects.yaml'), InjectEffectRulesSchema);
  const regionFile = path.join(regionFolder(seedsDir, regionId), 'region.json');
  let region: LoadedDataFile<Region> | undefined;
  if (fs.existsSync(regionFile)) {
    region = load(regionFile, RegionSchema);
  } else {
    const known = listRegions(seedsDir);
    throw new DataFileError([
      ...issues,
      { file: regionFile, line: 1, col: 1, path: '', message: `unknown region "${regionId}" (expected one of: ${known.join(', ') || 'none found'})` },
    ]);
  }
  if (!unitTypes || !doctrine || !runCards || !models || !callProfile || !injectEffects || !region) throw new DataFileError(issues);

  const catalogue = new Map(unitTypes.data.unitTypes.map((t) => [t.code, t]));
  issues.push(
    ...checkRegion(region, regionId, catalogue, unitTypes.source),
    ...checkCallProfile(callProfile, region.data),
    ...checkRunCards(runCards, region.data, catalogue),
  );
  throwIfIssues(issues);
  return {
    region: region.data,
    unitTypes: unitTypes.data,
    doctrine: doctrine.data,
    runCards: runCards.data,
    models: models.data,
    callProfile: callProfile.data,
    injectEffects: injectEffects.data,
    ...(roads ? withRoads(loadRoadNetwork(seedsDir, region.data), doctrine.data, region.data) : {}),
  };
}

/** The road network and the engine's travel model on it (stations are the hubs most drives start or end at). */
function withRoads(roads: RoadNetwork, doctrine: Doctrine, region: Region): Pick<World, 'roads' | 'travelModel'> {
  const hubs = region.stations.map((s) => s.location);
  return { roads, travelModel: ({ startLocalMs }) => roadTravel(roads, doctrine, { startLocalMs, hubs }) };
}

// ---- region -----------------------------------------------------------------------------------

function checkRegion(file: LoadedDataFile<Region>, regionId: string, catalogue: Map<string, UnitType>, catalogueSource: DataSource): DataIssue[] {
  const { data: region, source } = file;
  const issues: DataIssue[] = [];
  if (region.id !== regionId) issues.push(source.issue(['id'], `region id "${region.id}" does not match its directory (expected "${regionId}")`));

  const unique = (what: string, ids: { id: string; path: PropertyKey[] }[]) => {
    const first = new Map<string, PropertyKey[]>();
    for (const { id, path: p } of ids) {
      const seen = first.get(id);
      if (seen) issues.push(source.issue(p, `duplicate ${what} id "${id}" (ids must be unique; first used at line ${source.locate(seen).line})`));
      else first.set(id, p);
    }
  };
  unique('jurisdiction', region.jurisdictions.map((j, i) => ({ id: j.id, path: ['jurisdictions', i, 'id'] })));
  unique('station', region.stations.map((s, i) => ({ id: s.id, path: ['stations', i, 'id'] })));
  unique('unit', region.stations.flatMap((s, i) => s.units.map((u, k) => ({ id: u.id, path: ['stations', i, 'units', k, 'id'] }))));

  const jurisdictionIds = new Set(region.jurisdictions.map((j) => j.id));
  const stationIds = new Set(region.stations.map((s) => s.id));
  const someOf = (ids: Set<string>) => [...ids].slice(0, 12).join(', ') + (ids.size > 12 ? ', …' : '');
  const needStation = (id: string | undefined, p: PropertyKey[], what: string) => {
    if (id !== undefined && !stationIds.has(id)) issues.push(source.issue(p, `${what} "${id}" is not a station of this region (expected one of: ${someOf(stationIds)})`));
  };
  const needJurisdiction = (id: string, p: PropertyKey[]) => {
    if (!jurisdictionIds.has(id)) issues.push(source.issue(p, `unknown jurisdiction "${id}" (expected one of: ${someOf(jurisdictionIds)})`));
  };

  region.jurisdictions.forEach((j, i) => {
    needStation(j.homeStationId, ['jurisdictions', i, 'homeStationId'], 'home station');
    needStation(j.supervisingStationId, ['jurisdictions', i, 'supervisingStationId'], 'supervising station');
  });
  const codes = [...catalogue.keys()].join(', ');
  region.stations.forEach((s, i) => {
    needJurisdiction(s.jurisdictionId, ['stations', i, 'jurisdictionId']);
    needStation(s.supervisingStationId, ['stations', i, 'supervisingStationId'], 'supervising station');
    s.units.forEach((u, k) => {
      if (!catalogue.has(u.type)) issues.push(source.issue(['stations', i, 'units', k, 'type'], `unknown unit type "${u.type}" (expected a code of ${catalogueSource.file}: ${codes})`));
    });
  });
  region.cells.forEach((c, i) => {
    needJurisdiction(c.jurisdictionId, ['cells', i, 'jurisdictionId']);
    if (c.r >= region.grid.rows) issues.push(source.issue(['cells', i, 'r'], `row ${c.r} is outside the grid (expected 0 … ${region.grid.rows - 1})`));
    if (c.c >= region.grid.cols) issues.push(source.issue(['cells', i, 'c'], `column ${c.c} is outside the grid (expected 0 … ${region.grid.cols - 1})`));
  });
  return issues;
}

// ---- call profile -----------------------------------------------------------------------------

function checkCallProfile(file: LoadedDataFile<CallProfile>, region: Region): DataIssue[] {
  const { data: profile, source } = file;
  const issues: DataIssue[] = [];
  const valid = new Set<string>([...LAND_USES, DEFAULT_LAND_USE_KEY]);
  const expected = `expected one of: ${[...LAND_USES, DEFAULT_LAND_USE_KEY].join(', ')}`;
  for (const field of ['landUseWeight', 'typeMix'] as const) {
    for (const key of Object.keys(profile[field])) {
      if (!valid.has(key)) issues.push(source.issue([field, key], `unknown land use "${key}" (${expected})`, 'key'));
    }
  }
  // A land use that draws calls must say which incident types they are.
  const inCounty = new Set(region.jurisdictions.filter((j) => IN_COUNTY_KINDS.has(j.kind)).map((j) => j.id));
  const used = new Map<string, number>();
  for (const cell of region.cells) if (inCounty.has(cell.jurisdictionId)) used.set(cell.landUse, (used.get(cell.landUse) ?? 0) + 1);
  for (const [landUse, cells] of used) {
    const weight = profile.landUseWeight[landUse] ?? profile.landUseWeight[DEFAULT_LAND_USE_KEY];
    if (!weight || (weight.perPerson === 0 && weight.perCell === 0)) continue;
    const mix = profile.typeMix[landUse] ?? profile.typeMix[DEFAULT_LAND_USE_KEY];
    if (!mix) issues.push(source.issue(['typeMix'], `no type mix for land use "${landUse}" (${cells} cells of region ${region.id} draw calls; expected a "${landUse}" or "${DEFAULT_LAND_USE_KEY}" entry)`, 'key'));
    else if (Object.values(mix).every((w) => w === 0)) issues.push(source.issue(['typeMix', landUse in profile.typeMix ? landUse : DEFAULT_LAND_USE_KEY], `every weight is 0 (expected at least one incident type with a positive weight)`, 'key'));
  }
  return issues;
}

// ---- run cards --------------------------------------------------------------------------------

/** Units of the region that could ever fill this need (right capability, tier and height). */
function countUnitsFor(need: RunCardNeed, region: Region, catalogue: Map<string, UnitType>): number {
  let n = 0;
  for (const station of region.stations) {
    if (!need.tiers.includes(KIND_TIER[station.kind])) continue;
    for (const unit of station.units) {
      const type = catalogue.get(unit.type);
      if (!type || !type.capabilities.includes(need.capability)) continue;
      if (need.minAerialM !== undefined && (type.aerialHeightM ?? 0) < need.minAerialM) continue;
      n++;
    }
  }
  return n;
}

function checkRunCards(file: LoadedDataFile<RunCardsFile>, region: Region, catalogue: Map<string, UnitType>): DataIssue[] {
  const { data, source } = file;
  const issues: DataIssue[] = [];
  const firefighters = region.stations.reduce((s, st) => s + st.staffOnDuty, 0);
  const stationsWithUnits = region.stations.filter((s) => s.units.length > 0).length;
  const never = 'no force could ever satisfy this run card';
  for (const [type, byGrade] of Object.entries(data.cards)) {
    for (const [grade, card] of Object.entries(byGrade ?? {})) {
      if (!card) continue;
      const at = ['cards', type, grade];
      card.needs.forEach((need, i) => {
        const have = countUnitsFor(need, region, catalogue);
        if (have >= need.vehicles) return;
        const height = need.minAerialM !== undefined ? ` reaching ≥ ${need.minAerialM} m` : '';
        issues.push(source.issue([...at, 'needs', i], `needs ${need.vehicles} vehicles with capability ${need.capability}${height} from tiers ${need.tiers.join(', ')}, but the region ${region.id} has only ${have} such unit${have === 1 ? '' : 's'} — ${never}`));
      });
      if (card.minFirefighters > firefighters) {
        issues.push(source.issue([...at, 'minFirefighters'], `needs ${card.minFirefighters} firefighters, but the region ${region.id} has only ${firefighters} on duty in all its stations — ${never}`));
      }
      if (card.minStations > stationsWithUnits) {
        issues.push(source.issue([...at, 'minStations'], `needs ${card.minStations} stations, but the region ${region.id} has only ${stationsWithUnits} stations with units — ${never}`));
      }
    }
  }
  return issues;
}
