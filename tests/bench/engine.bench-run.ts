// Engine bench: a whole simulated year in-process, with the background load scaled so the year holds
// at least 20,000 incidents, folded into the run summary and the log hash exactly as `sim run` does.
// Prints one JSON object: throughput, peak memory, CPU time, the machine's load, and the figures
// that show the run was sane. `--travel roads` (default), `great-circle`, or `both` (one object
// with a run per travel model, each in a fresh engine on the same world).
import { parseArgs } from 'node:util';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { DomainEvent } from '../../shared/events.ts';
import { createEngine } from '../../server/engine/engine.ts';
import { greatCircleTravel } from '../../server/engine/kernel/great-circle-travel.ts';
import type { World } from '../../server/engine/types.ts';
import type { Scenario } from '../../shared/schemas/scenario.ts';
import { loadWorld } from '../../server/scenario/load-world.ts';
import { loadScenario } from '../../server/scenario/load-scenario.ts';
import { backgroundCallsPerYear, createBackgroundCalls } from '../../server/scenario/call-generator.ts';
import { createRunSummary } from '../../server/metrics/summary.ts';
import { createLogHasher } from '../../server/metrics/log-hash.ts';

const SCENARIO = 'scenarios/normal-year.yaml';
/** A little above 20,000 so a Poisson draw falls short only about 1 time in 2,000 (3.5 σ). */
const TARGET_INCIDENTS = 20_500;
const HOUR_MS = 3_600_000;
const YEAR_MS = 365 * 24 * HOUR_MS;

/** A progress line on stderr every 30 sim days, so a slow run shows it is moving (stdout stays one JSON object). */
const PROGRESS_EVERY_MS = 30 * 24 * HOUR_MS;
const progress = (t: number, events: number, wallMs: number): void => {
  process.stderr.write(`engine bench: day ${t / (24 * HOUR_MS)}, ${events} events, ${(wallMs / 1000).toFixed(1)} s\n`);
};

const round = (v: number, digits = 1): number => Number(v.toFixed(digits));

type Travel = 'roads' | 'great-circle';

export async function runEngineBench(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      seed: { type: 'string' },
      incidents: { type: 'string', default: String(TARGET_INCIDENTS) },
      'seeds-dir': { type: 'string', default: 'seeds' },
      travel: { type: 'string', default: 'roads' },
    },
  });
  const travels: Travel[] = values.travel === 'both' ? ['roads', 'great-circle'] : [values.travel as Travel];
  if (!travels.every((t) => t === 'roads' || t === 'great-circle')) throw new Error(`--travel ${values.travel}: expected roads, great-circle or both`);
  const target = Number(values.incidents);
  const loadStart = performance.now();
  const bare = loadScenario(SCENARIO);
  const world = loadWorld({ seedsDir: values['seeds-dir'], regionId: bare.region });
  const loaded = loadScenario(SCENARIO, world);
  const base = backgroundCallsPerYear(world, { background: { ...loaded.background, scale: 1 } }) * (loaded.duration / YEAR_MS);
  const scale = Math.max(loaded.background.scale, Math.ceil(target / base));
  const scenario = { ...loaded, background: { ...loaded.background, enabled: true, scale } };
  const loadSeconds = (performance.now() - loadStart) / 1000;
  const seed = values.seed === undefined ? scenario.seed : Number(values.seed);

  const runs = travels.map((travel) => ({ travel, ...runYear(world, scenario, seed, travel) }));
  const head = {
    bench: 'engine',
    // The machine is shared: its load average beside the figures says how noisy they are.
    loadAverage: loadavg().map((x) => round(x, 2)),
    seed,
    scale,
    expectedIncidents: Math.round(base * scale),
    loadSeconds: round(loadSeconds, 2),
    peakRssMB: round(process.resourceUsage().maxRSS / 1024),
    node: process.version,
  };
  const out = runs.length === 1 ? { ...head, ...runs[0] } : { ...head, runs };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

const cpuMs = (u: NodeJS.CpuUsage): number => (u.user + u.system) / 1000;

/** One year on one travel model: wall and CPU time of the engine and of the fold + hash apart. */
function runYear(world: World, scenario: Scenario, seed: number, travel: Travel) {
  const engine = createEngine({
    world, scenario, seed, background: createBackgroundCalls(world, scenario),
    ...(travel === 'great-circle' ? { travel: greatCircleTravel(world.doctrine) } : {}),
  });
  const fold = createRunSummary(world);
  const hasher = createLogHasher();
  // Time inside the engine and time folding/hashing its output are reported apart: routed legs make
  // events larger, and serialising them for the hash is the bench's cost, not the engine's. Only the
  // wall clock is read around each hour's fold (performance.now costs nanoseconds; process.cpuUsage
  // is a system call of several microseconds, and reading it twice an hour cost a tenth of a second
  // a year): the CPU time is read once for the whole year and split in the ratio of the wall times.
  let foldMs = 0;
  const feed = (events: DomainEvent[]): void => {
    const f0 = performance.now();
    for (const e of events) {
      fold.add(e);
      hasher.add(e);
    }
    foldMs += performance.now() - f0;
  };

  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  feed(engine.start());
  const end = engine.endsAt;
  for (let t = Math.min(HOUR_MS, end); ; t = Math.min(t + HOUR_MS, end)) {
    feed(engine.advanceTo(t));
    // The event count, not the summary's incident count: a summary sorts every sample taken so far.
    if (t % PROGRESS_EVERY_MS === 0 && t < end) progress(t, hasher.count, performance.now() - t0);
    if (t >= end) break;
  }
  const logHash = hasher.hex();
  const s = fold.result(engine.now);
  const wallSeconds = (performance.now() - t0) / 1000;
  const cpuSeconds = cpuMs(process.cpuUsage(cpu0)) / 1000;
  const foldCpuSeconds = cpuSeconds * (foldMs / 1000 / wallSeconds);
  return {
    incidents: s.incidents,
    events: s.events,
    simulatedDays: round(s.simulatedSeconds / 86_400, 2),
    wallSeconds: round(wallSeconds, 2),
    engineSeconds: round(wallSeconds - foldMs / 1000, 2),
    foldAndHashSeconds: round(foldMs / 1000, 2),
    cpuSeconds: round(cpuSeconds, 2),
    // Split of cpuSeconds in the ratio of the wall times (see feed above).
    engineCpuSeconds: round(cpuSeconds - foldCpuSeconds, 2),
    foldAndHashCpuSeconds: round(foldCpuSeconds, 2),
    withinTarget: wallSeconds <= 3.0,
    eventsPerSecond: Math.round(s.events / wallSeconds),
    incidentsPerSecond: Math.round(s.incidents / wallSeconds),
    logHash,
    vehiclesPerDispatch: s.vehiclesPerDispatch === null ? null : round(s.vehiclesPerDispatch, 2),
    firstArrivalWithin5min: s.firstArrivalWithin5min === null ? null : round(s.firstArrivalWithin5min, 4),
  };
}
