// The batch summary: replications (one per seed, in seed order) folded into estimates with 95 %
// Student-t intervals for every per-run metric, pooled percentiles of the time segments over every
// incident of every run, breakdowns (tier, station, jurisdiction, type, grade, hour of day, day /
// night), station utilisation and concurrency, coverage over time, and compliance with a target set.
// Variants run on the same seeds are compared with the baseline replication by replication (paired).
import { createHash } from 'node:crypto';
import type { TargetSet } from '../../shared/schemas/targets.ts';
import type { World } from '../engine/types.ts';
import { SEGMENT_KEYS, type SegmentKey } from '../metrics/time-segments.ts';
import { percentileOfSorted } from '../metrics/percentiles.ts';
import { estimate, pairedDifference, type Difference, type Estimate } from '../metrics/statistics.ts';
import type { IncidentRecord } from '../metrics/incident-records.ts';
import { tallyTargets, tallyValues, targetValues, type TargetTally } from '../metrics/target-compliance.ts';
import type { ReplicationResult } from './replication.ts';

export interface PooledSegment {
  count: number;
  p50: number | null;
  p90: number | null;
  p95: number | null;
}

export interface BreakdownRow {
  key: string;
  /** Incidents per run (mean) and in all runs. */
  incidentsPerRun: number;
  incidents: number;
  /** Pooled dispatch → first arrival and total response, seconds. */
  dispatchToFirstArrivalP50: number | null;
  dispatchToFirstArrivalP90: number | null;
  totalResponseP90: number | null;
  /** Share of incidents with an arrival whose dispatch → first arrival met the 5-minute target. */
  withinTarget: number | null;
}

export const BREAKDOWNS = ['tier', 'station', 'jurisdiction', 'type', 'grade', 'hour', 'dayNight'] as const;
export type BreakdownKey = (typeof BREAKDOWNS)[number];

export interface StationEstimate {
  stationId: string;
  units: number;
  utilisation: Estimate;
  /** Mean over runs of the share of time exactly k units were busy. */
  concurrency: number[];
}

export interface TargetEstimate {
  id: string;
  nameZh: string;
  nameEn: string;
  seconds: number;
  percentile: number;
  /** Share within the limit, per run. */
  share: Estimate;
  /** All runs pooled. */
  pooled: TargetTally;
}

export interface BatchSummary {
  scenario: string;
  runs: number;
  seeds: number[];
  /** SHA-256 over the log hashes in seed order: equal ⇔ the same replications. */
  runsDigest: string;
  metrics: Record<string, Estimate>;
  segments: Record<SegmentKey, PooledSegment>;
  breakdowns: Record<BreakdownKey, BreakdownRow[]>;
  stations: StationEstimate[];
  coverage: { everySeconds: number; mean: Estimate; min: Estimate; meanBySample: number[] } | null;
  targets: { name: string; nameZh: string; targets: TargetEstimate[] } | null;
}

export interface VariantComparison {
  name: string;
  summary: BatchSummary;
  /** variant − baseline, paired on seeds, for every per-run metric. */
  differences: Record<string, Difference>;
}

/** The per-run metrics every estimate and paired difference is made of (null when a run has none). */
export function runMetrics(r: ReplicationResult): Record<string, number | null> {
  const s = r.summary;
  const m: Record<string, number | null> = {
    incidents: s.incidents,
    dispatches: s.dispatches,
    vehiclesPerDispatch: s.vehiclesPerDispatch,
    personnelPerDispatch: s.personnelPerDispatch,
    firstArrivalWithin5min: s.firstArrivalWithin5min,
    escalations: s.escalations,
    shortfalls: s.shortfalls,
    rescued: s.rescued,
    dead: s.dead,
  };
  for (const k of SEGMENT_KEYS) {
    const seg = s.segments[k];
    m[`${k}.p50`] = seg.p50;
    m[`${k}.p90`] = seg.p90;
    let sum = 0;
    let n = 0;
    for (const rec of r.incidents) {
      const v = rec.segments[k];
      if (v !== undefined) { sum += v; n++; }
    }
    m[`${k}.mean`] = n > 0 ? sum / n : null;
  }
  let units = 0;
  let busy = 0;
  for (const st of r.stations) { units += st.units; busy += st.utilisation * st.units; }
  m.utilisation = units > 0 ? busy / units : null;
  m.coverage = r.coverage && r.coverage.shares.length > 0 ? r.coverage.shares.reduce((a, b) => a + b, 0) / r.coverage.shares.length : null;
  return m;
}

function pooled(values: number[]): PooledSegment {
  const s = Float64Array.from(values).sort();
  return { count: s.length, p50: percentileOfSorted(s, 50) ?? null, p90: percentileOfSorted(s, 90) ?? null, p95: percentileOfSorted(s, 95) ?? null };
}

function keyOf(rec: IncidentRecord, by: BreakdownKey): string | null {
  switch (by) {
    case 'tier': return rec.firstTier;
    case 'station': return rec.homeStationId;
    case 'jurisdiction': return rec.jurisdictionId;
    case 'type': return rec.type;
    case 'grade': return rec.grade;
    case 'hour': return String(rec.hour).padStart(2, '0');
    case 'dayNight': return rec.night ? 'night' : 'day';
  }
}

function breakdown(results: readonly ReplicationResult[], by: BreakdownKey, targetSeconds: number): BreakdownRow[] {
  const groups = new Map<string, { n: number; d: number[]; tr: number[] }>();
  for (const r of results) {
    for (const rec of r.incidents) {
      const key = keyOf(rec, by) ?? 'none';
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { n: 0, d: [], tr: [] }));
      g.n++;
      if (rec.segments.dispatchToFirstArrival !== undefined) g.d.push(rec.segments.dispatchToFirstArrival);
      if (rec.segments.totalResponse !== undefined) g.tr.push(rec.segments.totalResponse);
    }
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, g]) => {
      const d = Float64Array.from(g.d).sort();
      const tr = Float64Array.from(g.tr).sort();
      let within = 0;
      for (const v of d) if (v <= targetSeconds) within++;
      return {
        key,
        incidentsPerRun: results.length > 0 ? g.n / results.length : 0,
        incidents: g.n,
        dispatchToFirstArrivalP50: percentileOfSorted(d, 50) ?? null,
        dispatchToFirstArrivalP90: percentileOfSorted(d, 90) ?? null,
        totalResponseP90: percentileOfSorted(tr, 90) ?? null,
        withinTarget: d.length > 0 ? within / d.length : null,
      };
    });
}

export function aggregate(world: World, scenarioName: string, results: readonly ReplicationResult[], targets?: TargetSet): BatchSummary {
  const ordered = [...results].sort((a, b) => a.seed - b.seed);
  const target = world.doctrine.targets.firstArrivalSeconds;
  const perRun = ordered.map((r) => runMetrics(r));
  const names = perRun.length > 0 ? Object.keys(perRun[0]!) : [];
  const metrics = Object.fromEntries(names.map((k) => [k, estimate(perRun.map((m) => m[k]))]));

  const segments = Object.fromEntries(
    SEGMENT_KEYS.map((k) => {
      const all: number[] = [];
      for (const r of ordered) for (const rec of r.incidents) { const v = rec.segments[k]; if (v !== undefined) all.push(v); }
      return [k, pooled(all)];
    }),
  ) as Record<SegmentKey, PooledSegment>;

  const breakdowns = Object.fromEntries(BREAKDOWNS.map((b) => [b, breakdown(ordered, b, target)])) as Record<BreakdownKey, BreakdownRow[]>;

  const stations: StationEstimate[] = world.region.stations
    .filter((s) => s.units.length > 0)
    .map((s) => {
      const rows = ordered.map((r) => r.stations.find((x) => x.stationId === s.id)).filter((x) => x !== undefined);
      const concurrency = new Array<number>(s.units.length + 1).fill(0);
      for (const row of rows) row.concurrency.forEach((v, k) => { if (k < concurrency.length) concurrency[k]! += v / rows.length; });
      return { stationId: s.id, units: s.units.length, utilisation: estimate(rows.map((x) => x.utilisation)), concurrency };
    });

  let coverage: BatchSummary['coverage'] = null;
  const withCoverage = ordered.filter((r) => r.coverage !== null);
  if (withCoverage.length > 0) {
    const len = Math.max(...withCoverage.map((r) => r.coverage!.shares.length));
    const meanBySample = new Array<number>(len).fill(0);
    const counts = new Array<number>(len).fill(0);
    for (const r of withCoverage) r.coverage!.shares.forEach((v, i) => { meanBySample[i]! += v; counts[i]!++; });
    coverage = {
      everySeconds: withCoverage[0]!.coverage!.everySeconds,
      mean: estimate(withCoverage.map((r) => r.coverage!.shares.reduce((a, b) => a + b, 0) / Math.max(1, r.coverage!.shares.length))),
      min: estimate(withCoverage.map((r) => Math.min(...r.coverage!.shares))),
      meanBySample: meanBySample.map((v, i) => (counts[i]! > 0 ? v / counts[i]! : 0)),
    };
  }

  let targetSummary: BatchSummary['targets'] = null;
  if (targets) {
    const kinds = new Map(world.region.jurisdictions.map((j) => [j.id, j.kind]));
    const kindOf = (id: string) => kinds.get(id);
    const perRunTallies = ordered.map((r) => tallyTargets(targets, r.incidents, kindOf));
    const all = ordered.flatMap((r) => r.incidents);
    targetSummary = {
      name: targets.name,
      nameZh: targets.nameZh,
      targets: targets.targets.map((t, i) => ({
        id: t.id, nameZh: t.nameZh, nameEn: t.nameEn, seconds: t.seconds, percentile: t.percentile,
        share: estimate(perRunTallies.map((ts) => ts[i]!.share)),
        pooled: tallyValues(t, targetValues(all, t, kindOf)),
      })),
    };
  }

  const digest = createHash('sha256');
  for (const r of ordered) digest.update(`${r.seed}:${r.logHash}\n`);
  return {
    scenario: scenarioName,
    runs: ordered.length,
    seeds: ordered.map((r) => r.seed),
    runsDigest: digest.digest('hex'),
    metrics,
    segments,
    breakdowns,
    stations,
    coverage,
    targets: targetSummary,
  };
}

/** Paired differences variant − baseline for every per-run metric (both sides on the same seeds). */
export function compare(baseline: readonly ReplicationResult[], variant: readonly ReplicationResult[]): Record<string, Difference> {
  const bySeed = new Map(variant.map((r) => [r.seed, r]));
  const a = [...baseline].sort((x, y) => x.seed - y.seed);
  const pairs = a.filter((r) => bySeed.has(r.seed));
  const ma = pairs.map((r) => runMetrics(r));
  const mb = pairs.map((r) => runMetrics(bySeed.get(r.seed)!));
  const names = ma.length > 0 ? Object.keys(ma[0]!) : [];
  return Object.fromEntries(names.map((k) => [k, pairedDifference(ma.map((m) => m[k]), mb.map((m) => m[k]))]));
}
