// Multi-source Dijkstra over the RoadNetwork arrays for coverage: every station of a class starts at
// its own time (turnout + the leg from the station to its road node), so ONE search gives, for every
// node, the fastest arrival from any of them and which station it is. Also the off-road leg rule,
// the same as the engine's road travel model (roadTravel) so coverage and dispatch agree.
import type { Doctrine } from '../../shared/schemas/doctrine.ts';
import type { SpeedClass } from '../../shared/domain/forces.ts';
import { OFF_ROAD_SPEED_KMH, type RoadNetwork } from './road-network.ts';
import { DEFAULT_VEHICLE_FACTORS } from './road-travel.ts';
import { MinHeap } from './min-heap.ts';

/** Beyond this snap distance the rest of the off-road leg is driven at great-circle × detour (as roadTravel). */
export const OFF_NETWORK_M = 1500;

export type VehicleClass = Exclude<SpeedClass, 'on-foot'>;

/** Seconds per metre by road class index for a vehicle class (road speed × vehicle factor). */
export function secondsPerMetre(net: RoadNetwork, vehicle: VehicleClass): Float64Array {
  const f = DEFAULT_VEHICLE_FACTORS[vehicle];
  const spm = new Float64Array(net.speedMps.length);
  for (let c = 0; c < spm.length; c++) spm[c] = 1 / (net.speedMps[c]! * f);
  return spm;
}

/** Seconds for the leg between a point and its road node, `offRoadM` away. */
export function accessSeconds(offRoadM: number, doctrine: Pick<Doctrine, 'speedsKmh' | 'detourFactor'>, vehicle: VehicleClass): number {
  const slow = OFF_ROAD_SPEED_KMH / 3.6;
  if (offRoadM <= OFF_NETWORK_M) return offRoadM / slow;
  return OFF_NETWORK_M / slow + ((offRoadM - OFF_NETWORK_M) * doctrine.detourFactor) / (doctrine.speedsKmh[vehicle] / 3.6);
}

export interface SearchSource {
  node: number;
  /** Seconds already spent when the vehicle is at `node` (turnout + access leg). */
  startSeconds: number;
  /** Returned in `label` for the nodes this source reaches first (e.g. an index into a station list). */
  label: number;
}

export interface SearchResult {
  /** Fastest arrival at each node, seconds (Infinity when not reached within the bound). */
  seconds: Float64Array;
  /** Label of the source that reaches the node first (-1 when not reached). */
  label: Int32Array;
}

/**
 * Forward Dijkstra from many sources at once, stopping at `maxSeconds`. Deterministic: the same
 * sources in the same order give the same times and labels (on a tie the first relaxation wins).
 */
export function multiSourceSearch(net: RoadNetwork, sources: readonly SearchSource[], secPerM: Float64Array, maxSeconds = Infinity): SearchResult {
  const n = net.nodeCount;
  const seconds = new Float64Array(n).fill(Infinity);
  const label = new Int32Array(n).fill(-1);
  const done = new Uint8Array(n);
  const heap = new MinHeap(Math.max(64, sources.length * 4));
  for (const s of sources) {
    if (s.node < 0 || s.node >= n) continue;
    if (s.startSeconds < seconds[s.node]!) {
      seconds[s.node] = s.startSeconds;
      label[s.node] = s.label;
      heap.push(s.startSeconds, s.node);
    }
  }
  const { offsets, targets, lengthM, cls } = net.out;
  while (heap.size > 0) {
    const u = heap.pop();
    if (done[u]) continue;
    const su = heap.lastKey;
    if (su > maxSeconds) break;
    done[u] = 1;
    const lu = label[u]!;
    for (let e = offsets[u]!, end = offsets[u + 1]!; e < end; e++) {
      const v = targets[e]!;
      if (done[v]) continue;
      const sv = su + lengthM[e]! * secPerM[cls[e]!]!;
      if (sv < seconds[v]!) {
        seconds[v] = sv;
        label[v] = lu;
        heap.push(sv, v);
      }
    }
  }
  // Nodes relaxed but beyond the bound keep a tentative time that may not be the best: drop them.
  if (Number.isFinite(maxSeconds)) {
    for (let v = 0; v < n; v++) {
      if (!done[v]) {
        seconds[v] = Infinity;
        label[v] = -1;
      }
    }
  }
  return { seconds, label };
}
