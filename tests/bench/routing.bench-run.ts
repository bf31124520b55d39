// Routing bench on the demo county's road network. Part 1, the dispatch query as the engine answers
// it: for each incident (a seeded-random point in a populated cell) the travel time from every one of
// the 66 stations to it, asked of the engine's own TravelTimeModel (road-travel.ts, built as
// engine.ts builds it: stations are hubs with complete route trees per traffic weighting, built once),
// for one vehicle speed class at one time of day; timed per incident. Side by side: the same 66
// times from ngraph.path A* (oriented; edge cost = length ÷ (class speed × the traffic factor of that
// hour) — the same costs; heuristic = great-circle ÷ top speed), one search per station, with the
// model's off-road access legs added at both ends by the same rule; and the raw router answer, ONE
// reverse Dijkstra from the incident (router.ts ShortestPathTree, same factors) stopped once every
// station node is settled — what a query costs without station trees. All three must give the same
// times. Part 2, moving units: 2,000 units on routed legs (per-vertex times, as shared/leg-position.ts
// expects) whose positions are sampled at 10 Hz for ~5 s of wall time, reporting the process CPU
// share of that work. Prints ONE JSON object; it never fails on a slow machine.
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import createGraph from 'ngraph.graph';
import ngraphPath from 'ngraph.path';
import { haversineM, type LatLon } from '../../shared/geo.ts';
import type { Leg } from '../../shared/events.ts';
import { SPEED_CLASSES, type SpeedClass } from '../../shared/domain/forces.ts';
import type { Doctrine } from '../../shared/schemas/doctrine.ts';
import { positionOnLeg } from '../../shared/leg-position.ts';
import { encodeTrack, toTrackUnits } from '../../shared/leg-track.ts';
import { loadWorld } from '../../server/scenario/load-world.ts';
import { loadRoadNetwork } from '../../server/geo/region-roads.ts';
import { mulberry32 } from '../../server/geo/generate-roads.ts';
import { OFF_ROAD_SPEED_KMH, nodeLatLon, type RoadNetwork } from '../../server/geo/road-network.ts';
import { ShortestPathTree, snap, type Snap } from '../../server/geo/router.ts';
import { junctionGraph } from '../../server/geo/junction-tree.ts';
import { DEFAULT_VEHICLE_FACTORS, roadTravel } from '../../server/geo/road-travel.ts';
import { percentileOfSorted, sortedAscending } from '../../server/metrics/percentiles.ts';

const TARGETS = { p99Ms: 5, speedup: 10, movingUnitsCpuPct: 10 } as const;
const HOUR_MS = 3_600_000;
const MB = 1024 * 1024;
/** road-travel.ts's default: beyond this snap distance the access leg is great-circle × detour at the class speed. */
const OFF_NETWORK_M = 1500;

const round = (v: number, digits = 3): number => Number(v.toFixed(digits));
const summary = (xs: readonly number[]) => {
  const s = sortedAscending(xs);
  const at = (p: number): number => percentileOfSorted(s, p) ?? NaN;
  return { p50: at(50), p90: at(90), p99: at(99), max: s[s.length - 1] ?? NaN, mean: s.reduce((a, b) => a + b, 0) / Math.max(1, s.length) };
};
const minuteOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * The doctrine's traffic factor of each edge class at one minute of the day, written out here from
 * the doctrine (not taken from road-travel.ts) so the baseline checks the model instead of sharing it.
 */
function trafficFactors(net: RoadNetwork, doctrine: Doctrine, minute: number): Float64Array {
  const f = new Float64Array(net.classes.length).fill(1);
  for (const p of doctrine.traffic) {
    const a = minuteOf(p.from), b = minuteOf(p.to);
    if (!(a <= b ? minute >= a && minute < b : minute >= a || minute < b)) continue;
    net.classes.forEach((c, i) => { if (!p.roadClasses || p.roadClasses.includes(c)) f[i]! *= p.factor; });
  }
  return f;
}

/** The off-road leg between a point and its snapped node, by the road model's rule (seconds). */
const accessSeconds = (s: Snap, doctrine: Doctrine, sc: SpeedClass): number =>
  s.offRoadM <= OFF_NETWORK_M
    ? s.offRoadM / (OFF_ROAD_SPEED_KMH / 3.6)
    : OFF_NETWORK_M / (OFF_ROAD_SPEED_KMH / 3.6) + ((s.offRoadM - OFF_NETWORK_M) * doctrine.detourFactor) / (doctrine.speedsKmh[sc] / 3.6);

function buildBaseline(net: RoadNetwork, factors: Float64Array) {
  const spm = Float64Array.from(net.speedMps, (v, c) => 1 / (v * factors[c]!));
  const graph = createGraph<LatLon, number>();
  for (let v = 0; v < net.nodeCount; v++) graph.addNode(v, nodeLatLon(net, v));
  for (let u = 0; u < net.nodeCount; u++) {
    for (let e = net.out.offsets[u]!; e < net.out.offsets[u + 1]!; e++) graph.addLink(u, net.out.targets[e]!, net.out.lengthM[e]! * spm[net.out.cls[e]!]!);
  }
  const topMps = Math.max(...Array.from(net.speedMps, (v, c) => v * factors[c]!));
  const finder = ngraphPath.aStar(graph, {
    oriented: true,
    distance: (_a, _b, link) => link.data,
    heuristic: (a, b) => haversineM(a.data, b.data) / topMps,
  });
  /** Road seconds from one node to another at the weighted class speeds: A*, then the path's edge costs summed from the start. */
  return (from: number, to: number): number => {
    if (from === to) return 0;
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
      /** Vehicle speed class of the query (heavy: water tenders; factor 0.85 of the road speed). */
      'speed-class': { type: 'string', default: 'heavy' },
      /** Local time of day of the query, hours (08:00 is the morning rush: arterial and local roads at 0.8). */
      hour: { type: 'string', default: '8' },
      units: { type: 'string', default: '2000' },
      seconds: { type: 'string', default: '5' },
      'seeds-dir': { type: 'string', default: 'seeds' },
    },
  });
  const incidents = Number(values.incidents), baselineEvery = Math.max(1, Number(values['baseline-every']));
  const sc = values['speed-class'] as SpeedClass;
  if (!SPEED_CLASSES.includes(sc) || sc === 'on-foot') throw new Error(`--speed-class: expected one of ${SPEED_CLASSES.filter((c) => c !== 'on-foot').join(', ')}, got "${sc}"`);
  const hour = Number(values.hour);
  if (!(hour >= 0 && hour < 24)) throw new Error(`--hour: expected 0 ≤ hour < 24, got "${values.hour}"`);
  const t = Math.round(hour * HOUR_MS); // sim time of the queries; the model starts at local midnight
  const rand = mulberry32(Number(values.seed));
  const world = loadWorld({ seedsDir: values['seeds-dir'] });
  const { region, doctrine } = world;
  const t0 = performance.now();
  const net = loadRoadNetwork(values['seeds-dir'], region);
  const roadsMs = performance.now() - t0;

  // The weighting the model applies at that hour, for the baseline and the raw reverse tree.
  const factors = trafficFactors(net, doctrine, Math.floor(t / 60_000) % 1440);
  const vehicle = DEFAULT_VEHICLE_FACTORS[sc];

  // Candidates: every station's snapped node (several stations may share one).
  const stationSnaps = region.stations.map((s) => snap(net, s.location));
  const stationNodes = stationSnaps.map((s) => s.node);
  // Incidents: uniform over populated cells, uniform inside the cell.
  const populated = region.cells.filter((c) => c.population > 0);
  const g = region.grid;
  const incidentPoints: LatLon[] = Array.from({ length: incidents }, () => {
    const c = populated[Math.floor(rand() * populated.length)]!;
    return [g.south + (c.r + rand()) * g.cellLat, g.west + (c.c + rand()) * g.cellLon];
  });

  // Moving units first, while the process is quiet (the baseline's big graph would leave GC work behind).
  const moving = await movingUnits(net, stationNodes, incidentPoints, rand, Number(values.units), Number(values.seconds));

  // The engine's model, as engine.ts builds it (stations are the hubs), and its station trees: built
  // once per traffic weighting (here: the one of the query hour), by the first query that needs them.
  const model = roadTravel(net, doctrine, { startLocalMs: 0, hubs: region.stations.map((s) => s.location) });
  global.gc?.();
  const mem0 = process.memoryUsage();
  const s0 = performance.now();
  for (const s of region.stations) model.travel(s.location, incidentPoints[0]!, sc, t);
  const stationTreesBuildMs = performance.now() - s0;
  global.gc?.();
  const mem1 = process.memoryUsage();
  const stationTrees = new Set(stationNodes).size;

  const tb = performance.now();
  const baseline = buildBaseline(net, factors);
  const baselineBuildMs = performance.now() - tb;

  // Warm-up (JIT) of both measured paths.
  for (let i = 0; i < 20; i++) {
    const p = incidentPoints[i % incidents]!;
    for (const s of region.stations) model.travel(s.location, p, sc, t);
    const tree = new ShortestPathTree(net, snap(net, p).node, true, factors);
    for (const v of stationNodes) tree.settle(v);
  }

  // For comparison only: the raw reverse tree over the in-county stations (without the far reinforcement bases).
  const countyIds = new Set(region.jurisdictions.filter((j) => j.kind !== 'neighbour' && j.kind !== 'province').map((j) => j.id));
  const countyNodes = region.stations.filter((s) => countyIds.has(s.jurisdictionId)).map((s) => snap(net, s.location).node);
  const ours: number[] = [], oursCpu: number[] = [], rev: number[] = [], revCpu: number[] = [], base: number[] = [];
  const settled: number[] = [], county: number[] = [], countySettled: number[] = [];
  let maxAbsDiffSec = 0, maxAbsDiffReverseSec = 0, compared = 0, unreachable = 0;
  let sink = 0;
  for (const [i, p] of incidentPoints.entries()) {
    // The dispatch query as the engine asks it: every station → this incident.
    let cpu0 = process.cpuUsage();
    let q0 = performance.now();
    const times = region.stations.map((s) => model.travel(s.location, p, sc, t).seconds);
    ours.push(performance.now() - q0);
    let cpu = process.cpuUsage(cpu0);
    oursCpu.push((cpu.user + cpu.system) / 1000);

    // The raw router: one reverse Dijkstra from the incident's node until every station node is settled.
    cpu0 = process.cpuUsage();
    q0 = performance.now();
    const target = snap(net, p);
    const tree = new ShortestPathTree(net, target.node, true, factors);
    const road = stationNodes.map((v) => (tree.settle(v), tree.seconds[v]!));
    rev.push(performance.now() - q0);
    cpu = process.cpuUsage(cpu0);
    revCpu.push((cpu.user + cpu.system) / 1000);
    settled.push(tree.settledCount);
    const access = accessSeconds(target, doctrine, sc);
    road.forEach((r, j) => {
      const full = accessSeconds(stationSnaps[j]!, doctrine, sc) + r / vehicle + access;
      if (Number.isFinite(full) || Number.isFinite(times[j]!)) maxAbsDiffReverseSec = Math.max(maxAbsDiffReverseSec, Math.abs(full - times[j]!));
      if (!Number.isFinite(times[j]!)) unreachable++;
    });
    sink += times[0]!;

    const c0 = performance.now();
    const countyTree = new ShortestPathTree(net, target.node, true, factors);
    for (const v of countyNodes) countyTree.settle(v);
    county.push(performance.now() - c0);
    countySettled.push(countyTree.settledCount);

    if (i % baselineEvery !== 0) continue;
    // The baseline answers the same question: A* on the road part, the same access legs at both ends.
    const b0 = performance.now();
    const baseTimes = stationSnaps.map((s) => accessSeconds(s, doctrine, sc) + baseline(s.node, target.node) / vehicle + access);
    base.push(performance.now() - b0);
    baseTimes.forEach((bt, j) => {
      if (Number.isFinite(bt) || Number.isFinite(times[j]!)) maxAbsDiffSec = Math.max(maxAbsDiffSec, Math.abs(bt - times[j]!));
      compared++;
    });
  }
  const o = summary(ours), oc = summary(oursCpu), r = summary(rev), rc = summary(revCpu), b = summary(base), c = summary(county);
  const result = {
    bench: 'routing',
    network: { nodes: net.nodeCount, directedEdges: net.edgeCount, generatedMs: round(roadsMs, 0) },
    stations: region.stations.length,
    stationNodes: stationTrees,
    queries: incidents,
    query: {
      what: 'travel time from every station to the incident, as the engine asks its TravelTimeModel (road-travel.ts with the stations as hubs), station point → incident point',
      speedClass: sc,
      vehicleFactor: vehicle,
      localHour: hour,
      trafficFactorsByClass: Object.fromEntries(net.classes.map((cls, k) => [cls, factors[k]!])),
    },
    p50Ms: round(o.p50), p90Ms: round(o.p90), p99Ms: round(o.p99), maxMs: round(o.max), meanMs: round(o.mean),
    /** CPU time per query (not counting time the OS gave other processes): the figure to trust on a shared machine. */
    cpuP50Ms: round(oc.p50), cpuP99Ms: round(oc.p99),
    stationTreesBuildMs: round(stationTreesBuildMs, 1),
    stationTrees,
    /** Each tree keeps 17 bytes per junction (geo/junction-tree.ts): what road-travel.ts counts against its hub budget. */
    stationTreesMB: round((stationTrees * junctionGraph(net, net.out, stationNodes).nodeOf.length * 17) / MB, 1),
    stationTreesArrayBuffersDeltaMB: round((mem1.arrayBuffers - mem0.arrayBuffers) / MB, 1),
    reverseTreeP50Ms: round(r.p50), reverseTreeP90Ms: round(r.p90), reverseTreeP99Ms: round(r.p99), reverseTreeMeanMs: round(r.mean),
    reverseTreeCpuP50Ms: round(rc.p50), reverseTreeCpuP99Ms: round(rc.p99),
    // Junctions taken from the queue (router.ts walks past shape points without queueing them).
    reverseTreeSettledJunctionsMean: Math.round(settled.reduce((a, x) => a + x, 0) / settled.length),
    reverseTreeInCountyStations: countyNodes.length,
    reverseTreeInCountyP50Ms: round(c.p50), reverseTreeInCountyP99Ms: round(c.p99),
    reverseTreeInCountySettledJunctionsMean: Math.round(countySettled.reduce((a, x) => a + x, 0) / countySettled.length),
    baselineQueries: base.length,
    baselineSearches: base.length * stationNodes.length,
    baselineBuildMs: round(baselineBuildMs, 0),
    baselineP50Ms: round(b.p50), baselineP90Ms: round(b.p90), baselineP99Ms: round(b.p99), baselineMeanMs: round(b.mean),
    speedup: round(b.p50 / o.p50, 1),
    speedupP99: round(b.p99 / o.p99, 1),
    reverseTreeSpeedup: round(b.p50 / r.p50, 1),
    /** Model vs A*: both station point → incident point, the same off-road access legs added at both ends. */
    comparedPairs: compared,
    maxAbsDiffSec,
    /** Model vs the raw reverse tree (+ the same access legs), over every query. */
    maxAbsDiffReverseSec,
    unreachablePairs: unreachable,
    ...moving,
    targets: TARGETS,
    met: {
      p99Ms: o.p99 <= TARGETS.p99Ms,
      speedup: b.p50 / o.p50 >= TARGETS.speedup,
      movingUnitsCpuPct: moving.movingUnitsCpuPct <= TARGETS.movingUnitsCpuPct,
      sameTimes: maxAbsDiffSec < 1e-6 && maxAbsDiffReverseSec < 1e-6,
    },
  };
  if (Number.isNaN(sink)) process.stderr.write('routing bench: NaN travel time\n');
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
      // As the log carries legs (shared/leg-track.ts), at full resolution (no simplification: a worst case for the board).
      const track = encodeTrack(path.map((p) => toTrackUnits(p[0])), path.map((p) => toTrackUnits(p[1])), times, path.length, departAt);
      legs.push({ from: path[0]!, to: path[path.length - 1]!, departAt, arriveAt: times[times.length - 1]!, distanceM: tree.metres[start]!, track });
    }
  }
  const vertices = legs.reduce((s, l) => s + l.track!.length / 3, 0);
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
