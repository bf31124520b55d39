// Routing bench on the demo county's road network. Part 1, the dispatch query: every candidate
// station (the 66 stations' snapped nodes) → one incident (a seeded-random point in a populated cell),
// answered by ONE reverse Dijkstra from the incident (router.ts ShortestPathTree, stopped once every
// station node is settled), side by side with a baseline that answers the same query with ngraph.path
// A* (oriented, edge cost = travel seconds, heuristic = great-circle / top speed), one search per
// station; both must give the same times. Part 2, moving units: 2,000 units on routed legs (per-vertex
// times, as shared/leg-position.ts expects) whose positions are sampled at 10 Hz for ~5 s of wall time,
// reporting the process CPU share of that work. Prints ONE JSON object; it never fails on a slow machine.
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import createGraph from 'ngraph.graph';
import ngraphPath from 'ngraph.path';
import { haversineM, type LatLon } from '../../shared/geo.ts';
import type { Leg } from '../../shared/events.ts';
import { positionOnLeg } from '../../shared/leg-position.ts';
import { loadWorld } from '../../server/scenario/load-world.ts';
import { loadRoadNetwork } from '../../server/geo/region-roads.ts';
import { mulberry32 } from '../../server/geo/generate-roads.ts';
import { nodeLatLon, type RoadNetwork } from '../../server/geo/road-network.ts';
import { ShortestPathTree, snap } from '../../server/geo/router.ts';

const TARGETS = { p99Ms: 5, speedup: 10, movingUnitsCpuPct: 10 } as const;

const round = (v: number, digits = 3): number => Number(v.toFixed(digits));
const quantile = (sorted: readonly number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
const summary = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { p50: quantile(s, 0.5), p90: quantile(s, 0.9), p99: quantile(s, 0.99), max: s[s.length - 1] ?? NaN, mean: s.reduce((a, b) => a + b, 0) / Math.max(1, s.length) };
};

/** Edge travel seconds exactly as ShortestPathTree computes them (length × seconds per metre of the class). */
const secondsPerMetre = (net: RoadNetwork): Float64Array => net.speedMps.map((v) => 1 / v);

function buildBaseline(net: RoadNetwork) {
  const spm = secondsPerMetre(net);
  const graph = createGraph<LatLon, number>();
  for (let v = 0; v < net.nodeCount; v++) graph.addNode(v, nodeLatLon(net, v));
  for (let u = 0; u < net.nodeCount; u++) {
    for (let e = net.out.offsets[u]!; e < net.out.offsets[u + 1]!; e++) graph.addLink(u, net.out.targets[e]!, net.out.lengthM[e]! * spm[net.out.cls[e]!]!);
  }
  const topMps = Math.max(...net.speedMps);
  const finder = ngraphPath.aStar(graph, {
    oriented: true,
    distance: (_a, _b, link) => link.data,
    heuristic: (a, b) => haversineM(a.data, b.data) / topMps,
  });
  /** Travel seconds from one node to another: A*, then the path's edge costs summed from the start. */
  return (from: number, to: number): number => {
    const path = finder.find(from, to); // from `to` back to `from`
    if (path.length === 0) return Infinity;
    let s = 0;
    for (let i = path.length - 1; i > 0; i--) s += graph.getLink(path[i]!.id, path[i - 1]!.id)!.data;
    return s;
  };
}

export async function runRoutingBench(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      incidents: { type: 'string', default: '600' },
      seed: { type: 'string', default: '1' },
      /** The baseline (66 A* searches, ~1 s per incident) runs on every n-th incident; 1 = all of them. */
      'baseline-every': { type: 'string', default: '12' },
      units: { type: 'string', default: '2000' },
      seconds: { type: 'string', default: '5' },
      'seeds-dir': { type: 'string', default: 'seeds' },
    },
  });
  const incidents = Number(values.incidents), baselineEvery = Math.max(1, Number(values['baseline-every']));
  const rand = mulberry32(Number(values.seed));
  const world = loadWorld({ seedsDir: values['seeds-dir'] });
  const { region } = world;
  const t0 = performance.now();
  const net = loadRoadNetwork(values['seeds-dir'], region);
  const roadsMs = performance.now() - t0;

  // Candidates: every station's snapped node (several stations may share one).
  const stationNodes = region.stations.map((s) => snap(net, s.location).node);
  // Incidents: uniform over populated cells, uniform inside the cell.
  const populated = region.cells.filter((c) => c.population > 0);
  const g = region.grid;
  const incidentPoints: LatLon[] = Array.from({ length: incidents }, () => {
    const c = populated[Math.floor(rand() * populated.length)]!;
    return [g.south + (c.r + rand()) * g.cellLat, g.west + (c.c + rand()) * g.cellLon];
  });

  // Moving units first, while the process is quiet (the baseline's big graph would leave GC work behind).
  const moving = await movingUnits(net, stationNodes, incidentPoints, rand, Number(values.units), Number(values.seconds));

  const tb = performance.now();
  const baseline = buildBaseline(net);
  const baselineBuildMs = performance.now() - tb;

  // Warm-up (JIT) on incidents outside the measured set.
  for (let i = 0; i < 20; i++) {
    const tree = new ShortestPathTree(net, snap(net, incidentPoints[i % incidents]!).node, true);
    for (const v of stationNodes) tree.settle(v);
  }

  // For comparison only: the same query over the in-county stations (without the far reinforcement bases).
  const countyIds = new Set(region.jurisdictions.filter((j) => j.kind !== 'neighbour' && j.kind !== 'province').map((j) => j.id));
  const countyNodes = region.stations.filter((s) => countyIds.has(s.jurisdictionId)).map((s) => snap(net, s.location).node);
  const oursCpu: number[] = [];
  const ours: number[] = [], base: number[] = [], settled: number[] = [], county: number[] = [], countySettled: number[] = [];
  let maxAbsDiffSec = 0, compared = 0;
  for (const [i, p] of incidentPoints.entries()) {
    const cpu0 = process.cpuUsage();
    const q0 = performance.now();
    const target = snap(net, p).node;
    const tree = new ShortestPathTree(net, target, true);
    const times = stationNodes.map((v) => (tree.settle(v), tree.seconds[v]!));
    ours.push(performance.now() - q0);
    const cpu = process.cpuUsage(cpu0);
    oursCpu.push((cpu.user + cpu.system) / 1000);
    settled.push(tree.settledCount);
    const c0 = performance.now();
    const countyTree = new ShortestPathTree(net, snap(net, p).node, true);
    for (const v of countyNodes) countyTree.settle(v);
    county.push(performance.now() - c0);
    countySettled.push(countyTree.settledCount);
    if (i % baselineEvery !== 0) continue;
    const b0 = performance.now();
    const baseTimes = stationNodes.map((v) => baseline(v, target));
    base.push(performance.now() - b0);
    baseTimes.forEach((t, j) => { maxAbsDiffSec = Math.max(maxAbsDiffSec, Math.abs(t - times[j]!)); compared++; });
  }
  const o = summary(ours), b = summary(base), c = summary(county), oc = summary(oursCpu);
  const result = {
    bench: 'routing',
    network: { nodes: net.nodeCount, directedEdges: net.edgeCount, generatedMs: round(roadsMs, 0) },
    stations: region.stations.length,
    stationNodes: new Set(stationNodes).size,
    queries: incidents,
    p50Ms: round(o.p50), p90Ms: round(o.p90), p99Ms: round(o.p99), maxMs: round(o.max), meanMs: round(o.mean),
    /** CPU time per query (not counting time the OS gave other processes): the figure to trust on a shared machine. */
    cpuP50Ms: round(oc.p50), cpuP99Ms: round(oc.p99),
    settledNodesMean: Math.round(settled.reduce((a, c) => a + c, 0) / settled.length),
    baselineQueries: base.length,
    baselineSearches: base.length * stationNodes.length,
    baselineBuildMs: round(baselineBuildMs, 0),
    baselineP50Ms: round(b.p50), baselineP90Ms: round(b.p90), baselineP99Ms: round(b.p99), baselineMeanMs: round(b.mean),
    speedup: round(b.p50 / o.p50, 1),
    speedupP99: round(b.p99 / o.p99, 1),
    comparedPairs: compared,
    inCountyStations: countyNodes.length,
    inCountyP50Ms: round(c.p50), inCountyP99Ms: round(c.p99),
    inCountySettledNodesMean: Math.round(countySettled.reduce((a, x) => a + x, 0) / countySettled.length),
    maxAbsDiffSec,
    ...moving,
    targets: TARGETS,
    met: {
      p99Ms: o.p99 <= TARGETS.p99Ms,
      speedup: b.p50 / o.p50 >= TARGETS.speedup,
      movingUnitsCpuPct: moving.movingUnitsCpuPct <= TARGETS.movingUnitsCpuPct,
      sameTimes: maxAbsDiffSec < 1e-6,
    },
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

/** Routed legs for `count` units (random station → random incident), their positions sampled at 10 Hz. */
async function movingUnits(net: RoadNetwork, stationNodes: readonly number[], incidents: readonly LatLon[], rand: () => number, count: number, seconds: number) {
  const legs: Leg[] = [];
  const perIncident = 20;
  for (let i = 0; legs.length < count; i++) {
    const tree = new ShortestPathTree(net, snap(net, incidents[i % incidents.length]!).node, true);
    for (let k = 0; k < perIncident && legs.length < count; k++) {
      const start = stationNodes[Math.floor(rand() * stationNodes.length)]!;
      const nodes = tree.pathNodes(start); // station → incident
      if (nodes.length < 2) continue;
      const departAt = Math.floor(rand() * 120_000);
      const total = tree.seconds[start]!;
      const times = nodes.map((v) => departAt + Math.round((total - tree.seconds[v]!) * 1000));
      const path = nodes.map((v) => nodeLatLon(net, v));
      legs.push({ from: path[0]!, to: path[path.length - 1]!, departAt, arriveAt: times[times.length - 1]!, distanceM: tree.metres[start]!, path, times });
    }
  }
  const vertices = legs.reduce((s, l) => s + l.path!.length, 0);
  const out = new Float64Array(legs.length * 2);
  const SIM_SPEED = 60; // sim ms per wall ms: units cross many segments during the run
  const tickMs: number[] = [];
  // Let the loading phase's JIT and GC work drain before the CPU window opens.
  await new Promise((r) => setTimeout(r, 500));
  return new Promise<{
    movingUnits: number; movingVerticesMean: number; sampleHz: number; samplingWallS: number; ticks: number;
    movingUnitsCpuPct: number; perSampleUs: number; tickP99Ms: number;
  }>((resolve) => {
    const cpu0 = process.cpuUsage();
    const w0 = performance.now();
    let tick = 0;
    const step = (): void => {
      const s0 = performance.now();
      const t = (s0 - w0) * SIM_SPEED;
      for (let u = 0; u < legs.length; u++) {
        const p = positionOnLeg(legs[u]!, t);
        out[2 * u] = p[0];
        out[2 * u + 1] = p[1];
      }
      tickMs.push(performance.now() - s0);
      tick++;
      if (s0 - w0 < seconds * 1000) {
        setTimeout(step, Math.max(0, w0 + tick * 100 - performance.now())); // 10 Hz without drift
        return;
      }
      const wallUs = (performance.now() - w0) * 1000;
      const cpu = process.cpuUsage(cpu0);
      const busy = tickMs.reduce((a, b) => a + b, 0);
      resolve({
        movingUnits: legs.length,
        movingVerticesMean: Math.round(vertices / legs.length),
        sampleHz: 10,
        samplingWallS: round(wallUs / 1e6, 2),
        ticks: tick,
        movingUnitsCpuPct: round(((cpu.user + cpu.system) / wallUs) * 100, 2),
        perSampleUs: round((busy * 1000) / (tick * legs.length), 3),
        tickP99Ms: round(summary(tickMs).p99),
      });
    };
    step();
  });
}
