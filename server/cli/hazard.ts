// `sim hazard plume|flood`: the hazard models from the command line, without running a scenario.
//   plume: ground-level centreline concentrations (ppm, mg/m³) at 100 … 5000 m and the length and
//          width of each threat zone, the ERG distances and the model's warnings.
//   flood: the connected bathtub at a level above the river datum on the region's ground: flooded
//          and boat-only area, people per AIDR 7-3 class, people stranded, closed roads.
// Usage: npm run sim -- hazard plume --substance chlorine --rate-kg-s 1 --wind-m-s 3 --stability D --json
//        npm run sim -- hazard flood --level-m 3 --json
import { InvalidArgumentError, type Command } from 'commander';
import type { LatLon } from '../../shared/geo.ts';
import { STABILITY_CLASSES, type StabilityClass } from '../../shared/schemas/hazard.ts';
import { loadWorld } from '../scenario/load-world.ts';
import { loadFloodHazardRules, loadSubstances } from '../scenario/load-hazard-data.ts';
import { createHazardModels } from '../hazards/models.ts';
import { chemicalZones } from '../hazards/chemical-zones.ts';
import { mgM3ToPpm } from '../hazards/units.ts';
import { table } from '../metrics/format-summary.ts';

const CENTRELINE_M = [100, 200, 500, 1000, 2000, 5000];

function positive(what: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!(n > 0) || !Number.isFinite(n)) throw new InvalidArgumentError(`${what}: expected a positive number (got "${v}").`);
    return n;
  };
}

function nonNegative(what: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!(n >= 0) || !Number.isFinite(n)) throw new InvalidArgumentError(`${what}: expected a number ≥ 0 (got "${v}").`);
    return n;
  };
}

function finite(v: string): number {
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n)) throw new InvalidArgumentError(`expected a number of metres, e.g. 2.5 (got "${v}").`);
  return n;
}

function parseStability(v: string): StabilityClass {
  const s = v.trim().toUpperCase();
  if (!(STABILITY_CLASSES as readonly string[]).includes(s)) throw new InvalidArgumentError(`expected a Pasquill-Gifford class: ${STABILITY_CLASSES.join(', ')} (got "${v}").`);
  return s as StabilityClass;
}

function parseLatLon(v: string): LatLon {
  const parts = v.split(',').map((p) => Number(p.trim()));
  if (parts.length !== 2 || parts.some((n) => !Number.isFinite(n)) || Math.abs(parts[0]!) > 90 || Math.abs(parts[1]!) > 180) {
    throw new InvalidArgumentError(`expected <lat>,<lon> in degrees, e.g. 24.60,110.56 (got "${v}").`);
  }
  return [parts[0]!, parts[1]!];
}

function parseSpill(v: string): 'small' | 'large' {
  if (v !== 'small' && v !== 'large') throw new InvalidArgumentError('expected small or large.');
  return v;
}

const round = (v: number, digits: number): number => Number(v.toPrecision(digits));
const fixed = (v: number, decimals: number): number => Math.round(v * 10 ** decimals) / 10 ** decimals;
/** A road end to 1e-5° (about 1 m), as the board's map data: the grid sums carry float noise (24.581999999999997). */
const latLon = (p: readonly [number, number]): [number, number] => [fixed(p[0], 5), fixed(p[1], 5)];

interface PlumeOptions {
  substance: string;
  rateKgS?: number;
  massKg?: number;
  windMS: number;
  windFromDeg: number;
  stability: StabilityClass;
  urban?: boolean;
  heightM: number;
  spill: 'small' | 'large';
  night?: boolean;
  at: LatLon;
  json?: boolean;
  seedsDir: string;
}

function plumeCommand(opts: PlumeOptions): void {
  if ((opts.rateKgS === undefined) === (opts.massKg === undefined)) throw new Error('give exactly one of --rate-kg-s (continuous release) or --mass-kg (instantaneous puff)');
  const catalogue = loadSubstances(opts.seedsDir).data;
  const substance = catalogue.substances.find((s) => s.id === opts.substance);
  if (!substance) throw new Error(`unknown substance "${opts.substance}" (expected one of: ${catalogue.substances.map((s) => s.id).join(', ')})`);
  const source = opts.rateKgS !== undefined
    ? { kind: 'continuous' as const, rateKgS: opts.rateKgS, heightM: opts.heightM }
    : { kind: 'instantaneous' as const, massKg: opts.massKg!, heightM: opts.heightM };
  const zones = chemicalZones({
    substance,
    ergWindClasses: catalogue.ergWindClasses,
    source,
    origin: opts.at,
    wind: { fromDeg: opts.windFromDeg, speedMS: opts.windMS },
    stability: opts.stability,
    terrain: opts.urban ? 'urban' : 'rural',
    spill: opts.spill,
    night: Boolean(opts.night),
  });
  const centreline = CENTRELINE_M.map((distanceM) => {
    const mg = zones.model.centrelineMgM3(distanceM);
    return { distanceM, ppm: round(mgM3ToPpm(mg, substance.molecularWeight), 6), mgM3: round(mg, 6) };
  });
  const threatZones = zones.threat.map((z) => ({ level: z.level, basis: z.basis, ppm: z.ppm, lengthM: fixed(z.lengthM, 1), widthM: fixed(z.widthM, 1), startM: fixed(z.startM, 1) }));
  const erg = {
    edition: zones.erg.edition,
    basis: zones.erg.basis,
    isolationRadiusM: zones.erg.isolation.radiusM,
    protectiveActionM: zones.erg.protectiveAction?.distanceM ?? null,
  };
  const out = {
    substance: substance.id,
    release: source,
    windMS: opts.windMS,
    windFromDeg: opts.windFromDeg,
    stability: zones.stability,
    terrain: zones.terrain,
    concentrationBasis: source.kind === 'continuous' ? 'steady plume, ground level' : 'peak as the puff passes, ground level',
    centreline,
    zones: threatZones,
    erg,
    warnings: zones.warnings,
  };
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return;
  }
  const lines = [
    `${substance.name} (${substance.nameZh}), ${source.kind === 'continuous' ? `${source.rateKgS} kg/s continuous` : `${source.massKg} kg puff`} at ${opts.heightM} m; wind ${opts.windMS} m/s from ${opts.windFromDeg}°, class ${zones.stability}, ${zones.terrain}`,
    '',
    table(['distance m', 'ppm', 'mg/m³'], centreline.map((c) => [String(c.distanceM), String(c.ppm), String(c.mgM3)])),
    '',
    table(['zone', 'level', 'length m', 'width m'], threatZones.map((z) => [`level ${z.level}`, `${z.basis} ${z.ppm} ppm`, String(z.lengthM), String(z.widthM)])),
    '',
    `ERG: ${erg.basis}: isolate ${erg.isolationRadiusM} m${erg.protectiveActionM === null ? '' : `, protect ${erg.protectiveActionM / 1000} km downwind`}`,
    ...zones.warnings.map((w) => `warning: ${w.message}`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

interface FloodOptions {
  levelM: number;
  closureDepthM?: number;
  waters: 'river' | 'all';
  region: string;
  seedsDir: string;
  json?: boolean;
}

function floodCommand(opts: FloodOptions): void {
  const world = loadWorld({ seedsDir: opts.seedsDir, regionId: opts.region });
  const models = createHazardModels(world.region, loadSubstances(opts.seedsDir).data, loadFloodHazardRules(opts.seedsDir).data, world.roads);
  const { impact } = models.flood(opts.levelM, { waters: opts.waters, ...(opts.closureDepthM === undefined ? {} : { roadClosureDepthM: opts.closureDepthM }) });
  const peopleByClass = Object.fromEntries(Object.entries(impact.peopleByClass).map(([k, v]) => [k, Math.round(v)]));
  const out = {
    region: world.region.id,
    levelM: opts.levelM,
    roadClosureDepthM: opts.closureDepthM ?? models.floodRules.roadClosureDepthM,
    floodedAreaKm2: fixed(impact.floodedAreaKm2, 3),
    boatOnlyAreaKm2: fixed(impact.boatOnlyAreaKm2, 3),
    floodedCells: impact.cells.length,
    peopleAffected: Math.round(impact.peopleAffected),
    peopleByClass,
    peopleStranded: Math.round(impact.stranded),
    closedRoadKm: fixed(impact.closedRoadKm, 3),
    closedSegments: impact.closedSegments.map((s) => ({ from: latLon(s.from), to: latLon(s.to), lengthM: fixed(s.lengthM, 1), depthM: fixed(s.depthM, 3) })),
  };
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(out)}\n`);
    return;
  }
  const lines = [
    `${world.region.name}: water ${opts.levelM} m above the river datum (connected bathtub on 250 m sub-cells)`,
    `flooded ${out.floodedAreaKm2} km² (boat-only ${out.boatOnlyAreaKm2} km²), ${out.peopleAffected} people in flooded ground, ${out.peopleStranded} stranded`,
    table(['class', 'people'], Object.entries(peopleByClass).map(([k, v]) => [k, String(v)])),
    `roads closed (deeper than ${out.roadClosureDepthM} m): ${out.closedSegments.length} segments, ${out.closedRoadKm} km`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

export function registerHazardCommand(program: Command): void {
  const hazard = program.command('hazard').description('hazard models: chemical plume zones and flood extent');
  hazard
    .command('plume')
    .description('Gaussian plume (or puff) of a release: centreline concentrations, threat zones, ERG distances')
    .requiredOption('--substance <id>', 'a substance of seeds/substances.yaml, e.g. chlorine')
    .option('--rate-kg-s <kg/s>', 'continuous release rate', positive('--rate-kg-s'))
    .option('--mass-kg <kg>', 'instantaneous release (puff) mass', positive('--mass-kg'))
    .requiredOption('--wind-m-s <m/s>', 'wind speed at 10 m', nonNegative('--wind-m-s'))
    .option('--wind-from-deg <deg>', 'direction the wind blows from (270 = west wind)', nonNegative('--wind-from-deg'), 270)
    .requiredOption('--stability <class>', 'Pasquill-Gifford class A-F', parseStability)
    .option('--urban', 'urban dispersion curves (default: open country)')
    .option('--height-m <m>', 'release height above ground', nonNegative('--height-m'), 0)
    .option('--spill <size>', 'ERG spill size: small or large', parseSpill, 'large')
    .option('--night', 'ERG night distances')
    .option('--at <lat,lon>', 'source location (for the zone polygons)', parseLatLon, [24.6, 110.55] as LatLon)
    .option('--json', 'print one JSON object')
    .option('--seeds-dir <dir>', 'directory of the world data', 'seeds')
    .action((opts: PlumeOptions) => plumeCommand(opts));
  hazard
    .command('flood')
    .description("connected bathtub flood at a water level above the river datum on the region's ground")
    .requiredOption('--level-m <m>', 'water level above the river datum (its normal level), m', finite)
    .option('--closure-depth-m <m>', 'close roads deeper than this (default: seeds/flood-hazard.yaml)', positive('--closure-depth-m'))
    .option('--waters <which>', 'sources: river (default) or all (river and reservoir)', (v: string) => {
      if (v !== 'river' && v !== 'all') throw new InvalidArgumentError('expected river or all.');
      return v;
    }, 'river')
    .option('--region <id>', 'region under <seeds-dir>/regions', 'demo-county')
    .option('--seeds-dir <dir>', 'directory of the world data', 'seeds')
    .option('--json', 'print one JSON object')
    .action((opts: FloodOptions) => floodCommand(opts));
}
