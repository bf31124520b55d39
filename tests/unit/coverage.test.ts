// Coverage: isochrones that grow with time and whose polygons hold the area they claim, the
// 5-minute circle figures on a tiny hand-made county where every share is known exactly, what-if
// changes moving the demo county's figures the way a brigade expects, and the real `coverage`
// command in a child process.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FORCE_KINDS, SPEED_CLASSES } from '../../shared/domain/forces.ts';
import { haversineM } from '../../shared/geo.ts';
import { CoverageConfigSchema, DEFAULT_COVERAGE_CONFIG, type CoverageConfig, type MultiPolygon, type Position } from '../../shared/schemas/coverage.ts';
import type { Cell, Station } from '../../shared/schemas/region.ts';
import { loadWorld } from '../../server/scenario/load-world.ts';
import { readDataFile } from '../../server/files/read-data-file.ts';
import { loadRoadNetwork } from '../../server/geo/region-roads.ts';
import { buildRoadNetwork } from '../../server/geo/road-network.ts';
import { computeCoverage, type CoverageWorld } from '../../server/geo/coverage.ts';
import { applyWhatIf, compareCoverage } from '../../server/geo/coverage-what-if.ts';
import { stationIsochrones } from '../../server/geo/isochrones.ts';
import { signedArea, squaresToMultiPolygon } from '../../server/geo/coverage-polygons.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TSX = path.join(ROOT, 'node_modules', '.bin', process.platform === 'win32' ? 'tsx.cmd' : 'tsx');

const world = loadWorld({});
const roads = loadRoadNetwork('seeds', world.region);
const config = readDataFile(path.join(ROOT, 'seeds/coverage.yaml'), CoverageConfigSchema);
const baseline = computeCoverage(world, roads, { config });

/** Area of a GeoJSON MultiPolygon in km² (outer rings minus holes, local equirectangular scale). */
function polygonAreaKm2(g: MultiPolygon): number {
  const ringKm2 = (ring: Position[]): number => {
    const lat = ring.reduce((s, p) => s + p[1], 0) / ring.length;
    return signedArea(ring) * 111.195 ** 2 * Math.cos((lat * Math.PI) / 180);
  };
  return g.coordinates.reduce((s, poly) => s + poly.reduce((t, ring) => t + ringKm2(ring), 0), 0);
}

describe('seeds/coverage.yaml', () => {
  it('holds the documented defaults (5 min stations, 3 min micro, 10 min township, turnout included)', () => {
    expect(config).toEqual(DEFAULT_COVERAGE_CONFIG);
  });
});

describe('station isochrones on the demo county', () => {
  const stations = ['qs-special', 'qs-chengdong', 'qs-xincheng', 'tw-daxu', 'tw-longjiang'];

  it.each(stations)('%s: the area reached grows with every band 3 < 5 < 8 < 10 < 15 min', (id) => {
    const iso = stationIsochrones(world, roads, id, { config });
    expect(iso.bands.map((b) => b.minutes)).toEqual([3, 5, 8, 10, 15]);
    expect(iso.turnoutIncluded).toBe(false);
    for (let i = 1; i < iso.bands.length; i++) expect(iso.bands[i]!.areaKm2).toBeGreaterThan(iso.bands[i - 1]!.areaKm2);
    expect(iso.bands[0]!.areaKm2).toBeGreaterThan(0);
  });

  it('draws polygons that hold the area they claim, as valid GeoJSON rings (closed, outer CCW, holes CW)', () => {
    const iso = stationIsochrones(world, roads, 'qs-special', { config });
    for (const band of iso.bands) {
      expect(band.geometry.type).toBe('MultiPolygon');
      expect(polygonAreaKm2(band.geometry)).toBeCloseTo(band.areaKm2, 0);
      for (const poly of band.geometry.coordinates) {
        poly.forEach((ring, i) => {
          expect(ring[0]).toEqual(ring[ring.length - 1]);
          expect(ring.length).toBeGreaterThanOrEqual(5);
          expect(Math.sign(signedArea(ring))).toBe(i === 0 ? 1 : -1);
        });
      }
    }
    // A crew rolls 5 minutes of city streets: a few to a few dozen km², centred on the station.
    const five = iso.bands[1]!;
    expect(five.areaKm2).toBeGreaterThan(5);
    expect(five.areaKm2).toBeLessThan(60);
  });

  it('shrinks every band when turnout is counted, and more at night', () => {
    const travel = stationIsochrones(world, roads, 'qs-chengdong', { config });
    const day = stationIsochrones(world, roads, 'qs-chengdong', { config, turnoutIncluded: true });
    const night = stationIsochrones(world, roads, 'qs-chengdong', { config, turnoutIncluded: true, timeOfDay: 'night' });
    expect(day.turnoutSeconds).toBe(60);
    expect(night.turnoutSeconds).toBe(90);
    day.bands.forEach((b, i) => {
      expect(b.areaKm2).toBeLessThan(travel.bands[i]!.areaKm2);
      expect(night.bands[i]!.areaKm2).toBeLessThan(b.areaKm2);
    });
  });

  it('refuses an unknown station by name', () => {
    expect(() => stationIsochrones(world, roads, 'qs-nowhere', { config })).toThrow(/unknown station "qs-nowhere"/);
  });
});

describe('polygons from squares', () => {
  const frame = { rows: 4, cols: 4, south: 0, west: 0, dLat: 1, dLon: 1 };
  const mask = (cells: [number, number][]): Uint8Array => {
    const m = new Uint8Array(16);
    for (const [r, c] of cells) m[r * 4 + c] = 1;
    return m;
  };

  it('a ring of squares is one polygon with one hole', () => {
    const ring: [number, number][] = [[0, 0], [0, 1], [0, 2], [1, 0], [1, 2], [2, 0], [2, 1], [2, 2]];
    const g = squaresToMultiPolygon(frame, mask(ring));
    expect(g.coordinates).toHaveLength(1);
    expect(g.coordinates[0]).toEqual([
      [[0, 0], [3, 0], [3, 3], [0, 3], [0, 0]],
      [[1, 1], [1, 2], [2, 2], [2, 1], [1, 1]],
    ]);
  });

  it('squares touching only at a corner are separate polygons', () => {
    const g = squaresToMultiPolygon(frame, mask([[0, 0], [1, 1]]));
    expect(g.coordinates).toHaveLength(2);
    expect(g.coordinates.map((p) => p.length)).toEqual([1, 1]);
  });
});

// ---- a tiny hand-made county: five 1-km cells in a row, a street through their centres ----------

const CELL_LAT = 0.009;
const CELL_LON = 0.0099;
const centre = (c: number): [number, number] => [24 + CELL_LAT / 2, 110 + CELL_LON * (c + 0.5)];

function tinyCounty(): CoverageWorld {
  const pops = [100, 200, 300, 400, 0];
  const uses: Cell['landUse'][] = ['urban', 'rural', 'rural', 'urban', 'forest'];
  const cells: Cell[] = pops.map((population, c) => ({ r: 0, c, population, landUse: uses[c]!, jurisdictionId: 'tiny' }));
  const station = (id: string, kind: Station['kind'], c: number): Station => ({
    id, name: id, nameZh: id, kind, jurisdictionId: 'tiny', location: centre(c), staffOnDuty: 6, specialties: [], units: [],
  });
  return {
    region: {
      id: 'tiny',
      grid: { south: 24, west: 110, cellLat: CELL_LAT, cellLon: CELL_LON, rows: 1, cols: 5 },
      cells,
      stations: [station('home', 'class-1', 0), station('corner-shop', 'micro', 4)],
      jurisdictions: [{ id: 'tiny', name: 'Tiny', nameZh: '小', kind: 'urban-district', homeStationId: 'home', population: 1000, center: centre(2) }],
    },
    doctrine: {
      turnoutSeconds: Object.fromEntries(FORCE_KINDS.map((k) => [k, { day: 60, night: 120 }])) as CoverageWorld['doctrine']['turnoutSeconds'],
      speedsKmh: Object.fromEntries(SPEED_CLASSES.map((s) => [s, 40])) as CoverageWorld['doctrine']['speedsKmh'],
      detourFactor: 1.3,
    },
  };
}

/** Street nodes at the cell centres, 1,000 m apart at 36 km/h: 100 s per cell, both ways. */
function tinyRoads(): ReturnType<typeof buildRoadNetwork> {
  const lat = Float64Array.from([0, 1, 2, 3, 4], (c) => centre(c)[0]);
  const lon = Float64Array.from([0, 1, 2, 3, 4], (c) => centre(c)[1]);
  const from = Int32Array.from([0, 1, 1, 2, 2, 3, 3, 4]);
  const to = Int32Array.from([1, 0, 2, 1, 3, 2, 4, 3]);
  const speeds = { expressway: 36, arterial: 36, local: 36, rural: 36, mountain: 36, ramp: 36 };
  return buildRoadNetwork(lat, lon, from, to, new Float32Array(8).fill(1000), new Uint8Array(8).fill(2), speeds);
}

// One sample per cell, at its centre, on a street node: no off-road leg, so every time is exact.
const exact: CoverageConfig = { ...DEFAULT_COVERAGE_CONFIG, samplesPerCellSide: 1 };

describe('coverage on a tiny hand-made county', () => {
  const tiny = tinyCounty();
  const net = tinyRoads();

  it('counts exactly the people and built-up area within 60 s turnout + 240 s travel', () => {
    // Arrival: 60, 160, 260, 360, 460 s → the first three cells (100 + 200 + 300 of 1,000 people).
    const f = computeCoverage(tiny, net, { config: exact });
    expect(f.populationWithin5min).toBe(0.6);
    expect(f.uncoveredPopulation).toBe(400);
    expect(f.builtUpWithin5min).toBe(0.5); // urban cells 0 (60 s) and 3 (360 s)
    // The micro station at cell 4 reaches cells 4 (60 s) and 3 (160 s) in 3 minutes: 400 people.
    expect(f.microPopulationWithin3min).toBe(0.4);
    expect(f.microBuiltUpWithin3min).toBe(0.5);
    expect(f.townshipPopulationWithinTarget).toBe(0); // no township team
    expect(f.gaps).toHaveLength(1);
    const { lat, lon, ...gap } = f.gaps[0]!;
    expect(gap).toEqual({ population: 400, cells: 1, jurisdictionId: 'tiny', place: null, nearestStationId: 'home', minutes: 6 });
    expect(lat).toBeCloseTo(centre(3)[0], 5);
    expect(lon).toBeCloseTo(centre(3)[1], 5);
  });

  it('uses the night turnout when asked: 120 s + 200 s misses the third cell', () => {
    const f = computeCoverage(tiny, net, { config: exact, timeOfDay: 'night' });
    expect(f.timeOfDay).toBe('night');
    expect(f.populationWithin5min).toBe(0.3);
  });

  it('a new station at the far end closes the gap: every figure moves by the exact amount', () => {
    const cmp = compareCoverage(tiny, net, [{ type: 'add', lat: centre(4)[0], lon: centre(4)[1], kind: 'class-2' }], { config: exact });
    expect(cmp.after.populationWithin5min).toBe(1);
    expect(cmp.delta.populationWithin5min).toBe(0.4);
    expect(cmp.delta.builtUpWithin5min).toBe(0.5);
    expect(cmp.delta['station.stations']).toBe(1);
    expect(cmp.delta.uncoveredPopulation).toBe(-400);
    expect(cmp.after.gaps).toEqual([]);
    expect(tiny.region.stations).toHaveLength(2); // the world itself is untouched
  });

  it('moving and removing stations by id; unknown ids and places off the map are refused', () => {
    const moved = compareCoverage(tiny, net, [{ type: 'move', stationId: 'home', lat: centre(2)[0], lon: centre(2)[1] }], { config: exact });
    expect(moved.after.populationWithin5min).toBe(1); // 60 s at cell 2, 160 s at cells 1 and 3, 260 s at 0 and 4
    const removed = compareCoverage(tiny, net, [{ type: 'remove', stationId: 'home' }], { config: exact });
    expect(removed.after.populationWithin5min).toBe(0);
    expect(removed.delta.populationWithin5min).toBe(-0.6);
    expect(() => applyWhatIf(tiny.region, [{ type: 'remove', stationId: 'nope' }])).toThrow(/unknown station "nope"/);
    expect(() => applyWhatIf(tiny.region, [{ type: 'add', lat: 30, lon: 110, kind: 'micro' }])).toThrow(/outside region tiny/);
  });

  it('isochrone bands on the street are the exact cells reached', () => {
    const iso = stationIsochrones(tiny, net, 'home', { minutes: [1, 2, 4, 5], samplesPerCellSide: 1 });
    const cellKm2 = haversineM([24, 110], [24 + CELL_LAT, 110]) / 1000 * (haversineM(centre(0), centre(1)) / 1000);
    // Travel only: 0, 100, 200, 300, 400 s to the cells.
    expect(iso.bands.map((b) => Math.round(b.areaKm2 / cellKm2))).toEqual([1, 2, 3, 4]);
    expect(iso.bands[2]!.geometry.coordinates).toEqual([[[[110, 24], [110.0297, 24], [110.0297, 24.009], [110, 24.009], [110, 24]]]]);
  });
});

// ---- the demo county: what a brigade would try ----------------------------------------------------

describe('what-if on the demo county', () => {
  const before = baseline;

  it('reports shares in 0..1 and the biggest gaps first', () => {
    for (const v of [before.populationWithin5min, before.builtUpWithin5min, before.microPopulationWithin3min, before.townshipPopulationWithinTarget]) {
      expect(v).toBeGreaterThan(0);
      expect(v).toBeLessThan(1);
    }
    expect(before.gaps.length).toBeGreaterThan(3);
    for (let i = 1; i < before.gaps.length; i++) expect(before.gaps[i]!.population).toBeLessThanOrEqual(before.gaps[i - 1]!.population);
    for (const g of before.gaps) expect(g.minutes).toBeGreaterThan(config.measures.station.targetMinutes);
  });

  it('a class-2 station in the biggest gap raises the 5-minute share and closes or shrinks that gap', () => {
    const gap = before.gaps[0]!;
    const cmp = compareCoverage(world, roads, [{ type: 'add', lat: gap.lat, lon: gap.lon, kind: 'class-2' }], { config });
    expect(cmp.delta.populationWithin5min).toBeGreaterThan(0.01);
    expect(cmp.after.uncoveredPopulation).toBeLessThan(before.uncoveredPopulation);
    const near = cmp.after.gaps.filter((g) => haversineM([g.lat, g.lon], [gap.lat, gap.lon]) < 2000);
    for (const g of near) expect(g.population).toBeLessThan(gap.population / 2);
  });

  it("removing the city's main station (the special-service station) lowers it", () => {
    const cmp = compareCoverage(world, roads, [{ type: 'remove', stationId: 'qs-special' }], { config });
    expect(cmp.delta.populationWithin5min).toBeLessThan(-0.01);
    expect(cmp.delta['station.stations']).toBe(-1);
  });

  it('night turnout lowers every figure', () => {
    const night = computeCoverage(world, roads, { config, timeOfDay: 'night' });
    expect(night.populationWithin5min).toBeLessThan(before.populationWithin5min);
    expect(night.microPopulationWithin3min).toBeLessThan(before.microPopulationWithin3min);
    expect(night.townshipPopulationWithinTarget).toBeLessThan(before.townshipPopulationWithinTarget);
  });
});

// ---- the command line -----------------------------------------------------------------------------

interface Outcome { code: number; stdout: string; stderr: string }

function sim(...args: string[]): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile(TSX, ['server/cli/main.ts', ...args], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

describe('npm run sim -- coverage', () => {
  it('--json prints one object with the figures and the gaps; a what-if adds before, after and delta', async () => {
    const [plain, whatIf] = await Promise.all([
      sim('coverage', '--json'),
      sim('coverage', '--json', '--night', '--remove-station', 'qs-special'),
    ]);
    expect(plain.code).toBe(0);
    const j = JSON.parse(plain.stdout) as Record<string, unknown>;
    for (const k of ['populationWithin5min', 'builtUpWithin5min', 'microPopulationWithin3min', 'townshipPopulationWithinTarget']) {
      expect(j[k]).toBeGreaterThan(0);
      expect(j[k]).toBeLessThan(1);
    }
    expect(j.populationWithin5min).toBe(baseline.populationWithin5min);
    const gaps = j.gaps as { lat: number; lon: number; population: number; nearestStationId: string; minutes: number }[];
    expect(gaps.length).toBeGreaterThan(0);
    expect(Object.keys(gaps[0]!)).toEqual(expect.arrayContaining(['lat', 'lon', 'population', 'nearestStationId', 'minutes']));
    expect(j.before).toBeUndefined();

    expect(whatIf.code).toBe(0);
    const w = JSON.parse(whatIf.stdout) as { timeOfDay: string; populationWithin5min: number; before: { populationWithin5min: number }; after: { populationWithin5min: number }; delta: Record<string, number> };
    expect(w.timeOfDay).toBe('night');
    expect(w.after.populationWithin5min).toBe(w.populationWithin5min);
    expect(w.delta.populationWithin5min).toBeCloseTo(w.after.populationWithin5min - w.before.populationWithin5min, 4);
    expect(w.delta.populationWithin5min).toBeLessThan(0);
  });

  it('bad arguments give a clear error and exit code 2', async () => {
    const [badKind, unknown] = await Promise.all([
      sim('coverage', '--add-station', '24.6,110.5,castle'),
      sim('coverage', '--remove-station', 'qs-nowhere'),
    ]);
    expect(badKind.code).toBe(2);
    expect(badKind.stderr).toMatch(/--add-station.*expected <lat>,<lon>,<kind> with kind one of: special-service/);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown station "qs-nowhere"/);
    expect(unknown.stderr).not.toMatch(/\n\s+at /); // no stack
  });
});
