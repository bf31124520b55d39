// TravelTimeModel over the road network. Each vehicle speed class drives at a factor of the road
// class speed (heavy slower than light); on foot walks the road network at the doctrine walking speed.
// The engine asks for many units → one incident in a row, so the reverse shortest-path tree of the
// last few targets is cached and extended on demand. Points far from any road (reinforcements from
// outside the county) cover the off-network part at great-circle × detour factor and doctrine speed.
import type { LatLon } from '../../shared/geo.ts';
import type { Doctrine } from '../../shared/schemas/doctrine.ts';
import type { SpeedClass } from '../../shared/domain/forces.ts';
import type { TravelTimeModel } from '../engine/types.ts';
import { OFF_ROAD_SPEED_KMH, type RoadNetwork } from './road-network.ts';
import { ShortestPathTree, snap, type Snap } from './router.ts';

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
  /** Reverse trees kept (LRU by target node and speed class). */
  cacheSize?: number;
}

export interface RoadTravelModel extends TravelTimeModel {
  /** Cache statistics (hits reuse a reverse tree). */
  readonly stats: { hits: number; misses: number };
}

export function roadTravel(net: RoadNetwork, doctrine: Doctrine, opts: RoadTravelOptions = {}): RoadTravelModel {
  const vf = { ...DEFAULT_VEHICLE_FACTORS, ...opts.vehicleFactors };
  const offNetworkM = opts.offNetworkM ?? 1500;
  const cacheSize = opts.cacheSize ?? 8;
  const walkMps = doctrine.speedsKmh['on-foot'] / 3.6;
  const factorsByClass = new Map<SpeedClass, Float64Array>();
  for (const sc of Object.keys(doctrine.speedsKmh) as SpeedClass[]) {
    const f = new Float64Array(net.speedMps.length);
    for (let c = 0; c < f.length; c++) f[c] = sc === 'on-foot' ? walkMps / net.speedMps[c]! : (vf[sc] ?? 1);
    factorsByClass.set(sc, f);
  }
  const cache = new Map<string, ShortestPathTree>();
  // Unit positions repeat (stations), so snaps are memoised too (cleared when large).
  const snaps = new Map<string, Snap>();
  const snapOf = (p: LatLon): Snap => {
    const key = `${p[0]},${p[1]}`;
    let s = snaps.get(key);
    if (!s) {
      if (snaps.size >= 20_000) snaps.clear();
      s = snap(net, p);
      snaps.set(key, s);
    }
    return s;
  };
  const stats = { hits: 0, misses: 0 };

  const treeFor = (node: number, sc: SpeedClass): ShortestPathTree => {
    const key = `${node}:${sc}`;
    let tree = cache.get(key);
    if (tree) {
      stats.hits++;
      cache.delete(key); // move to the most recently used end
    } else {
      stats.misses++;
      tree = new ShortestPathTree(net, node, true, factorsByClass.get(sc));
      if (cache.size >= cacheSize) cache.delete(cache.keys().next().value!);
    }
    cache.set(key, tree);
    return tree;
  };

  /** The leg between a point and its node: off-road speed near the network, roads beyond it. */
  const access = (s: Snap, sc: SpeedClass): { seconds: number; metres: number } => {
    const classMps = doctrine.speedsKmh[sc] / 3.6;
    if (sc === 'on-foot') return { seconds: s.offRoadM / walkMps, metres: s.offRoadM };
    if (s.offRoadM <= offNetworkM) return { seconds: s.offRoadM / (OFF_ROAD_SPEED_KMH / 3.6), metres: s.offRoadM };
    const near = offNetworkM / (OFF_ROAD_SPEED_KMH / 3.6);
    const far = (s.offRoadM - offNetworkM) * doctrine.detourFactor;
    return { seconds: near + far / classMps, metres: offNetworkM + far };
  };

  return {
    stats,
    travel(from: LatLon, to: LatLon, speedClass: SpeedClass) {
      const a = snapOf(from);
      const b = snapOf(to);
      const tree = treeFor(b.node, speedClass);
      const ea = access(a, speedClass);
      const eb = access(b, speedClass);
      if (!tree.settle(a.node)) {
        // Not connected (cannot happen with a generated network): fall back to the access legs.
        return { seconds: ea.seconds + eb.seconds, distanceM: ea.metres + eb.metres };
      }
      return {
        seconds: tree.seconds[a.node]! + ea.seconds + eb.seconds,
        distanceM: tree.metres[a.node]! + ea.metres + eb.metres,
      };
    },
  };
}
