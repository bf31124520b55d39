// The board's vector base map (buildRegionMap): small enough to send, every road drawn once, areas
// that cover exactly their cells, stations with their tiers, and the optional region fields.
import { describe, expect, it } from 'vitest';
import { loadWorld } from '../../server/scenario/load-world.ts';
import { loadRoadNetwork } from '../../server/geo/region-roads.ts';
import { roadStats } from '../../server/geo/road-network.ts';
import { buildRegionMap, simplify, traceCellRings } from '../../server/geo/region-map.ts';
import { KIND_TIER } from '../../shared/domain/forces.ts';
import { MAP_ROAD_CLASSES, type MapRings } from '../../shared/map-data.ts';
import { haversineM, type LatLon } from '../../shared/geo.ts';
import type { Grid, Region } from '../../shared/schemas/region.ts';
import { indexRegion } from '../../shared/region-lookup.ts';

const world = loadWorld({});
const roads = loadRoadNetwork('seeds', world.region);
const map = buildRegionMap(world, roads);
const { grid } = world.region;
const centre = (r: number, c: number): LatLon => [grid.south + (r + 0.5) * grid.cellLat, grid.west + (c + 0.5) * grid.cellLon];

/** Even-odd point-in-polygon over all rings: how the board's canvas fills them. */
function inside(rings: MapRings, p: LatLon): boolean {
  let odd = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const a = ring[i]!;
      const b = ring[j]!;
      if (a[0] > p[0] !== b[0] > p[0] && p[1] < ((b[1] - a[1]) * (p[0] - a[0])) / (b[0] - a[0]) + a[1]) odd = !odd;
    }
  }
  return odd;
}

const lineKm = (line: LatLon[]): number => line.slice(1).reduce((s, p, i) => s + haversineM(line[i]!, p), 0) / 1000;

describe('buildRegionMap on the demo county', () => {
  it('is small enough to send to a browser (< 2 MB of JSON)', () => {
    expect(JSON.stringify(map).length).toBeLessThan(2_000_000);
  });

  it('draws every road once: polyline length per class matches the network within 1 %', () => {
    const stats = roadStats(roads);
    for (const cls of MAP_ROAD_CLASSES) {
      const km = map.roads[cls].reduce((s, l) => s + lineKm(l), 0);
      expect(km, cls).toBeGreaterThan(stats.kmByClass[cls] * 0.99);
      expect(km, cls).toBeLessThan(stats.kmByClass[cls] * 1.01 + 0.05);
    }
    // Merging chains: far fewer polylines than road edges.
    const lines = MAP_ROAD_CLASSES.reduce((s, c) => s + map.roads[c].length, 0);
    expect(lines).toBeLessThan(roads.edgeCount / 2 / 5);
  });

  it('rounds coordinates to 1e-5 degrees', () => {
    for (const line of map.roads.rural.slice(0, 50)) {
      for (const [lat, lon] of line) {
        expect(Math.abs(lat * 1e5 - Math.round(lat * 1e5))).toBeLessThan(1e-6);
        expect(Math.abs(lon * 1e5 - Math.round(lon * 1e5))).toBeLessThan(1e-6);
      }
    }
  });

  it('water and built-up polygons cover exactly their cells', () => {
    for (const cell of world.region.cells) {
      const p = centre(cell.r, cell.c);
      expect(inside(map.water, p), `water at ${cell.r},${cell.c}`).toBe(cell.landUse === 'water');
      expect(inside(map.builtUp.urban, p), `urban at ${cell.r},${cell.c}`).toBe(cell.landUse === 'urban');
      expect(inside(map.builtUp.industrial, p)).toBe(cell.landUse === 'industrial');
    }
  });

  it('gives each in-county jurisdiction a boundary that holds its own cells and none of the others', () => {
    const central = map.jurisdictions.find((j) => j.id === 'qs-city-central')!;
    expect(central.rings.length).toBeGreaterThan(0);
    for (const cell of world.region.cells) {
      expect(inside(central.rings, centre(cell.r, cell.c))).toBe(cell.jurisdictionId === 'qs-city-central');
    }
    // Reinforcement echelons outside the grid have a centre but no boundary.
    const neighbour = map.jurisdictions.find((j) => j.kind === 'neighbour')!;
    expect(neighbour.rings).toEqual([]);
  });

  it('lists stations with their tier and units, place names and unit-type names', () => {
    expect(map.stations).toHaveLength(world.region.stations.length);
    for (const s of map.stations) expect(s.tier).toBe(KIND_TIER[s.kind]);
    const special = map.stations.find((s) => s.id === 'qs-special')!;
    expect(special.tier).toBe('national');
    expect(special.units.map((u) => u.id)).toContain('qs-special-SG-1');
    expect(special.units[0]).toMatchObject({ callsign: '特勤水罐1', callsignEn: 'Special Tender 1' });
    expect(map.places.map((p) => p.name)).toContain('Qingshui Plaza');
    expect(map.places.find((p) => p.kind === 'jurisdiction' && p.nameZh === '城中站辖区')).toBeDefined();
    expect(map.unitTypes.SG).toMatchObject({ zh: '水罐消防车', en: 'Water tender', capabilities: ['water'] });
    expect(map.runCards['high-rise-fire']?.['2']?.needs.length).toBeGreaterThan(0);
    expect(map.fictional).toBe(true);
  });

  it('carries the Chinese name of every named place, so the zh-CN board shows 大圩镇 and 塘口村, not pinyin', () => {
    const named = world.region.cells.filter((c) => c.place);
    const cellPlaces = map.places.filter((p) => p.kind !== 'jurisdiction');
    expect(cellPlaces).toHaveLength(new Set(named.map((c) => c.place)).size);
    for (const p of cellPlaces) expect(p.nameZh, p.name).toMatch(/^[\u4e00-\u9fff（）()\d.·A-Za-z]+$/);
    const zhOf = (name: string): string | undefined => map.places.find((p) => p.name === name)?.nameZh;
    expect(zhOf('Daxu Town')).toBe('大圩镇');
    expect(zhOf('Huangping Town')).toBe('黄坪乡');
    expect(zhOf('Tangkou Village')).toBe('塘口村');
    expect(zhOf('Qingshui Plaza')).toBe('清水广场');
    expect(zhOf('Qingshui Reservoir')).toBe('清水水库');
    // Two places never share a Chinese name (a label or a scenario naming one must mean one place).
    const zh = cellPlaces.map((p) => p.nameZh);
    expect(new Set(zh).size).toBe(zh.length);
  });

  it('tells the township seats (towns) from city sites, and ranks jurisdiction labels by their kind', () => {
    const towns = map.places.filter((p) => p.kind === 'town').map((p) => p.name);
    expect(towns).toHaveLength(12);
    expect(towns).toContain('Daxu Town');
    expect(towns).not.toContain('Qingshui Old Town');
    const labels = map.places.filter((p) => p.kind === 'jurisdiction');
    expect(labels).toHaveLength(world.region.jurisdictions.length);
    expect(labels.find((p) => p.nameZh === '城中站辖区')?.jurisdictionKind).toBe('urban-district');
    expect(labels.find((p) => p.nameZh === '大圩镇')?.jurisdictionKind).toBe('township');
  });

  it('finds a place by its Chinese name as well as its English one (scenarios may use either)', () => {
    const index = indexRegion(world.region);
    expect(index.placeLocation('Tangkou Village')).toBeDefined();
    expect(index.placeLocation('塘口村')).toEqual(index.placeLocation('Tangkou Village'));
    expect(index.placeLocation('清水广场')).toEqual(index.placeLocation('Qingshui Plaza'));
  });
});

describe('optional region fields', () => {
  it('draws water points, named features and floodplain cells when the region has them', () => {
    const cells = world.region.cells.map((c, i) => (i < 3 ? { ...c, floodplain: true, elevationM: 80 } : { ...c, floodplain: false }));
    const region = {
      ...world.region,
      cells,
      waterPoints: [
        { id: 'h1', kind: 'hydrant', location: [24.59, 110.54] },
        { id: 'i1', kind: 'intake', location: [24.6, 110.55], name: 'Binjiang intake' },
        { id: 'bad', kind: 'hydrant' },
      ],
      features: [{ id: 'f1', kind: 'interchange', location: [24.55, 110.5], name: 'Qingshui Interchange', nameZh: '清水互通' }],
    } as unknown as Region;
    const m = buildRegionMap({ ...world, region }, roads);
    expect(m.waterPoints).toEqual([
      { id: 'h1', kind: 'hydrant', at: [24.59, 110.54] },
      { id: 'i1', kind: 'intake', at: [24.6, 110.55], name: 'Binjiang intake' },
    ]);
    expect(m.features).toEqual([{ id: 'f1', kind: 'interchange', at: [24.55, 110.5], name: 'Qingshui Interchange', nameZh: '清水互通' }]);
    const first = cells[0]!;
    expect(inside(m.floodplain, centre(first.r, first.c))).toBe(true);
  });

  it('leaves them empty for a region without them', () => {
    const { waterPoints: _w, features: _f, ...bare } = world.region;
    const region = { ...bare, cells: bare.cells.map(({ floodplain: _fp, ...c }) => c) } as Region;
    const m = buildRegionMap({ ...world, region }, roads);
    expect(m.waterPoints).toEqual([]);
    expect(m.features).toEqual([]);
    expect(m.floodplain).toEqual([]);
  });

  it('carries every water point and feature of the demo county', () => {
    expect(map.waterPoints).toHaveLength(world.region.waterPoints?.length ?? 0);
    expect(map.features).toHaveLength(world.region.features?.length ?? 0);
  });
});

describe('traceCellRings', () => {
  const g: Grid = { south: 0, west: 0, cellLat: 1, cellLon: 1, rows: 5, cols: 5 };
  it('outlines a ring of cells as an outer boundary and a hole, corners only', () => {
    const cells = [];
    for (let r = 1; r <= 3; r++) for (let c = 1; c <= 3; c++) if (!(r === 2 && c === 2)) cells.push({ r, c });
    const rings = traceCellRings(g, cells);
    expect(rings).toHaveLength(2);
    expect(rings.map((r) => r.length).sort()).toEqual([4, 4]);
    expect(inside(rings, [2.5, 2.5])).toBe(false); // the hole
    expect(inside(rings, [1.5, 1.5])).toBe(true);
    expect(inside(rings, [0.5, 0.5])).toBe(false);
  });

  it('outlines an L shape with six corners and two cells touching at a corner as two squares', () => {
    expect(traceCellRings(g, [{ r: 0, c: 0 }, { r: 0, c: 1 }, { r: 1, c: 0 }])[0]).toHaveLength(6);
    const diagonal = traceCellRings(g, [{ r: 0, c: 0 }, { r: 1, c: 1 }]);
    expect(diagonal.flat()).toHaveLength(8);
    expect(inside(diagonal, [0.5, 0.5]) && inside(diagonal, [1.5, 1.5]) && !inside(diagonal, [0.5, 1.5])).toBe(true);
  });
});

describe('simplify', () => {
  it('drops collinear points and keeps bends', () => {
    const line: LatLon[] = [[0, 0], [0, 1], [0, 2], [1, 2], [2, 2.000001]];
    expect(simplify(line, 1e-4)).toEqual([[0, 0], [0, 2], [2, 2.000001]]);
  });
});
