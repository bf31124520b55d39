// The `import-region` command: builds a region from an OpenStreetMap extract or GeoJSON roads and a
// station roster (server/geo/import/import-region.ts), then prints what it built and what it had to
// estimate. Bad input prints every problem with its file and line and exits with code 2.
// Usage: npm run sim -- import-region area.osm.pbf --name "Lianzhou" --roster stations.csv
import { InvalidArgumentError, type Command } from 'commander';
import { ImportError } from '../geo/import/import-error.ts';
import { importRegion, ImportUsageError, type ImportOptions, type ImportReport } from '../geo/import/import-region.ts';
import { loadWorld } from '../scenario/load-world.ts';

interface CliOptions { name: string; nameZh?: string; id?: string; roster?: string; population?: string; seedsDir: string; force?: boolean; cellM?: number; utcOffset?: number; json?: boolean }

function parseCellM(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 50 || n > 5000) throw new InvalidArgumentError('expected a cell size in metres, 50 … 5000.');
  return n;
}

function parseOffset(v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n < -12 || n > 14) throw new InvalidArgumentError('expected hours from UTC, e.g. 8.');
  return n;
}

export function formatImportReport(r: ImportReport): string {
  const km = Object.entries(r.kmByClass).filter(([, v]) => v > 0).map(([c, v]) => `${c} ${v}`).join(', ');
  const lines = [
    `Imported region ${r.regionId} into ${r.dir} from ${r.source}`,
    `  roads: ${r.ways} road ways (${r.skippedWays} other ways skipped), ${r.nodes} nodes, ${r.directedEdges} directed edges, ${r.oneWaySegments} one-way segments`,
    `  km by class: ${km}`,
    `  largest strongly connected part kept: ${r.componentsDropped} smaller part${r.componentsDropped === 1 ? '' : 's'} with ${r.nodesDropped} nodes dropped`,
    `  stations: ${r.stations.length} with ${r.units} units in ${r.jurisdictions} jurisdictions; distance to the nearest road: ${r.stations.map((s) => `${s.id} ${s.offRoadM} m`).join(', ')}`,
    `  grid: ${r.cells} cells of ${r.cellM} m; land use (ESTIMATE from road density): ${Object.entries(r.landUseCells).map(([u, n]) => `${u} ${n}`).join(', ')}`,
    `  population: ${r.population}${r.populationEstimated ? ' (ESTIMATE, see region.note)' : ''}`,
    ...r.warnings.map((w) => `  warning: ${w}`),
    `Next: npm run sim -- validate --seeds; a scenario with "region: ${r.regionId}" runs on it.`,
  ];
  return `${lines.join('\n')}\n`;
}

export function registerImportRegion(program: Command): void {
  program
    .command('import-region')
    .description('build a region from OpenStreetMap (.osm, .osm.pbf) or GeoJSON roads and a station roster')
    .argument('<roads>', 'road file: .osm (XML), .osm.pbf, or .geojson with LineString features')
    .requiredOption('--name <name>', 'name of the region')
    .option('--name-zh <name>', 'Chinese name (default: --name)')
    .option('--id <slug>', 'region id, the folder name under seeds/regions (default: from --name)')
    .option('--roster <file>', 'stations and units: CSV or GeoJSON points (required)')
    .option('--population <n|file>', 'total population, or a CSV / GeoJSON of points with population (default: an estimate)')
    .option('--cell-m <metres>', 'grid cell size (default: 1000, smaller for a small area)', parseCellM)
    .option('--utc-offset <hours>', 'local time offset from UTC', parseOffset, 8)
    .option('--seeds-dir <dir>', 'directory of the world data', 'seeds')
    .option('--force', 'replace an existing region of the same id')
    .option('--json', 'print the report as one JSON object')
    .action(async (roads: string, o: CliOptions) => {
      const opts: ImportOptions = {
        roadsFile: roads, name: o.name, seedsDir: o.seedsDir,
        ...(o.nameZh !== undefined ? { nameZh: o.nameZh } : {}),
        ...(o.id !== undefined ? { id: o.id } : {}),
        ...(o.roster !== undefined ? { roster: o.roster } : {}),
        ...(o.population !== undefined ? { population: o.population } : {}),
        ...(o.cellM !== undefined ? { cellM: o.cellM } : {}),
        ...(o.utcOffset !== undefined ? { utcOffsetHours: o.utcOffset } : {}),
        force: o.force ?? false,
      };
      try {
        const report = await importRegion(opts, (seedsDir, regionId) => void loadWorld({ seedsDir, regionId }));
        process.stdout.write(o.json ? `${JSON.stringify(report, null, 2)}\n` : formatImportReport(report));
      } catch (err) {
        if (!(err instanceof ImportError) && !(err instanceof ImportUsageError)) throw err;
        process.stderr.write(`${err instanceof ImportUsageError ? 'error: ' : ''}${err.message}\n`);
        process.exitCode = 2;
      }
    });
}
