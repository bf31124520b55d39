// Coverage bench: the 5-minute circle figures of the whole demo county, cold (first call: the 250 m
// samples are snapped to the roads) and warm (the samples cached, as in a what-if), a what-if, and
// the isochrones of every in-county station. Prints one JSON object of wall times and the figures.
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { loadWorld } from '../../server/scenario/load-world.ts';
import { readDataFile } from '../../server/files/read-data-file.ts';
import { loadRoadNetwork } from '../../server/geo/region-roads.ts';
import { computeCoverage } from '../../server/geo/coverage.ts';
import { compareCoverage } from '../../server/geo/coverage-what-if.ts';
import { stationIsochrones } from '../../server/geo/isochrones.ts';
import { CoverageConfigSchema } from '../../shared/schemas/coverage.ts';

const ms = (t0: number): number => Number((performance.now() - t0).toFixed(1));

export async function runCoverageBench(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { region: { type: 'string', default: 'demo-county' }, 'seeds-dir': { type: 'string', default: 'seeds' }, repeat: { type: 'string', default: '5' } } });
  const seedsDir = values['seeds-dir'];
  const repeat = Math.max(1, Number(values.repeat) || 5);
  let t = performance.now();
  const world = loadWorld({ seedsDir, regionId: values.region });
  const config = readDataFile(`${seedsDir}/coverage.yaml`, CoverageConfigSchema);
  const loadWorldMs = ms(t);
  t = performance.now();
  const roads = loadRoadNetwork(seedsDir, world.region);
  const roadsMs = ms(t);
  t = performance.now();
  const figures = computeCoverage(world, roads, { config });
  const coldMs = ms(t);
  const warm: number[] = [];
  for (let i = 0; i < repeat; i++) {
    t = performance.now();
    computeCoverage(world, roads, { config, timeOfDay: i % 2 ? 'night' : 'day' });
    warm.push(ms(t));
  }
  const gap = figures.gaps[0];
  t = performance.now();
  const cmp = gap ? compareCoverage(world, roads, [{ type: 'add', lat: gap.lat, lon: gap.lon, kind: 'class-2' }], { config }) : undefined;
  const whatIfMs = ms(t);
  const inCounty = new Set(world.region.jurisdictions.filter((j) => j.kind !== 'neighbour' && j.kind !== 'province').map((j) => j.id));
  const stations = world.region.stations.filter((s) => inCounty.has(s.jurisdictionId));
  t = performance.now();
  for (const s of stations) stationIsochrones(world, roads, s.id, { config });
  const isoMs = ms(t);
  const out = {
    bench: 'coverage',
    region: world.region.id,
    samples: world.region.cells.filter((c) => c.landUse !== 'water').length * config.samplesPerCellSide ** 2,
    roadNodes: roads.nodeCount,
    loadWorldMs,
    roadsMs,
    coverageColdMs: coldMs,
    coverageWarmMs: Math.min(...warm),
    whatIfCompareMs: whatIfMs,
    isochroneStations: stations.length,
    isochronesPerStationMs: Number((isoMs / Math.max(1, stations.length)).toFixed(1)),
    populationWithin5min: figures.populationWithin5min,
    builtUpWithin5min: figures.builtUpWithin5min,
    microPopulationWithin3min: figures.microPopulationWithin3min,
    townshipPopulationWithinTarget: figures.townshipPopulationWithinTarget,
    whatIfDeltaPopulationWithin5min: cmp?.delta.populationWithin5min ?? null,
    peakRssMB: Math.round(process.memoryUsage().rss / 1024 / 1024),
  };
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
}

// Runnable on its own too: `npx tsx tests/bench/coverage.bench-run.ts`.
if (import.meta.url === `file://${process.argv[1]}`) await runCoverageBench(process.argv.slice(2));
