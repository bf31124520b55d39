// Flood models on hand-made ground: the connected bathtub (a basin behind a ridge stays dry), depth
// per cell, AIDR 7-3 classes at their boundary values, roads closed by depth, people and stranded
// counts, and the water level from a gauge series or rain. Expected values are worked out by hand.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Cell, Region } from '../../shared/schemas/region.ts';
import type { WaterLevel } from '../../shared/schemas/hazard.ts';
import { floodTerrain, subcellCentre } from '../../server/hazards/flood-terrain.ts';
import { floodFill } from '../../server/hazards/flood-fill.ts';
import { floodImpact, roadSamples } from '../../server/hazards/flood-impact.ts';
import { hazardClass } from '../../server/hazards/flood-hazard-class.ts';
import { waterLevelAt } from '../../server/hazards/flood-level.ts';
import { buildRoadNetwork } from '../../server/geo/road-network.ts';
import { loadFloodHazardRules } from '../../server/scenario/load-hazard-data.ts';

const rules = loadFloodHazardRules(path.join(process.cwd(), 'seeds')).data;
const H = 3_600_000;

/**
 * One row of 1-km cells, west to east (heights in m; the river's normal surface is 10 m):
 *   c0 river (bed 8, surface 10) | c1 10.5 | c2 11.5 | c3 ridge 14 | c4 basin 10.2 | c5 12 | c6 river (bed 8, surface 10)?
 * c6 is absent from the region (no data) unless `eastRiver`.
 */
function strip(opts: { eastRiver?: boolean; population?: number } = {}): Region {
  const pop = opts.population ?? 1600;
  const land = (c: number, elevationM: number): Cell => ({ r: 0, c, population: pop, landUse: 'rural', jurisdictionId: 'j', elevationM });
  const cells: Cell[] = [
    { r: 0, c: 0, population: 0, landUse: 'water', jurisdictionId: 'j', elevationM: 8, waterLevelM: 10 },
    land(1, 10.5),
    land(2, 11.5),
    land(3, 14),
    land(4, 10.2),
    land(5, 12),
  ];
  if (opts.eastRiver) cells.push({ r: 0, c: 6, population: 0, landUse: 'water', jurisdictionId: 'j', elevationM: 8, waterLevelM: 10 });
  return {
    id: 'strip', name: 'Strip', nameZh: '条', fictional: true, note: '', utcOffsetHours: 8,
    jurisdictions: [{ id: 'j', name: 'J', nameZh: 'J', kind: 'township', homeStationId: 's', population: 0, center: [30, 120] }],
    stations: [{ id: 's', name: 'S', nameZh: 'S', kind: 'class-1', jurisdictionId: 'j', location: [30, 120], staffOnDuty: 5, specialties: [], units: [] }],
    grid: { south: 30, west: 120, cellLat: 0.009, cellLon: 0.0104, rows: 1, cols: 7 },
    cells,
  };
}

describe('connected bathtub fill', () => {
  it('floods the low ground by the river and leaves the basin behind the ridge dry', () => {
    const t = floodTerrain(strip(), 1);
    // Level 2 m above datum → surface 10 + 2 = 12 m.
    // c1: 12 − 10.5 = 1.5 m; c2: 12 − 11.5 = 0.5 m; c3 ridge 14 > 12 dry;
    // c4 basin 10.2 < 12 but only reachable over the ridge → dry; c5 12 = 12 not below → dry.
    const f = floodFill(t, 2);
    expect(Array.from(f.depth)).toEqual([0, 1.5, 0.5, 0, 0, 0, 0].map((d) => Math.fround(d)));
    expect(f.floodedCount).toBe(2);
  });

  it('the basin floods when water reaches it from the other side (a second water body to the east, waters: all)', () => {
    const t = floodTerrain(strip({ eastRiver: true }), 1);
    // c0 and c6 are two groups of water cells; the river is the first of the largest (c0), so c6
    // is a source only with waters: all.
    expect(floodFill(t, 2.5).depth[4]).toBe(0);
    // c6 river surface 12: c5 at 12 is not below 12 → dry, so c4 stays dry; at level 2.5 (surface 12.5):
    // c5 depth 0.5, c4 basin 12.5 − 10.2 = 2.3 m, the ridge c3 still dry.
    expect(floodFill(t, 2, { waters: 'all' }).depth[4]).toBe(0);
    const f = floodFill(t, 2.5, { waters: 'all' });
    expect(f.depth[5]).toBeCloseTo(0.5, 6);
    expect(f.depth[4]).toBeCloseTo(2.3, 5);
    expect(f.depth[3]).toBe(0);
  });

  it('at or below the normal level nothing floods', () => {
    const t = floodTerrain(strip(), 1);
    expect(floodFill(t, 0).floodedCount).toBe(0);
    expect(floodFill(t, -1).floodedCount).toBe(0);
  });

  it('refines 1-km cells into sub-cells with bilinear ground heights between cell centres', () => {
    // refine 2: the east sub-cell of c1 sits ¼ cell east of c1's centre:
    // ground = 0.75 × 10.5 + 0.25 × 11.5 = 10.75 (no row above or below: the row neighbours are c1 itself);
    // the west sub-cell: 0.75 × 10.5 + 0.25 × 10 (c0's normal surface) = 10.375.
    const t = floodTerrain(strip(), 2);
    expect(t.cols).toBe(14);
    expect(t.ground[3]).toBeCloseTo(10.75, 9); // row 0, sub-col 3 = c1 east
    expect(t.ground[2]).toBeCloseTo(10.375, 9); // row 0, sub-col 2 = c1 west
    // Level 0.5 (surface 10.5): the west sub-cells of c1 flood (0.125 m), the east ones (10.75) do not.
    const f = floodFill(t, 0.5);
    expect(f.depth[2]).toBeCloseTo(0.125, 6);
    expect(f.depth[3]).toBe(0);
    // Sub-cell 2's centre: 2.5 sub-cells of 0.0104/2 = 0.0052° east of the west edge.
    expect(subcellCentre(t, 2)[1]).toBeCloseTo(120 + 2.5 * 0.0052, 9);
  });
});

describe('AIDR 7-3 hazard classes at their boundary values', () => {
  it('depth limits (still water): 0.3 H1, 0.5 H2, 1.2 H3, 2 H4, 4 H5, beyond H6', () => {
    expect(hazardClass(0.3, 0, rules)).toBe('H1');
    expect(hazardClass(0.3001, 0, rules)).toBe('H2');
    expect(hazardClass(0.5, 0, rules)).toBe('H2');
    expect(hazardClass(0.5001, 0, rules)).toBe('H3');
    expect(hazardClass(1.2, 0, rules)).toBe('H3');
    expect(hazardClass(1.2001, 0, rules)).toBe('H4');
    expect(hazardClass(2, 0, rules)).toBe('H4');
    expect(hazardClass(2.0001, 0, rules)).toBe('H5');
    expect(hazardClass(4, 0, rules)).toBe('H5');
    expect(hazardClass(4.0001, 0, rules)).toBe('H6');
  });
  it('depth × velocity and velocity limits', () => {
    // 0.2 m × 1.5 m/s = 0.30 m²/s ≤ 0.3 → H1; × 1.6 = 0.32 > 0.3 → H2
    expect(hazardClass(0.2, 1.5, rules)).toBe('H1');
    expect(hazardClass(0.2, 1.6, rules)).toBe('H2');
    // 0.3 m × 2 m/s = 0.6 → H2 (depth ≤ 0.5, dv ≤ 0.6, v ≤ 2)
    expect(hazardClass(0.3, 2, rules)).toBe('H2');
    // 1.0 m × 1.0 m/s = 1.0: beyond H3's 0.6, within H4's 1.0 → H4
    expect(hazardClass(1.0, 1.0, rules)).toBe('H4');
    // shallow but fast: 0.1 m at 2.5 m/s exceeds 2 m/s (H1-H4) → H5
    expect(hazardClass(0.1, 2.5, rules)).toBe('H5');
    // 1 m at 4.5 m/s: v > 4 → H6
    expect(hazardClass(1, 4.5, rules)).toBe('H6');
  });
});

describe('flood impact', () => {
  it('counts flooded area, people per class, stranded and boat-only ground', () => {
    const region = strip({ population: 1600 });
    const t = floodTerrain(region, 1);
    const imp = floodImpact(t, floodFill(t, 2), rules);
    // Flooded: c1 (1.5 m → H4) and c2 (0.5 m → H2), each 0.009° × 0.0104° ≈ 1.0008 km × 1.0021 km at 30° N.
    // Area of one cell: (0.009 × 111195) × (0.0104 × 111195 × cos 30.0045°) / 1e6 = 1000.755 × 1001.435 / 1e6 = 1.002191 km²
    expect(imp.floodedAreaKm2).toBeCloseTo(2 * 1.002191, 3);
    // Boat-only (> 0.6 m): c1 only.
    expect(imp.boatOnlyAreaKm2).toBeCloseTo(1.002191, 3);
    expect(imp.peopleByClass).toMatchObject({ H2: 1600, H4: 1600, H1: 0, H3: 0 });
    // Stranded: 1600 × 0.01 (H2) + 1600 × 0.06 (H4) = 16 + 96 = 112
    expect(imp.stranded).toBeCloseTo(112, 9);
    expect(imp.cells.map((c) => [c.cellIndex, c.hazardClass, c.floodedFraction])).toEqual([[1, 'H4', 1], [2, 'H2', 1]]);
  });

  it('closes roads where the water is deeper than the threshold (0.3 m default, configurable), both directions', () => {
    const region = strip();
    const t = floodTerrain(region, 1);
    // Nodes at the centres of c1, c2, c3, c5; roads c1-c2, c2-c3, c3-c5, two-way.
    const lon = (c: number): number => 120 + (c + 0.5) * 0.0104;
    const lat = new Float64Array([30.0045, 30.0045, 30.0045, 30.0045]);
    const lons = new Float64Array([lon(1), lon(2), lon(3), lon(5)]);
    const from = new Int32Array([0, 1, 1, 2, 2, 3]);
    const to = new Int32Array([1, 0, 2, 1, 3, 2]);
    const len = new Float32Array([1000, 1000, 1000, 1000, 2000, 2000]);
    const net = buildRoadNetwork(lat, lons, from, to, len, new Uint8Array(6));
    const roads = roadSamples(t, net);
    // Level 2: c1 1.5 m, c2 0.5 m. c1-c2 deepest 1.5 > 0.3 closes; c2-c3 touches c2 (0.5 > 0.3) closes;
    // c3-c5 is dry (its middle, c4, is the dry basin).
    let imp = floodImpact(t, floodFill(t, 2), rules, { roads });
    expect(imp.closedSegments).toHaveLength(2);
    expect(imp.closedRoadKm).toBeCloseTo(2, 6);
    expect(imp.closedEdges).toHaveLength(4);
    // With a 0.6 m threshold only c1-c2 (1.5 m) closes.
    imp = floodImpact(t, floodFill(t, 2), rules, { roads, roadClosureDepthM: 0.6 });
    expect(imp.closedSegments.map((s) => s.depthM)).toEqual([1.5]);
  });
});

describe('flood impact with drainage and evacuation', () => {
  // The strip at level 2 (c1 1.5 m H4, c2 0.5 m H2, 1600 people each), one sub-cell per cell.
  const t = floodTerrain(strip({ population: 1600 }), 1);
  const lon = (c: number): number => 120 + (c + 0.5) * 0.0104;
  const net = buildRoadNetwork(new Float64Array([30.0045, 30.0045, 30.0045]), new Float64Array([lon(1), lon(2), lon(3)]), new Int32Array([0, 1, 1, 2]), new Int32Array([1, 0, 2, 1]), new Float32Array([1000, 1000, 1000, 1000]), new Uint8Array(4));
  const roads = roadSamples(t, net);

  it('pumps lowering the water reopen roads and move people to a lower class', () => {
    // Pumps took 0.25 m off c2: 0.5 − 0.25 = 0.25 m → H1 (≤ 0.3 m), below the 0.3 m closure depth.
    // Road c2-c3 (c2 0.25 m, c3 dry) reopens; c1-c2 (c1 1.5 m) stays closed.
    const imp = floodImpact(t, floodFill(t, 2), rules, { roads, lowered: new Map([[2, 0.25]]) });
    expect(imp.closedSegments.map((s) => s.depthM)).toEqual([1.5]);
    expect(imp.peopleByClass).toMatchObject({ H1: 1600, H2: 0, H4: 1600 });
    // Stranded: 1600 × 0 (H1) + 1600 × 0.06 (H4) = 96 (was 112).
    expect(imp.stranded).toBeCloseTo(96, 9);
    // Pumped dry (0.5 − 0.5 = 0): c2 is no longer flooded land.
    const dry = floodImpact(t, floodFill(t, 2), rules, { roads, lowered: new Map([[2, 0.5]]) });
    expect(dry.floodedAreaKm2).toBeCloseTo(1.002191, 3);
    expect(dry.cells.map((c) => c.cellIndex)).toEqual([1]);
  });

  it('people who have left are not counted, nor stranded', () => {
    // Three quarters of c1 evacuated: 1600 × 0.25 = 400 left in H4; c2 untouched.
    // Stranded: 400 × 0.06 + 1600 × 0.01 = 24 + 16 = 40.
    const imp = floodImpact(t, floodFill(t, 2), rules, { remaining: (i) => (i === 1 ? 0.25 : 1) });
    expect(imp.peopleByClass).toMatchObject({ H2: 1600, H4: 400 });
    expect(imp.peopleAffected).toBeCloseTo(2000, 9);
    expect(imp.stranded).toBeCloseTo(40, 9);
  });
});

describe('water level over time', () => {
  it('gauge: linear between readings, then recession at the stated rate to the normal level', () => {
    const level: WaterLevel = { kind: 'gauge', readings: [{ at: 0, levelM: 0 }, { at: 6 * H, levelM: 3 }], recessionMPerH: 0.5 };
    // 3 h: halfway 0 → 3 = 1.5 m; 8 h: 3 − 0.5 × 2 = 2.0 m; 12 h: 3 − 0.5 × 6 = 0 (not below).
    expect(waterLevelAt(level, 3 * H)).toBeCloseTo(1.5, 9);
    expect(waterLevelAt(level, 8 * H)).toBeCloseTo(2, 9);
    expect(waterLevelAt(level, 14 * H)).toBe(0);
    expect(waterLevelAt(level, -1)).toBe(0);
  });
  it('rain: linear reservoir, rising towards k·i and receding exponentially after the rain', () => {
    const level: WaterLevel = { kind: 'rain', rain: [{ at: 0, intensityMmH: 100 }, { at: 6 * H, intensityMmH: 0 }], riseMPerMmH: 0.02, recessionHours: 6 };
    // Steady state k·i = 0.02 × 100 = 2 m. After 6 h: 2 (1 − e^−1) = 2 × 0.632121 = 1.264241 m;
    // 6 h later without rain: 1.264241 × e^−1 = 0.465088 m.
    expect(waterLevelAt(level, 6 * H)).toBeCloseTo(1.264241, 5);
    expect(waterLevelAt(level, 12 * H)).toBeCloseTo(0.465088, 5);
    expect(waterLevelAt(level, 0)).toBe(0);
  });
});
