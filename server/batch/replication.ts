// One replication: the scenario run headless on one seed, folded into what a batch needs (the run
// summary, a record per incident, unit utilisation and station concurrency, coverage over time) and
// the log hash. A ReplicationContext holds everything that does not change between seeds (the world
// with its road network and cached route trees, the background call source, what each station
// reaches for the coverage samples), so a worker builds it once and runs many seeds on it.
import { performance } from 'node:perf_hooks';
import type { DomainEvent } from '../../shared/events.ts';
import type { Scenario } from '../../shared/schemas/scenario.ts';
import type { CoverageConfig } from '../../shared/schemas/coverage.ts';
import { createEngine } from '../engine/engine.ts';
import { engineConfigFor } from '../scenario/engine-config.ts';
import type { BackgroundCallSource, TravelTimeModel, World } from '../engine/types.ts';
import { createBackgroundCalls } from '../scenario/call-generator.ts';
import { createRunSummary, type RunSummary } from '../metrics/summary.ts';
import { createLogHasher } from '../metrics/log-hash.ts';
import { createIncidentRecordFold, type IncidentRecord } from '../metrics/incident-records.ts';
import { createUtilisationFold, type StationUtilisation } from '../metrics/unit-utilisation.ts';
import { computeCoverageReach, createCoverageSampler, type CoverageReach } from '../metrics/coverage-over-time.ts';

const HOUR_MS = 3_600_000;

export interface ReplicationContext {
  world: World;
  scenario: Scenario;
  background?: BackgroundCallSource;
  /** A travel model of the caller's (the verification worlds); default: the engine's own. */
  travel?: TravelTimeModel;
  coverage?: CoverageReach;
  coverageEveryMs: number;
  /** Stop the run here (sim ms) instead of the scenario's end. */
  untilMs?: number;
}

export interface ContextOptions {
  coverage?: CoverageConfig;
  coverageEveryMs?: number;
  untilMs?: number;
  travel?: TravelTimeModel;
  background?: BackgroundCallSource;
}

export function prepareReplication(world: World, scenario: Scenario, opts: ContextOptions = {}): ReplicationContext {
  const background = opts.background ?? (scenario.background.enabled ? createBackgroundCalls(world, scenario) : undefined);
  const coverage = opts.coverage && world.roads ? computeCoverageReach(world, world.roads, opts.coverage) : undefined;
  return {
    world,
    scenario,
    ...(background ? { background } : {}),
    ...(opts.travel ? { travel: opts.travel } : {}),
    ...(coverage ? { coverage } : {}),
    coverageEveryMs: opts.coverageEveryMs ?? HOUR_MS,
    ...(opts.untilMs !== undefined ? { untilMs: opts.untilMs } : {}),
  };
}

export interface ReplicationResult {
  seed: number;
  logHash: string;
  summary: RunSummary;
  incidents: IncidentRecord[];
  stations: StationUtilisation[];
  /** Share of people within the station target of an available unit, every `everySeconds`. */
  coverage: { everySeconds: number; shares: number[] } | null;
  /** Wall time of this replication in the process that ran it (not part of the result's identity). */
  wallMs: number;
}

export function runReplication(ctx: ReplicationContext, seed: number): ReplicationResult {
  const t0 = performance.now();
  // The same configuration as `sim run` (hazard models included), with the context's reused call source.
  const engine = createEngine({
    ...engineConfigFor(ctx.world, ctx.scenario, { seed, ...(ctx.background ? { background: ctx.background } : {}) }),
    ...(ctx.travel ? { travel: ctx.travel } : {}),
  });
  const summary = createRunSummary(ctx.world);
  const hasher = createLogHasher();
  const records = createIncidentRecordFold(ctx.world);
  const util = createUtilisationFold(ctx.world);
  const sampler = ctx.coverage ? createCoverageSampler(ctx.coverage, util, ctx.coverageEveryMs) : undefined;
  const end = Math.min(ctx.untilMs ?? Number.POSITIVE_INFINITY, engine.endsAt);
  const take = (events: readonly DomainEvent[]): void => {
    hasher.addAll(events);
    for (const e of events) {
      sampler?.before(e.t);
      summary.add(e);
      records.add(e);
      util.add(e);
    }
  };
  take(engine.start());
  for (let t = Math.min(HOUR_MS * 24, end); ; t = Math.min(t + HOUR_MS * 24, end)) {
    take(engine.advanceTo(t));
    if (t >= end) break;
  }
  return {
    seed,
    logHash: hasher.hex(),
    summary: summary.result(engine.now),
    incidents: records.records(),
    stations: util.result(engine.now).byStation,
    coverage: sampler ? sampler.result(engine.now) : null,
    wallMs: performance.now() - t0,
  };
}
