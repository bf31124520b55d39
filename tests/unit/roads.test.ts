// The synthetic demo road network and its router: determinism, size, connectivity, and the reverse
// many-to-one search checked against a textbook single-source Dijkstra; the road travel model (the
// engine's default) checked against the same Dijkstra with vehicle and time-of-day factors, through
// both of its trees (station hubs and reverse trees), with routes that take exactly that time.
import { describe, expect, it } from 'vitest';
import { loadWorld } from '../../server/scenario/load-world.ts';
import { generateDemoRoads, mulberry32 } from '../../server/geo/generate-roads.ts';
import { nodeLatLon, roadStats, type RoadNetwork } from '../../server/geo/road-network.ts';
import { manyToOne, oneToMany, route, snap } from '../../server/geo/router.ts';
import { DEFAULT_VEHICLE_FACTORS, roadTravel } from '../../server/geo/road-travel.ts';
import { findEdge } from '../../server/geo/road-network.ts';
import { ROAD_CLASSES } from '../../shared/schemas/doctrine.ts';
import { haversineM, type LatLon } from '../../shared/geo.ts';
import { reachable } from '../fixtures/reachable.ts';

const world = loadWorld({});
const region = world.region;
const net = generateDemoRoads(region);

type Adjacency = { to: number; w: number }[][];

/** Forward adjacency with seconds per edge: length ÷ (class speed × the class's multiplier). */
function adjacency(g: RoadNetwork, speedFactor: (cls: number) => number = () => 1): Adjacency {
  const adj: Adjacency = Array.from({ length: g.nodeCount }, () => []);
  for (let u = 0; u < g.nodeCount; u++) {
    for (let e = g.out.offsets[u]!; e < g.out.offsets[u + 1]!; e++) {
      adj[u]!.push({ to: g.out.targets[e]!, w: g.out.lengthM[e]! / (g.speedMps[g.out.cls[e]!]! * speedFactor(g.out.cls[e]!)) });
    }
  }
  return adj;
}

/** Textbook Dijkstra on an adjacency list (array-of-objects, simple binary heap), seconds at class speed. */
function referenceDijkstra(g: RoadNetwork, source: number, adj: Adjacency = adjacency(g)): number[] {
  const dist: number[] = new Array<number>(g.nodeCount).fill(Infinity);
  const done: boolean[] = new Array<boolean>(g.nodeCount).fill(false);
  const heap: [number, number][] = [];
  const push = (item: [number, number]): void => {
    heap.push(item);
    let i = heap.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (heap[p]![0] <= heap[i]![0]) break;
      [heap[p], heap[i]] = [heap[i]!, heap[p]!];
      i = p;
    }
  };
  const pop = (): [number, number] => {
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && heap[l]![0] < heap[m]![0]) m = l;
        if (r < heap.length && heap[r]![0] < heap[m]![0]) m = r;
        if (m === i) break;
        [heap[m], heap[i]] = [heap[i]!, heap[m]!];
        i = m;
      }
    }
    return top;
  };
  dist[source] = 0;
  push([0, source]);
  while (heap.length > 0) {
    const [d, u] = pop();
    if (done[u]) continue;
    done[u] = true;
    for (const { to, w } of adj[u]!) {
      if (d + w < dist[to]!) {
        dist[to] = d + w;
        push([d + w, to]);
      }
    }
  }
  return dist;
}


const close = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b));
const inCounty = (p: LatLon): boolean => {
  const g = region.grid;
  const r = Math.floor((p[0] - g.south) / g.cellLat);
  const c = Math.floor((p[1] - g.west) / g.cellLon);
  return region.cells.some((cell) => cell.r === r && cell.c === c);
};

describe('demo road network', () => {
  it('is deterministic and large enough', () => {
    const again = generateDemoRoads(region);
    expect(roadStats(again)).toEqual(roadStats(net));
    expect(Array.from(again.out.targets)).toEqual(Array.from(net.out.targets));
    expect(Array.from(again.lat)).toEqual(Array.from(net.lat));
    expect(net.edgeCount).toBeGreaterThanOrEqual(50_000);
    const km = roadStats(net).kmByClass;
    for (const cls of ['expressway', 'arterial', 'local', 'rural', 'mountain', 'ramp'] as const) expect(km[cls]).toBeGreaterThan(0);
  });

  it('is one strongly connected component, and every station in the county is near a road', () => {
    expect(reachable(net, 0, false)).toBe(net.nodeCount);
    expect(reachable(net, 0, true)).toBe(net.nodeCount);
    const stations = region.stations.filter((s) => inCounty(s.location));
    expect(stations.length).toBeGreaterThan(50);
    for (const s of stations) {
      const sn = snap(net, s.location);
      expect(sn.node).toBeGreaterThanOrEqual(0);
      expect(sn.offRoadM, s.id).toBeLessThan(700);
    }
    // Stations outside the county still snap (to the network edge).
    for (const s of region.stations.filter((x) => !inCounty(x.location))) expect(snap(net, s.location).node).toBeGreaterThanOrEqual(0);
  });

  it('snaps to the nearest node (checked by brute force)', () => {
    const rand = mulberry32(7);
    const g = region.grid;
    for (let i = 0; i < 100; i++) {
      const p: LatLon = [g.south + rand() * g.rows * g.cellLat, g.west + rand() * g.cols * g.cellLon];
      let best = Infinity;
      for (let v = 0; v < net.nodeCount; v++) best = Math.min(best, haversineM(p, nodeLatLon(net, v)));
      expect(snap(net, p).offRoadM).toBeCloseTo(best, 6);
    }
  });
});

describe('router', () => {
  const rand = mulberry32(42);
  const pick = (): number => Math.floor(rand() * net.nodeCount);
  const sources = Array.from({ length: 10 }, pick);
  const targets = Array.from({ length: 20 }, pick);

  it('reverse many-to-one equals a textbook Dijkstra on 200 pairs', () => {
    const ref = sources.map((s) => referenceDijkstra(net, s));
    const srcPts = sources.map((s) => nodeLatLon(net, s));
    let pairs = 0;
    for (const t of targets) {
      const tp = nodeLatLon(net, t);
      const legs = manyToOne(net, srcPts, tp);
      const fwd = oneToMany(net, srcPts[0]!, [tp]);
      legs.forEach((leg, i) => {
        const s = snap(net, srcPts[i]!);
        const tt = snap(net, tp);
        expect(s.node).toBe(sources[i]);
        expect(tt.node).toBe(t);
        expect(close(leg.seconds, ref[i]![t]!)).toBe(true);
        pairs++;
      });
      expect(close(fwd[0]!.seconds, legs[0]!.seconds)).toBe(true);
    }
    expect(pairs).toBe(200);
  });

  it('routes start and end at the snapped nodes and take the many-to-one time', () => {
    const g = region.grid;
    for (let i = 0; i < 20; i++) {
      const a: LatLon = [g.south + (0.2 + 0.6 * rand()) * g.rows * g.cellLat, g.west + (0.2 + 0.6 * rand()) * g.cols * g.cellLon];
      const b: LatLon = [g.south + (0.2 + 0.6 * rand()) * g.rows * g.cellLat, g.west + (0.2 + 0.6 * rand()) * g.cols * g.cellLon];
      const r = route(net, a, b);
      const sa = snap(net, a);
      const sb = snap(net, b);
      expect(r.polyline[0]).toEqual(nodeLatLon(net, sa.node));
      expect(r.polyline[r.polyline.length - 1]).toEqual(nodeLatLon(net, sb.node));
      expect(r.nodes.length).toBe(r.polyline.length);
      expect(close(r.seconds, manyToOne(net, [a], b)[0]!.seconds)).toBe(true);
      // The path is made of edges and its length is the route's road metres.
      let m = 0;
      for (let j = 0; j + 1 < r.nodes.length; j++) {
        const u = r.nodes[j]!;
        let found = -1;
        for (let e = net.out.offsets[u]!; e < net.out.offsets[u + 1]!; e++) if (net.out.targets[e] === r.nodes[j + 1]) found = e;
        expect(found).toBeGreaterThanOrEqual(0);
        m += net.out.lengthM[found]!;
      }
      expect(m + sa.offRoadM + sb.offRoadM).toBeCloseTo(r.metres, 3);
    }
  });

  it('travel times are plausible: faster than the crow flies at expressway speed, median detour 1.1-1.8', () => {
    const ratios: number[] = [];
    const maxMps = 90 / 3.6;
    for (let i = 0; i < 10; i++) {
      const t = nodeLatLon(net, pick());
      const from = Array.from({ length: 20 }, () => nodeLatLon(net, pick()));
      const legs = manyToOne(net, from, t);
      legs.forEach((leg, j) => {
        const gc = haversineM(from[j]!, t);
        expect(leg.seconds).toBeGreaterThanOrEqual(gc / maxMps - 1e-6);
        expect(leg.metres).toBeGreaterThanOrEqual(gc - 1e-3);
        if (gc > 2000) ratios.push(leg.metres / gc);
      });
    }
    ratios.sort((a, b) => a - b);
    const median = ratios[Math.floor(ratios.length / 2)]!;
    expect(median).toBeGreaterThan(1.1);
    expect(median).toBeLessThan(1.8);
  });
});

describe('road travel model', () => {
  const travel = roadTravel(net, world.doctrine);
  const home = region.stations.find((s) => s.id === 'qs-chengbei')!.location;
  const incident: LatLon = region.stations.find((s) => s.id === 'tw-daxu')!.location;

  it('heavy vehicles are slower than medium, medium slower than light, walking slowest', () => {
    const light = travel.travel(home, incident, 'light', 0);
    const medium = travel.travel(home, incident, 'medium', 0);
    const heavy = travel.travel(home, incident, 'heavy', 0);
    const foot = travel.travel(home, incident, 'on-foot', 0);
    expect(light.seconds).toBeLessThan(medium.seconds);
    expect(medium.seconds).toBeLessThan(heavy.seconds);
    expect(heavy.seconds).toBeLessThan(foot.seconds);
    expect(light.distanceM).toBeGreaterThan(haversineM(home, incident));
  });

  it('reuses one reverse tree for many units to one incident, with the same answers', () => {
    const before = { ...travel.stats };
    const units = region.stations.map((s) => s.location);
    const first = units.map((u) => travel.travel(u, incident, 'medium', 0));
    expect(travel.stats.misses - before.misses).toBeLessThanOrEqual(1);
    expect(travel.stats.hits - before.hits).toBeGreaterThanOrEqual(units.length - 1);
    const fresh = roadTravel(net, world.doctrine);
    units.forEach((u, i) => expect(fresh.travel(u, incident, 'medium', 0)).toEqual(first[i]));
    // Reinforcements from outside the county: finite, and not absurd (off-network at doctrine speed).
    const prov = region.stations.find((s) => s.id === 'prov-base')!.location;
    const far = travel.travel(prov, incident, 'heavy', 0);
    expect(Number.isFinite(far.seconds)).toBe(true);
    expect(far.seconds).toBeLessThan((haversineM(prov, incident) * 2) / (20 / 3.6));
  });
});

describe('road travel model against a textbook Dijkstra (vehicle and traffic factors)', () => {
  const rand = mulberry32(2024);
  const pick = (): number => Math.floor(rand() * net.nodeCount);
  const cls = (name: string) => ROAD_CLASSES.indexOf(name as (typeof ROAD_CLASSES)[number]);
  const urban = new Set([cls('arterial'), cls('local')]);
  // Local 12:00 at sim time 0: noon has no traffic factor, 08:00 is the morning rush, 23:00 night.
  const noonStart = 12 * 3_600_000;
  const at = (hour: number) => (hour - 12) * 3_600_000;
  const cases = [
    { name: 'medium at noon', sc: 'medium' as const, t: at(12), factor: () => DEFAULT_VEHICLE_FACTORS.medium },
    { name: 'heavy in the morning rush', sc: 'heavy' as const, t: at(8), factor: (c: number) => DEFAULT_VEHICLE_FACTORS.heavy * (urban.has(c) ? 0.8 : 1) },
    { name: 'light at night', sc: 'light' as const, t: at(23), factor: () => DEFAULT_VEHICLE_FACTORS.light * 1.1 },
  ];
  const sources = Array.from({ length: 6 }, pick);
  const targets = Array.from({ length: 25 }, pick);

  for (const c of cases) {
    it(`${c.name}: travel() and route() equal the reference on 150 pairs (±1e-6 s), through reverse trees and station hubs`, () => {
      const adj = adjacency(net, c.factor);
      const ref = sources.map((s) => referenceDijkstra(net, s, adj));
      const backRef = targets.slice(0, 5).map((t) => referenceDijkstra(net, t, adj));
      const plain = roadTravel(net, world.doctrine, { startLocalMs: noonStart });
      // The sources as hubs: the forward tree answers from them, the (symmetric) tree towards them.
      const hubbed = roadTravel(net, world.doctrine, { startLocalMs: noonStart, hubs: sources.map((s) => nodeLatLon(net, s)) });
      let pairs = 0;
      sources.forEach((s, i) => {
        for (const t of targets) {
          const from = nodeLatLon(net, s);
          const to = nodeLatLon(net, t);
          const want = ref[i]![t]!;
          for (const model of [plain, hubbed]) {
            expect(Math.abs(model.travel(from, to, c.sc, c.t).seconds - want)).toBeLessThanOrEqual(1e-6);
            const r = model.route(from, to, c.sc, c.t);
            expect(r.seconds).toBe(model.travel(from, to, c.sc, c.t).seconds);
            expect(r.offsets[r.offsets.length - 1]).toBe(r.seconds);
            // The route is made of road edges whose times add up to the travel time.
            let sum = 0;
            for (let k = 0; k < r.edges!.length; k++) {
              const e = r.edges![k]!;
              expect(e).toBe(findEdge(net, snap(net, r.path[r.roadFrom! + k]!).node, snap(net, r.path[r.roadFrom! + k + 1]!).node));
              sum += net.out.lengthM[e]! / (net.speedMps[net.out.cls[e]!]! * c.factor(net.out.cls[e]!));
            }
            expect(Math.abs(sum - want)).toBeLessThanOrEqual(1e-6);
          }
          pairs++;
        }
        // Towards a hub: the reversed question, answered by the hub's tree.
        backRef.forEach((back, k) => {
          expect(Math.abs(hubbed.travel(nodeLatLon(net, targets[k]!), nodeLatLon(net, s), c.sc, c.t).seconds - back[s]!)).toBeLessThanOrEqual(1e-6);
        });
      });
      expect(pairs).toBe(150);
    });
  }

  it('traffic: the morning rush is slower than noon on urban roads, the night is 1.1× faster on the road part', () => {
    const model = roadTravel(net, world.doctrine, { startLocalMs: noonStart });
    const city = region.stations.find((s) => s.id === 'qs-chengbei')!.location;
    const other = region.stations.find((s) => s.id === 'qs-chengnan')!.location;
    const a = nodeLatLon(net, snap(net, city).node);
    const b = nodeLatLon(net, snap(net, other).node);
    const noon = model.travel(a, b, 'medium', at(12)).seconds;
    expect(model.travel(a, b, 'medium', at(8)).seconds).toBeGreaterThan(noon * 1.05);
    expect(model.travel(a, b, 'medium', at(23)).seconds).toBeCloseTo(noon / 1.1, 6);
    // Without traffic periods the hour does not matter.
    const flat = roadTravel(net, { ...world.doctrine, traffic: [] }, { startLocalMs: noonStart });
    expect(flat.travel(a, b, 'medium', at(8)).seconds).toBe(flat.travel(a, b, 'medium', at(23)).seconds);
  });
});
