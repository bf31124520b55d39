// TravelTimeModel over the road network: travel times, routed paths with the time at each vertex,
// closed roads and cut-off places. Each vehicle speed class drives at a factor of the road-class
// speed (heavy slower than light), times the doctrine's traffic factor of the hour it sets off
// (rush hours slow urban roads, nights are freer); on foot walks the roads at the doctrine speed.
// Points far from any road (reinforcements from outside the county) cover the off-network part at
// great-circle × detour factor and doctrine speed.
//
// Speed: most drives start at a station (dispatch) or end at one (return), so the complete
// shortest-path tree of each station ("hub") is kept per traffic weighting; other drives use a
// reverse tree of the destination, extended on demand and kept in a small LRU. Which tree answers
// depends only on the query, never on what is cached, so answers are the same whatever ran before
// (replay and determinism rely on it). Trees without closures are shared by every model of a network.
import { haversineM, type LatLon } from '../../shared/geo.ts';
import type { Doctrine, TrafficPeriod } from '../../shared/schemas/doctrine.ts';
import type { SpeedClass } from '../../shared/domain/forces.ts';
import type { ClosureArea } from '../../shared/events.ts';
import type { Course, TravelTimeModel } from '../engine/types.ts';
import { OFF_ROAD_SPEED_KMH, findEdge, isSymmetric, reverseEdgeIndex, type RoadClass, type RoadNetwork } from './road-network.ts';
import { edgeSecondsOf, rowOf, snap, type Snap } from './router.ts';
import { JunctionSearch } from './junction-search.ts';
import { JunctionTree, junctionGraph, pieceRoads, pieceSeconds, prepareGraph, walkMetres, type DriveTimes, type LocatedNode, type TreeDrive, type TreeWalk } from './junction-tree.ts';
import { HubSeconds } from './hub-seconds.ts';
import { edgesInArea } from './road-closures.ts';
import { pathTables, RoadCourse, RoadPath, type PathTables } from './road-course.ts';

/** Fraction of the road speed each vehicle class drives at (assumption). */
export const DEFAULT_VEHICLE_FACTORS: Readonly<Record<Exclude<SpeedClass, 'on-foot'>, number>> = {
  light: 1.05,
  medium: 1.0,
  heavy: 0.85,
  trailer: 0.75,
};

export interface RoadTravelOptions {
  vehicleFactors?: Partial<Record<Exclude<SpeedClass, 'on-foot'>, number>>;
  /** Beyond this snap distance the off-network part is driven at great-circle × detour (metres). */
  offNetworkM?: number;
  /** Reverse trees kept (LRU by target node and weighting). */
  cacheSize?: number;
  /** Local time of day at sim time 0 (ms since midnight): with doctrine.traffic it sets the speed factors. */
  startLocalMs?: number;
  /** Places most drives start or end at (stations): their complete trees are kept. */
  hubs?: readonly LatLon[];
  /** Memory for hub trees (MB); beyond it the least recently used are dropped and rebuilt on demand. */
  hubBudgetMB?: number;
}

export interface RoadTravelModel extends TravelTimeModel {
  /** Cache statistics of the reverse-tree LRU (hits reuse a tree). */
  readonly stats: { hits: number; misses: number };
  readonly net: RoadNetwork;
  travelWithin(from: LatLon, to: LatLon, speedClass: SpeedClass, t: number, maxSeconds: number): number | undefined;
  travelSeconds(from: LatLon, to: LatLon, speedClass: SpeedClass, t: number): number;
  route(from: LatLon, to: LatLon, speedClass: SpeedClass, t: number): Course;
  edgesIn(area: ClosureArea): number[];
  withClosedEdges(edges: Iterable<number>): RoadTravelModel;
  isClosed(edge: number): boolean;
  isolated(p: LatLon): boolean;
}

const DAY_MIN = 1440;
const DAY_MS = 86_400_000;

/**
 * Road-class speed multipliers of one traffic situation; `scalar` is the part common to all
 * classes. `hubs` caches this weighting's hub-tree tables of the store (forward, reversed), `fromHubs`
 * its table of seconds from the hubs of a hub list (its nodes: `of`); both are there from the start
 * (undefined), so every weighting has one shape where it is read.
 */
interface Weighting {
  key: string; factors: Float64Array; scalar: number; hubs: [HubTable, HubTable] | undefined;
  fromHubs: { of: readonly number[]; table: HubSeconds } | undefined;
}
type HubTable = (HubTree | undefined)[];

const minuteOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * The weighting in force at each minute of the day (periods are minute-aligned). Factors are indexed
 * like the network's edge classes (`classes`: the road class of each entry), which an imported region
 * extends past the six road classes with a class at a set speed ("arterial at 60 km/h"): those entries
 * take the factors of their road class.
 */
function weightingsByMinute(periods: readonly TrafficPeriod[], classes: readonly RoadClass[]): Weighting[] {
  const byKey = new Map<string, Weighting>();
  const out: Weighting[] = new Array<Weighting>(DAY_MIN);
  for (let m = 0; m < DAY_MIN; m++) {
    const f = new Float64Array(classes.length).fill(1);
    for (const p of periods) {
      const a = minuteOf(p.from);
      const b = minuteOf(p.to);
      const on = a <= b ? m >= a && m < b : m >= a || m < b;
      if (!on) continue;
      classes.forEach((c, i) => { if (!p.roadClasses || p.roadClasses.includes(c)) f[i]! *= p.factor; });
    }
    // A factor on every class scales all times alike: same paths, so the base trees serve it.
    const uniform = f.every((x) => x === f[0]);
    const scalar = uniform ? f[0]! : 1;
    const factors = uniform ? new Float64Array(classes.length).fill(1) : f;
    const key = uniform ? 'base' : Array.from(factors).join(',');
    let w = byKey.get(`${key}|${scalar}`);
    if (!w) byKey.set(`${key}|${scalar}`, (w = { key, factors, scalar, hubs: undefined, fromHubs: undefined }));
    out[m] = w;
  }
  return out;
}

/**
 * A hub's tree, settled as far as drives have asked (junction-tree.ts: kept over the road junctions,
 * with the complete tree's seconds and paths): `lengthM` is its CSR's (metres are summed along a
 * drive's walk). Read a node's seconds only after `tree.settleTo(node)`.
 */
interface HubTree {
  tree: JunctionTree; lengthM: Float32Array;
  /**
   * The road edge driven over each edge of the tree's pieces (junction-tree.ts pieceRoads): `along`
   * it by drives from the root, `against` it by drives to the root (on two-way streets one tree
   * serves both).
   */
  along: Int32Array;
  against: Int32Array;
  bytes: number;
}

/** Trees of one network and closure set. Without closures one store is shared by all models of the network. */
interface TreeStore {
  lru: Map<string, JunctionSearch>;
  /** Hub trees by weighting and direction, indexed by root node (looked up for every unit of every recommendation). */
  hubs: Map<string, (HubTree | undefined)[]>;
  /** Built hub trees, oldest first (dropped first when over the memory budget). */
  hubOrder: { table: (HubTree | undefined)[]; node: number }[];
  hubBytes: number;
  /** Seconds from the hubs (forward trees) by hub list and weighting key (hub-seconds.ts). */
  fromHubs: WeakMap<readonly number[], Map<string, HubSeconds>>;
}

const sharedStores = new WeakMap<RoadNetwork, TreeStore>();
const NO_PATH: LatLon[] = [];
const NO_PATH_OFFSETS: number[] = [];
const NO_NODES: number[] = [];
const newStore = (): TreeStore => ({ lru: new Map(), hubs: new Map(), hubOrder: [], hubBytes: 0, fromHubs: new WeakMap() });

/**
 * The smallest ratio of an edge's length to the straight-line distance between its ends, at most 1:
 * a route is never shorter than this share of the straight line (triangle inequality), which keeps
 * minSeconds a true lower bound whatever lengths a road file gives.
 */
const stretchOf = new WeakMap<RoadNetwork, number>();
function shortestStretch(net: RoadNetwork): number {
  let k = stretchOf.get(net);
  if (k === undefined) {
    k = 1;
    const { offsets, targets, lengthM } = net.out;
    for (let a = 0; a < net.nodeCount; a++) {
      for (let e = offsets[a]!; e < offsets[a + 1]!; e++) {
        const straight = haversineM([net.lat[a]!, net.lon[a]!], [net.lat[targets[e]!]!, net.lon[targets[e]!]!]);
        if (straight > 0) k = Math.min(k, lengthM[e]! / straight);
      }
    }
    stretchOf.set(net, k);
  }
  return k;
}

/**
 * For each position of a CSR, the road edge (an id: a position of the forward CSR) findEdge names
 * for the drive between its two ends: `along` from its row to its target, `against` the other way.
 * A tree edge is reached by its position; its road edge is then a lookup instead of a scan of the
 * node's edges, and the same edge findEdge gives (the shortest of parallel edges, the first on ties).
 */
const drivenOf = new WeakMap<RoadNetwork['out'], { along?: Int32Array; against?: Int32Array }>();
function drivenEdges(net: RoadNetwork, csr: RoadNetwork['out'], against: boolean): Int32Array {
  let byDir = drivenOf.get(csr);
  if (!byDir) drivenOf.set(csr, (byDir = {}));
  let out = against ? byDir.against : byDir.along;
  if (!out) {
    const row = rowOf(csr);
    out = new Int32Array(csr.targets.length);
    for (let e = 0; e < out.length; e++) out[e] = against ? findEdge(net, csr.targets[e]!, row[e]!) : findEdge(net, row[e]!, csr.targets[e]!);
    if (against) byDir.against = out;
    else byDir.along = out;
  }
  return out;
}

/** Closed edges by position in the forward and reversed CSR. */
interface Blocked { out: Uint8Array; rev: Uint8Array; count: number }

/**
 * What a model derives from the doctrine and the network alone: the weighting of each minute, the
 * walkers' weighting and each class's top speed. Kept per tree store and doctrine (and hub list),
 * so the models of one network share them: a batch builds a model per replication, and these took
 * milliseconds each time. Shared weightings also share their cached hub tables (the same store's).
 */
interface Derived { byMinute: Weighting[]; foot: Weighting; vmax: Record<SpeedClass, number> }
const derivedOf = new WeakMap<TreeStore, WeakMap<Doctrine, Derived>>();
/** Hub nodes of a hub list (snapped once per network and list). */
const hubNodesOf = new WeakMap<RoadNetwork, WeakMap<readonly LatLon[], number[]>>();

function deriveTables(net: RoadNetwork, doctrine: Doctrine, vf: Readonly<Record<Exclude<SpeedClass, 'on-foot'>, number>>): Derived {
  const walkMps = doctrine.speedsKmh['on-foot'] / 3.6;
  const byMinute = weightingsByMinute(doctrine.traffic, net.classes);
  const foot: Weighting = { key: `foot:${walkMps}`, factors: Float64Array.from(net.speedMps, (s) => walkMps / s), scalar: 1, hubs: undefined, fromHubs: undefined };
  // Fastest a class can ever go (any road, any hour, off the network too): for lower bounds.
  const offRoadMps = OFF_ROAD_SPEED_KMH / 3.6;
  // A plain record, not a Map: the unit search reads it (minSecondsPerMetre, minSeconds) for every unit group and on-road unit of every recommendation.
  const vmax = {} as Record<SpeedClass, number>;
  for (const sc of Object.keys(doctrine.speedsKmh) as SpeedClass[]) {
    let v = sc === 'on-foot' ? walkMps : Math.max(offRoadMps, doctrine.speedsKmh[sc] / 3.6);
    if (sc !== 'on-foot') for (const w of byMinute) for (let c = 0; c < net.speedMps.length; c++) v = Math.max(v, net.speedMps[c]! * w.factors[c]! * w.scalar * vf[sc]);
    // A road shorter than the straight line between its ends (an imported file's lengths) drives
    // faster than its speed over the ground: the bound must allow for it.
    vmax[sc] = v / shortestStretch(net);
  }
  return { byMinute, foot, vmax };
}

function hubNodesFor(net: RoadNetwork, hubs: readonly LatLon[]): number[] {
  let byList = hubNodesOf.get(net);
  if (!byList) hubNodesOf.set(net, (byList = new WeakMap()));
  let nodes = byList.get(hubs);
  if (!nodes) {
    const seen = new Set<number>();
    for (const h of hubs) { const n = snap(net, h).node; if (n >= 0) seen.add(n); }
    byList.set(hubs, (nodes = [...seen]));
  }
  return nodes;
}

export function roadTravel(net: RoadNetwork, doctrine: Doctrine, opts: RoadTravelOptions = {}): RoadTravelModel {
  const shared = sharedStores.get(net) ?? newStore();
  sharedStores.set(net, shared);
  return makeModel(net, doctrine, opts, undefined, shared);
}

function makeModel(net: RoadNetwork, doctrine: Doctrine, opts: RoadTravelOptions, blocked: Blocked | undefined, store: TreeStore): RoadTravelModel {
  const vf = { ...DEFAULT_VEHICLE_FACTORS, ...opts.vehicleFactors };
  const offNetworkM = opts.offNetworkM ?? 1500;
  const cacheSize = opts.cacheSize ?? 16;
  const startLocalMs = opts.startLocalMs ?? 0;
  const hubBudget = (opts.hubBudgetMB ?? 256) * 1024 * 1024;
  const walkMps = doctrine.speedsKmh['on-foot'] / 3.6;
  let derived: Derived | undefined;
  if (opts.vehicleFactors) derived = deriveTables(net, doctrine, vf);
  else {
    let byDoctrine = derivedOf.get(store);
    if (!byDoctrine) derivedOf.set(store, (byDoctrine = new WeakMap()));
    derived = byDoctrine.get(doctrine);
    if (!derived) byDoctrine.set(doctrine, (derived = deriveTables(net, doctrine, vf)));
  }
  const { byMinute, foot, vmax } = derived;
  const symmetric = isSymmetric(net);
  // Hubs only without closures: a closure set is short-lived, its drives use reverse trees.
  const hubNode = new Uint8Array(net.nodeCount);
  const stats = { hits: 0, misses: 0 };

  // Unit positions repeat (stations, incidents), and the same position objects come back: snaps are
  // memoised by the object. (A second memo by latitude and longitude, for equal positions in other
  // objects, found 1,100 of a metropolitan year's 537,000 snaps, and made a Map per new latitude.)
  const byRef = new WeakMap<LatLon, Snap>();
  const snapOf = (p: LatLon): Snap => {
    let s = byRef.get(p);
    if (!s) byRef.set(p, (s = snap(net, p)));
    return s;
  };
  const hubNodes: readonly number[] = !blocked && opts.hubs ? hubNodesFor(net, opts.hubs) : [];
  for (const n of hubNodes) hubNode[n] = 1;
  /** Each hub node's column in the tables of seconds from the hubs (-1: not a hub). */
  const hubColumn = new Int32Array(net.nodeCount).fill(-1);
  hubNodes.forEach((n, i) => { hubColumn[n] = i; });

  const weightingAt = (sc: SpeedClass, t: number): Weighting => {
    if (sc === 'on-foot') return foot;
    const m = Math.floor((((startLocalMs + t) % DAY_MS) + DAY_MS) % DAY_MS / 60_000);
    return byMinute[m]!;
  };
  /** Divisor turning tree seconds into this class's seconds. */
  const divisor = (sc: SpeedClass, w: Weighting): number => (sc === 'on-foot' ? 1 : vf[sc] * w.scalar);

  const reverseTree = (node: number, w: Weighting): JunctionSearch => {
    const key = `${node}:${w.key}`;
    let tree = store.lru.get(key);
    if (tree) {
      stats.hits++;
      store.lru.delete(key); // move to the most recently used end
    } else {
      stats.misses++;
      // The least recently used search makes room, and lends its buffers to the new one.
      let spare: JunctionSearch | undefined;
      if (store.lru.size >= cacheSize) {
        const oldest = store.lru.keys().next().value!;
        spare = store.lru.get(oldest);
        store.lru.delete(oldest);
      }
      tree = spare ? spare.restart(node, w.factors, blocked?.rev) : new JunctionSearch(net, node, true, w.factors, blocked?.rev);
    }
    store.lru.set(key, tree);
    return tree;
  };

  /** Complete tree of a hub; `reversed` = towards the hub (the forward tree serves when streets are all two-way). */
  // A table holds an entry for every node from the start: an empty array given a tree at node 20,000
  // keeps its entries in a dictionary, and every drive and landmark bound looks trees up here.
  const tableOf = (key: string): HubTable => {
    let table = store.hubs.get(key);
    if (!table) store.hubs.set(key, (table = new Array<HubTree | undefined>(net.nodeCount).fill(undefined)));
    return table;
  };
  const hubTree = (node: number, w: Weighting, reversed: boolean): HubTree => {
    const dir = reversed && !symmetric;
    const tables = (w.hubs ??= [tableOf(w.key), symmetric ? tableOf(w.key) : tableOf(`${w.key}:r`)]);
    const table = tables[dir ? 1 : 0];
    let h = table[node];
    if (!h) {
      const csr = dir ? net.rev : net.out;
      const tree = new JunctionTree(net, junctionGraph(net, csr, hubNodes), node, w.factors);
      const along = pieceRoads(tree.graph, drivenEdges(net, csr, false));
      const against = pieceRoads(tree.graph, drivenEdges(net, csr, true));
      h = { tree, lengthM: csr.lengthM, along, against, bytes: tree.bytes };
      table[node] = h;
      store.hubOrder.push({ table, node });
      store.hubBytes += h.bytes;
      while (store.hubBytes > hubBudget && store.hubOrder.length > 1) {
        const old = store.hubOrder.shift()!;
        store.hubBytes -= old.table[old.node]!.bytes;
        old.table[old.node] = undefined;
      }
    }
    return h;
  };

  /** The leg between a point and its node: off-road speed near the network, roads beyond it (seconds, metres). */
  const offRoadMps = OFF_ROAD_SPEED_KMH / 3.6;
  const accessSeconds = (s: Snap, sc: SpeedClass): number => {
    if (sc === 'on-foot') return s.offRoadM / walkMps;
    if (s.offRoadM <= offNetworkM) return s.offRoadM / offRoadMps;
    return offNetworkM / offRoadMps + ((s.offRoadM - offNetworkM) * doctrine.detourFactor) / (doctrine.speedsKmh[sc] / 3.6);
  };
  const accessMetres = (s: Snap): number => (s.offRoadM <= offNetworkM ? s.offRoadM : offNetworkM + (s.offRoadM - offNetworkM) * doctrine.detourFactor);


  /**
   * The fastest drive: tree seconds of the road part (from the tree the query itself selects), the
   * access legs, and on request the road nodes in driving order with their tree seconds.
   */
  // Recommendations ask for many units → one place in a row: remember the last destination's snap.
  // Nodes are gathered in a scratch buffer.
  let lastTo: LatLon | undefined;
  let lastToSnap: Snap | undefined;
  const snapTo = (to: LatLon): Snap => {
    if (to !== lastTo) { lastTo = to; lastToSnap = snapOf(to); }
    return lastToSnap!;
  };
  /** The hub tree a query selects: forward from a hub start, else towards a hub destination; undefined: neither end is a hub. */
  let hubForward = false;
  const hubFor = (a: Snap, b: Snap, w: Weighting): HubTree | undefined => {
    if (blocked) return undefined;
    if (hubNode[a.node]) { hubForward = true; return hubTree(a.node, w, false); }
    if (hubNode[b.node]) { hubForward = false; return hubTree(b.node, w, true); }
    return undefined;
  };
  /** Where tree walks write the nodes from the start of a drive to the tree's root (scratch). */
  const walked: TreeWalk = { nodes: new Int32Array(1024), seconds: new Float64Array(1024), edges: new Int32Array(1024) };
  /** Where hub trees write a drive (hubCourse), with what turns its tree seconds into the course's. */
  const drive: TreeDrive = { nodes: NO_NODES, offsets: NO_PATH_OFFSETS, edges: NO_NODES, seconds: new Float64Array(1024), metres: 0 };
  const times: DriveTimes = { ea: 0, road: 0, div: 1, total: 0 };
  const atA: LocatedNode = { junction: -1, tail0: -1, tail1: -1, from0: 0, from1: 0 };
  const atB: LocatedNode = { ...atA };
  /** The landmark that last proved a drive too long: asked first (the next questions are often about the same place). */
  let lastProof = 0;
  /**
   * Whether the drive from node a to node b surely takes more than `bound` in weighting w's tree
   * seconds, by a lower bound from the hub trees of w built so far used as landmarks (triangle
   * inequality: a drive L → a → b is no faster than the fastest L → b, so a → b takes at least
   * T_L(b) − T_L(a); with two-way streets also T_L(a) − T_L(b)). Shrunk by a billionth so rounding
   * in the trees' sums can never lift it above the search's answer (a shape point's seconds are
   * summed along its road in one go here, within rounding of the trees' own sums; the caller's
   * bound has a microsecond to spare besides). One landmark is proof enough; which trees are built,
   * and which is asked first, change only how often a search is spared, never an answer.
   */
  const provenBeyond = (a: number, b: number, w: Weighting, bound: number): boolean => {
    if (bound < 0) return true;
    const table = w.hubs?.[0];
    if (!table) return false;
    let located = false;
    const n = hubNodes.length;
    for (let k = 0, i = lastProof; k < n; k++, i = i + 1 < n ? i + 1 : 0) {
      const h = table[hubNodes[i]!];
      if (!h) continue;
      // Trees are settled only so far: a node not settled yet is no nearer than the frontier, and
      // its seconds so far are no less than its final ones, so T_L(b) − T_L(a) ≥ low(b) − high(a).
      // The trees share their graph and weighting: a and b are located on it once.
      const { tree } = h;
      if (!located) { tree.locate(a, atA); tree.locate(b, atB); located = true; }
      const ta = tree.soFar(atA);
      const finalA = tree.lastFinal;
      const tb = tree.soFar(atB);
      let d = (tree.lastFinal ? tb : tree.frontier) - ta;
      if (symmetric) d = Math.max(d, (finalA ? ta : tree.frontier) - tb);
      if (Number.isFinite(d) && d * (1 - 1e-9) > bound) { lastProof = i; return true; }
    }
    return false;
  };

  /** The table of seconds from this model's hubs under weighting w (made once per store, hub list and weighting key). */
  const fromHubsOf = (w: Weighting): HubSeconds => {
    if (w.fromHubs?.of === hubNodes) return w.fromHubs.table;
    let byKey = store.fromHubs.get(hubNodes);
    if (!byKey) store.fromHubs.set(hubNodes, (byKey = new Map()));
    let table = byKey.get(w.key);
    if (!table) {
      const graph = junctionGraph(net, net.out, hubNodes);
      byKey.set(w.key, (table = new HubSeconds(graph, pieceSeconds(graph, edgeSecondsOf(net, net.out, w.factors)), hubNodes.length)));
    }
    w.fromHubs = { of: hubNodes, table };
    return table;
  };

  /**
   * Seconds only (no path, no distance): what a recommendation asks of every candidate unit. From a
   * hub they are read from the table of seconds from the hubs (hub-seconds.ts) when the hub's tree
   * has settled that far, else from the tree.
   */
  const secondsOf = (from: LatLon, to: LatLon, sc: SpeedClass, t: number): number => {
    const a = snapOf(from);
    const b = snapTo(to);
    const w = weightingAt(sc, t);
    const div = divisor(sc, w);
    const column = a.node >= 0 && b.node >= 0 ? hubColumn[a.node]! : -1;
    let road: number;
    if (column >= 0) {
      const table = fromHubsOf(w);
      road = table.secondsTo(b.node, column);
      if (road !== road) {
        // Not settled that far yet (or the hub not asked before): its tree answers and settles further.
        const { tree } = hubTree(a.node, w, false);
        table.follow(column, tree);
        tree.settleTo(b.node);
        road = tree.secondsAt(b.node);
      }
    } else {
      // To a hub: its tree towards it; between other places: a reverse tree of the destination.
      const h = hubFor(a, b, w);
      if (h) {
        const start = hubForward ? b.node : a.node;
        h.tree.settleTo(start);
        road = h.tree.secondsAt(start);
      } else {
        const tree = reverseTree(b.node, w);
        tree.settle(a.node);
        road = tree.secondsAt(a.node);
      }
    }
    if (!Number.isFinite(road)) return Infinity;
    return accessSeconds(a, sc) + road / div + accessSeconds(b, sc);
  };

  /**
   * The last drive planned with its path. The units of one station sent to one place ask for the
   * same drive one after another (a third of a metropolitan year's routes): they share its path and
   * road edges (read-only), and only its times are their own (speed class): made from the tree
   * seconds of its road vertices in driving order, still in `seconds` (the scratch of `drive` or
   * `walked`: the next drive or walk replaces lastDrive or forgets it). Road vertex j's seconds from
   * the start in tree units are `seconds[j - 1]` on a forward hub tree, `road - seconds[j - 1]` on a
   * tree towards the destination.
   */
  /** The network's tables its paths share (fetched at the first path). */
  let tables: PathTables | undefined;
  const tablesForPaths = (): PathTables => tables ?? (tables = pathTables(net));

  let lastDrive: { from: LatLon; to: LatLon; w: Weighting; road: number; distanceM: number; path: RoadPath; edges: number[]; forward: boolean; count: number; seconds: Float64Array } | undefined;
  const sameDrive = (from: LatLon, to: LatLon, w: Weighting): boolean =>
    lastDrive !== undefined && lastDrive.w === w && lastDrive.from[0] === from[0] && lastDrive.from[1] === from[1] && lastDrive.to[0] === to[0] && lastDrive.to[1] === to[1];

  const plan = (from: LatLon, to: LatLon, sc: SpeedClass, t: number, withPath: boolean, maxSeconds = Infinity): Course | undefined => {
    const a = snapOf(from);
    const b = snapTo(to);
    const w = weightingAt(sc, t);
    const div = divisor(sc, w);
    if (withPath && maxSeconds === Infinity && sameDrive(from, to, w)) {
      const { road, distanceM, path, edges, forward, count, seconds: sec } = lastDrive!;
      const ea = accessSeconds(a, sc);
      const total = ea + road / div + accessSeconds(b, sc);
      const offsets: number[] = new Array<number>(count + 2);
      offsets[0] = 0;
      if (forward) for (let j = 1; j <= count; j++) offsets[j] = ea + sec[j - 1]! / div;
      else for (let j = 1; j <= count; j++) offsets[j] = ea + (road - sec[j - 1]!) / div;
      offsets[count + 1] = total;
      return new RoadCourse(total, distanceM, path, offsets, edges);
    }
    // The tree the query selects: forward from a hub start, else towards the destination (a hub's
    // tree, or a reverse tree), whose parents lead from the start to it.
    const h = hubFor(a, b, w);
    const forward = h !== undefined && hubForward;
    let tree: JunctionSearch | undefined;
    if (!h) {
      // A bounded question stops the search past the bound (a hair over it: ties must be found), and
      // needs no search when the landmarks already show the start is further.
      const bound = maxSeconds === Infinity ? Infinity : (maxSeconds - accessSeconds(a, sc) - accessSeconds(b, sc)) * div * (1 + 1e-9) + 1e-6;
      if (bound !== Infinity && provenBeyond(a.node, b.node, w, bound)) return undefined;
      tree = reverseTree(b.node, w);
      if (!tree.settle(a.node, bound) && bound !== Infinity) return undefined; // further than the bound, or unreachable
    }
    const start = forward ? b.node : a.node;
    let road: number;
    if (h) {
      h.tree.settleTo(start);
      road = h.tree.secondsAt(start);
    } else road = tree!.secondsAt(start);
    if (!Number.isFinite(road)) return maxSeconds === Infinity ? { seconds: Infinity, distanceM: Infinity, path: [from], offsets: [0] } : undefined;
    const ea = accessSeconds(a, sc);
    const total = ea + road / div + accessSeconds(b, sc);
    if (total > maxSeconds) return undefined;
    // travelWithin asks for seconds only.
    if (!withPath && maxSeconds !== Infinity) return { seconds: total, distanceM: NaN, path: NO_PATH, offsets: NO_PATH_OFFSETS };
    // Road nodes from the start of the walk to the tree's root, and the road metres. A walk for
    // metres alone overwrites the one the last drive's times are read from.
    if (!withPath) lastDrive = undefined;
    else if (h) return hubCourse(h, forward, start, from, to, a, b, w, ea, road, div, total);
    const count = h ? h.tree.walk(start, walked) : tree!.walk(start, walked);
    const roadM = walkMetres(walked, count, h ? h.lengthM : tree!.csr.lengthM);
    const distanceM = accessMetres(a) + roadM + accessMetres(b);
    if (!withPath) return { seconds: total, distanceM, path: NO_PATH, offsets: NO_PATH_OFFSETS };
    const nodeSeconds = walked.seconds;
    const walkedNodes = walked.nodes;
    const nodes: number[] = new Array<number>(count);
    const offsets: number[] = new Array<number>(count + 2);
    const edges: number[] = new Array<number>(Math.max(0, count - 1));
    offsets[0] = 0;
    for (let i = 0; i < count; i++) {
      const v = walkedNodes[i]!;
      nodes[i] = v;
      offsets[i + 1] = ea + (road - nodeSeconds[i]!) / div;
      if (i > 0) edges[i - 1] = findEdge(net, walkedNodes[i - 1]!, v);
    }
    offsets[count + 1] = total;
    const path = new RoadPath(tablesForPaths(), from, to, nodes);
    lastDrive = { from, to, w, road, distanceM, path, edges, forward: false, count, seconds: walked.seconds };
    return new RoadCourse(total, distanceM, path, offsets, edges);
  };

  /**
   * The course of a drive on hub tree h, written by the tree in driving order (junction-tree.ts
   * drive): road nodes (its path: road-course.ts), offsets, road edges and the road metres. A forward
   * tree's path leads from its root (the start), a reversed tree's to it; its road edge of each tree
   * edge is the one driven `along` it from the root, or `against` it towards the root.
   */
  const hubCourse = (h: HubTree, forward: boolean, start: number, from: LatLon, to: LatLon, a: Snap, b: Snap, w: Weighting, ea: number, road: number, div: number, total: number): Course => {
    times.ea = ea;
    times.road = road;
    times.div = div;
    times.total = total;
    const count = h.tree.drive(start, forward, forward ? h.along : h.against, times, drive);
    const { nodes, offsets, edges } = drive;
    const distanceM = accessMetres(a) + drive.metres + accessMetres(b);
    const path = new RoadPath(tablesForPaths(), from, to, nodes);
    lastDrive = { from, to, w, road, distanceM, path, edges, forward, count, seconds: drive.seconds };
    return new RoadCourse(total, distanceM, path, offsets, edges);
  };

  const isolatedCache = new Map<number, boolean>();
  // Cut off = fewer than half the nodes can drive to it. When more than half the nodes form one
  // strongly connected component G (the usual case: closures cut off pockets), that is exactly
  // "G cannot reach it": a node G reaches is reached by all of G (more than half); one G does not
  // reach is reached by none of G, so by fewer than half. One search from G per closure set then
  // answers every place; without such a G each place is counted (below).
  let mainReach: Uint8Array | null | undefined;
  const reachFrom = (root: number, csr: RoadNetwork['out'], mask: Uint8Array): { seen: Uint8Array; count: number } => {
    const seen = new Uint8Array(net.nodeCount);
    const queue = new Int32Array(net.nodeCount);
    let head = 0, tail = 0;
    seen[root] = 1;
    queue[tail++] = root;
    while (head < tail) {
      const u = queue[head++]!;
      for (let e = csr.offsets[u]!; e < csr.offsets[u + 1]!; e++) {
        const v = csr.targets[e]!;
        if (seen[v] || mask[e] === 1) continue;
        seen[v] = 1;
        queue[tail++] = v;
      }
    }
    return { seen, count: tail };
  };
  const reachedByMost = (b: Blocked): Uint8Array | null => {
    if (mainReach !== undefined) return mainReach;
    mainReach = null;
    const tried = new Uint8Array(net.nodeCount);
    const candidates = [...(opts.hubs ?? []).map((h) => snapOf(h).node), 0];
    for (const c of candidates.slice(0, 4)) {
      if (c < 0 || c >= net.nodeCount || tried[c]) continue;
      const fwd = reachFrom(c, net.out, b.out);
      if (fwd.count * 2 <= net.nodeCount) { for (let v = 0; v < net.nodeCount; v++) if (fwd.seen[v]) tried[v] = 1; continue; }
      const back = reachFrom(c, net.rev, b.rev);
      let scc = 0;
      for (let v = 0; v < net.nodeCount; v++) if (fwd.seen[v] && back.seen[v]) { scc++; tried[v] = 1; }
      if (scc * 2 > net.nodeCount) { mainReach = fwd.seen; break; }
    }
    return mainReach;
  };

  // What the hubs' trees, the landmark bounds, the table of seconds from the hubs and the reverse
  // trees read (the junction graphs, the road edge of each tree edge, each weighting's seconds along
  // the pieces, the table itself) are made here, when the model is made for a world (the engine is handed it), not
  // at a run's first drive: they depend on the network, the doctrine and the hubs alone, are shared
  // by every model of the network, and making them (mostly first touches of fresh memory on this
  // VM) took ~80-150 ms of the first simulated hour of a metropolitan year.
  if (hubNodes.length > 0) {
    const weightings = new Set(byMinute);
    for (const csr of symmetric ? [net.out] : [net.out, net.rev]) {
      const graph = junctionGraph(net, csr, hubNodes);
      pieceRoads(graph, drivenEdges(net, csr, false));
      pieceRoads(graph, drivenEdges(net, csr, true));
      for (const w of weightings) prepareGraph(graph, edgeSecondsOf(net, csr, w.factors));
    }
    for (const w of weightings) fromHubsOf(w);
    // The reverse trees' graph (no hubs forced) and its pieces' seconds, likewise.
    const reverseGraph = junctionGraph(net, net.rev, []);
    for (const w of weightings) prepareGraph(reverseGraph, edgeSecondsOf(net, net.rev, w.factors));
  }

  return {
    stats,
    net,
    travel: (from, to, speedClass, t) => plan(from, to, speedClass, t, false)!,
    travelSeconds: secondsOf,
    travelWithin: (from, to, speedClass, t, maxSeconds) => plan(from, to, speedClass, t, false, maxSeconds)?.seconds,
    minSeconds: (from, to, speedClass) => haversineM(from, to) / vmax[speedClass],
    minSecondsPerMetre: (speedClass) => 1 / vmax[speedClass],
    route: (from, to, speedClass, t) => plan(from, to, speedClass, t, true)!,
    edgesIn: (area) => edgesInArea(net, area),
    withClosedEdges(edges) {
      const out = new Uint8Array(net.edgeCount);
      let count = 0;
      for (const e of edges) if (e >= 0 && e < net.edgeCount && !out[e]) { out[e] = 1; count++; }
      if (count === 0) return roadTravel(net, doctrine, opts);
      const map = reverseEdgeIndex(net);
      const rev = new Uint8Array(net.edgeCount);
      for (let p = 0; p < net.edgeCount; p++) rev[p] = out[map[p]!] ?? 0;
      return makeModel(net, doctrine, opts, { out, rev, count }, newStore());
    },
    isClosed: (edge) => blocked?.out[edge] === 1,
    isolated(p) {
      const node = snapOf(p).node;
      let cut = isolatedCache.get(node);
      if (cut === undefined) {
        // Cut off: fewer than half the network's nodes can drive to it.
        const main = blocked ? reachedByMost(blocked) : null;
        if (main) cut = main[node] !== 1;
        else {
          const reaching = blocked ? reachFrom(node, net.rev, blocked.rev).count : net.nodeCount;
          cut = reaching < net.nodeCount / 2;
        }
        isolatedCache.set(node, cut);
      }
      return cut;
    },
  };
}
