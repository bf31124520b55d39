// The demo county's terrain, water points and named features, and the road network built from them:
// what a drill user relies on — every water source sits beside a road, a rising river floods the
// floodplain first, the expressway's named interchanges and service area are real road links, every
// road reaches every other, and regenerating the county gives the same file.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadWorld } from '../../server/scenario/load-world.ts';
import { generateDemoRoads } from '../../server/geo/generate-roads.ts';
import { nodeLatLon, roadClassIndex } from '../../server/geo/road-network.ts';
import { snap } from '../../server/geo/router.ts';
import { formatRegion, generateRegion } from '../../seeds/generate-demo-county.ts';
import { RegionSchema, WATER_POINT_KINDS, type Cell, type Region } from '../../shared/schemas/region.ts';
import { indexRegion } from '../../shared/region-lookup.ts';
import { haversineM, type LatLon } from '../../shared/geo.ts';
import { reachable } from '../fixtures/reachable.ts';

const region = loadWorld({}).region;
const lookup = indexRegion(region);
const net = generateDemoRoads(region);
const waterPoints = region.waterPoints ?? [];
const features = region.features ?? [];


/** Distance (m) from p to the segment a–b, on a local flat projection. */
function metresToSegment(p: LatLon, a: LatLon, b: LatLon): number {
  const ky = 111_195, kx = ky * Math.cos((p[0] * Math.PI) / 180);
  const ax = (a[1] - p[1]) * kx, ay = (a[0] - p[0]) * ky, bx = (b[1] - p[1]) * kx, by = (b[0] - p[0]) * ky;
  const dx = bx - ax, dy = by - ay;
  const t = Math.max(0, Math.min(1, -(ax * dx + ay * dy) / (dx * dx + dy * dy || 1)));
  return Math.hypot(ax + t * dx, ay + t * dy);
}

/** Distance (m) from p to the nearest street segment (brute force over the nodes within ~300 m). */
function metresToStreet(p: LatLon): number {
  let best = Infinity;
  for (let v = 0; v < net.nodeCount; v++) {
    if (Math.abs(net.lat[v]! - p[0]) > 0.003 || Math.abs(net.lon[v]! - p[1]) > 0.003) continue;
    for (let e = net.out.offsets[v]!; e < net.out.offsets[v + 1]!; e++) best = Math.min(best, metresToSegment(p, nodeLatLon(net, v), nodeLatLon(net, net.out.targets[e]!)));
  }
  return best;
}

/** Node ids touched by edges of one road class. */
function nodesOfClass(cls: Parameters<typeof roadClassIndex>[0]): Set<number> {
  const k = roadClassIndex(cls), out = new Set<number>();
  for (let u = 0; u < net.nodeCount; u++) {
    for (let e = net.out.offsets[u]!; e < net.out.offsets[u + 1]!; e++) if (net.out.cls[e] === k) { out.add(u); out.add(net.out.targets[e]!); }
  }
  return out;
}

const cellKey = (r: number, c: number) => r * region.grid.cols + c;
const cellsByKey = new Map(region.cells.map((c) => [cellKey(c.r, c.c), c]));
const neighbours = (c: Cell) => [[1, 0], [-1, 0], [0, 1], [0, -1]].map(([dr, dc]) => cellsByKey.get(cellKey(c.r + dr!, c.c + dc!))).filter((n): n is Cell => n !== undefined);
const reservoir = features.find((f) => f.kind === 'reservoir')!.location;
/** River water cells (the reservoir's are the water cells within 1.5 km of its centre). */
const isRiver = (c: Cell) => c.landUse === 'water' && haversineM(lookup.cellCenter(c), reservoir) > 1500;

describe('demo county water points', () => {
  it('has water points of every kind, all on land inside the county', () => {
    for (const kind of WATER_POINT_KINDS) expect(waterPoints.filter((w) => w.kind === kind).length, kind).toBeGreaterThan(0);
    const hydrants = waterPoints.filter((w) => w.kind === 'hydrant');
    expect(hydrants.length).toBeGreaterThan(1000); // the city core on a 200 m grid, arterials every 100 m
    expect(hydrants.length).toBeLessThan(3000);
    expect(new Set(waterPoints.map((w) => w.id)).size).toBe(waterPoints.length);
    for (const w of waterPoints) {
      const cell = lookup.cellAt(w.location);
      expect(cell, w.id).toBeDefined();
      expect(cell!.landUse, w.id).not.toBe('water');
    }
  });

  it('puts every hydrant at the kerb of a street, and tanks and intakes on a road', () => {
    for (const h of waterPoints.filter((w) => w.kind === 'hydrant')) {
      expect(snap(net, h.location).offRoadM, h.id).toBeLessThan(110);
      expect(metresToStreet(h.location), h.id).toBeLessThan(12);
    }
    // Intakes are reached by an access track (or stand on a road): an engine can drive up to them.
    for (const w of waterPoints.filter((x) => x.kind !== 'hydrant')) expect(snap(net, w.location).offRoadM, w.id).toBeLessThan(30);
  });

  it('puts the river intakes on the river bank and the hydrants in built-up cells', () => {
    for (const w of waterPoints.filter((x) => x.kind === 'natural-intake')) {
      const cell = lookup.cellAt(w.location)!;
      expect(neighbours(cell).some(isRiver), w.id).toBe(true);
    }
    // Hydrants are in the built-up area (a few stand on the far kerb of a border street, in the next cell).
    const hydrants = waterPoints.filter((w) => w.kind === 'hydrant');
    const builtUp = hydrants.filter((w) => ['urban', 'suburban', 'industrial', 'village'].includes(lookup.cellAt(w.location)!.landUse));
    expect(builtUp.length / hydrants.length).toBeGreaterThan(0.9);
    const core = hydrants.filter((w) => ['urban', 'industrial'].includes(lookup.cellAt(w.location)!.landUse));
    expect(core.length).toBeGreaterThan(hydrants.length / 2);
  });
});

describe('demo county terrain', () => {
  it('gives every cell a height, the river bed being the lowest ground', () => {
    expect(region.cells.every((c) => typeof c.elevationM === 'number')).toBe(true);
    const lowest = region.cells.reduce((a, b) => (b.elevationM! < a.elevationM! ? b : a));
    expect(isRiver(lowest)).toBe(true);
    for (const c of region.cells.filter((x) => x.landUse === 'water')) expect(c.waterLevelM!).toBeGreaterThan(c.elevationM!);
    const land = region.cells.filter((c) => c.landUse !== 'water').map((c) => c.elevationM!);
    expect(Math.max(...land)).toBeGreaterThan(600); // hills
  });

  it('marks a floodplain along the river, lower than the land around it', () => {
    const plain = region.cells.filter((c) => c.floodplain);
    expect(plain.length).toBeGreaterThan(30);
    for (const c of plain) {
      expect(c.landUse).not.toBe('water');
      const near = neighbours(c);
      for (const n of near.filter((x) => x.landUse !== 'water' && !x.floodplain)) expect(c.elevationM!, `${c.r},${c.c} vs ${n.r},${n.c}`).toBeLessThan(n.elevationM!);
    }
  });

  it('lets a 6 m rise of the river (bathtub fill from the river cells) cover the floodplain and no other land', () => {
    const flooded = new Set<Cell>();
    const queue = region.cells.filter(isRiver).map((c) => ({ c, surface: c.waterLevelM! + 6 }));
    while (queue.length > 0) {
      const { c, surface } = queue.pop()!;
      for (const n of neighbours(c)) {
        if (n.landUse === 'water' || flooded.has(n) || n.elevationM! >= surface) continue;
        flooded.add(n);
        queue.push({ c: n, surface });
      }
    }
    const plain = region.cells.filter((c) => c.floodplain);
    expect([...flooded].filter((c) => !c.floodplain)).toEqual([]);
    expect(plain.filter((c) => !flooded.has(c))).toEqual([]);
  });
});

describe('demo county features and roads', () => {
  it('names every feature in Chinese and English, with the expressway, its interchanges, a service area and river bridges', () => {
    expect(new Set(features.map((f) => f.id)).size).toBe(features.length);
    for (const f of features) {
      expect(f.name.length, f.id).toBeGreaterThan(2);
      expect(f.nameZh, f.id).toMatch(/[\u4e00-\u9fff]/);
    }
    const count = (k: string) => features.filter((f) => f.kind === k).length;
    expect(count('expressway-interchange')).toBeGreaterThanOrEqual(4);
    expect(count('service-area')).toBe(1);
    expect(count('bridge')).toBeGreaterThanOrEqual(5);
    for (const k of ['river', 'industrial-park', 'forest-area', 'expressway']) expect(count(k), k).toBeGreaterThan(0);
    expect(features.find((f) => f.kind === 'service-area')!.nameZh).toMatch(/服务区$/);
    expect(region.note).toMatch(/FICTIONAL/);
  });

  it('is one strongly connected network of ≥50,000 directed edges', () => {
    expect(net.edgeCount).toBeGreaterThanOrEqual(50_000);
    expect(reachable(net, 0, false)).toBe(net.nodeCount);
    expect(reachable(net, 0, true)).toBe(net.nodeCount);
  });

  it('links the expressway to ordinary roads by ramps at each named interchange, and loops into the service area', () => {
    const express = nodesOfClass('expressway'), ramps = nodesOfClass('ramp');
    const ordinary = new Set([...nodesOfClass('arterial'), ...nodesOfClass('rural'), ...nodesOfClass('local'), ...nodesOfClass('mountain')]);
    // Junctions where a ramp meets the expressway, and where it meets an ordinary road.
    const onExpress = [...ramps].filter((v) => express.has(v)).map((v) => nodeLatLon(net, v));
    const onRoads = [...ramps].filter((v) => ordinary.has(v)).map((v) => nodeLatLon(net, v));
    for (const ic of features.filter((f) => f.kind === 'expressway-interchange')) {
      expect(Math.min(...onExpress.map((p) => haversineM(p, ic.location))), ic.id).toBeLessThan(400);
      expect(Math.min(...onRoads.map((p) => haversineM(p, ic.location))), ic.id).toBeLessThan(2_500);
    }
    const sa = features.find((f) => f.kind === 'service-area')!;
    const park = snap(net, sa.location);
    expect(park.offRoadM).toBeLessThan(5);
    const out = [];
    for (let e = net.out.offsets[park.node]!; e < net.out.offsets[park.node + 1]!; e++) out.push(net.out.cls[e]);
    expect(out.length).toBe(2);
    expect(out.every((k) => k === roadClassIndex('ramp'))).toBe(true);
  });

  it('carries a road over each named bridge', () => {
    for (const b of features.filter((f) => f.kind === 'bridge')) {
      // The bridge's middle is over water, and a road passes within 150 m of it.
      expect(lookup.cellAt(b.location)?.landUse, b.id).toBe('water');
      const [a, z] = [b.line![0]!, b.line![b.line!.length - 1]!];
      const mid: LatLon = [(a[0] + z[0]) / 2, (a[1] + z[1]) / 2];
      expect(metresToStreet(mid) < 150 || snap(net, mid).offRoadM < 300, b.id).toBe(true);
    }
  });

  it('still loads and routes an older region without the new fields (roads planned from the grid)', () => {
    const { waterPoints: _w, features: _f, ...rest } = region;
    const bare: Region = RegionSchema.parse({ ...rest, cells: region.cells.map(({ elevationM: _e, waterLevelM: _l, floodplain: _p, ...c }) => c) });
    const old = generateDemoRoads(bare);
    expect(old.edgeCount).toBeGreaterThanOrEqual(50_000);
    expect(reachable(old, 0, false)).toBe(old.nodeCount);
    expect(reachable(old, 0, true)).toBe(old.nodeCount);
  });
});

describe('demo county units', () => {
  it('gives every unit a callsign of its own in Chinese and in English, so two units are never confused on the board', () => {
    const units = region.stations.flatMap((s) => s.units);
    const zh = units.map((u) => u.callsign);
    const en = units.map((u) => u.callsignEn);
    expect(zh.every((c) => c !== undefined) && en.every((c) => c !== undefined)).toBe(true);
    expect(new Set(zh).size).toBe(units.length);
    expect(new Set(en).size).toBe(units.length);
    // The names that used to repeat: two tenders at Beijiao and at Qiaotou, micro stations named after 清水… and 河东….
    const byId = new Map(units.map((u) => [u.id, u]));
    expect(['qs-ft-beijiao-SG-1', 'qs-ft-beijiao-SG-2', 'qs-ft-beijiao-XSG-1'].map((id) => byId.get(id)?.callsign)).toEqual(['北郊水罐1', '北郊水罐2', '北郊水罐3']);
    expect(['micro-old-town-MICRO-1', 'micro-plaza-MICRO-1', 'micro-park-west-MICRO-1', 'micro-park-tank-farm-MICRO-1'].map((id) => byId.get(id)?.callsignEn))
      .toEqual(['Old Town Micro 1', 'Plaza Micro 1', 'Park Gate Micro 1', 'Tank Farm Micro 1']);
  });
});

describe('demo county generator', () => {
  it('regenerates the same file, twice in a row', () => {
    const first = formatRegion(generateRegion());
    const second = formatRegion(generateRegion());
    expect(second).toBe(first);
    expect(first).toBe(fs.readFileSync(new URL('../../seeds/regions/demo-county/region.json', import.meta.url), 'utf8'));
  });

  it('builds the same roads twice', () => {
    const again = generateDemoRoads(region);
    expect(again.edgeCount).toBe(net.edgeCount);
    expect(Array.from(again.out.targets)).toEqual(Array.from(net.out.targets));
    expect(Array.from(again.lat)).toEqual(Array.from(net.lat));
  });
});
