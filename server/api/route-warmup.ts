// Builds a region's per-station route trees before the exercise needs them, in small slices between
// other work. The road travel model builds each station's complete shortest-path tree on first use
// (per traffic situation: night, rush hour …); a region has ~66 stations at a few ms each, so the
// first recommendation of a new traffic situation used to build them all inside one driver tick and
// stall the event loop for 200-400 ms (every exercise's deltas late). Trees without closures are
// shared by every travel model of a road network, so the trees built here through a model of our
// own are the ones the engines then find; which tree answers a query never depends on what is
// cached, so warming changes no result (replays stay bit for bit the same).
import { performance } from 'node:perf_hooks';
import type { LatLon } from '../../shared/geo.ts';
import type { TrafficPeriod } from '../../shared/schemas/doctrine.ts';
import type { World } from '../engine/types.ts';
import { DAY_MS, localMsOfDayAtStart } from '../../shared/local-time.ts';
import { roadTravel, type RoadTravelModel } from '../geo/road-travel.ts';
import { isSymmetric, type RoadClass, type RoadNetwork } from '../geo/road-network.ts';

const DAY_MIN = 1440;
/** Work per slice before yielding to the loop (at least one tree is built per slice). */
const SLICE_MS = 6;
/** Stay well under the travel model's default hub-tree budget (256 MB), or warming would evict what it warmed. */
const WARM_BUDGET_BYTES = 128 * 1024 * 1024;
/** Bytes of one hub tree (as the travel model counts them). */
const treeBytes = (net: RoadNetwork): number => net.nodeCount * 20;

/** Local time of day (ms) at sim time 0, as the engine computes it for its travel model (one helper for both). */
export function startLocalMsOf(world: World, startIso: string): number {
  return localMsOfDayAtStart(startIso, world.region.utcOffsetHours);
}

const minuteOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * The road weighting in force at a local minute of the day, as the travel model keys its trees: the
 * speed factor of each road class of the network, or 'base' when one factor applies to every class
 * (same paths, so the model answers it from the base trees).
 */
const weightingAt = (periods: readonly TrafficPeriod[], classes: readonly RoadClass[], m: number): string => {
  const f = classes.map(() => 1);
  for (const p of periods) {
    const a = minuteOf(p.from);
    const b = minuteOf(p.to);
    if (!(a <= b ? m >= a && m < b : m >= a || m < b)) continue;
    classes.forEach((c, i) => { if (!p.roadClasses || p.roadClasses.includes(c)) f[i]! *= p.factor; });
  }
  return f.every((x) => x === f[0]) ? 'base' : f.join(',');
};

/**
 * The road weightings met between two local times of day (ms, `to` may pass midnight), in the order
 * they are first met, each with one local minute standing for it.
 */
export function trafficWeightings(periods: readonly TrafficPeriod[], classes: readonly RoadClass[], fromLocalMs: number, toLocalMs: number): { key: string; minute: number }[] {
  const first = Math.floor(fromLocalMs / 60_000);
  const minutes = Math.min(DAY_MIN, Math.max(1, Math.ceil(toLocalMs / 60_000) - first + 1));
  const out = new Map<string, number>();
  for (let k = 0; k < minutes; k++) {
    const m = (first + k) % DAY_MIN;
    const key = weightingAt(periods, classes, m);
    if (!out.has(key)) out.set(key, m);
  }
  return [...out].map(([key, minute]) => ({ key, minute }));
}

interface Job { model: RoadTravelModel; from: LatLon; to: LatLon; foot: boolean; t: number }

/** Per road network: a travel model of our own (sharing the engines' trees) and what was queued already. */
interface NetWarmup { model: RoadTravelModel; probe: LatLon; symmetric: boolean; queued: Set<string>; trees: number }

export class RouteWarmup {
  private readonly nets = new WeakMap<RoadNetwork, NetWarmup>();
  private queue: Job[] = [];
  private pending: NodeJS.Immediate | undefined;
  /** Trees asked for so far (a figure for logs and benchmarks). */
  warmed = 0;

  /**
   * Queues the station trees an exercise will use from sim time `fromMs` to `toMs` (its traffic
   * situations in the order it meets them) and starts building them in slices.
   */
  warm(world: World, startLocalMs: number, fromMs: number, toMs: number): void {
    const net = world.roads;
    if (!net) return;
    let w = this.nets.get(net);
    if (!w) {
      // The model is built with local time 0 at sim time 0: a job's `t` is then its local time of day.
      const hubs = world.region.stations.map((s) => s.location);
      const model = roadTravel(net, world.doctrine, { hubs });
      this.nets.set(net, (w = { model, probe: this.probeOf(net, hubs), symmetric: isSymmetric(net), queued: new Set(), trees: 0 }));
    }
    const maxTrees = Math.floor(WARM_BUDGET_BYTES / treeBytes(net));
    const stations = world.region.stations;
    const onFoot = world.unitTypes.unitTypes.some((u) => u.speedClass === 'on-foot');
    const from = startLocalMs + fromMs;
    const weightings = trafficWeightings(world.doctrine.traffic, net.classes, from % DAY_MS, from % DAY_MS + Math.max(0, toMs - fromMs));
    const kinds = weightings.map((x) => ({ key: `car:${x.key}`, foot: false, t: x.minute * 60_000 + 30_000 }));
    if (onFoot) kinds.push({ key: 'foot', foot: true, t: 0 });
    // A tree from each station, and one towards it where streets are one-way (else the same tree).
    const perStation = w.symmetric ? 1 : 2;
    for (const k of kinds) {
      if (w.queued.has(k.key)) continue;
      if (w.trees + stations.length * perStation > maxTrees) break;
      w.queued.add(k.key);
      w.trees += stations.length * perStation;
      for (const s of stations) {
        this.queue.push({ model: w.model, from: s.location, to: w.probe, foot: k.foot, t: k.t });
        if (!w.symmetric) this.queue.push({ model: w.model, from: w.probe, to: s.location, foot: k.foot, t: k.t });
      }
    }
    this.schedule();
  }

  /** Stops building (server shutting down); the engines build what they still need themselves. */
  close(): void {
    if (this.pending) clearImmediate(this.pending);
    this.pending = undefined;
    this.queue = [];
  }

  /** A road node that is no station's node, so that a drive from it asks for the station's tree. */
  private probeOf(net: RoadNetwork, hubs: readonly LatLon[]): LatLon {
    for (let v = 0; v < net.nodeCount; v++) {
      const p: LatLon = [net.lat[v]!, net.lon[v]!];
      if (hubs.every((h) => Math.abs(h[0] - p[0]) + Math.abs(h[1] - p[1]) > 0.002)) return p;
    }
    return [net.lat[0]!, net.lon[0]!];
  }

  private schedule(): void {
    if (this.pending || this.queue.length === 0) return;
    this.pending = setImmediate(() => {
      this.pending = undefined;
      const until = performance.now() + SLICE_MS;
      do {
        const j = this.queue.shift();
        if (!j) break;
        j.model.travel(j.from, j.to, j.foot ? 'on-foot' : 'medium', j.t);
        this.warmed++;
      } while (performance.now() < until);
      this.schedule();
    });
  }
}
