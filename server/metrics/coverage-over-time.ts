// Coverage over time: the share of people within the 5-minute target of a station that has a unit
// available at that moment, sampled at a fixed interval through a run. What each station reaches is
// computed once per world (one bounded road search per station over the coverage lattice, turnout of
// the day included, as `sim coverage` does) and reused by every replication; a sample is then just
// the union of the reach of the stations with a free unit.
import type { CoverageConfig } from '../../shared/schemas/coverage.ts';
import type { RoadNetwork } from '../geo/road-network.ts';
import { sampleLattice } from '../geo/coverage-samples.ts';
import { accessSeconds, multiSourceSearch, secondsPerMetre } from '../geo/coverage-search.ts';
import { measureStations, type CoverageWorld } from '../geo/coverage.ts';
import { snap } from '../geo/router.ts';
import type { UtilisationFold } from './unit-utilisation.ts';

export interface CoverageReach {
  targetMinutes: number;
  /** Station ids counted (the 'station' measure of seeds/coverage.yaml) and the samples each reaches. */
  stationIds: string[];
  reach: Int32Array[];
  /** People of each lattice sample, and all of them. */
  people: Float64Array;
  totalPeople: number;
}

/** What every counted station reaches within the station target (day turnout included when configured). */
export function computeCoverageReach(world: CoverageWorld, roads: RoadNetwork, config: CoverageConfig): CoverageReach {
  const lattice = sampleLattice(world.region, roads, config.samplesPerCellSide);
  const m = config.measures.station;
  const limit = m.targetMinutes * 60;
  const vehicle = config.speedClass;
  const spm = secondsPerMetre(roads, vehicle);
  const perSample = 1 / (lattice.n * lattice.n);
  const people = new Float64Array(lattice.count);
  let totalPeople = 0;
  for (let k = 0; k < lattice.count; k++) {
    people[k] = world.region.cells[lattice.cell[k]!]!.population * perSample;
    totalPeople += people[k]!;
  }
  const stations = measureStations(world, config, 'station');
  const reach = stations.map((st) => {
    const s = snap(roads, st.location);
    const turnout = config.turnoutIncluded ? world.doctrine.turnoutSeconds[st.kind].day : 0;
    const search = multiSourceSearch(roads, [{ node: s.node, startSeconds: turnout + accessSeconds(s.offRoadM, world.doctrine, vehicle), label: 0 }], spm, limit);
    const inside: number[] = [];
    for (let k = 0; k < lattice.count; k++) {
      if (search.seconds[lattice.node[k]!]! + accessSeconds(lattice.offRoadM[k]!, world.doctrine, vehicle) <= limit + 1e-9) inside.push(k);
    }
    return Int32Array.from(inside);
  });
  return { targetMinutes: m.targetMinutes, stationIds: stations.map((s) => s.id), reach, people, totalPeople };
}

export interface CoverageSampler {
  /** Feed each event's time before the utilisation fold sees it: samples falling before it are taken. */
  before(t: number): void;
  /** Share (0..1) at each sample time, and the sample times (sim seconds). */
  result(endMs: number): { everySeconds: number; shares: number[] };
}

/**
 * Shares already worked out for a reach, by the stations without a free unit: a sample depends only on
 * that set, which is nearly always empty or small, so replications of one world share the figures.
 */
const sharesByOutage = new WeakMap<CoverageReach, Map<string, number>>();
const MEMO_LIMIT = 50_000;

/** Samples coverage every `everyMs` from the utilisation fold's availability. */
export function createCoverageSampler(reach: CoverageReach, util: UtilisationFold, everyMs: number): CoverageSampler {
  const mark = new Uint8Array(reach.people.length);
  const shares: number[] = [];
  let memo = sharesByOutage.get(reach);
  if (!memo) sharesByOutage.set(reach, (memo = new Map()));
  let next = 0;
  let stamp = 0;
  const union = (): number => {
    // Fresh marks per sample; a counter avoids clearing the array each time.
    stamp = stamp === 255 ? 1 : stamp + 1;
    if (stamp === 1) mark.fill(0);
    let covered = 0;
    reach.stationIds.forEach((id, i) => {
      if (util.availableAt(id) <= 0) return;
      for (const k of reach.reach[i]!) {
        if (mark[k] === stamp) continue;
        mark[k] = stamp;
        covered += reach.people[k]!;
      }
    });
    return reach.totalPeople > 0 ? covered / reach.totalPeople : 0;
  };
  const sample = (): number => {
    let key = '';
    for (let i = 0; i < reach.stationIds.length; i++) if (util.availableAt(reach.stationIds[i]!) <= 0) key += `${i},`;
    let share = memo.get(key);
    if (share === undefined) {
      share = union();
      if (memo.size >= MEMO_LIMIT) memo.clear();
      memo.set(key, share);
    }
    return share;
  };
  return {
    before(t: number) {
      while (next < t) {
        shares.push(sample());
        next += everyMs;
      }
    },
    result(endMs: number) {
      while (next <= endMs) {
        shares.push(sample());
        next += everyMs;
      }
      return { everySeconds: everyMs / 1000, shares };
    },
  };
}
