// `sim import-region`: builds seeds/regions/<id>/ (region.json + roads.bin) from an OpenStreetMap
// extract (.osm XML, .osm.pbf) or GeoJSON road lines and a station roster. Reads and checks every
// input first, derives the grid, land use, population and districts, writes the folder beside its
// target, loads it back exactly as `run` / `validate` will (the world loader the caller hands in:
// unit types, run cards; geo sits below the scenario layer and does not import it) and only then
// renames it into place.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RegionSchema, type LandUse, type Region } from '../../../shared/schemas/region.ts';
import { UnitTypeCatalogueSchema } from '../../../shared/schemas/unit-types.ts';
import { slugOf } from '../../../shared/slug.ts';
import { displayPath, readDataFile } from '../../files/read-data-file.ts';
import { DataFileError } from '../../files/data-file-error.ts';
import { ROAD_FILE_NAME, networkFromSlots, readRoadFile, roundE7, writeRoadFile } from '../road-file.ts';
import { roadStats, type RoadClass } from '../road-network.ts';
import { buildGraph } from './build-graph.ts';
import { deriveRegion, ESTIMATES, type StationSnap } from './derive-region.ts';
import { ImportError } from './import-error.ts';
import type { RawRoads } from './raw-roads.ts';
import { readGeoJsonRoads } from './read-geojson-roads.ts';
import { readOsmPbf } from './read-osm-pbf.ts';
import { readOsmXml } from './read-osm-xml.ts';
import { readPopulation } from './read-population.ts';
import { readRoster, ROSTER_COLUMNS } from './read-roster.ts';
import { formatRegionJson, writeRegionAtomically } from './write-region.ts';

/**
 * Loads the world of `regionId` from `seedsDir` exactly as every command will, throwing a
 * DataFileError when it cannot (the CLI hands in the scenario layer's loadWorld).
 */
export type WorldCheck = (seedsDir: string, regionId: string) => void;

/** A mistake in how the command was called (no roster, a bad id, an existing region). */
export class ImportUsageError extends Error {}

export interface ImportOptions {
  roadsFile: string;
  name: string;
  nameZh?: string;
  id?: string;
  roster?: string;
  population?: string;
  seedsDir: string;
  force?: boolean;
  cellM?: number;
  utcOffsetHours?: number;
}

export interface ImportReport {
  regionId: string;
  dir: string;
  source: string;
  ways: number;
  skippedWays: number;
  nodes: number;
  directedEdges: number;
  oneWaySegments: number;
  kmByClass: Record<RoadClass, number>;
  componentsDropped: number;
  nodesDropped: number;
  stations: StationSnap[];
  units: number;
  jurisdictions: number;
  cells: number;
  cellM: number;
  landUseCells: Partial<Record<LandUse, number>>;
  population: number;
  populationEstimated: boolean;
  warnings: string[];
}

const SETUP_FILES = ['unit-types.yaml', 'doctrine.yaml', 'run-cards.yaml', 'incident-models.yaml', 'call-profile.yaml', 'inject-effects.yaml'];

async function readRoads(file: string): Promise<RawRoads> {
  const shown = displayPath(file);
  if (!fs.existsSync(file)) throw new ImportError([{ file: shown, message: 'file not found' }]);
  const lower = file.toLowerCase();
  if (lower.endsWith('.pbf')) return readOsmPbf(file, shown);
  if (lower.endsWith('.osm') || lower.endsWith('.xml')) return readOsmXml(file, shown);
  if (lower.endsWith('.geojson') || lower.endsWith('.json')) return readGeoJsonRoads(file, shown);
  throw new ImportUsageError(`${shown}: unknown road file type (expected .osm, .osm.pbf, .geojson or .json)`);
}

export async function importRegion(opts: ImportOptions, checkWorld: WorldCheck): Promise<ImportReport> {
  const id = opts.id ?? slugOf(opts.name);
  if (!/^[a-z0-9-]+$/.test(id)) {
    throw new ImportUsageError(opts.id === undefined
      ? `cannot make a region id from the name "${opts.name}": give --id <slug> (a-z, 0-9 and -)`
      : `--id "${id}" is not a region id (expected a-z, 0-9 and -, e.g. my-county)`);
  }
  if (!opts.roster) {
    throw new ImportUsageError(`a region needs its stations to dispatch from: give --roster <file.csv|file.geojson> (columns: ${ROSTER_COLUMNS.join(', ')})`);
  }
  const target = path.join(opts.seedsDir, 'regions', id);
  if (fs.existsSync(target) && !opts.force) throw new ImportUsageError(`region "${id}" already exists in ${displayPath(target)} (add --force to replace it)`);

  // Inputs first, cheapest first: a bad roster fails before a big extract is read.
  const catalogueFile = path.join(opts.seedsDir, 'unit-types.yaml');
  const catalogue = readDataFile(catalogueFile, UnitTypeCatalogueSchema);
  const roster = readRoster(opts.roster, displayPath(opts.roster), new Set(catalogue.unitTypes.map((t) => t.code)), displayPath(catalogueFile));
  const population = opts.population === undefined ? undefined : readPopulation(opts.population, displayPath);
  const raw = await readRoads(opts.roadsFile);

  const roads = buildGraph(raw);
  if (roads.lat.length < 2 || roads.from.length === 0) {
    throw new ImportError([{ file: displayPath(opts.roadsFile), message: `no drivable roads found (${raw.ways.length} road ways, ${raw.skippedWays} other ways skipped; expected highway=* ways such as primary, residential, service)` }]);
  }
  roads.lat = roundE7(roads.lat);
  roads.lon = roundE7(roads.lon);
  const net = networkFromSlots(roads);
  const derived = deriveRegion({ net, roads, roster, rosterFile: displayPath(opts.roster), places: raw.places, population, cellM: opts.cellM });

  const warnings: string[] = [];
  for (const s of derived.snaps) {
    if (s.inArea && s.offRoadM > 1500) warnings.push(`station ${s.id} is ${s.offRoadM} m from the nearest kept road (check its lat/lon; travel to and from it uses a straight line × detour factor)`);
  }
  if (derived.population.pointsOutside > 0) warnings.push(`${derived.population.pointsOutside} population points lie outside the road extent and were left out`);

  const stats = roadStats(net);
  const region: Region = RegionSchema.parse({
    id,
    name: opts.name,
    nameZh: opts.nameZh ?? opts.name,
    fictional: false,
    note: noteFor(raw, opts, roads.stats, derived.population, derived.cellM),
    utcOffsetHours: opts.utcOffsetHours ?? 8,
    jurisdictions: derived.jurisdictions,
    stations: derived.stations,
    grid: derived.grid,
    cells: derived.cells,
    roads: { file: ROAD_FILE_NAME, source: raw.source },
  });

  writeRegionAtomically(target, opts.force ?? false, {
    write(dir) {
      fs.writeFileSync(path.join(dir, 'region.json'), formatRegionJson(region));
      writeRoadFile(path.join(dir, ROAD_FILE_NAME), { ...roads, source: raw.source });
    },
    verify(dir) {
      readRoadFile(path.join(dir, ROAD_FILE_NAME));
      verifyLoads(checkWorld, opts.seedsDir, id, dir, target);
    },
  });

  return {
    regionId: id,
    dir: displayPath(target),
    source: raw.source,
    ways: roads.stats.ways,
    skippedWays: roads.stats.skippedWays,
    nodes: net.nodeCount,
    directedEdges: net.edgeCount,
    oneWaySegments: roads.stats.oneWaySegments,
    kmByClass: stats.kmByClass,
    componentsDropped: roads.stats.componentsDropped,
    nodesDropped: roads.stats.nodesDropped,
    stations: derived.snaps,
    units: region.stations.reduce((n, s) => n + s.units.length, 0),
    jurisdictions: region.jurisdictions.length,
    cells: region.cells.length,
    cellM: derived.cellM,
    landUseCells: derived.landUseCells,
    population: derived.population.total,
    populationEstimated: derived.population.estimated,
    warnings,
  };
}

/**
 * Loads the staged region exactly as every command will (checkWorld), from a scratch seeds folder
 * that links the real setup files and the staged region under its final id; problems are reported
 * against the real paths.
 */
function verifyLoads(checkWorld: WorldCheck, seedsDir: string, id: string, stagedDir: string, target: string): void {
  const check = fs.mkdtempSync(path.join(os.tmpdir(), 'fire-sim-import-'));
  try {
    fs.mkdirSync(path.join(check, 'regions'));
    for (const f of SETUP_FILES) {
      const src = path.resolve(seedsDir, f);
      if (fs.existsSync(src)) fs.symlinkSync(src, path.join(check, f));
    }
    fs.symlinkSync(path.resolve(stagedDir), path.join(check, 'regions', id), 'dir');
    try {
      checkWorld(check, id);
    } catch (err) {
      if (!(err instanceof DataFileError)) throw err;
      const inCheck = displayPath(check);
      const real = (file: string): string => file.startsWith(`${inCheck}${path.sep}regions${path.sep}${id}`)
        ? displayPath(target) + file.slice(`${inCheck}${path.sep}regions${path.sep}${id}`.length)
        : file.startsWith(inCheck) ? displayPath(path.join(seedsDir, file.slice(inCheck.length + 1))) : file;
      throw new ImportError(
        err.issues.map((i) => ({ file: real(i.file), line: i.line, col: i.col, ...(i.path ? { where: i.path } : {}), message: i.message })),
        'the imported region would not load, so nothing was written. Most often the roster cannot meet every run card (add forces, e.g. reinforcements with jurisdiction neighbour or province, or adapt the run cards):',
      );
    }
  } finally {
    fs.rmSync(check, { recursive: true, force: true });
  }
}

function noteFor(raw: RawRoads, opts: ImportOptions, stats: { componentsDropped: number; nodesDropped: number }, population: { total: number; estimated: boolean }, cellM: number): string {
  const origin = raw.fromOsm
    ? `Imported from OpenStreetMap data (© OpenStreetMap contributors, available under the Open Database Licence, ODbL 1.0): ${raw.source}.`
    : `Imported from ${raw.source}.`;
  const landUse = ESTIMATES.landUseByRoadKmPerKm2.map(([min, use]) => `${use} ≥ ${min}`).join(', ');
  const perKm = Object.entries(ESTIMATES.peoplePerResidentialKm).map(([use, n]) => `${use} ${n}`).join(', ');
  const people = opts.population === undefined
    ? `Population is an ESTIMATE from residential street length (people per km: ${perKm}), ${population.total} in all; replace it with census data (--population).`
    : population.estimated
      ? `Population total ${population.total} as given, spread over the cells by residential street length (the distribution is an estimate).`
      : `Population from ${displayPath(opts.population)}.`;
  return [
    origin,
    `Stations from the roster ${displayPath(opts.roster ?? '')}.`,
    `Roads: the largest strongly connected part of the network is kept (${stats.componentsDropped} smaller parts with ${stats.nodesDropped} nodes dropped).`,
    `Grid of ${cellM} m cells over the road extent; land use is an ESTIMATE from road density (km of road per km²: ${landUse}).`,
    people,
    'Station districts (jurisdictions) by travel time from each national station; township teams are supervised by the national station of their district.',
  ].join(' ');
}
