// `sim coverage`: the 5-minute circle figures of a region (people and built-up area reached in time by
// national/professional stations, micro stations, township teams), its biggest gaps, and what a new,
// moved or removed station would change (before / after / delta). A readable table, or one JSON
// object with --json; `--isochrones <station>` prints the station's isochrone bands as GeoJSON.
// Usage: npm run sim -- coverage --add-station 24.60,110.56,class-2 --json
import { InvalidArgumentError, type Command } from 'commander';
import { FORCE_KINDS, FORCE_KIND_NAMES, type ForceKind } from '../../shared/domain/forces.ts';
import type {
  CoverageComparison,
  CoverageFigures,
  MeasureFigures,
  TimeOfDay,
  WhatIf,
} from '../../shared/schemas/coverage.ts';
import type { Region } from '../../shared/schemas/region.ts';
import { loadCoverageConfig } from '../scenario/load-coverage-config.ts';
import { loadWorld } from '../scenario/load-world.ts';
import { loadRoadNetwork } from '../geo/region-roads.ts';
import { computeCoverage } from '../geo/coverage.ts';
import { compareCoverage } from '../geo/coverage-what-if.ts';
import { stationIsochrones } from '../geo/isochrones.ts';
import { formatPercent, table } from '../metrics/format-summary.ts';

interface CoverageCliOptions {
  addStation: WhatIf[];
  removeStation: WhatIf[];
  moveStation: WhatIf[];
  json?: boolean;
  night?: boolean;
  region: string;
  seedsDir: string;
  isochrones?: string;
}

// ---- argument parsers (commander turns InvalidArgumentError into a usage error, exit code 2) ----

function parseLatLon(text: string, what: string): [number, number] {
  const parts = text.split(',').map((s) => s.trim());
  const [lat, lon] = parts.map(Number) as [number, number];
  if (parts.length !== 2 || parts.some((p) => p === '') || !Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) {
    throw new InvalidArgumentError(`${what}: expected <lat>,<lon> in degrees, e.g. 24.60,110.56 (got "${text}").`);
  }
  return [lat, lon];
}

function collectAdd(v: string, list: WhatIf[]): WhatIf[] {
  const i = v.lastIndexOf(',');
  const kind = v.slice(i + 1).trim();
  if (i < 0 || !(FORCE_KINDS as readonly string[]).includes(kind)) {
    throw new InvalidArgumentError(`expected <lat>,<lon>,<kind> with kind one of: ${FORCE_KINDS.join(', ')} (got "${v}").`);
  }
  const [lat, lon] = parseLatLon(v.slice(0, i), 'position');
  return [...list, { type: 'add', lat, lon, kind: kind as ForceKind }];
}

function collectRemove(v: string, list: WhatIf[]): WhatIf[] {
  if (!/^[\w.-]+$/.test(v)) throw new InvalidArgumentError(`expected a station id, e.g. qs-special (got "${v}").`);
  return [...list, { type: 'remove', stationId: v }];
}

function collectMove(v: string, list: WhatIf[]): WhatIf[] {
  const i = v.indexOf(':');
  if (i <= 0) throw new InvalidArgumentError(`expected <id>:<lat>,<lon>, e.g. qs-gucheng:24.61,110.55 (got "${v}").`);
  const [lat, lon] = parseLatLon(v.slice(i + 1), 'position');
  return [...list, { type: 'move', stationId: v.slice(0, i), lat, lon }];
}

// ---- the command --------------------------------------------------------------------------------

function coverageCommand(opts: CoverageCliOptions): void {
  const world = loadWorld({ seedsDir: opts.seedsDir, regionId: opts.region });
  const config = loadCoverageConfig(opts.seedsDir, (line) => process.stderr.write(`${line}\n`));
  const roads = loadRoadNetwork(opts.seedsDir, world.region);
  const timeOfDay: TimeOfDay = opts.night ? 'night' : 'day';

  if (opts.isochrones !== undefined) {
    const iso = stationIsochrones(world, roads, opts.isochrones, { config, timeOfDay });
    const { bands, ...props } = iso;
    // Largest band first, so a map drawing the features in order keeps the smaller ones on top.
    const features = [...bands].reverse().map((b) => ({ type: 'Feature', properties: { ...props, minutes: b.minutes, areaKm2: b.areaKm2 }, geometry: b.geometry }));
    process.stdout.write(`${JSON.stringify({ type: 'FeatureCollection', properties: props, features })}\n`);
    return;
  }

  // Removals and moves first, then additions: the order on the command line does not matter.
  const whatIf = [...opts.removeStation, ...opts.moveStation, ...opts.addStation];
  if (whatIf.length === 0) {
    const figures = computeCoverage(world, roads, { config, timeOfDay });
    if (opts.json) process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
    else process.stdout.write(`${formatCoverage(world.region, figures)}\n`);
    return;
  }
  const cmp = compareCoverage(world, roads, whatIf, { config, timeOfDay });
  if (opts.json) {
    // The figures after the change at the top, as without a what-if, then the comparison.
    process.stdout.write(`${JSON.stringify({ ...cmp.after, whatIf: cmp.whatIf, before: cmp.before, after: cmp.after, delta: cmp.delta }, null, 2)}\n`);
  } else {
    process.stdout.write(`${formatComparison(world.region, cmp)}\n`);
  }
}

export function registerCoverageCommand(program: Command): void {
  program
    .command('coverage')
    .description('5-minute circle figures, biggest gaps, and what a new / moved / removed station changes')
    .option('--add-station <lat,lon,kind>', `what-if: a new station (kind: ${FORCE_KINDS.join(', ')}); repeatable`, collectAdd, [])
    .option('--remove-station <id>', 'what-if: without this station; repeatable', collectRemove, [])
    .option('--move-station <id:lat,lon>', 'what-if: this station elsewhere; repeatable', collectMove, [])
    .option('--night', 'night turnout times (default: day)')
    .option('--json', 'print one JSON object instead of the table')
    .option('--isochrones <station-id>', "print the station's isochrone bands as a GeoJSON FeatureCollection")
    .option('--region <id>', 'region under <seeds-dir>/regions', 'demo-county')
    .option('--seeds-dir <dir>', 'directory of the world data', 'seeds')
    .action((opts: CoverageCliOptions) => coverageCommand(opts));
}

// ---- text report --------------------------------------------------------------------------------

const int = (n: number): string => Math.round(n).toLocaleString('en-US');
const pct = (share: number): string => formatPercent(share);
const signedPts = (d: number): string => `${d >= 0 ? '+' : ''}${(d * 100).toFixed(1)} pts`;
const signedInt = (d: number): string => `${d >= 0 ? '+' : ''}${int(d)}`;

function heading(region: Pick<Region, 'name' | 'nameZh' | 'fictional'>, f: CoverageFigures): string {
  const when = f.timeOfDay === 'night' ? '夜间 night' : '白天 day';
  const turnout = f.turnoutIncluded ? `${when} turnout included (含出动时间)` : 'travel only, no turnout (不含出动时间)';
  return `消防救援圈 Coverage — ${region.nameZh} ${region.name}${region.fictional && !/fictional/i.test(region.name) ? ' (fictional 虚构)' : ''}\n` +
    `Dispatch order → on scene: ${turnout}, ${f.speedClass} vehicle on the road network, population on ${f.sampleM} m samples`;
}

function measureRow(m: MeasureFigures): string[] {
  return [
    `${m.nameZh} ${m.nameEn}`,
    `${m.targetMinutes} min`,
    String(m.stations),
    `${pct(m.populationShare)} (${int(m.populationCovered)} of ${int(m.population)})`,
    `${pct(m.builtUpShare)} (${m.builtUpCoveredKm2.toFixed(1)} of ${m.builtUpKm2.toFixed(1)} km²)`,
  ];
}

function gapTable(f: CoverageFigures): string {
  if (f.gaps.length === 0) return '(none)';
  const rows = f.gaps.map((g, i) => [
    String(i + 1),
    `${g.lat.toFixed(4)}, ${g.lon.toFixed(4)}`,
    g.place ?? g.jurisdictionId,
    int(g.population),
    String(g.cells),
    g.nearestStationId ?? '—',
    g.minutes === null ? '—' : g.minutes.toFixed(1),
  ]);
  return table(['#', '位置 Location', '地点 Place', '人口 People', 'km²', '最近站 Nearest', '分钟 Min'], rows, (i) => i === 0 || i === 3 || i === 4 || i === 6);
}

export function formatCoverage(region: Pick<Region, 'name' | 'nameZh' | 'fictional'>, f: CoverageFigures): string {
  const target = f.measures[0]?.targetMinutes ?? 5;
  return [
    heading(region, f),
    '',
    table(['指标 Figure', '目标 Target', '站 Stations', '人口 Population', '建成区 Built-up area'], f.measures.map(measureRow), (i) => i === 1 || i === 2),
    '',
    `${target}分钟圈外人口 People outside the ${target}-minute circle: ${int(f.uncoveredPopulation)}`,
    `最大空白区 Biggest gaps (clusters of 1-km cells whose people are outside the ${target}-minute circle; time of the fastest counted station)`,
    gapTable(f),
    '',
  ].join('\n');
}

function describeWhatIf(w: WhatIf): string {
  if (w.type === 'add') return `+ ${FORCE_KIND_NAMES[w.kind].zh} ${w.kind} at ${w.lat},${w.lon}`;
  if (w.type === 'remove') return `− ${w.stationId}`;
  return `→ ${w.stationId} moved to ${w.lat},${w.lon}`;
}

export function formatComparison(region: Pick<Region, 'name' | 'nameZh' | 'fictional'>, cmp: CoverageComparison): string {
  const rows: string[][] = [];
  cmp.after.measures.forEach((a, i) => {
    const b = cmp.before.measures[i]!;
    const name = `${a.nameZh} ${a.nameEn} (${a.targetMinutes} min)`;
    rows.push([`${name} · 人口 people`, pct(b.populationShare), pct(a.populationShare), signedPts(a.populationShare - b.populationShare), signedInt(a.populationCovered - b.populationCovered)]);
    rows.push([`${name} · 建成区 built-up`, pct(b.builtUpShare), pct(a.builtUpShare), signedPts(a.builtUpShare - b.builtUpShare), `${a.builtUpCoveredKm2 >= b.builtUpCoveredKm2 ? '+' : ''}${(a.builtUpCoveredKm2 - b.builtUpCoveredKm2).toFixed(1)} km²`]);
  });
  return [
    heading(region, cmp.after),
    `假设 What-if: ${cmp.whatIf.map(describeWhatIf).join('; ')}`,
    '',
    table(['指标 Figure', '之前 Before', '之后 After', '变化 Delta', ''], rows),
    '',
    `圈外人口 People outside the circle: ${int(cmp.before.uncoveredPopulation)} → ${int(cmp.after.uncoveredPopulation)}`,
    '之后的最大空白区 Biggest gaps after the change',
    gapTable(cmp.after),
    '',
  ].join('\n');
}
